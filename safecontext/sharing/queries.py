"""Reads for sharing, always scoped through access/scope.py."""

from __future__ import annotations
