"""Visits due and flags: the statutory cadence by level (configurable), the stuck-at-building threshold (configurable),
and the lists built from them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from safecontext.cases import actions, worklists
from safecontext.cases.models import Case
from safecontext.cases.visits import visit_status
from safecontext.core.actions_base import inside_action
from tests.cases.test_actions import NOTE
from tests.conftest import World


def _case(world: World, level: str) -> Case:
    with inside_action():
        Case.objects.filter(subject=world.child).update(level=level)
    return Case.objects.get(subject=world.child)


def test_the_next_visit_counts_working_days_from_the_last_visit_by_level(world: World) -> None:
    case = _case(world, "child_protection")
    friday = dt.date(2026, 11, 6)
    status = visit_status(case, friday, today=dt.date(2026, 11, 20))
    assert (status.due, status.overdue) == (dt.date(2026, 11, 20), False)  # 10 working days
    late = visit_status(case, friday, today=dt.date(2026, 11, 23))
    assert (late.overdue, late.days_overdue) == (True, 3)
    case.level = "early_help"
    assert visit_status(case, friday, today=dt.date(2026, 11, 23)).due is None


def test_the_cadence_is_a_setting(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SAFECONTEXT_VISIT_CADENCE = {"child_in_need": 5}
    case = _case(world, "child_in_need")
    assert visit_status(case, dt.date(2026, 11, 6), today=dt.date(2026, 11, 6)).due == dt.date(2026, 11, 13)


def test_my_visits_and_flags_use_the_last_note_that_saw_the_child(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    worker = world.users["allocated_worker"]
    case = _case(world, "child_protection")
    today = timezone.localdate()
    actions.start_relationship(
        case=case, worker=worker, person=world.child, on=today - dt.timedelta(days=20), by=worker
    )
    # A phone call does not count as a visit; an activity where the child was seen does.
    actions.record_note(case=case, values=NOTE | {"kind": "phone", "happened_on": today}, by=worker)
    seen = today - dt.timedelta(days=2)
    actions.record_note(case=case, values=NOTE | {"happened_on": seen}, by=worker)
    [row] = worklists.caseload_rows(worker, today=today)
    assert row.visits.last_visit == seen and not row.visits.overdue
    assert (row.stage, row.stuck) == (1, False)  # 20 days at stage 1: under the 6-week default
    settings.SAFECONTEXT_STUCK_AT_BUILDING_WEEKS = 2
    [row] = worklists.caseload_rows(worker, today=today)
    assert row.stuck and "Still building: talk in supervision" in row.flags
    assert worklists.visits_due([row]) == [row]


def test_continuity_counts_worker_changes_per_case_and_team(world: World) -> None:
    manager = world.users["manager"]
    case = Case.objects.get(subject=world.child)
    actions.allocate_case(case=case, worker=world.users["same_team_colleague"], on=dt.date(2026, 10, 1),
                          reason="Long-term leave", expected_version=None, by=manager)  # fmt: skip
    actions.allocate_case(case=case, worker=manager, on=dt.date(2026, 10, 20), reason="Cover", expected_version=None,
                          by=manager)  # fmt: skip
    report = worklists.continuity_report(manager, today=dt.date(2026, 11, 25))
    [(team_name, team)] = report.teams
    assert (team_name, team.cases, team.worker_changes) == ("Pod A", 1, 1)
    [(listed, result)] = report.cases
    assert listed == case and result.workers == (world.users["same_team_colleague"].pk, manager.pk)
