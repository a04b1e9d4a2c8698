"""Reads for safety_plans, always scoped through access/scope.py."""

from __future__ import annotations
