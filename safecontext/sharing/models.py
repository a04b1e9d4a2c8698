"""Sharing records (what was shared, with whom, why — and decisions not to share), outbound documents, and 'who knows
what about me' (issue 6)."""

from __future__ import annotations
