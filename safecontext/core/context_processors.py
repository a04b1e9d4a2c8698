from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from safecontext.access.permissions import Permission, permissions_for


def header(request: HttpRequest) -> dict[str, Any]:
    """What the header needs: the signed-in user's name, role and team, and which navigation items to show."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"header_user": None, "perms_": frozenset()}
    return {
        "header_user": user,
        "perms_": {permission.name for permission in permissions_for(user)},
        "Permission": Permission,
    }
