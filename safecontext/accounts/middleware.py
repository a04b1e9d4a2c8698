"""Session limits and sign-in enforcement (see docs/adr/0005-sign-in.md).

The cookie's age (SESSION_COOKIE_AGE, renewed on every request) already ends an idle session in the browser, but a
cookie is the client's to keep: the limits are enforced here too, from times kept in the server-side session.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils import timezone

from safecontext.accounts.actions import record_sign_out

# Session keys. Times are whole seconds since the epoch (the session is stored as JSON).
SIGNED_IN_AT = "sc_signed_in_at"
LAST_ACTIVITY = "sc_last_activity"
SIGNED_OUT_REASON = "sc_signed_out_reason"


class SessionEnd(enum.StrEnum):
    IDLE = "idle"
    ABSOLUTE = "absolute"
    UNKNOWN_START = "unknown_start"  # a session with no recorded sign-in time: not one we started, so not trusted


def session_end(
    *, now: int, signed_in_at: Any, last_activity: Any, idle_seconds: int, absolute_seconds: int
) -> SessionEnd | None:
    """Why a session must end now, or None while it may go on."""
    if not isinstance(signed_in_at, int) or not isinstance(last_activity, int):
        return SessionEnd.UNKNOWN_START
    if now - signed_in_at > absolute_seconds:
        return SessionEnd.ABSOLUTE
    if now - last_activity > idle_seconds:
        return SessionEnd.IDLE
    return None


def sign_out_message(reason: str) -> str:
    """What the sign-in page tells someone whose session was ended for them."""
    if reason == SessionEnd.IDLE:
        return f"You were signed out after {_duration(settings.SESSION_COOKIE_AGE)} without activity. Sign in again."
    if reason == SessionEnd.ABSOLUTE:
        return f"You were signed out after {_duration(settings.SESSION_ABSOLUTE_SECONDS)}. Sign in again."
    return "Your session has ended. Sign in again."


def _duration(seconds: int) -> str:
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return f"{hours} hour{'s' if hours != 1 else ''}"
    minutes = max(1, seconds // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def _now() -> int:
    return int(timezone.now().timestamp())


def start_session_clock(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    """On every sign-in (the `user_logged_in` signal, so test clients' force_login is covered too)."""
    now = _now()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_ACTIVITY] = now


class SessionLimitsMiddleware:
    """Sign out a session idle for longer than SESSION_COOKIE_AGE, or older than SESSION_ABSOLUTE_SECONDS.

    The person is then an anonymous visitor, so LoginRequiredMiddleware sends them to sign-in, which says why.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = _now()
            reason = session_end(
                now=now,
                signed_in_at=request.session.get(SIGNED_IN_AT),
                last_activity=request.session.get(LAST_ACTIVITY),
                idle_seconds=settings.SESSION_COOKIE_AGE,
                absolute_seconds=settings.SESSION_ABSOLUTE_SECONDS,
            )
            if reason is None:
                request.session[LAST_ACTIVITY] = now
            else:
                record_sign_out(user=request.user, reason=reason.value, by=None)  # type: ignore[arg-type]
                logout(request)  # flushes the session and its key
                request.session[SIGNED_OUT_REASON] = reason.value
        elif _session_expired_in_store(request):
            # The session store ends an idle session on its own (its expiry date is SESSION_COOKIE_AGE after the
            # last request), usually before the check above sees it: the browser still sends the cookie, but the
            # session it names is gone. Say why, so nobody thinks their work was thrown away for no reason.
            request.session[SIGNED_OUT_REASON] = SessionEnd.IDLE.value
        return self.get_response(request)


def _session_expired_in_store(request: HttpRequest) -> bool:
    """A session cookie came with the request, but the session store no longer holds (or never held) that session."""
    if request.path.startswith("/api/"):
        return False  # the API signs in with bearer tokens, not sessions
    sent = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    # Reading the session (done above, for request.user) clears its key when the store has no such session.
    return bool(sent) and request.session.session_key is None


# Paths anyone may reach without signing in. Everything else redirects to sign-in (pages) or answers 401 (API).
PUBLIC_PREFIXES = ("/account/sign-in/", "/static/", "/api/", "/accessibility/")


class LoginRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            if request.headers.get("HX-Request"):
                # htmx would swap the sign-in page into part of the current page: ask it to load the page whole.
                response = HttpResponse(status=204)
                response["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
                return response
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
