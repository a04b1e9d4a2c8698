"""Who may reach each supervision URL (merged into access/url_policy.URL_POLICIES)."""

from __future__ import annotations

from safecontext.access.url_policy import UrlPolicy

URL_POLICIES: dict[str, UrlPolicy] = {}
