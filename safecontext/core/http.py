"""Small helpers every page view uses, written once."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.http import Http404, HttpRequest

from safecontext.access.permissions import Permission, has_permission

if TYPE_CHECKING:
    from safecontext.accounts.models import User


def signed_in_user(request: HttpRequest) -> User:
    """The user of a page request. LoginRequiredMiddleware has already sent anonymous visitors to sign in."""
    return cast("User", request.user)


def token_user(request: HttpRequest) -> User:
    """The user of an API request, as the bearer token authenticated them (accounts/api_auth.py)."""
    return cast("User", request.auth)  # type: ignore[attr-defined]


def require_permission(user: User, permission: Permission) -> None:
    """A page the user's role cannot use answers 404, like a record they may not see (docs/adr/0009)."""
    if not has_permission(user, permission):
        raise Http404("Page not found")


def is_htmx(request: HttpRequest) -> bool:
    """An htmx request for a fragment — but not htmx restoring history, which needs the whole page."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-History-Restore-Request")
