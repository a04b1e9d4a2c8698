"""Reads for assessments, always scoped through access/scope.py."""

from __future__ import annotations
