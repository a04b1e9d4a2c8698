"""Cultural genograms: family members, relationships and identity annotations, drawn as SVG (issue 5)."""

from __future__ import annotations
