"""Casework actions: every write audited, bad input refused whole, illegal moves refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safecontext.audit.models import AuditEvent
from safecontext.cases import actions
from safecontext.cases.models import Allocation, Case, CaseNote, Relationship, StageChange, SuggestedLink
from safecontext.contexts.models import Context
from safecontext.core.actions_base import inside_action
from safecontext.network.models import Link
from tests import factories
from tests.conftest import World

NOTE = {
    "kind": "activity",
    "happened_on": dt.date(2026, 10, 6),
    "who_was_seen": "Test",
    "child_seen": True,
    "seen_alone": True,
    "summary": "We cycled along the canal to the Bus Station and back. Tessa waved us off.",
    "own_words": "I like it by the water, nobody bothers me there.",
    "restricted": "",
}


def _case(world: World) -> Case:
    return Case.objects.get(subject=world.child)


def _context(world: World, name: str) -> Context:
    with inside_action():
        return Context.objects.create(service=world.child.service, kind="place", name=name, name_key=name.lower())


def test_open_case_directly_with_allocation_and_first_relationship(world: World) -> None:
    manager = world.users["manager"]
    child = factories.make_person("New", "Starter")
    case = actions.open_case(
        subject=child,
        team=manager.team,
        level="child_in_need",
        opened_on=dt.date(2026, 11, 2),
        worker=world.users["allocated_worker"],
        reason="Worker with capacity, lives nearby",
        by=manager,
    )
    allocation = Allocation.objects.get(case=case)
    assert (allocation.worker, allocation.from_date, allocation.to_date) == (
        world.users["allocated_worker"],
        dt.date(2026, 11, 2),
        None,
    )
    relationship = Relationship.objects.get(case=case)
    assert (relationship.stage, relationship.person) == (1, child)
    assert AuditEvent.objects.filter(action="case.opened", target_id=str(case.pk)).exists()
    assert case.involvements.get().person == child


def test_open_case_refuses_bad_input_and_saves_nothing(world: World) -> None:
    manager = world.users["manager"]
    with pytest.raises(ValidationError) as raised:
        actions.open_case(
            subject=world.child,  # already has an open case
            team=manager.team,
            level="level_99",
            opened_on=dt.date(2099, 1, 1),
            worker=world.users["other_team_worker"],  # not in the team
            by=manager,
        )
    assert set(raised.value.message_dict) == {"level", "opened_on", "subject", "worker", "reason"}
    assert Case.objects.count() == 2


def test_reallocation_ends_the_previous_allocation_and_keeps_the_reason(world: World) -> None:
    manager, colleague = world.users["manager"], world.users["same_team_colleague"]
    case = _case(world)
    actions.allocate_case(
        case=case,
        worker=colleague,
        on=dt.date(2026, 10, 1),
        reason="Worker on long-term leave",
        expected_version=case.version,
        by=manager,
    )
    case.refresh_from_db()
    assert case.allocated_worker == colleague and case.version == 2
    new = Allocation.objects.get(case=case)
    assert (new.reason, new.from_date, new.to_date) == ("Worker on long-term leave", dt.date(2026, 10, 1), None)
    assert Relationship.objects.filter(case=case, worker=colleague, stage=1).exists()
    event = AuditEvent.objects.get(action="case.allocated")
    assert (
        event.before["worker_id"] == world.users["allocated_worker"].pk and event.reason == "Worker on long-term leave"
    )

    with pytest.raises(ValidationError) as raised:
        actions.allocate_case(
            case=case, worker=colleague, on=dt.date(2026, 10, 2), reason="", expected_version=2, by=manager
        )
    assert set(raised.value.message_dict) == {"reason", "worker"}
    with pytest.raises(ValidationError):  # stale: someone reallocated since the page was loaded
        actions.allocate_case(
            case=case, worker=manager, on=dt.date(2026, 10, 2), reason="x", expected_version=1, by=manager
        )


def test_close_with_a_dfe_reason_ends_allocation_and_relationships(world: World) -> None:
    manager = world.users["manager"]
    case = _case(world)
    actions.allocate_case(
        case=case,
        worker=world.users["same_team_colleague"],
        on=dt.date(2026, 9, 10),
        reason="Handover",
        expected_version=None,
        by=manager,
    )
    with pytest.raises(ValidationError) as raised:
        actions.close_case(case=case, reason_code="RC99", on=dt.date(2026, 11, 1), expected_version=None, by=manager)
    assert "reason_code" in raised.value.message_dict
    actions.close_case(case=case, reason_code="RC8", on=dt.date(2026, 11, 1), expected_version=None, by=manager)
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.closure_reason) == ("closed", dt.date(2026, 11, 1), "RC8")
    assert case.closure_reason_list_version == "cin-census-2025-26"
    assert not Allocation.objects.filter(case=case, to_date__isnull=True).exists()
    assert not Relationship.objects.filter(case=case, ended_on__isnull=True).exists()


def test_stage_transitions_follow_the_building_blocks(world: World) -> None:
    worker = world.users["allocated_worker"]
    relationship = actions.start_relationship(
        case=_case(world), worker=worker, person=world.child, on=dt.date(2026, 9, 1), by=worker
    )
    with pytest.raises(ValidationError) as raised:
        actions.change_stage(relationship=relationship, stage=3, on=dt.date(2026, 9, 20), by=worker)
    assert "stage" in raised.value.message_dict
    actions.change_stage(relationship=relationship, stage=2, on=dt.date(2026, 10, 1), by=worker)
    with pytest.raises(ValidationError) as raised:  # back to 1 needs a reason
        actions.change_stage(relationship=relationship, stage=1, on=dt.date(2026, 10, 8), by=worker)
    assert "rupture" in str(raised.value)
    actions.change_stage(
        relationship=relationship, stage=1, on=dt.date(2026, 10, 8), reason="Missed three sessions; repaired", by=worker
    )
    actions.change_stage(relationship=relationship, stage=2, on=dt.date(2026, 10, 20), by=worker)
    actions.change_stage(
        relationship=relationship, stage=3, on=dt.date(2026, 11, 2), planned_end_date=dt.date(2027, 1, 29), by=worker
    )
    relationship.refresh_from_db()
    assert (relationship.stage, relationship.planned_end_date) == (3, dt.date(2027, 1, 29))
    assert list(StageChange.objects.filter(relationship=relationship).values_list("stage", flat=True)) == [
        1,
        2,
        1,
        2,
        3,
    ]
    assert AuditEvent.objects.filter(action="relationship.stage_changed").count() == 4


def test_planned_ending_dates_must_come_before_the_end(world: World) -> None:
    worker = world.users["allocated_worker"]
    relationship = actions.start_relationship(
        case=_case(world), worker=worker, person=world.child, on=dt.date(2026, 9, 1), by=worker
    )
    with pytest.raises(ValidationError) as raised:
        actions.plan_ending(
            relationship=relationship,
            planned_end_date=dt.date(2027, 1, 1),
            last_review_date=dt.date(2027, 2, 1),
            last_visit_date=None,
            ending_letter="",
            by=worker,
        )
    assert set(raised.value.message_dict) == {"last_review_date"}
    actions.plan_ending(
        relationship=relationship,
        planned_end_date=dt.date(2027, 1, 29),
        last_review_date=dt.date(2027, 1, 15),
        last_visit_date=dt.date(2027, 1, 28),
        ending_letter="Dear Test, it has been good to know you.",
        by=worker,
    )
    relationship.refresh_from_db()
    assert relationship.ending_letter.startswith("Dear Test")
    event = AuditEvent.objects.get(action="relationship.ending_planned")
    assert event.after["ending_letter_written"] is True and "ending_letter" not in event.after


def test_a_note_keeps_the_young_persons_words_and_suggests_the_people_and_places_it_names(world: World) -> None:
    worker = world.users["allocated_worker"]
    station = _context(world, "Bus Station")
    _context(world, "Leisure Centre")  # not mentioned
    note = actions.record_note(case=_case(world), values=NOTE, by=worker)
    assert note.own_words == NOTE["own_words"]
    suggested = {(s.person_id, s.context_id, s.mentioned_as) for s in note.suggestions.all()}
    assert suggested == {(None, station.pk, "Bus Station"), (world.mother.pk, None, "Tessa")}
    event = AuditEvent.objects.get(action="case_note.recorded")
    assert event.after["own_words"] is True and event.after["suggested_links"] == 2
    assert NOTE["own_words"] not in str(event.after)  # the words stay in the note, not in the audit log


def test_a_note_refuses_bad_input_whole(world: World) -> None:
    bad = NOTE | {"kind": "seance", "happened_on": dt.date(2026, 1, 1), "summary": " ", "child_seen": False}
    with pytest.raises(ValidationError) as raised:
        actions.record_note(case=_case(world), values=bad, by=world.users["allocated_worker"])
    assert set(raised.value.message_dict) == {"kind", "happened_on", "summary", "seen_alone"}
    assert not CaseNote.objects.exists()


def test_accepting_a_suggestion_records_a_network_link_sourced_from_the_note(world: World) -> None:
    worker = world.users["allocated_worker"]
    station = _context(world, "Bus Station")
    note = actions.record_note(case=_case(world), values=NOTE, by=worker)
    suggestion = note.suggestions.get(context=station)
    link = actions.accept_suggestion(suggestion=suggestion, link_type="frequents", nature="unknown", by=worker)
    assert (link.source_kind, link.source_id, link.valid_from) == ("case_note", note.pk, NOTE["happened_on"])
    assert link.a.person == world.child and link.b.context == station
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.link, suggestion.decided_by) == ("accepted", link, worker)
    with pytest.raises(ValidationError):
        actions.accept_suggestion(suggestion=suggestion, link_type="frequents", nature="unknown", by=worker)
    assert Link.objects.count() == 1
    # Already linked: a later note naming the same place suggests nothing new.
    again = actions.record_note(case=_case(world), values=NOTE | {"summary": "Back at the bus station."}, by=worker)
    assert not again.suggestions.filter(context=station).exists()


def test_a_wrong_link_type_is_refused_and_nothing_is_linked(world: World) -> None:
    worker = world.users["allocated_worker"]
    station = _context(world, "Bus Station")
    note = actions.record_note(case=_case(world), values=NOTE, by=worker)
    with pytest.raises(ValidationError):
        actions.accept_suggestion(
            suggestion=note.suggestions.get(context=station), link_type="sibling", nature="unknown", by=worker
        )
    assert not Link.objects.exists()


def test_declining_keeps_the_suggestion_with_who_and_why(world: World) -> None:
    worker = world.users["allocated_worker"]
    note = actions.record_note(case=_case(world), values=NOTE, by=worker)
    suggestion = note.suggestions.get(person=world.mother)
    actions.decline_suggestion(suggestion=suggestion, reason="She is his mother: already on the case", by=worker)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == ("declined", worker)
    assert SuggestedLink.objects.filter(pk=suggestion.pk).exists()
    assert AuditEvent.objects.filter(action="suggested_link.declined", reason__startswith="She is").exists()


def test_editing_a_note_keeps_the_earlier_version(world: World) -> None:
    worker = world.users["allocated_worker"]
    note = actions.record_note(case=_case(world), values=NOTE, by=worker)
    actions.edit_note(note=note, values=NOTE | {"summary": "Corrected account."}, expected_version=1, by=worker)
    note.refresh_from_db()
    assert (note.version, note.summary) == (2, "Corrected account.")
    earlier = note.versions.get()
    assert (earlier.version, earlier.values["summary"]) == (1, NOTE["summary"])
    # No change: no new version, no audit event.
    actions.edit_note(note=note, values=NOTE | {"summary": "Corrected account."}, expected_version=2, by=worker)
    assert note.versions.count() == 1
    assert AuditEvent.objects.filter(action="case_note.edited").count() == 1


def test_a_stale_edit_raises_a_conflict_with_the_differences_and_saves_nothing(world: World) -> None:
    worker, colleague = world.users["allocated_worker"], world.users["same_team_colleague"]
    note = actions.record_note(case=_case(world), values=NOTE, by=worker)
    actions.edit_note(note=note, values=NOTE | {"summary": "Worker's correction"}, expected_version=1, by=worker)
    with pytest.raises(actions.NoteEditConflict) as raised:
        actions.edit_note(
            note=note, values=NOTE | {"own_words": "Colleague's version"}, expected_version=1, by=colleague
        )
    labels = {difference.label: (difference.theirs, difference.yours) for difference in raised.value.differences}
    assert labels["What happened"] == ("Worker's correction", NOTE["summary"])
    assert labels["The young person's own words"] == (NOTE["own_words"], "Colleague's version")
    note.refresh_from_db()
    assert (note.version, note.summary, note.own_words) == (2, "Worker's correction", NOTE["own_words"])


def test_a_case_opens_from_a_referral_only_once_it_is_screened_and_only_for_its_child(world: World) -> None:
    from safecontext.front_door.models import Referral
    from tests.front_door_records import make_front_door_records

    manager = world.users["manager"]
    new_child = factories.make_person("Newly", "Referred")
    referral = make_front_door_records(world).referral
    with inside_action():
        referral.children.add(new_child)
    kwargs = {"team": manager.team, "level": "child_in_need", "opened_on": dt.date(2026, 11, 2), "by": manager}
    with pytest.raises(ValidationError) as raised:
        actions.open_case(subject=new_child, referral=referral, **kwargs)
    assert "once it has been screened" in str(raised.value.message_dict["referral"])
    with inside_action():
        Referral.objects.filter(pk=referral.pk).update(status=Referral.Status.SCREENED)
    referral.refresh_from_db()
    with pytest.raises(ValidationError) as raised:
        actions.open_case(subject=factories.make_person("Not", "Referred"), referral=referral, **kwargs)
    assert "not about this child" in str(raised.value.message_dict["referral"])
    case = actions.open_case(subject=new_child, referral=referral, **kwargs)
    assert (case.referral, case.allocated_worker, case.level) == (referral, None, "child_in_need")
    assert not Allocation.objects.filter(case=case).exists()


def test_the_open_case_page_opens_a_case_for_a_manager(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    manager = world.users["manager"]
    # Recorded by the team (people.actions.create_person holds a new person in the creator's team): in its scope.
    child = factories.make_person("Page", "Opened", held_by_team=manager.team)
    response = client_for("manager").post(
        f"/cases/open/{child.pk}/",
        {
            "level": "child_protection",
            "team": manager.team_id,
            "worker": world.users["same_team_colleague"].pk,
            "opened_on_day": "3",
            "opened_on_month": "11",
            "opened_on_year": "2026",
            "reason": "Allocated at the strategy discussion",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(subject=child)
    assert (case.level, case.allocated_worker) == ("child_protection", world.users["same_team_colleague"])
    assert Allocation.objects.get(case=case).reason == "Allocated at the strategy discussion"
