"""Issuing and revoking JSON API bearer tokens (run by `manage.py api_token`).

A token is 32 random bytes (URL-safe base64). Only its SHA-256 digest is stored, so a copy of the database does not
hand anyone a working token; the token itself is shown once, when issued. Every issue and revoke is an AuditEvent.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils import timezone

from safecontext.access.permissions import Permission, has_permission
from safecontext.accounts.api_auth import token_digest
from safecontext.accounts.models import ApiToken, User
from safecontext.audit.actions import record_change
from safecontext.core.actions_base import action

DEFAULT_DAYS = 30
# A long-lived token is a standing risk if it leaks; a year is the most we allow (re-issue when it runs out).
MAX_DAYS = 365


class ApiTokenRefused(Exception):
    """The token was not issued; the message says why, in words an administrator can act on."""


@action
def issue_api_token(*, user: User, days: int = DEFAULT_DAYS, by: User | None) -> str:
    """Issue a bearer token for `user`, valid for `days`, and return it. It cannot be shown again."""
    if not user.is_active:
        raise ApiTokenRefused(f"{user.username} is disabled, so cannot be given an API token.")
    if not has_permission(user, Permission.USE_API):
        raise ApiTokenRefused(f"{user.username}'s role ({user.role_label}) does not allow use of the API.")
    if not 1 <= days <= MAX_DAYS:
        raise ApiTokenRefused(f"A token must last between 1 and {MAX_DAYS} days (asked for {days}).")
    token = secrets.token_urlsafe(32)
    expires_at = timezone.now() + dt.timedelta(days=days)
    api_token = ApiToken.objects.create(user=user, digest=token_digest(token), expires_at=expires_at)
    record_change(
        by=by,
        action="api_token.issued",
        target=api_token,
        after={"user": user.username, "expires_at": expires_at},
    )
    return token


@action
def revoke_api_token(*, api_token: ApiToken, by: User | None, reason: str = "") -> None:
    """Revoke one token: it stops working on the next request."""
    if api_token.revoked:
        return
    api_token.revoked = True
    api_token.save(update_fields=["revoked"])
    record_change(
        by=by,
        action="api_token.revoked",
        target=api_token,
        before={"revoked": False},
        after={"revoked": True, "user": api_token.user.username},
        reason=reason,
    )


def active_tokens(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user, revoked=False, expires_at__gt=timezone.now()))
