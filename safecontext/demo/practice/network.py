"""The demo council's records for this area (see demo/practice/__init__.py); the issue that owns it fills it in."""

from __future__ import annotations

from safecontext.demo.practice import PracticeDemo


def write(demo: PracticeDemo) -> dict[str, int]:
    return {}
