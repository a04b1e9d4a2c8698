"""Who may reach each context_plans URL (merged into access/url_policy.URL_POLICIES).

Pages about a child's weighting or plan are RECORD pages: the permission, and the child visible to the user (404
otherwise), and an AccessEvent for the child. The partners register is the service's, not a child's record.
"""

from __future__ import annotations

from safecontext.access.url_policy import P, UrlPolicy, api, needs, record

URL_POLICIES: dict[str, UrlPolicy] = {
    "context_plans:for_person": record(P.VIEW_CONTEXT_CASES),
    "context_plans:person_weighting_new": record(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "context_plans:weighting_detail": record(P.VIEW_CONTEXT_CASES),
    "context_plans:weighting_preview": needs(P.MANAGE_CONTEXT_CASES, "POST"),
    "context_plans:person_plan_new": record(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "context_plans:plan_detail": record(P.VIEW_CONTEXT_CASES),
    "context_plans:plan_edit": record(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "context_plans:goal_new": record(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "context_plans:goal_edit": record(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "context_plans:plan_action_new": record(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "context_plans:plan_action_status": record(P.MANAGE_CONTEXT_CASES, "POST"),
    "context_plans:conference_new": record(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "context_plans:conference_detail": record(P.VIEW_CONTEXT_CASES),
    "context_plans:plan_review": record(P.VIEW_CONTEXT_CASES, "GET", "POST"),
    # A context case's overview and forms: the case visible to the user (contexts' scope), else 404. Not a child's
    # record page: the case's members are not shown here.
    "context_plans:for_context_case": needs(P.VIEW_CONTEXT_CASES),
    "context_plans:context_case_weighting_new": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "context_plans:context_case_plan_new": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "context_plans:partners": needs(P.VIEW_CONTEXT_CASES),
    "context_plans:partner_new": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "context_plans:partner_edit": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    # API (read only): a child's weightings, and one plan (a child's plan records the child as seen)
    "api:context_weightings_for_person": api(P.VIEW_CONTEXT_CASES, scoped=True),
    "api:context_plan_detail": api(P.VIEW_CONTEXT_CASES, scoped=True),
}
