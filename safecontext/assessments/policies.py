"""Who may reach each assessments URL (merged into access/url_policy.URL_POLICIES)."""

from __future__ import annotations

from safecontext.access.url_policy import P, UrlPolicy, api, record

URL_POLICIES: dict[str, UrlPolicy] = {
    # Each page shows one child's case: 404 unless the case is visible (assessments/queries.get_case_for_user).
    "assessments:for_case": record(P.VIEW_CASES),
    "assessments:start": record(P.RECORD_CASEWORK, "GET", "POST"),
    "assessments:edit": record(P.RECORD_CASEWORK, "GET", "POST"),
    "assessments:participation": record(P.VIEW_CASES),
    "assessments:add_participation": record(P.RECORD_CASEWORK, "GET", "POST"),
    "api:assessment_factors": api(P.VIEW_CASES),
    "api:assessments_for_case": api(P.VIEW_CASES, scoped=True),
    "api:participation_for_case": api(P.VIEW_CASES, scoped=True),
}
