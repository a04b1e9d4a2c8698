"""Supervision prompts for a supervisee's next session, read from their cases and judged by rules/prompts.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from safecontext.supervision.rules.prompts import Prompt

if TYPE_CHECKING:
    from safecontext.accounts.models import User
    from safecontext.supervision.models import SupervisionSession


def prompts_for(supervisee: User, *, before: SupervisionSession | None = None) -> list[Prompt]:
    return []
