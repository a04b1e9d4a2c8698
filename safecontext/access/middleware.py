from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from safecontext.access.permissions import has_permission
from safecontext.access.url_policy import Audience, policy_for


class UrlPolicyMiddleware:
    """Enforce access/url_policy.py on pages before the view runs.

    Fail closed: a page with no policy answers 404. Lacking the permission also answers 404 — the same as a record
    one may not see — so the shape of the system is not revealed to a user who has no business there.
    API routes authenticate with a bearer token inside django-ninja and check their own permission and scope.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or request.path.startswith("/static/"):
            return None
        policy = policy_for(match.view_name)
        if policy is None:
            raise Http404("Page not found")
        if policy.audience in {Audience.PUBLIC, Audience.API_TOKEN} or match.view_name.startswith("api:"):
            return None
        if not request.user.is_authenticated:
            return None  # LoginRequiredMiddleware has already sent anonymous users to sign in
        if policy.permission is not None and not has_permission(request.user, policy.permission):
            raise Http404("Page not found")
        return None
