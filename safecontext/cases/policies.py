"""Who may reach each cases URL (merged into access/url_policy.URL_POLICIES).

Pages about one case (or one of its notes, relationships or suggestions) are RECORD pages: the case's young person
must be in the user's scope, else 404, and the page writes an AccessEvent for them."""

from __future__ import annotations

from safecontext.access.permissions import Permission as P
from safecontext.access.url_policy import UrlPolicy, needs, record

URL_POLICIES: dict[str, UrlPolicy] = {
    "cases:detail": record(P.VIEW_CASES),
    "cases:open": record(P.MANAGE_CASES, "GET", "POST"),
    "cases:allocate": record(P.MANAGE_CASES, "GET", "POST"),
    "cases:level": record(P.MANAGE_CASES, "GET", "POST"),
    "cases:close": record(P.MANAGE_CASES, "GET", "POST"),
}
URL_POLICIES |= {
    "cases:add_note": record(P.RECORD_CASEWORK, "GET", "POST"),
    "cases:note": record(P.VIEW_CASES),
    "cases:edit_note": record(P.RECORD_CASEWORK, "GET", "POST"),
    "cases:note_history": record(P.VIEW_CASES),
    "cases:suggestion": record(P.RECORD_CASEWORK, "GET", "POST"),
    "cases:add_relationship": record(P.RECORD_CASEWORK, "GET", "POST"),
    "cases:stage": record(P.RECORD_CASEWORK, "GET", "POST"),
    "cases:ending": record(P.RECORD_CASEWORK, "GET", "POST"),
    "cases:ending_letter": record(P.VIEW_CASES),
}
URL_POLICIES |= {
    "cases:my_visits": needs(P.VIEW_CASES),
    "cases:team_overdue": needs(P.MANAGE_CASES),
    "cases:team_continuity": needs(P.MANAGE_CASES),
}
