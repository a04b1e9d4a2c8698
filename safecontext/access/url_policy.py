"""Who may reach each URL, declared in one table (permissions as code).

Every named URL — pages and API routes — must appear here. `UrlPolicyMiddleware` enforces the page side before a
view runs (an unclassified page is unreachable: fail closed), and tests/access/test_permission_matrix.py walks the
URL configuration so that a new unclassified URL fails the suite. Record-level scope (is this person visible to
this user?) stays in access/scope.py, which every view and route uses to fetch records.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from safecontext.access.permissions import Permission


class Audience(StrEnum):
    PUBLIC = "public"  # anyone, signed in or not (the sign-in page, the API schema)
    SIGNED_IN = "signed_in"  # any signed-in user, whatever their role
    PERMISSION = "permission"  # a signed-in user holding `permission`
    RECORD = "record"  # holding `permission` AND able to see the record named in the URL (else 404)
    API_TOKEN = "api_token"  # an API route: a valid bearer token; `permission` and record scope checked by the route


@dataclass(frozen=True)
class UrlPolicy:
    audience: Audience
    permission: Permission | None = None
    # The HTTP methods the URL answers; others get 405. The matrix test only issues safe GETs.
    methods: tuple[str, ...] = ("GET",)


def public(*methods: str) -> UrlPolicy:
    return UrlPolicy(Audience.PUBLIC, methods=methods or ("GET",))


def signed_in(*methods: str) -> UrlPolicy:
    return UrlPolicy(Audience.SIGNED_IN, methods=methods or ("GET",))


def needs(permission: Permission, *methods: str) -> UrlPolicy:
    return UrlPolicy(Audience.PERMISSION, permission, methods=methods or ("GET",))


def record(permission: Permission, *methods: str) -> UrlPolicy:
    return UrlPolicy(Audience.RECORD, permission, methods=methods or ("GET",))


def api(permission: Permission | None, *methods: str, scoped: bool = False) -> UrlPolicy:
    return UrlPolicy(Audience.RECORD if scoped else Audience.API_TOKEN, permission, methods=methods or ("GET",))


P = Permission

URL_POLICIES: dict[str, UrlPolicy] = {
    # core
    "core:home": signed_in(),
    # accounts
    "accounts:sign_in": public("GET", "POST"),
    "accounts:sign_out": signed_in("POST"),
    "accounts:change_password": signed_in("GET", "POST"),
    # people
    "people:search": needs(P.VIEW_PEOPLE),
    "people:create": needs(P.CREATE_PEOPLE, "GET", "POST"),
    "people:detail": record(P.VIEW_PEOPLE),
    "people:edit": record(P.EDIT_PEOPLE, "GET", "POST"),
    "people:add_name": record(P.EDIT_PEOPLE, "GET", "POST"),
    "people:add_address": record(P.EDIT_PEOPLE, "GET", "POST"),
    "people:who_viewed": record(P.VIEW_WHO_VIEWED),
    # access
    "access:break_glass": needs(P.BREAK_GLASS, "GET", "POST"),
    "access:break_glass_reviews": needs(P.REVIEW_BREAK_GLASS),
    "access:break_glass_review": needs(P.REVIEW_BREAK_GLASS, "GET", "POST"),
    # front door (issue 3): referral pages check referral scope (access.scope.get_referral_for_user)
    "front_door:queue": needs(P.RECORD_REFERRALS),
    "front_door:overdue": needs(P.RECORD_REFERRALS),
    "front_door:new_referral": needs(P.RECORD_REFERRALS, "GET", "POST"),
    "front_door:duplicate_candidates": needs(P.RECORD_REFERRALS),
    "front_door:referral": needs(P.VIEW_REFERRALS),
    "front_door:screen": needs(P.SCREEN_REFERRALS, "GET", "POST"),
    "front_door:indicators": needs(P.SCREEN_REFERRALS),
    "front_door:linked": needs(P.SCREEN_REFERRALS),
    "front_door:decide_proposal": needs(P.SCREEN_REFERRALS, "POST"),
    # meetings: meeting pages check meeting scope (access.scope.get_meeting_for_user)
    "meetings:list": needs(P.VIEW_MEETINGS),
    "meetings:next_triage": needs(P.RUN_MEETINGS),
    "meetings:detail": needs(P.VIEW_MEETINGS),
    "meetings:add_attendee": needs(P.RUN_MEETINGS, "POST"),
    "meetings:item_decision": needs(P.RUN_MEETINGS, "GET", "POST"),
    "meetings:add_action": needs(P.RUN_MEETINGS, "GET", "POST"),
    "meetings:record_outcome": needs(P.RUN_MEETINGS, "GET", "POST"),
    # API (bearer token; routes check permission and scope themselves)
    "api:openapi-json": public(),
    "api:api-root": api(None),
    "api:me": api(None),
    "api:people_search": api(P.VIEW_PEOPLE),
    "api:person_create": api(P.CREATE_PEOPLE, "POST"),
    "api:person_detail": api(P.VIEW_PEOPLE, scoped=True),
    "api:person_update": api(P.EDIT_PEOPLE, "PATCH", scoped=True),
    "api:person_add_name": api(P.EDIT_PEOPLE, "POST", scoped=True),
    "api:person_add_address": api(P.EDIT_PEOPLE, "POST", scoped=True),
    "api:person_viewers": api(P.VIEW_WHO_VIEWED, scoped=True),
    "api:referrals_list": api(P.VIEW_REFERRALS),
    "api:referral_create": api(P.RECORD_REFERRALS, "POST"),
    "api:referral_detail": api(P.VIEW_REFERRALS, scoped=True),
}


# Issues 4-6: each app declares its own URLs' policies in its `policies.py` (one file per app, so the table stays
# readable), merged here. A name declared twice is a mistake, caught by tests/access/test_permission_matrix.py.
def _merge_app_policies() -> None:
    from importlib import import_module

    for app in APPS_WITH_POLICIES:
        for name, policy in import_module(f"safecontext.{app}.policies").URL_POLICIES.items():
            if name in URL_POLICIES:
                raise ValueError(f"The URL {name} has two policies (the second in safecontext/{app}/policies.py)")
            URL_POLICIES[name] = policy


APPS_WITH_POLICIES = (
    "cases",
    "contexts",
    "network",
    "context_plans",
    "analytics",
    "assessments",
    "genograms",
    "safety_plans",
    "supervision",
    "sharing",
)
_merge_app_policies()


def policy_for(url_name: str | None) -> UrlPolicy | None:
    return URL_POLICIES.get(url_name or "")
