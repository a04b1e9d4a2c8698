"""Every outbound document needs a sharing record about that person, and is linked to it and audited (issue 6)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.sharing.models import OutboundDocument
from safecontext.sharing.outbound import REQUIRED_MESSAGE, SharingRecordRequired, authorise_outbound
from safecontext.sharing.rules import ItemKind
from tests.conftest import World
from tests.sharing.records import make_refusal, make_share


def _authorise(world: World, sharing_record_id: object, **extra: object) -> OutboundDocument:
    return authorise_outbound(
        by=world.users["allocated_worker"],
        person=world.child,
        sharing_record_id=sharing_record_id,  # type: ignore[arg-type]
        kind="safety_plan_pdf",
        description="Family copy of the safety plan",
        **extra,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("missing", [None, "", "abc", 0, 999999])
def test_refused_without_a_sharing_record_with_a_clear_message(world: World, missing: object) -> None:
    with pytest.raises(SharingRecordRequired) as refused:
        _authorise(world, missing)
    assert REQUIRED_MESSAGE in str(refused.value)
    assert isinstance(refused.value, ValidationError)
    assert not OutboundDocument.objects.exists()
    assert not AuditEvent.objects.filter(action="sharing.outbound_authorised").exists()


def test_refused_with_a_share_about_someone_else(world: World) -> None:
    other = make_share(world.other_child, by=world.users["other_team_worker"])
    with pytest.raises(SharingRecordRequired, match="not about this young person"):
        _authorise(world, other.pk)
    assert not OutboundDocument.objects.exists()


def test_refused_with_a_decision_not_to_share(world: World) -> None:
    refusal = make_refusal(world.child, by=world.users["allocated_worker"])
    with pytest.raises(SharingRecordRequired, match="decision not to share"):
        _authorise(world, refusal.pk)
    assert not OutboundDocument.objects.exists()


def test_refused_when_the_share_does_not_name_the_item(world: World) -> None:
    share = make_share(world.child, by=world.users["allocated_worker"], items=["assessment"])
    with pytest.raises(SharingRecordRequired, match="does not include the safety plan"):
        _authorise(world, share.pk, item=ItemKind.SAFETY_PLAN)


def test_with_a_share_the_document_is_linked_and_audited(world: World) -> None:
    share = make_share(world.child, by=world.users["allocated_worker"])
    document = _authorise(world, str(share.pk), item=ItemKind.SAFETY_PLAN, path="/safety-plans/case/1/pdf/")
    assert document.sharing_record == share
    assert document.person == world.child
    assert list(share.outbound_documents.all()) == [document]
    event = AuditEvent.objects.get(action="sharing.outbound_authorised")
    assert event.target_id == str(document.pk)
    assert event.after["sharing_record_id"] == share.pk
    assert event.actor_username == world.users["allocated_worker"].username
    access = AccessEvent.objects.get(kind=AccessEvent.Kind.EXPORT)
    assert access.person_id == world.child.pk


def test_a_share_about_two_children_covers_each(world: World) -> None:
    share = make_share([world.child, world.other_child], by=world.users["manager"])
    document = _authorise(world, share.pk)
    assert document.sharing_record_id == share.pk
