"""Session limits and sign-in enforcement. (Stub: the sign-in work fills in the idle/absolute limits.)"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.contrib.auth.views import redirect_to_login


class SessionLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)


# Paths anyone may reach without signing in. Everything else redirects to sign-in (pages) or answers 401 (API).
PUBLIC_PREFIXES = ("/account/sign-in/", "/static/", "/api/", "/accessibility/")


class LoginRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
