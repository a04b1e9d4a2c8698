"""context_plans actions and queries: the rules applied, every change audited, nothing half-saved, scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from safecontext.audit.actions import AuditWriteFailed
from safecontext.audit.models import AuditEvent
from safecontext.context_plans import actions, queries
from safecontext.context_plans.cleaning import EditConflict, EntryInput
from safecontext.context_plans.models import ContextPlan, ContextWeighting, Partner, PlanAction, PlanGoal
from safecontext.contexts import actions as context_actions
from safecontext.contexts.rules.review import Change
from tests import factories
from tests.conftest import World
from tests.context_plans.records import make_plan_records

TODAY = timezone.localdate


def _messages(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


# --- weightings -------------------------------------------------------------------------------------------------


def test_a_weighting_is_recorded_with_its_boxes_and_audited(world: World) -> None:
    worker = world.users["allocated_worker"]
    weighting = actions.record_weighting(
        subject=world.child,
        entries=[EntryInput("Park", None, 60), EntryInput("School", None, 40)],
        rationale="The park is where he is approached",
        recorded_on=TODAY(),
        by=worker,
    )
    assert [(e.label, e.weight, e.position) for e in weighting.entries.all()] == [("Park", 60, 0), ("School", 40, 1)]
    event = AuditEvent.objects.get(action="context_weighting.recorded", target_id=str(weighting.pk))
    assert event.actor_username == "allocated_worker"
    assert event.after["entries"][0] == {"label": "Park", "context_id": None, "weight": 60}
    assert queries.latest_weighting_for_person(world.child) == weighting


@pytest.mark.parametrize(
    ("entries", "rationale", "field", "fragment"),
    [
        ([EntryInput("Park", None, 60), EntryInput("School", None, 30)], "Why", "entries", "add up to 90"),
        ([], "Why", "entries", "at least one context"),
        ([EntryInput("Park", None, 100)], "  ", "rationale", "Enter why"),
        ([EntryInput("Park", None, 0), EntryInput("School", None, 100)], "Why", "entries[0]", "weighting it 0"),
        ([EntryInput("Park", None, 50), EntryInput("the park", None, 50)], "Why", "entries[1]", "same context"),
    ],
)
def test_a_weighting_that_breaks_the_rules_is_refused_and_nothing_saved(
    world: World, entries: list[EntryInput], rationale: str, field: str, fragment: str
) -> None:
    with pytest.raises(ValidationError) as error:
        actions.record_weighting(
            subject=world.child, entries=entries, rationale=rationale, recorded_on=TODAY(), by=world.users["manager"]
        )
    assert any(fragment in message for message in _messages(error)[field]), _messages(error)
    assert not ContextWeighting.objects.exists()


def test_a_weighting_cannot_be_dated_in_the_future_or_link_another_services_context(world: World) -> None:
    other_service = factories.make_service("Elsewhere Council")
    worker = world.users["allocated_worker"]
    elsewhere = context_actions.create_context(service=other_service, kind="place", name="Far Park", by=worker)
    with pytest.raises(ValidationError) as error:
        actions.record_weighting(
            subject=world.child,
            entries=[EntryInput("Far Park", elsewhere, 100)],
            rationale="Why",
            recorded_on=TODAY() + dt.timedelta(days=1),
            by=worker,
        )
    assert set(_messages(error)) == {"recorded_on", "entries[0]"}


def test_nothing_is_saved_when_the_audit_write_fails(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs: object) -> None:
        raise AuditWriteFailed("audit store down")

    monkeypatch.setattr(actions, "record_change", broken)
    with pytest.raises(AuditWriteFailed):
        actions.record_weighting(
            subject=world.child,
            entries=[EntryInput("Park", None, 100)],
            rationale="Why",
            recorded_on=TODAY(),
            by=world.users["manager"],
        )
    assert not ContextWeighting.objects.exists()


def test_the_change_between_weightings_follows_renamed_and_unlinked_boxes(world: World) -> None:
    records = make_plan_records(world)
    rows = queries.weighting_change(records.earlier, records.weighting)
    by_label = {row.change.label: row.text for row in rows}
    # The park was renamed "The park" but is the same linked context; "Home" is unlinked but named the same.
    assert by_label == {"The park": "Down 20", "Home": "Down 10", "Bus 7": "Added"}
    assert queries.previous_weighting(records.weighting) == records.earlier
    assert queries.previous_weighting(records.earlier) is None


def test_the_boxes_fill_the_drawing_in_proportion_to_weight(world: World) -> None:
    records = make_plan_records(world)
    drawing = queries.drawing(queries.entry_inputs(records.weighting))
    areas = {shape.box.label: shape.box.width * shape.box.height for shape in drawing.shapes}
    assert sum(areas.values()) == pytest.approx(drawing.width * drawing.height)
    assert areas["The park"] == pytest.approx(drawing.width * drawing.height * 0.5)
    assert drawing.shapes[0].box.label == "The park"  # heaviest top left
    assert drawing.tied == []


def test_a_tie_is_reported_and_the_first_listed_box_is_targeted_first(world: World) -> None:
    weighting = actions.record_weighting(
        subject=world.child,
        entries=[EntryInput("School", None, 40), EntryInput("Park", None, 40), EntryInput("Home", None, 20)],
        rationale="Why",
        recorded_on=TODAY(),
        by=world.users["manager"],
    )
    assert queries.drawing(queries.entry_inputs(weighting)).tied == ["School", "Park"]
    first = queries.first_box(weighting)
    assert first is not None and first.label == "School"


# --- plans, goals and actions -----------------------------------------------------------------------------------


def test_a_plan_cites_the_box_it_targets_first(world: World) -> None:
    records = make_plan_records(world)
    assert records.plan.targets_first_label == "The park"
    assert records.plan.targets_first_context == records.park
    assert AuditEvent.objects.filter(action="context_plan.created", target_id=str(records.plan.pk)).exists()


def test_a_plan_refuses_another_subjects_weighting_and_a_past_review_date(world: World) -> None:
    records = make_plan_records(world)
    with pytest.raises(ValidationError) as error:
        actions.create_plan(
            subject=world.other_child,
            title="Plan",
            weighting=records.weighting,
            targets_first=None,
            targets_first_label="Park",
            review_on=TODAY() - dt.timedelta(days=1),
            by=world.users["manager"],
        )
    assert set(_messages(error)) == {"weighting", "review_on"}


def test_a_negatively_phrased_goal_is_refused_until_the_worker_keeps_their_wording(world: World) -> None:
    records = make_plan_records(world)
    goal = {
        "plan": records.plan,
        "statement": "Stop young people being approached in the park",
        "what_will_show_it": "Fewer reports",
        "how_we_will_know": "Police data",
        "by": world.users["allocated_worker"],
    }
    with pytest.raises(ValidationError) as error:
        actions.add_goal(**goal)  # type: ignore[arg-type]
    assert "starts with “stop”" in _messages(error)["statement"][0]
    assert "Keep my wording" in _messages(error)["statement"][0]
    kept = actions.add_goal(**goal, keep_wording=True)  # type: ignore[arg-type]
    assert kept.position == 1


def test_a_goal_needs_its_measures(world: World) -> None:
    records = make_plan_records(world)
    with pytest.raises(ValidationError) as error:
        actions.add_goal(
            plan=records.plan, statement="Young people feel safe", what_will_show_it="", how_we_will_know=" ",
            by=world.users["allocated_worker"],
        )  # fmt: skip
    assert set(_messages(error)) == {"what_will_show_it", "how_we_will_know"}
    assert PlanGoal.objects.filter(plan=records.plan).count() == 1


def test_an_action_owned_by_a_guardian_from_the_register(world: World) -> None:
    records = make_plan_records(world)
    assert records.plan_action.owner_kind == PlanAction.OwnerKind.GUARDIAN
    assert records.plan_action.owner_name == "Pat Warden (Park warden)"
    event = AuditEvent.objects.get(action="context_plan.action_added", target_id=str(records.plan_action.pk))
    assert event.after["owner_kind"] == "guardian"
    assert event.after["conference_id"] == records.conference.pk


def test_an_action_without_an_owner_or_with_a_past_date_is_refused(world: World) -> None:
    records = make_plan_records(world)
    with pytest.raises(ValidationError) as error:
        actions.add_plan_action(
            plan=records.plan, description="Walk the path", due_on=TODAY() - dt.timedelta(days=1),
            by=world.users["allocated_worker"],
        )  # fmt: skip
    assert set(_messages(error)) == {"owner", "due_on"}


def test_an_action_cannot_be_owned_by_someone_off_the_register(world: World) -> None:
    records = make_plan_records(world)
    worker = world.users["allocated_worker"]
    actions.update_partner(
        partner=records.guardian, values={"kind": "guardian", "name": "Pat Warden", "role": "Park warden",
                                          "active": False},
        contexts=[], expected_version=1, by=worker,
    )  # fmt: skip
    records.guardian.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        actions.add_plan_action(
            plan=records.plan, description="Walk", owner_partner=records.guardian, due_on=TODAY(), by=worker
        )
    assert "partners register" in _messages(error)["owner"][0]


def test_a_stale_plan_edit_conflicts_and_saves_nothing(world: World) -> None:
    records = make_plan_records(world)
    worker = world.users["allocated_worker"]
    actions.update_plan(
        plan=records.plan, title="Safe after school", targets_first_label="The park",
        review_on=TODAY() + dt.timedelta(days=30), expected_version=1, by=worker,
    )  # fmt: skip
    with pytest.raises(EditConflict) as conflict:
        actions.update_plan(
            plan=records.plan, title="Another title", targets_first_label="The park",
            review_on=TODAY() + dt.timedelta(days=30), expected_version=1, by=world.users["manager"],
        )  # fmt: skip
    assert conflict.value.current_version == 2
    assert [(d.label, d.theirs, d.yours) for d in conflict.value.differences] == [
        ("Plan title", "Safe after school", "Another title")
    ]
    assert ContextPlan.objects.get(pk=records.plan.pk).title == "Safe after school"


def test_marking_an_action_done_is_versioned(world: World) -> None:
    records = make_plan_records(world)
    worker = world.users["allocated_worker"]
    done = actions.set_action_status(plan_action=records.plan_action, status="done", expected_version=1, by=worker)
    assert done.status == "done" and done.version == 2
    with pytest.raises(EditConflict):
        actions.set_action_status(plan_action=records.plan_action, status="open", expected_version=1, by=worker)


# --- partners, conferences, reviews -----------------------------------------------------------------------------


def test_contact_details_are_kept_only_with_consent(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        actions.add_partner(
            service_id=world.child.service_id,
            values={"kind": "guardian", "name": "Sam Shop", "role": "Shop owner", "contact": "07700 900001"},
            contexts=[],
            by=world.users["manager"],
        )
    assert set(_messages(error)) == {"consents_to_contact"}
    assert not Partner.objects.exists()


def test_a_conference_lists_its_chair_workers_and_guardians(world: World) -> None:
    records = make_plan_records(world)
    attendees = records.conference.attendees.all()
    assert {a.user.username for a in attendees if a.user} == {"manager", "allocated_worker"}
    assert [a.partner for a in attendees if a.partner] == [records.guardian]
    assert list(records.conference.actions.all()) == [records.plan_action]


def test_a_review_moves_the_plans_review_date(world: World) -> None:
    records = make_plan_records(world)
    next_review = TODAY() + dt.timedelta(days=90)
    review = actions.record_review(
        plan=records.plan, summary="Young people now use the main path", next_review_on=next_review,
        by=world.users["allocated_worker"],
    )  # fmt: skip
    plan = ContextPlan.objects.get(pk=records.plan.pk)
    assert plan.review_on == next_review and review.reviewed_on == TODAY()
    with pytest.raises(ValidationError):
        actions.record_review(plan=plan, summary="x", next_review_on=TODAY(), by=world.users["allocated_worker"])


def test_a_context_case_plans_review_shows_each_goals_measures_baseline_against_latest(world: World) -> None:
    records = make_plan_records(world)
    worker = world.users["allocated_worker"]
    keys = [key for key, _text in queries.question_choices(records.case_plan)]
    assert "pg.fn.look_out" in keys
    actions.add_goal(
        plan=records.case_plan,
        statement="Members of the group look out for each other",
        what_will_show_it="They walk home together",
        how_we_will_know="The youth worker asks them",
        measured_by=["pg.fn.look_out", "pg.fn.pressure"],
        by=worker,
    )
    with pytest.raises(ValidationError):
        actions.add_goal(
            plan=records.case_plan, statement="Safe", what_will_show_it="x", how_we_will_know="y",
            measured_by=["not.a.question"], by=worker,
        )  # fmt: skip
    review = queries.plan_review(records.case_plan)
    assert review.comparison is not None
    (goal,) = review.goals
    assert [(q.key, q.change) for q in goal.changes] == [
        ("pg.fn.look_out", Change.IMPROVED),
        ("pg.fn.pressure", Change.IMPROVED),  # reverse scored: pressure fell
    ]
    assert goal.summary is not None and goal.summary.headline == "2 of 2 measures improved"


# --- scope ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "child_plan", "case_plan"),
    [
        ("allocated_worker", True, True),
        ("manager", True, True),
        ("other_team_worker", False, False),
        ("youth_worker", False, False),
        ("front_door", True, True),
        ("partner_agency", False, False),
        ("data_officer", False, False),
    ],
)
def test_plans_are_visible_as_their_subject_is(world: World, persona: str, child_plan: bool, case_plan: bool) -> None:
    records = make_plan_records(world)
    user = world.users[persona]
    for plan, expected in ((records.plan, child_plan), (records.case_plan, case_plan)):
        if expected:
            assert queries.get_plan_for_user(user, plan.pk) == plan
        else:
            with pytest.raises(Http404):
                queries.get_plan_for_user(user, plan.pk)


def test_writing_needs_manage_context_cases(world: World) -> None:
    records = make_plan_records(world)
    with pytest.raises(Http404):
        queries.get_plan_for_user(world.users["front_door"], records.plan.pk, write=True)
    assert queries.get_plan_for_user(world.users["same_team_colleague"], records.plan.pk, write=True) == records.plan


def test_the_partners_register_is_the_services(world: World) -> None:
    records = make_plan_records(world)
    assert list(queries.partners_for_user(world.users["other_team_worker"])) == [records.guardian]
    assert not queries.partners_for_user(world.users["partner_agency"]).exists()
    with pytest.raises(Http404):
        queries.get_partner_for_user(world.users["front_door"], records.guardian.pk, write=True)
