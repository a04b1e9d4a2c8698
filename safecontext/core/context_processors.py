from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from safecontext.access.permissions import Permission, permissions_for


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: Permission | None = None  # None: every signed-in user


P = Permission
# The service navigation, in the order a practitioner's day runs; each item shows only to those who may use it
# (the URL policy would answer 404 anyway: hiding the link just keeps the menu honest).
NAV_ITEMS = (
    NavItem("My work", "core:home"),
    NavItem("Find a person", "people:search", P.VIEW_PEOPLE),
    NavItem("Front door", "front_door:queue", P.RECORD_REFERRALS),
    NavItem("Meetings", "meetings:list", P.VIEW_MEETINGS),
    NavItem("Visits due", "cases:my_visits", P.RECORD_CASEWORK),
    NavItem("Context cases", "contexts:case_list", P.VIEW_CONTEXT_CASES),
    NavItem("Partners register", "context_plans:partners", P.VIEW_CONTEXT_CASES),
    NavItem("Network analytics", "analytics:index", P.VIEW_ANALYTICS),
    NavItem("Supervision", "supervision:index"),
    NavItem("Supervision dashboard", "supervision:dashboard", P.VIEW_OVERSIGHT_DASHBOARDS),
    NavItem("Sharing dashboard", "sharing:dashboard", P.VIEW_OVERSIGHT_DASHBOARDS),
    NavItem("Emergency access", "access:break_glass", P.BREAK_GLASS),
    NavItem("Access reviews", "access:break_glass_reviews", P.REVIEW_BREAK_GLASS),
    NavItem("Change password", "accounts:change_password"),
)


def header(request: HttpRequest) -> dict[str, Any]:
    """What the header needs: the signed-in user's name, role and team, and the navigation items they may use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"header_user": None, "perms_": frozenset(), "nav_items": ()}
    permissions = permissions_for(user)
    return {
        "header_user": user,
        "perms_": {permission.name for permission in permissions},
        "Permission": Permission,
        "nav_items": [item for item in NAV_ITEMS if item.permission is None or item.permission in permissions],
    }
