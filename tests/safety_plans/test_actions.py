"""Safety plans: each save a new version, a stale edit a conflict with the differences, every problem at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.audit.models import AuditEvent
from safecontext.cases.models import Case
from safecontext.safety_plans.actions import SafetyPlanConflict, save_safety_plan
from safecontext.safety_plans.models import SafetyPlan, SafetyPlanVersion
from tests.conftest import World
from tests.safety_plans.plans import make_plan, plan_values


@pytest.fixture
def case(world: World) -> Case:
    return Case.objects.get(subject=world.child)


def test_the_first_save_creates_version_one_and_is_audited(world: World, case: Case) -> None:
    plan = make_plan(case, by=world.users["allocated_worker"])
    assert plan.version == 1
    assert plan.contingencies == [{"if": "he is not home by 9pm", "then": "Mum rings him and then 101 by 10pm"}]
    version = plan.versions.get()
    assert version.number == 1
    assert version.content["safety_goals"] == "Home by 9pm on school nights"
    event = AuditEvent.objects.get(action="safety_plan.created")
    assert event.target_id == str(plan.pk)
    assert event.after["version"] == 1


def test_each_save_is_a_new_version_and_old_versions_stay_as_they_were(world: World, case: Case) -> None:
    worker = world.users["allocated_worker"]
    make_plan(case, by=worker)
    plan = make_plan(case, by=worker, safety_goals="Home by 10pm at weekends")
    assert plan.version == 2
    first, second = SafetyPlanVersion.objects.filter(plan=plan).order_by("number")
    assert first.content["safety_goals"] == "Home by 9pm on school nights"
    assert second.content["safety_goals"] == "Home by 10pm at weekends"
    assert second.changed_fields == ["safety_goals"]
    event = AuditEvent.objects.get(action="safety_plan.updated")
    assert event.before == {"safety_goals": "Home by 9pm on school nights"}


def test_saving_nothing_new_writes_no_version(world: World, case: Case) -> None:
    worker = world.users["allocated_worker"]
    make_plan(case, by=worker)
    plan = make_plan(case, by=worker)
    assert plan.version == 1
    assert SafetyPlanVersion.objects.count() == 1


def test_a_stale_edit_is_a_conflict_with_the_differences_and_nothing_is_lost(world: World, case: Case) -> None:
    worker, colleague = world.users["allocated_worker"], world.users["same_team_colleague"]
    make_plan(case, by=worker)  # both open version 1
    make_plan(case, by=colleague, warning_signs="Missing school on Mondays")  # the colleague saves first: v2
    with pytest.raises(SafetyPlanConflict) as conflict:
        save_safety_plan(
            by=worker, case=case, values=plan_values(safety_goals="Home by 8pm"), version=1
        )  # the worker's edit started from version 1
    assert conflict.value.current_version == 2
    differences = {difference.field: difference for difference in conflict.value.differences}
    assert differences["warning_signs"].theirs == "Missing school on Mondays"
    assert differences["warning_signs"].yours == "New phone, new trainers, staying out late"
    assert differences["safety_goals"].yours == "Home by 8pm"
    plan = SafetyPlan.objects.get(case=case)
    assert plan.version == 2
    assert plan.warning_signs == "Missing school on Mondays"  # the colleague's change is kept
    assert plan.safety_goals == "Home by 9pm on school nights"


def test_every_problem_is_reported_at_once(world: World, case: Case) -> None:
    with pytest.raises(ValidationError) as invalid:
        save_safety_plan(
            by=world.users["allocated_worker"],
            case=case,
            values=plan_values(
                worries="",
                contingencies=[{"if": "he goes missing", "then": ""}],
                contacts=[{"name": "", "role": "Mum", "phone": "call me"}],
                review_on=timezone.localdate() - dt.timedelta(days=1),
            ),
            version=None,
        )
    assert set(invalid.value.message_dict) == {"worries", "then_1", "name_1", "phone_1", "review_on"}
    assert not SafetyPlan.objects.exists()


def test_a_plan_needs_a_contingency(world: World, case: Case) -> None:
    with pytest.raises(ValidationError) as invalid:
        make_plan(case, by=world.users["allocated_worker"], contingencies=[])
    assert "if_1" in invalid.value.message_dict
