"""Sharing records for tests, written through the real action."""

from __future__ import annotations

import datetime as dt
from typing import Any

from safecontext.accounts.models import User
from safecontext.people.models import Person
from safecontext.sharing.actions import record_sharing
from safecontext.sharing.models import SharingRecord


def share_values(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "decision": "shared",
        "items": ["safety_plan"],
        "agency": "Brightside Police",
        "recipient_person": "PC Example",
        "purpose": "keep_safe",
        "lawful_basis": "public_task",
        "consent": "given",
        "young_person_told": True,
        "family_told": True,
        "decision_maker": "Team manager",
        "decided_on": dt.date(2026, 3, 3),
    }
    return values | changes


def make_share(person: Person | list[Person], *, by: User, **changes: Any) -> SharingRecord:
    subjects = person if isinstance(person, list) else [person]
    return record_sharing(by=by, subjects=subjects, values=share_values(**changes))


def make_refusal(person: Person, *, by: User, **changes: Any) -> SharingRecord:
    return make_share(
        person, by=by, decision="not_shared", reason_not_shared="Not necessary: they already have it", **changes
    )
