"""Who may reach each sharing URL (merged into access/url_policy.URL_POLICIES).

Person pages are RECORD pages: 404 unless the person is visible, and an AccessEvent for them. A sharing record
(`share_id`) is visible only to someone who may see every young person it is about (sharing/queries.py).
"""

from __future__ import annotations

from safecontext.access.url_policy import P, UrlPolicy, api, needs, record

URL_POLICIES: dict[str, UrlPolicy] = {
    "sharing:for_person": record(P.VIEW_CASES),
    "sharing:new": record(P.RECORD_SHARING, "GET", "POST"),
    "sharing:who_knows": record(P.VIEW_CASES),
    "sharing:who_knows_pdf": record(P.RECORD_SHARING, "GET", "POST"),
    "sharing:detail": record(P.VIEW_CASES),
    "sharing:told": record(P.RECORD_SHARING, "POST"),
    "sharing:dashboard": needs(P.VIEW_OVERSIGHT_DASHBOARDS),
    "api:sharing_records_for_person": api(P.VIEW_CASES, scoped=True),
    # The person export needs `?sharing_record=N` (400 without one), so it is not a plain record read: the route
    # checks the person's scope itself (404) and writes an EXPORT AccessEvent through sharing/outbound.py.
    "api:sharing_person_export": api(P.RECORD_SHARING),
}
