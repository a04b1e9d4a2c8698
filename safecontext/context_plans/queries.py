"""Reads for context_plans, always scoped through access/scope.py."""

from __future__ import annotations
