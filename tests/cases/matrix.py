"""Casework records about Test Child (Pod A's case, allocated to `allocated_worker`) for the generated matrices."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from safecontext.cases import actions
from safecontext.cases.models import Case

if TYPE_CHECKING:
    from tests.conftest import World


def record_ids(world: World) -> dict[str, int]:
    case = Case.objects.get(subject=world.child)
    worker = world.users["allocated_worker"]
    note = actions.record_note(
        case=case,
        values={
            "kind": "home_visit",
            "happened_on": dt.date(2026, 10, 1),
            "who_was_seen": "Test and his mother",
            "child_seen": True,
            "seen_alone": True,
            "summary": "We talked in the kitchen; Tessa made tea.",
            "own_words": "I'm alright, honestly.",
            "restricted": "Police information shared in confidence.",
        },
        by=worker,
    )
    relationship = actions.start_relationship(
        case=case, worker=worker, person=world.child, on=dt.date(2026, 9, 1), by=worker
    )
    suggestion = note.suggestions.get()
    return {
        "case_id": case.pk,
        "note_id": note.pk,
        "suggestion_id": suggestion.pk,
        "relationship_id": relationship.pk,
    }


def expected_status(name: str, persona: str, world: World) -> set[int] | None:
    return None  # the general rule holds: 200 exactly when the persona holds the permission and sees Test Child
