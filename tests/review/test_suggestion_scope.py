"""Accepting a suggested link writes to the suggested person's network: whoever accepts must reach that person in
their own scope, as adding a link directly requires."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safecontext.cases import actions
from safecontext.cases.models import Case, SuggestedLink
from safecontext.core.actions_base import inside_action
from safecontext.network.models import Link
from tests.conftest import World


def _note_suggesting(world: World, person_id: int) -> SuggestedLink:
    case = Case.objects.get(subject=world.child)
    note = actions.record_note(
        case=case,
        values={
            "kind": "home_visit",
            "happened_on": dt.date(2026, 10, 1),
            "who_was_seen": "Test Child",
            "child_seen": True,
            "seen_alone": True,
            "summary": "A visit.",
            "own_words": "",
            "restricted": "",
        },
        by=world.users["allocated_worker"],
    )
    with inside_action():
        return SuggestedLink.objects.create(note=note, person_id=person_id, mentioned_as="a friend")


def test_a_person_outside_the_acceptors_scope_is_refused_and_nothing_is_linked(world: World) -> None:
    suggestion = _note_suggesting(world, world.other_child.pk)  # Pod B's child: outside Pod A's scope
    with pytest.raises(ValidationError, match="not in your caseload's scope"):
        actions.accept_suggestion(
            suggestion=suggestion, link_type="friend", nature="unknown", by=world.users["allocated_worker"]
        )
    assert not Link.objects.exists()
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestedLink.Status.PENDING


def test_a_person_in_scope_is_linked(world: World) -> None:
    suggestion = _note_suggesting(world, world.mother.pk)
    link = actions.accept_suggestion(
        suggestion=suggestion, link_type="friend", nature="unknown", by=world.users["allocated_worker"]
    )
    assert link.source_kind == Link.SourceKind.CASE_NOTE
