"""Permissions as code (after job-server's `Permission` StrEnum and role classes).

A role grants a set of permissions and a record scope. Both are read from here only: views, API routes and
queries ask `has_permission(user, Permission.X)` and `scope_for(user)`, never the role itself.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from safecontext.accounts.roles import Role

if TYPE_CHECKING:
    from safecontext.accounts.models import User


class Permission(StrEnum):
    VIEW_PEOPLE = "view_people"
    CREATE_PEOPLE = "create_people"
    EDIT_PEOPLE = "edit_people"
    VIEW_RESTRICTED_ADDRESSES = "view_restricted_addresses"
    VIEW_WHO_VIEWED = "view_who_viewed"
    BREAK_GLASS = "break_glass"
    REVIEW_BREAK_GLASS = "review_break_glass"
    USE_API = "use_api"
    # The front door (issue 3)
    VIEW_REFERRALS = "view_referrals"
    RECORD_REFERRALS = "record_referrals"
    SCREEN_REFERRALS = "screen_referrals"
    VIEW_MEETINGS = "view_meetings"
    RUN_MEETINGS = "run_meetings"
    # Police-sourced information marked restricted on a referral, agenda item or meeting minutes.
    VIEW_RESTRICTED_INFORMATION = "view_restricted_information"
    # Contexts as cases and the network (issue 4)
    VIEW_CONTEXT_CASES = "view_context_cases"
    MANAGE_CONTEXT_CASES = "manage_context_cases"  # open, allocate, assess, weigh, plan, review
    VIEW_NETWORK = "view_network"  # the network map, centred on a person or context in scope
    EDIT_NETWORK = "edit_network"  # add, correct and end links
    VIEW_ANALYTICS = "view_analytics"  # clusters, hubs, hotspots across the service
    # Casework (issue 5)
    VIEW_CASES = "view_cases"
    RECORD_CASEWORK = "record_casework"  # notes, visits, assessments, safety plans, genograms, participation
    MANAGE_CASES = "manage_cases"  # open directly, allocate and reallocate, close
    # Supervision and sharing (issue 6)
    SUPERVISE = "supervise"  # hold supervision sessions with one's own supervisees
    VIEW_OVERSIGHT_DASHBOARDS = "view_oversight_dashboards"  # supervision and sharing dashboards
    RECORD_SHARING = "record_sharing"  # sharing records, and outbound documents that need one


class Scope(StrEnum):
    """Which records a role reaches (after Data Hub's all/associated and Primero's RecordScopeService)."""

    NONE = "none"  # nothing: administrators manage accounts, not children's records
    ALLOCATED = "allocated"  # cases allocated to the user or where the user is in the professional network
    TEAM = "team"  # cases held by the user's team
    SERVICE = "service"  # every record owned by the user's service
    ALL = "all"  # every record (data officers, for statutory returns)


P = Permission
_PRACTICE = {P.VIEW_PEOPLE, P.CREATE_PEOPLE, P.EDIT_PEOPLE, P.BREAK_GLASS, P.USE_API}
_CASEWORK = {
    P.VIEW_CASES,
    P.RECORD_CASEWORK,
    P.VIEW_CONTEXT_CASES,
    P.VIEW_NETWORK,
    P.EDIT_NETWORK,
    P.RECORD_SHARING,
}
_MANAGING = {P.MANAGE_CASES, P.MANAGE_CONTEXT_CASES, P.SUPERVISE, P.VIEW_OVERSIGHT_DASHBOARDS, P.VIEW_ANALYTICS}
_FRONT_DOOR = {
    P.VIEW_REFERRALS,
    P.RECORD_REFERRALS,
    P.SCREEN_REFERRALS,
    P.VIEW_MEETINGS,
    P.RUN_MEETINGS,
    P.VIEW_RESTRICTED_INFORMATION,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.FRONT_DOOR: frozenset(_PRACTICE | _FRONT_DOOR | {P.VIEW_NETWORK, P.VIEW_CONTEXT_CASES, P.VIEW_ANALYTICS}),
    # Social workers also lead Level 2 context work (a context case is allocated like a child's).
    Role.SOCIAL_WORKER: frozenset(
        _PRACTICE
        | _CASEWORK
        | {P.VIEW_RESTRICTED_ADDRESSES, P.VIEW_REFERRALS, P.VIEW_MEETINGS, P.MANAGE_CONTEXT_CASES, P.SUPERVISE}
    ),
    Role.YOUTH_WORKER: frozenset(
        {P.VIEW_PEOPLE, P.EDIT_PEOPLE, P.USE_API, P.VIEW_MEETINGS, P.VIEW_CASES, P.RECORD_CASEWORK, P.VIEW_NETWORK}
        | {P.VIEW_CONTEXT_CASES, P.RECORD_SHARING}
    ),
    Role.TEAM_MANAGER: frozenset(
        _PRACTICE
        | _FRONT_DOOR
        | _CASEWORK
        | _MANAGING
        | {P.VIEW_RESTRICTED_ADDRESSES, P.VIEW_WHO_VIEWED, P.REVIEW_BREAK_GLASS}
    ),
    Role.HEAD_OF_SERVICE: frozenset(
        {
            P.VIEW_PEOPLE,
            P.VIEW_RESTRICTED_ADDRESSES,
            P.VIEW_WHO_VIEWED,
            P.REVIEW_BREAK_GLASS,
            P.BREAK_GLASS,
            P.USE_API,
            P.VIEW_REFERRALS,
            P.VIEW_MEETINGS,
            P.VIEW_RESTRICTED_INFORMATION,
            P.VIEW_CASES,
            P.VIEW_CONTEXT_CASES,
            P.VIEW_NETWORK,
            P.VIEW_ANALYTICS,
            P.SUPERVISE,
            P.VIEW_OVERSIGHT_DASHBOARDS,
            P.RECORD_SHARING,
        }
    ),
    # Partner agencies take part in meetings and plans with tightly limited access: read what they are party to —
    # the meetings they attend and the referrals on those meetings' agendas, nothing else.
    Role.PARTNER_AGENCY: frozenset({P.VIEW_PEOPLE, P.VIEW_MEETINGS, P.VIEW_REFERRALS}),
    Role.DATA_OFFICER: frozenset({P.VIEW_PEOPLE, P.USE_API, P.VIEW_REFERRALS, P.VIEW_CASES}),
    Role.ADMINISTRATOR: frozenset(),
}

ROLE_SCOPES: dict[Role, Scope] = {
    Role.FRONT_DOOR: Scope.SERVICE,
    Role.SOCIAL_WORKER: Scope.TEAM,
    Role.YOUTH_WORKER: Scope.ALLOCATED,
    Role.TEAM_MANAGER: Scope.TEAM,
    Role.HEAD_OF_SERVICE: Scope.SERVICE,
    Role.PARTNER_AGENCY: Scope.ALLOCATED,
    Role.DATA_OFFICER: Scope.ALL,
    Role.ADMINISTRATOR: Scope.NONE,
}


def _role(user: User) -> Role | None:
    if not user.is_authenticated or not user.is_active or not user.role:
        return None
    return Role(user.role)


def permissions_for(user: User) -> frozenset[Permission]:
    role = _role(user)
    return ROLE_PERMISSIONS[role] if role else frozenset()


def has_permission(user: User, permission: Permission) -> bool:
    return permission in permissions_for(user)


def scope_for(user: User) -> Scope:
    role = _role(user)
    return ROLE_SCOPES[role] if role else Scope.NONE
