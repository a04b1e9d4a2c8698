"""Context weightings, context plans with goals and guardians, the partners register and context conferences
(issue 4)."""

from __future__ import annotations
