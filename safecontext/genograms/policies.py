"""Who may reach each genograms URL (merged into access/url_policy.URL_POLICIES)."""

from __future__ import annotations

from safecontext.access.url_policy import P, UrlPolicy, api, record

URL_POLICIES: dict[str, UrlPolicy] = {
    # Each page is about one child's case: 404 unless the case is visible (genograms/queries.py).
    "genograms:for_case": record(P.VIEW_CASES),
    "genograms:print": record(P.VIEW_CASES),
    "genograms:add_member": record(P.RECORD_CASEWORK, "GET", "POST"),
    "genograms:edit_member": record(P.RECORD_CASEWORK, "GET", "POST"),
    "genograms:remove_member": record(P.RECORD_CASEWORK, "POST"),
    "genograms:add_relation": record(P.RECORD_CASEWORK, "GET", "POST"),
    "genograms:remove_relation": record(P.RECORD_CASEWORK, "POST"),
    "genograms:upload_copy": record(P.RECORD_CASEWORK, "GET", "POST"),
    "genograms:download_copy": record(P.VIEW_CASES),
    "api:genogram_for_case": api(P.VIEW_CASES, scoped=True),
}
