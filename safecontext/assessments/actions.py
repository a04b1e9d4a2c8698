"""Writes for assessments: every change goes through an @action here and is audited."""

from __future__ import annotations
