"""Recording shares and decisions not to share through the action: validated by the rules, audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from safecontext.audit.models import AuditEvent
from safecontext.sharing.actions import record_told
from safecontext.sharing.models import SharingRecord
from tests.conftest import World
from tests.sharing.records import make_refusal, make_share


def test_a_share_is_recorded_and_audited(world: World) -> None:
    share = make_share(world.child, by=world.users["allocated_worker"])
    assert list(share.subjects.all()) == [world.child]
    assert share.team == world.users["allocated_worker"].team
    event = AuditEvent.objects.get(action="sharing.recorded")
    assert event.target_id == str(share.pk)
    assert event.after["agency"] == "Brightside Police"
    assert event.after["subject_ids"] == [world.child.pk]


def test_a_decision_not_to_share_is_recorded_the_same_way(world: World) -> None:
    refusal = make_refusal(world.child, by=world.users["allocated_worker"])
    assert not refusal.is_share
    assert AuditEvent.objects.filter(action="sharing.decided_not_to_share", target_id=str(refusal.pk)).exists()


def test_every_problem_is_reported_and_nothing_is_saved(world: World) -> None:
    with pytest.raises(ValidationError) as invalid:
        make_share(
            world.child,
            by=world.users["allocated_worker"],
            items=["nonsense"],
            agency="",
            consent="not_sought",
            young_person_told=False,
            purpose="",
        )
    fields = set(invalid.value.message_dict)
    assert {"items", "agency", "purpose", "consent_reason", "not_told_reason"} <= fields
    assert not SharingRecord.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="sharing.").exists()


def test_telling_the_young_person_later_is_audited_and_cannot_be_undone(world: World) -> None:
    share = make_share(
        world.child, by=world.users["allocated_worker"], young_person_told=False, not_told_reason="Risk from peers"
    )
    told = record_told(by=world.users["allocated_worker"], record=share, young_person_told=True, family_told=False)
    assert told.young_person_told is True
    event = AuditEvent.objects.get(action="sharing.told")
    assert event.before["young_person_told"] is False
    again = record_told(by=world.users["allocated_worker"], record=told, young_person_told=False, family_told=False)
    assert again.young_person_told is True
    assert AuditEvent.objects.filter(action="sharing.told").count() == 1
