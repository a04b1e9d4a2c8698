"""Who may reach each supervision URL (merged into access/url_policy.URL_POLICIES).

Sessions are seen only by the people in them (supervision/queries.get_session_for_user: 404 for anyone else). The
session page needs VIEW_PEOPLE only because every role that takes part in supervision holds it and the page names
the young people discussed; the scope check is who was in the session, not the role.
"""

from __future__ import annotations

from safecontext.access.url_policy import P, UrlPolicy, api, needs, record, signed_in

URL_POLICIES: dict[str, UrlPolicy] = {
    "supervision:index": signed_in(),
    "supervision:new_session": needs(P.SUPERVISE, "GET", "POST"),
    "supervision:session": needs(P.VIEW_PEOPLE),
    "supervision:add_discussion": needs(P.SUPERVISE, "GET", "POST"),
    # Management oversight on the case file: anyone who may see the case (never the reflective content).
    "supervision:case_oversight": record(P.VIEW_CASES),
    "supervision:my_actions": signed_in(),
    "supervision:action_done": signed_in("POST"),
    "supervision:dashboard": needs(P.VIEW_OVERSIGHT_DASHBOARDS),
    "supervision:cadence": needs(P.SUPERVISE, "GET", "POST"),
    # API: decisions and actions only; no route ever returns reflective content.
    "api:supervision_my_actions": api(None),
    "api:supervision_case_oversight": api(P.VIEW_CASES, scoped=True),
}
