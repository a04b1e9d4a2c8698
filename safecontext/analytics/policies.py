"""Who may reach each analytics URL (merged into access/url_policy.URL_POLICIES).

Analytics looks across the viewer's service, never at one person's record, so every URL needs VIEW_ANALYTICS and
no record scope; people on the pages are named only when the viewer's own scope reaches them (analytics/labels.py).
A cluster run of another service answers 404.
"""

from __future__ import annotations

from safecontext.access.url_policy import P, UrlPolicy, api, needs

URL_POLICIES: dict[str, UrlPolicy] = {
    "analytics:index": needs(P.VIEW_ANALYTICS),
    "analytics:shared": needs(P.VIEW_ANALYTICS),
    "analytics:clusters": needs(P.VIEW_ANALYTICS),
    "analytics:recompute": needs(P.VIEW_ANALYTICS, "POST"),
    "analytics:cluster_run": needs(P.VIEW_ANALYTICS),
    "analytics:hotspots": needs(P.VIEW_ANALYTICS),
    "analytics:around": needs(P.VIEW_ANALYTICS),
    "api:analytics_shared": api(P.VIEW_ANALYTICS),
    "api:analytics_hotspots": api(P.VIEW_ANALYTICS),
}
