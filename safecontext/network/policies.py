"""Who may reach each network URL (merged into access/url_policy.URL_POLICIES).

A person's map is a RECORD read (404 unless the person is visible; an AccessEvent for them and everyone it names).
A context's map and a link's pages check their own scope (network/map_graph.py: contexts_visible_to, and a link is
reachable through an end in the user's scope).
"""

from __future__ import annotations

from safecontext.access.url_policy import P, UrlPolicy, api, needs, record

URL_POLICIES: dict[str, UrlPolicy] = {
    "network:person_map": record(P.VIEW_NETWORK),
    "network:person_graph": record(P.VIEW_NETWORK),
    "network:person_export": record(P.RECORD_SHARING, "POST"),
    "network:person_add_link": record(P.EDIT_NETWORK, "GET", "POST"),
    "network:context_map": needs(P.VIEW_NETWORK),
    "network:context_graph": needs(P.VIEW_NETWORK),
    "network:context_add_link": needs(P.EDIT_NETWORK, "GET", "POST"),
    "network:correct_link": needs(P.EDIT_NETWORK, "GET", "POST"),
    "network:end_link": needs(P.EDIT_NETWORK, "GET", "POST"),
    "api:network_person_graph": api(P.VIEW_NETWORK, scoped=True),
    "api:network_context_graph": api(P.VIEW_NETWORK),
    "api:network_link_add": api(P.EDIT_NETWORK, "POST"),
    "api:network_link_correct": api(P.EDIT_NETWORK, "POST"),
    "api:network_link_end": api(P.EDIT_NETWORK, "POST"),
}
