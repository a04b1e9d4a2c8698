"""Reads for analytics, always scoped through access/scope.py."""

from __future__ import annotations
