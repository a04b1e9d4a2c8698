"""Writes for context_plans: every change goes through an @action here and is audited."""

from __future__ import annotations
