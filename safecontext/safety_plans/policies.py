"""Who may reach each safety_plans URL (merged into access/url_policy.URL_POLICIES). Each page names a case: 404
unless the user may see it (cases.queries.get_case_for_user), and an AccessEvent for its young person."""

from __future__ import annotations

from safecontext.access.url_policy import P, UrlPolicy, api, record

URL_POLICIES: dict[str, UrlPolicy] = {
    "safety_plans:for_case": record(P.VIEW_CASES),
    "safety_plans:edit": record(P.RECORD_CASEWORK, "GET", "POST"),
    "safety_plans:version": record(P.VIEW_CASES),
    # Downloading the family's copy is an outbound document: it needs a sharing record (sharing/outbound.py).
    "safety_plans:family_pdf": record(P.RECORD_SHARING, "GET", "POST"),
    "api:safety_plan_for_case": api(P.VIEW_CASES, scoped=True),
}
