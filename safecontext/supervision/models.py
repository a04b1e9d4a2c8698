"""Reflective supervision: sessions, the supervision chain, prompts and management oversight (issue 6)."""

from __future__ import annotations
