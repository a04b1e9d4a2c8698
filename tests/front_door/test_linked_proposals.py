"""Complex strategy meeting proposals: kept once per referral and shared node, accepted (a meeting with every linked
child on its agenda, within five working days) or declined with a reason, by a named practitioner, audited."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from safecontext.audit.actions import AuditWriteFailed
from safecontext.audit.models import AuditEvent
from safecontext.front_door.actions import proposals as actions
from safecontext.front_door.models import ComplexStrategyProposal
from safecontext.front_door.queries.linked import linked_young_people_for_referral
from safecontext.meetings.models import AgendaItem, Meeting
from safecontext.network.models import Link
from tests.conftest import World
from tests.front_door.factories_linked import Cluster, link, make_cluster, make_referral, node_for, young_person

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def cluster(world: World) -> Cluster:
    return make_cluster(world)


def _propose(cluster: Cluster) -> ComplexStrategyProposal:
    [suggestion] = linked_young_people_for_referral(user=cluster.front_door, referral=cluster.referral).suggestions
    return actions.propose_complex_strategy(
        referral=cluster.referral,
        through_node=node_for(cluster.bus),
        young_people=suggestion.person_ids,
        by=cluster.front_door,
    )


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


def test_proposing_keeps_the_young_people_and_audits(cluster: Cluster, world: World) -> None:
    proposal = _propose(cluster)
    assert proposal.status == ComplexStrategyProposal.Status.PROPOSED
    assert set(proposal.young_people.values_list("pk", flat=True)) == {
        world.child.pk,
        cluster.jordan.pk,
        cluster.sam.pk,
    }
    [event] = _events("complex_strategy_proposal.proposed")
    assert event.actor_username == cluster.front_door.username
    assert event.after["young_people"] == sorted([world.child.pk, cluster.jordan.pk, cluster.sam.pk])


def test_proposing_is_idempotent_and_adds_young_people_linked_since(cluster: Cluster) -> None:
    first = _propose(cluster)
    assert _propose(cluster).pk == first.pk
    assert ComplexStrategyProposal.objects.count() == 1
    assert len(_events("complex_strategy_proposal.proposed")) == 1
    assert _events("complex_strategy_proposal.young_people_added") == []  # nothing new: no event

    newcomer = young_person("Nova")
    make_referral(newcomer, service=cluster.bus.service, by=cluster.front_door)
    link(newcomer, Link.Type.FREQUENTS, cluster.bus)
    again = _propose(cluster)
    assert again.pk == first.pk
    assert newcomer.pk in set(again.young_people.values_list("pk", flat=True))
    [event] = _events("complex_strategy_proposal.young_people_added")
    assert newcomer.pk in event.after["young_people"]


def test_a_decided_proposal_is_left_as_it_was(cluster: Cluster) -> None:
    proposal = _propose(cluster)
    actions.decline_complex_strategy(proposal=proposal, reason="Already discussed at MACE", by=cluster.front_door)
    again = _propose(cluster)
    assert again.status == ComplexStrategyProposal.Status.DECLINED


def test_fewer_than_three_young_people_is_not_a_proposal(cluster: Cluster, world: World) -> None:
    with pytest.raises(ValidationError):
        actions.propose_complex_strategy(
            referral=cluster.referral,
            through_node=node_for(cluster.bus),
            young_people=[world.child.pk, cluster.jordan.pk],
            by=cluster.front_door,
        )
    assert ComplexStrategyProposal.objects.count() == 0


def test_accepting_creates_a_complex_strategy_meeting_with_every_linked_child(cluster: Cluster, world: World) -> None:
    jordans_referral = cluster.jordan.referrals.get()
    proposal = _propose(cluster)
    # Wednesday 25 November 2026, 11:00: booked for Friday 27th at 10:00, due by the end of Tuesday 1 December.
    decided = dt.datetime(2026, 11, 25, 11, 0, tzinfo=LONDON)
    meeting = actions.accept_complex_strategy(proposal=proposal, by=cluster.front_door, now=decided)

    assert meeting.kind == Meeting.Kind.COMPLEX_STRATEGY
    assert meeting.scheduled_for == dt.datetime(2026, 11, 27, 10, 0, tzinfo=LONDON)
    assert meeting.due_by is not None and meeting.due_by.astimezone(LONDON).date() == dt.date(2026, 12, 1)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    assert items[0].context == cluster.bus  # what links them
    children = [item.child_id for item in items if item.child_id]
    assert children == [world.child.pk, cluster.jordan.pk, cluster.sam.pk]  # this referral's child first
    by_child = {item.child_id: item for item in items if item.child_id}
    assert by_child[world.child.pk].referral == cluster.referral
    assert by_child[cluster.jordan.pk].referral == jordans_referral  # their own open referral
    assert by_child[cluster.sam.pk].referral is None  # known through an open case, not a referral
    assert [a.user for a in meeting.attendees.all()] == [cluster.front_door]

    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.meeting) == ("accepted", cluster.front_door, meeting)
    [event] = _events("complex_strategy_proposal.accepted")
    assert event.after["meeting_id"] == meeting.pk
    assert _events("meeting.created")


def test_a_decision_made_after_the_cut_off_or_on_a_friday(cluster: Cluster) -> None:
    friday_evening = dt.datetime(2026, 11, 27, 18, 0, tzinfo=LONDON)
    booked, due = actions.complex_strategy_timing(friday_evening)
    assert booked == dt.datetime(2026, 12, 1, 10, 0, tzinfo=LONDON)  # Tuesday: two working days after Friday
    assert due.date() == dt.date(2026, 12, 4)  # Monday is working day 1 after the cut-off; Friday is day 5
    christmas = dt.datetime(2026, 12, 23, 9, 0, tzinfo=LONDON)
    booked, due = actions.complex_strategy_timing(christmas)
    assert booked.date() == dt.date(2026, 12, 29)  # 24th, then over Christmas and Boxing Day (substitute 28th)
    assert booked <= due


def test_a_proposal_is_decided_once(cluster: Cluster) -> None:
    proposal = _propose(cluster)
    actions.accept_complex_strategy(proposal=proposal, by=cluster.front_door)
    with pytest.raises(actions.ProposalAlreadyDecided):
        actions.accept_complex_strategy(proposal=proposal, by=cluster.front_door)
    with pytest.raises(actions.ProposalAlreadyDecided):
        actions.decline_complex_strategy(proposal=proposal, reason="Changed my mind", by=cluster.front_door)
    assert Meeting.objects.filter(kind=Meeting.Kind.COMPLEX_STRATEGY).count() == 1


@pytest.mark.parametrize("reason", ["", "   \n  ", None])
def test_declining_needs_a_reason(cluster: Cluster, reason: str) -> None:
    proposal = _propose(cluster)
    with pytest.raises(ValidationError) as error:
        actions.decline_complex_strategy(proposal=proposal, reason=reason, by=cluster.front_door)
    assert error.value.message_dict == {"reason": ["Enter why a complex strategy meeting is not needed"]}
    proposal.refresh_from_db()
    assert proposal.status == ComplexStrategyProposal.Status.PROPOSED


def test_declining_records_who_and_why(cluster: Cluster) -> None:
    proposal = _propose(cluster)
    actions.decline_complex_strategy(
        proposal=proposal, reason="  The three were seen together once, at a school trip.  ", by=cluster.front_door
    )
    proposal.refresh_from_db()
    assert proposal.status == ComplexStrategyProposal.Status.DECLINED
    assert proposal.decline_reason == "The three were seen together once, at a school trip."
    assert proposal.decided_by == cluster.front_door
    [event] = _events("complex_strategy_proposal.declined")
    assert event.reason == "The three were seen together once, at a school trip."


def test_nothing_is_saved_when_the_audit_write_fails(cluster: Cluster) -> None:
    proposal = _propose(cluster)
    with (
        mock.patch("safecontext.audit.actions.AuditEvent.objects.create", side_effect=RuntimeError("disk full")),
        pytest.raises(AuditWriteFailed),
    ):
        actions.accept_complex_strategy(proposal=proposal, by=cluster.front_door)
    proposal.refresh_from_db()
    assert proposal.status == ComplexStrategyProposal.Status.PROPOSED
    assert not Meeting.objects.filter(kind=Meeting.Kind.COMPLEX_STRATEGY).exists()
    assert not AgendaItem.objects.filter(child__isnull=False, meeting__kind="complex_strategy").exists()


def test_accepting_a_proposal_for_a_referral_about_a_context(cluster: Cluster, world: World) -> None:
    referral = make_referral(service=world.child.service, by=cluster.front_door, context=cluster.bus)
    [suggestion] = linked_young_people_for_referral(user=cluster.front_door, referral=referral).suggestions
    proposal = actions.propose_complex_strategy(
        referral=referral, through_node=node_for(cluster.bus), young_people=suggestion.person_ids, by=cluster.front_door
    )
    meeting = actions.accept_complex_strategy(proposal=proposal, by=cluster.front_door)
    items = list(meeting.items.order_by("position"))
    assert items[0].context == cluster.bus
    assert items[0].referral == referral  # the referral about the context is on the agenda too
    assert {item.child_id for item in items if item.child_id} == {world.child.pk, cluster.jordan.pk, cluster.sam.pk}
