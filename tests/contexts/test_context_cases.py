"""Context cases (Level 2): opening, leads, edits with a version check, members, closing, scope, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from safecontext.audit.models import AuditEvent
from safecontext.contexts import actions, queries
from safecontext.contexts.models import Context, ContextCase, LeadAllocation
from tests import factories
from tests.conftest import World
from tests.contexts.records import EXPECTED_CAN_SEE_CONTEXT_CASE, make_context_records


def _park(world: World) -> Context:
    return actions.create_context(
        service=world.child.service, kind=Context.Kind.PLACE, name="Sample Rec", by=world.users["manager"]
    )


def _open(world: World, **details: object) -> ContextCase:
    lead = world.users["allocated_worker"]
    assert lead.team is not None
    return actions.open_context_case(
        context=_park(world),
        team=lead.team,
        lead_worker=lead,
        opened_on=timezone.localdate(),
        by=world.users["manager"],
        details=details,
    )


def test_opening_a_case_records_the_lead_the_location_and_an_audit_event(world: World) -> None:
    case = _open(
        world,
        wellbeing_level="3",
        postcode="bn73zb",
        latitude="50.846123",
        longitude="-0.13977",
        area_points="50.846, -0.140\n50.847, -0.139\n50.845, -0.138",
        summary="Older men offer lifts from the car park",
    )
    assert (case.status, case.wellbeing_level, case.postcode) == ("open", 3, "BN7 3ZB")
    assert (str(case.latitude), str(case.longitude)) == ("50.84612", "-0.13977")
    assert case.area_points.splitlines() == ["50.84600, -0.14000", "50.84700, -0.13900", "50.84500, -0.13800"]
    allocation = LeadAllocation.objects.get(context_case=case)
    assert allocation.lead_worker == world.users["allocated_worker"]
    event = AuditEvent.objects.get(action="context_case.opened")
    assert event.target_id == str(case.pk) and event.after["lead_worker_id"] == world.users["allocated_worker"].pk


def test_opening_checks_everything_at_once_and_saves_nothing_when_wrong(world: World) -> None:
    elsewhere = factories.make_team("Elsewhere", service=factories.make_service("Other Council"))
    with pytest.raises(ValidationError) as raised:
        actions.open_context_case(
            context=_park(world),
            team=elsewhere,
            lead_worker=world.users["youth_worker"],  # cannot lead context cases
            opened_on=timezone.localdate() + dt.timedelta(days=1),
            by=world.users["manager"],
            details={"wellbeing_level": "9", "postcode": "nowhere", "latitude": "95", "area_points": "1, 2"},
        )
    assert set(raised.value.message_dict) == {
        "team",
        "lead_worker",
        "opened_on",
        "wellbeing_level",
        "postcode",
        "latitude",
        "area_points",
    }
    assert not ContextCase.objects.exists()


def test_a_case_opened_from_a_referral_must_be_about_its_context(world: World) -> None:
    records = make_context_records(world)
    lead = world.users["allocated_worker"]
    assert lead.team is not None
    with pytest.raises(ValidationError) as raised:
        actions.open_context_case(
            context=_park(world),
            team=lead.team,
            lead_worker=lead,
            opened_on=timezone.localdate(),
            referral=records.referral,
            by=lead,
        )
    assert raised.value.message_dict == {"referral": ["That referral is not about this context"]}


def test_a_stale_edit_is_a_conflict_showing_the_differences_and_saves_nothing(world: World) -> None:
    case = _open(world, wellbeing_level="3", summary="First")
    loaded_by_colleague = ContextCase.objects.get(pk=case.pk)
    actions.update_context_case(
        context_case=case, changes={"wellbeing_level": "2"}, expected_version=1, by=world.users["allocated_worker"]
    )
    with pytest.raises(actions.ContextCaseEditConflict) as raised:
        actions.update_context_case(
            context_case=loaded_by_colleague,
            changes={"wellbeing_level": "4", "summary": "First"},
            expected_version=loaded_by_colleague.version,
            by=world.users["same_team_colleague"],
        )
    conflict = raised.value
    assert conflict.current_version == 2
    assert [(d.field, d.theirs, d.yours) for d in conflict.differences] == [
        ("wellbeing_level", "Some concerns: harm is possible without more guardianship", queries_label(4))
    ]
    saved = ContextCase.objects.get(pk=case.pk)
    assert (saved.wellbeing_level, saved.version) == (2, 2)
    assert AuditEvent.objects.filter(action="context_case.updated").count() == 1


def queries_label(level: int) -> str:
    from safecontext.contexts.models import WellbeingLevel

    return str(WellbeingLevel(level).label)


def test_an_unchanged_edit_writes_no_version_and_no_event(world: World) -> None:
    case = _open(world, summary="Same")
    actions.update_context_case(
        context_case=case, changes={"summary": " Same "}, expected_version=1, by=world.users["allocated_worker"]
    )
    assert ContextCase.objects.get(pk=case.pk).version == 1
    assert not AuditEvent.objects.filter(action="context_case.updated").exists()


def test_a_new_lead_needs_a_reason_and_moves_the_case_to_their_team(world: World) -> None:
    case = _open(world)
    with pytest.raises(ValidationError) as raised:
        actions.allocate_lead(
            context_case=case, lead_worker=world.users["other_team_worker"], reason=" ", by=world.users["manager"]
        )
    assert set(raised.value.message_dict) == {"reason"}
    actions.allocate_lead(
        context_case=case,
        lead_worker=world.users["other_team_worker"],
        reason="Pod B knows the estate",
        by=world.users["manager"],
    )
    case.refresh_from_db()
    assert case.lead_worker == world.users["other_team_worker"] and case.team.name == "Pod B"
    history = list(case.allocations.values_list("lead_worker__username", "reason"))
    assert history == [
        ("other_team_worker", "Pod B knows the estate"),
        ("allocated_worker", "Lead when the case opened"),
    ]
    assert AuditEvent.objects.get(action="context_case.lead_allocated").reason == "Pod B knows the estate"


def test_members_are_dated_and_a_person_is_a_current_member_once(world: World) -> None:
    case = _open(world)
    today = timezone.localdate()
    member = actions.add_member(context_case=case, person=world.child, joined_on=today, by=world.users["manager"])
    with pytest.raises(ValidationError) as raised:
        actions.add_member(context_case=case, person=world.child, joined_on=today, by=world.users["manager"])
    assert set(raised.value.message_dict) == {"person"}
    with pytest.raises(ValidationError):
        actions.end_member(member=member, left_on=today - dt.timedelta(days=1), by=world.users["manager"])
    actions.end_member(member=member, left_on=today, by=world.users["manager"])
    again = actions.add_member(context_case=case, person=world.child, joined_on=today, by=world.users["manager"])
    assert again.pk != member.pk
    assert AuditEvent.objects.filter(action__startswith="context_case.member_").count() == 3


def test_closing_needs_a_reason_and_a_closed_case_cannot_be_assessed(world: World) -> None:
    records = make_context_records(world)
    lead = world.users["allocated_worker"]
    with pytest.raises(ValidationError) as raised:
        actions.close_context_case(context_case=records.case, closed_on=timezone.localdate(), reason="", by=lead)
    assert set(raised.value.message_dict) == {"reason"}
    actions.close_context_case(
        context_case=records.case, closed_on=timezone.localdate(), reason="The group is safer", by=lead
    )
    records.case.refresh_from_db()
    assert records.case.status == "closed" and records.case.closure_reason == "The group is safer"
    with pytest.raises(ValidationError):
        actions.record_assessment(
            context_case=records.case,
            answers={"pg.fn.look_out": 3},
            assessed_on=timezone.localdate(),
            evidence_sources=["staff"],
            by=lead,
        )


@pytest.mark.parametrize(("persona", "expected"), sorted(EXPECTED_CAN_SEE_CONTEXT_CASE.items()))
def test_context_case_scope(persona: str, expected: bool, world: World) -> None:
    records = make_context_records(world)
    user = world.users[persona]
    assert queries.context_cases_visible_to(user).filter(pk=records.case.pk).exists() == expected
    if not expected:
        with pytest.raises(Http404):
            queries.get_context_case_for_user(user, records.case.pk)


def test_only_managers_of_context_cases_may_write(world: World) -> None:
    records = make_context_records(world)
    assert queries.get_context_case_for_user(world.users["same_team_colleague"], records.case.pk, write=True)
    with pytest.raises(Http404):
        queries.get_context_case_for_user(world.users["front_door"], records.case.pk, write=True)


def test_members_the_viewer_may_not_open_are_counted_not_named(world: World) -> None:
    records = make_context_records(world)
    actions.add_member(
        context_case=records.case,
        person=world.other_child,  # Pod B's young person
        joined_on=timezone.localdate(),
        by=world.users["manager"],
    )
    seen = queries.members_for(world.users["same_team_colleague"], records.case)
    assert [m.person for m in seen.shown] == [world.child] and seen.hidden_current == 1
    everyone = queries.members_for(world.users["front_door"], records.case)
    assert {m.person for m in everyone.shown} == {world.child, world.other_child}


def test_the_case_list_filters_by_status_and_kind(world: World) -> None:
    records = make_context_records(world)
    park_case = _open(world)
    user = world.users["manager"]
    assert set(queries.context_case_list(user)) == {records.case, park_case}
    assert queries.context_case_list(user, kind="peer_group") == [records.case]
    assert queries.context_case_list(user, status="closed") == []
    assert queries.context_case_list(world.users["other_team_worker"]) == []
