"""The supervision chain read from the database: next due dates, overdue supervision routed to the supervisor's own
manager, cadence met per team, and the dashboard that shows them."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from safecontext.accounts.actions import change_user_access
from safecontext.supervision import actions, chain
from safecontext.supervision.models import SupervisionSession
from tests.conftest import World, signed_in_client

TODAY = timezone.localdate()


def _chain(world: World) -> None:
    """Head of service → manager → allocated worker and colleague; the worker's arrangement began 40 days ago."""
    users = world.users
    change_user_access(user=users["manager"], supervisor=users["head_of_service"], by=None)
    change_user_access(user=users["allocated_worker"], supervisor=users["manager"], by=None)
    change_user_access(user=users["same_team_colleague"], supervisor=users["manager"], by=None)
    actions.set_cadence(user=users["allocated_worker"], cadence_days=28, since=TODAY - dt.timedelta(days=40), by=None)
    actions.set_cadence(
        user=users["head_of_service"], cadence_days=28, supervised_outside="The chief executive", by=None
    )


def test_a_worker_with_no_session_for_longer_than_the_cadence_is_overdue(world: World) -> None:
    _chain(world)
    rows = {row.user.username: row for row in chain.supervisees_of(world.users["manager"])}
    assert set(rows) == {"allocated_worker", "same_team_colleague"}
    assert rows["allocated_worker"].overdue and rows["allocated_worker"].next_due == TODAY - dt.timedelta(days=12)
    assert not rows["same_team_colleague"].overdue  # joined today: a full cadence before the first session


def test_a_session_puts_the_worker_back_on_time(world: World) -> None:
    _chain(world)
    actions.record_session(
        kind=SupervisionSession.Kind.ONE_TO_ONE,
        held_on=TODAY - dt.timedelta(days=3),
        supervisee=world.users["allocated_worker"],
        by=world.users["manager"],
    )
    row = chain.my_next_supervision(world.users["allocated_worker"])
    assert row is not None and not row.overdue and row.next_due == TODAY + dt.timedelta(days=25)


def test_a_group_session_counts_for_each_attendee(world: World) -> None:
    _chain(world)
    actions.record_session(
        kind=SupervisionSession.Kind.GROUP,
        held_on=TODAY,
        attendees=[world.users["allocated_worker"]],
        themes="Endings",
        by=world.users["manager"],
    )
    row = chain.my_next_supervision(world.users["allocated_worker"])
    assert row is not None and row.last_session == TODAY


def test_a_per_person_cadence_changes_the_due_date(world: World) -> None:
    _chain(world)
    actions.set_cadence(user=world.users["allocated_worker"], cadence_days=60, by=world.users["manager"])
    row = chain.my_next_supervision(world.users["allocated_worker"])
    assert row is not None and not row.overdue and row.cadence_days == 60


def test_overdue_supervision_is_reported_to_the_supervisors_own_manager(world: World) -> None:
    _chain(world)
    head = chain.supervision_dashboard(world.users["head_of_service"])
    assert [(row.name, row.supervisor_name, row.days_overdue) for row in head.reported_to_you] == [
        ("Allocated_worker Tester", "Manager Tester", 12)
    ]
    manager = chain.supervision_dashboard(world.users["manager"])
    assert manager.reported_to_you == []
    assert [row.name for row in manager.overdue_elsewhere] == ["Allocated_worker Tester"]  # in their team


def test_the_dashboard_counts_cadence_per_team_and_reports_gaps_in_the_chain(world: World) -> None:
    _chain(world)
    dashboard = chain.supervision_dashboard(world.users["head_of_service"])
    teams = {row.team: (row.met, row.counted) for row in dashboard.teams}
    assert teams["Pod A"] == (3, 4)  # the allocated worker's supervision fell overdue during the period
    assert "Police" not in teams  # another service
    # The head of service is supervised outside SafeContext: not a gap. A Pod B worker with no supervisor is.
    assert not any(message.startswith("Head_of_service") for message in dashboard.problems)
    assert any(message.startswith("Other_team_worker Tester has no supervisor") for message in dashboard.problems)


def test_the_dashboard_page_shows_figures_and_names_but_no_session_content(world: World) -> None:
    _chain(world)
    response = signed_in_client(world.users["head_of_service"]).get(reverse("supervision:dashboard"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Allocated_worker Tester" in body and "Pod A" in body


def test_the_supervision_page_lists_supervisees_and_ones_own_due_date(world: World) -> None:
    _chain(world)
    body = signed_in_client(world.users["manager"]).get(reverse("supervision:index")).content.decode()
    assert "Allocated_worker Tester" in body and "Overdue" in body
    assert "Your next supervision with Head_of_service Tester" in body
