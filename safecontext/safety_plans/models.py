"""Safety plans co-produced with the young person and family, versioned, with a plain-language PDF (issue 5)."""

from __future__ import annotations
