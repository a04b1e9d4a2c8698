"""A supervisor runs a one-to-one session covering two cases; the action agreed flows to the worker's list, and the
worker marks it done. Every page on the way is axe-clean."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from safecontext.cases.models import Case
from tests import factories
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser


@dataclass
class Pod:
    manager: User
    worker: User
    first: Case
    second: Case


@pytest.fixture
def pod(transactional_db: None) -> Pod:
    team = factories.make_team("Pod A")
    head = factories.make_user("jo", role=Role.HEAD_OF_SERVICE, team=factories.make_team("Leadership"))
    manager = factories.make_user("daniel", role=Role.TEAM_MANAGER, team=team, supervisor=head)
    worker = factories.make_user("priya", role=Role.SOCIAL_WORKER, team=team, supervisor=manager)
    first = factories.make_case(factories.make_person("Kieran", "Oyelaran"), team=team, worker=worker)
    second = factories.make_case(factories.make_person("Maya", "Lindqvist"), team=team, worker=worker)
    return Pod(manager, worker, first, second)


def _fill_date(page: Page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_session_covering_two_cases_sends_an_action_to_the_workers_list(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], pod: Pod
) -> None:
    today = timezone.localdate()
    sign_in(pod.manager)
    page.goto(url("/supervision/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision")
    expect(page.get_by_role("table")).to_contain_text("Priya Tester")
    assert_accessible(page, "supervision page")

    page.get_by_role("button", name="Record a supervision session").click()
    page.get_by_role("button", name="Record session").click()
    expect(page.get_by_role("alert")).to_contain_text("Select the kind of session")
    assert_accessible(page, "new session form with errors")

    page.get_by_label("One-to-one").check()
    _fill_date(page, "Date of the session", today)
    page.get_by_label("Who was supervised").select_option(label="Priya Tester (Social worker)")
    page.get_by_role("button", name="Record session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("One-to-one supervision")
    assert_accessible(page, "session page")

    # The first case: reflection, a decision and an action for the worker.
    page.get_by_role("button", name="Add a case discussed").click()
    assert_accessible(page, "add a case discussed")
    page.get_by_label("Case discussed").select_option(label=f"Case {pod.first.pk}: Kieran Oyelaran")
    page.get_by_label("Feelings and impact on the worker").fill("Priya feels she is carrying this alone")
    page.get_by_label("Decisions").fill("Joint visit with the youth worker next week")
    page.get_by_label("Action 1: what needs to be done").fill("Book the joint visit")
    page.get_by_label("Action 1: who will do it").select_option(label="Priya Tester (Social worker)")
    _fill_date(page, "Action 1: due date", today + dt.timedelta(days=7))
    page.get_by_role("button", name="Save the discussion").click()
    expect(page.get_by_role("heading", level=3, name=f"Case {pod.first.pk}: Kieran Oyelaran")).to_be_visible()

    # The second case: a decision only.
    page.get_by_role("button", name="Add a case discussed").click()
    page.get_by_label("Case discussed").select_option(label=f"Case {pod.second.pk}: Maya Lindqvist")
    page.get_by_label("Decisions").fill("Review the plan at the next supervision")
    page.get_by_role("button", name="Save the discussion").click()
    expect(page.get_by_role("heading", level=3, name=f"Case {pod.second.pk}: Maya Lindqvist")).to_be_visible()
    expect(page.get_by_text("Priya feels she is carrying this alone")).to_be_visible()
    assert_accessible(page, "session page with two cases")

    # The worker signs in and finds the action on her list.
    page.context.clear_cookies()
    sign_in(pod.worker)
    page.goto(url("/supervision/actions/"))
    actions = page.get_by_role("table")
    expect(actions).to_contain_text("Book the joint visit")
    expect(actions).to_contain_text(f"Case {pod.first.pk}: Kieran Oyelaran")
    assert_accessible(page, "the worker's actions from supervision")
    page.get_by_role("button", name="Mark done").click()
    expect(page.get_by_text("The action has been marked done")).to_be_visible()
    expect(page.get_by_text("You have no open actions from supervision.")).to_be_visible()

    # The case file's management oversight: the decision and the action, not the reflection.
    page.goto(url(f"/supervision/case/{pod.first.pk}/oversight/"))
    expect(page.get_by_text("Joint visit with the youth worker next week")).to_be_visible()
    expect(page.get_by_text("Priya feels she is carrying this alone")).to_have_count(0)
    assert_accessible(page, "management oversight on the case file")


def test_the_supervision_dashboard_is_accessible(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], pod: Pod
) -> None:
    sign_in(pod.manager.supervisor)  # type: ignore[arg-type]
    page.goto(url("/supervision/dashboard/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision dashboard")
    expect(page.get_by_role("table").first).to_contain_text("Pod A")
    assert_accessible(page, "supervision dashboard")
