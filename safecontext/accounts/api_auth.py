from __future__ import annotations

import hashlib
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from safecontext.access.permissions import Permission, has_permission
from safecontext.accounts.models import ApiToken


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`. A revoked or expired token, or a disabled user, is refused (401)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            api_token = ApiToken.objects.select_related("user__team__service").get(
                digest=token_digest(token), revoked=False, expires_at__gt=timezone.now()
            )
        except ApiToken.DoesNotExist:
            return None
        user = api_token.user
        if not user.is_active or not has_permission(user, Permission.USE_API):
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = user
        return user
