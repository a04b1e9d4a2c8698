"""Adding, correcting and ending links: audited, the earlier values kept, stale forms refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safecontext.audit.models import AuditEvent
from safecontext.network.actions import LinkEditConflict, add_link, correct_link, end_link
from safecontext.network.models import Link, LinkRevision
from tests.conftest import World
from tests.network.helpers import link, node

CORRECTION = {
    "type": "exploits",
    "nature": "harmful",
    "reliability": "reliable",
    "valid_from": dt.date(2026, 2, 1),
    "valid_to": None,
    "purpose": "safety planning",
}


def test_add_link_is_audited_with_its_recorder(world: World) -> None:
    by = world.users["allocated_worker"]
    made = add_link(
        a=node(world.mother),
        b=node(world.child),
        type="protective_adult",
        nature="protective",
        reliability="reliable",
        valid_from=dt.date(2026, 3, 1),
        purpose="safety planning",
        by=by,
    )
    assert (made.recorded_by, made.source_kind, made.version) == (by, "direct", 1)
    event = AuditEvent.objects.get(action="link.recorded", target_id=str(made.pk))
    assert event.actor_username == "allocated_worker" and event.after["nature"] == "protective"


def test_a_correction_keeps_the_earlier_values_and_is_audited(world: World) -> None:
    by = world.users["allocated_worker"]
    original = link(world.other_child, world.child, by=by)
    corrected = correct_link(link=original, version=1, **CORRECTION, reason="Police intelligence", by=by)
    assert (corrected.pk, corrected.version, corrected.type, corrected.nature) == (
        original.pk,
        2,
        "exploits",
        "harmful",
    )
    revision = LinkRevision.objects.get(link=original)
    assert (revision.change, revision.version, revision.reason) == ("corrected", 1, "Police intelligence")
    assert revision.before["type"] == "friend" and revision.before["valid_from"] == "2026-01-01"
    assert revision.after["type"] == "exploits"
    event = AuditEvent.objects.get(action="link.corrected")
    assert (event.before["nature"], event.after["nature"], event.reason) == (
        "unknown",
        "harmful",
        "Police intelligence",
    )


def test_a_stale_correction_is_refused_with_the_differences(world: World) -> None:
    by = world.users["allocated_worker"]
    original = link(world.other_child, world.child, by=by)
    correct_link(link=original, version=1, **CORRECTION, reason="first", by=by)
    with pytest.raises(LinkEditConflict) as raised:
        correct_link(link=original, version=1, **(CORRECTION | {"nature": "protective"}), reason="second", by=by)
    assert raised.value.current_version == 2
    assert [(d.label, d.theirs, d.yours) for d in raised.value.differences] == [("Nature", "Harmful", "Protective")]
    assert Link.objects.get(pk=original.pk).nature == "harmful"
    assert LinkRevision.objects.count() == 1


def test_a_correction_must_change_something_and_be_valid(world: World) -> None:
    by = world.users["allocated_worker"]
    original = link(world.other_child, world.child, by=by)
    same = {
        "type": "friend",
        "nature": "unknown",
        "reliability": "untested",
        "valid_from": dt.date(2026, 1, 1),
        "valid_to": None,
        "purpose": "safety planning",
    }
    with pytest.raises(ValidationError) as raised:
        correct_link(link=original, version=1, **same, reason="checking", by=by)
    assert "__all__" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        correct_link(
            link=original,
            version=1,
            **(same | {"type": "knows", "valid_to": dt.date(2025, 1, 1)}),
            reason="  ",
            by=by,
        )
    assert set(raised.value.message_dict) == {"type", "valid_to", "reason"}
    assert not AuditEvent.objects.filter(action="link.corrected").exists()


def test_ending_a_link_keeps_it_with_its_end_date(world: World) -> None:
    by = world.users["allocated_worker"]
    original = link(world.other_child, world.child, by=by)
    with pytest.raises(ValidationError) as raised:
        end_link(link=original, version=1, valid_to=dt.date(2025, 12, 31), reason="Moved away", by=by)
    assert set(raised.value.message_dict) == {"valid_to"}
    ended = end_link(link=original, version=1, valid_to=dt.date(2026, 6, 30), reason="Moved away", by=by)
    assert (ended.valid_to, ended.version) == (dt.date(2026, 6, 30), 2)
    assert LinkRevision.objects.get(link=original).change == "ended"
    assert AuditEvent.objects.get(action="link.ended").after == {"valid_to": "2026-06-30"}
    with pytest.raises(ValidationError):
        end_link(link=original, version=2, valid_to=dt.date(2026, 7, 1), reason="again", by=by)
