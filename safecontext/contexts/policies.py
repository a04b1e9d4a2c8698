"""Who may reach each contexts URL (merged into access/url_policy.URL_POLICIES).

Context-case pages check the case's scope themselves (access.scope.get_context_case_for_user: 404 outside it), as
the meeting pages do; they are not RECORD pages because a context case is not one person's record. The detail page
and the API detail name the group's members, and record an AccessEvent for each member shown.
"""

from __future__ import annotations

from safecontext.access.permissions import Permission as P
from safecontext.access.url_policy import UrlPolicy, api, needs

URL_POLICIES: dict[str, UrlPolicy] = {
    "contexts:case_list": needs(P.VIEW_CONTEXT_CASES),
    "contexts:open_case": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "contexts:open_from_referral": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "contexts:case_detail": needs(P.VIEW_CONTEXT_CASES),
    "contexts:edit_case": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "contexts:allocate_lead": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "contexts:close_case": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "contexts:add_member": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "contexts:end_member": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "contexts:new_assessment": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "contexts:review": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    "contexts:comparison": needs(P.VIEW_CONTEXT_CASES),
    "contexts:assessment_detail": needs(P.VIEW_CONTEXT_CASES),
    "contexts:add_words": needs(P.MANAGE_CONTEXT_CASES, "GET", "POST"),
    # API (bearer token; routes check scope themselves). The detail names members: scoped, with an AccessEvent each.
    "api:context_cases_list": api(P.VIEW_CONTEXT_CASES),
    "api:context_case_detail": api(P.VIEW_CONTEXT_CASES, scoped=True),
    "api:context_case_comparison": api(P.VIEW_CONTEXT_CASES),
}
