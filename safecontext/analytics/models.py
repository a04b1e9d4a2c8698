"""Network analytics: shared contexts and adults, clusters (igraph Leiden, run as a background task), hubs and hotspots
(issue 4)."""

from __future__ import annotations
