"""Issue 4's browser test: build a context weighting and a context plan with a guardian, run a review; axe-core clean
on every page. A second test reviews a context case's plan: per goal, baseline against the re-run assessment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from safecontext.context_plans import actions as plan_actions
from safecontext.contexts import actions as context_actions
from safecontext.contexts.models import Context, ContextCase
from safecontext.people.models import Person
from tests import factories
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser


@dataclass
class Pod:
    worker: User
    child: Person
    park: Context


@pytest.fixture
def pod(transactional_db: None) -> Pod:
    team = factories.make_team("Pod A")
    manager = factories.make_user("morgan", role=Role.TEAM_MANAGER, team=team)
    worker = factories.make_user("priya", role=Role.SOCIAL_WORKER, team=team, supervisor=manager)
    child = factories.make_person("Kieran", "Oyelaran", address="1 Sample Street")
    factories.make_case(child, team=team, worker=worker)
    park = context_actions.create_context(service=team.service, kind="place", name="Westfield Park", by=worker)
    context_actions.create_context(service=team.service, kind="school", name="Brightside Academy", by=worker)
    return Pod(worker, child, park)


def _fill_date(page: Page, field: str, value: dt.date) -> None:
    page.locator(f"#id_{field}_day").fill(str(value.day))
    page.locator(f"#id_{field}_month").fill(str(value.month))
    page.locator(f"#id_{field}_year").fill(str(value.year))


def test_build_a_weighting_and_a_plan_with_a_guardian_then_review_it(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], pod: Pod
) -> None:
    today = timezone.localdate()
    sign_in(pod.worker)
    page.goto(url(f"/context-plans/people/{pod.child.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Context weighting and plans")
    expect(page.get_by_text("No weighting has been recorded yet.")).to_be_visible()
    assert_accessible(page, "a child's contexts and plans, empty")

    # The weighting: two boxes, one linked to a context record; the preview redraws as weights are typed (htmx).
    page.get_by_role("link", name="Record a new weighting").click()
    box_1 = page.get_by_role("group", name="Box 1")
    box_1.get_by_label("Name in the box").fill("The park after school")
    box_1.get_by_label("Linked context").select_option(label="Westfield Park")
    box_1.get_by_label("Weight (out of 100)").fill("60")
    box_2 = page.get_by_role("group", name="Box 2")
    box_2.get_by_label("Name in the box").fill("School corridors")
    box_2.get_by_label("Weight (out of 100)").fill("30")
    expect(page.locator("#weighting-boxes svg title").first).to_contain_text("Preview of the weighting")
    expect(page.locator("#weighting-boxes")).to_contain_text("School corridors")
    page.get_by_label("Why are the contexts weighted this way?").fill("He is approached in the park after school")
    assert_accessible(page, "weighting form with a live preview")
    page.get_by_role("button", name="Record the weighting").click()
    expect(page.get_by_role("alert")).to_contain_text("The weights add up to 90, not 100: add 10.")
    assert_accessible(page, "weighting form with errors")
    page.get_by_role("group", name="Box 2").get_by_label("Weight (out of 100)").fill("40")
    page.get_by_role("button", name="Record the weighting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Context weighting of")
    expect(page.get_by_role("img")).to_have_count(1)
    expect(page.get_by_role("table")).to_contain_text("Westfield Park")
    assert_accessible(page, "a weighting drawn as boxes with its table")

    # A guardian on the partners register.
    page.goto(url("/context-plans/partners/"))
    page.get_by_role("link", name="Add a guardian or partner").click()
    page.get_by_label("Guardian (someone with reach into a place or group)").check()
    page.get_by_label("Name", exact=True).fill("Pat Warden")
    page.get_by_label("Role").fill("Park warden")
    page.get_by_label("Westfield Park").check()
    page.get_by_label("They agree to be contacted by the service").check()
    page.get_by_label("Contact details (optional)").fill("01632 960001")
    assert_accessible(page, "add a guardian")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("table")).to_contain_text("Pat Warden")
    assert_accessible(page, "the partners register")

    # The plan targets the heaviest box first unless another is chosen.
    page.goto(url(f"/context-plans/people/{pod.child.pk}/"))
    page.get_by_role("link", name="Start a context plan").click()
    page.get_by_label("Plan title").fill("Safer after school")
    expect(page.get_by_label("The park after school (60)")).to_be_checked()
    _fill_date(page, "review_on", today + dt.timedelta(days=42))
    assert_accessible(page, "start a plan")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Safer after school")

    page.get_by_role("link", name="Add a goal").click()
    page.get_by_label("Goal", exact=True).fill("Stop young people being approached in the park")
    page.get_by_label("What will show it").fill("Young people use the main path home")
    page.get_by_label("How we will know").fill("Pat and the youth worker ask them every fortnight")
    page.get_by_role("button", name="Add the goal").click()
    expect(page.get_by_role("alert")).to_contain_text("This goal starts with “stop”")
    assert_accessible(page, "goal form refusing a negative goal")
    page.get_by_label("Goal", exact=True).fill("Young people say they feel safe walking through the park after school")
    page.get_by_role("button", name="Add the goal").click()

    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("What will be done").fill("Walk the main path at 3.30pm on school days")
    page.get_by_label("Who will do it").select_option(label="Pat Warden (Park warden)")
    _fill_date(page, "due_on", today + dt.timedelta(days=14))
    assert_accessible(page, "add an action")
    page.get_by_role("button", name="Add the action").click()
    actions_table = page.get_by_role("table")
    expect(actions_table).to_contain_text("Pat Warden (Park warden)")
    expect(actions_table).to_contain_text("Guardian")
    assert_accessible(page, "the plan with a goal and a guardian's action")

    # The review: per goal, then the review itself.
    page.get_by_role("link", name="Review the plan").click()
    expect(page.get_by_role("heading", level=2, name="Goal 1: Young people say they feel safe")).to_be_visible()
    assert_accessible(page, "plan review")
    page.get_by_label("What changed in the context").fill("Pat walks the path; young people now use it")
    _fill_date(page, "next_review_on", today + dt.timedelta(days=60))
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("The review has been recorded")).to_be_visible()
    expect(page.get_by_text("Pat walks the path; young people now use it")).to_be_visible()
    assert_accessible(page, "the plan after its review")


def test_a_context_case_plan_review_shows_each_goal_baseline_against_latest(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], pod: Pod
) -> None:
    today = timezone.localdate()
    worker = pod.worker
    assert worker.team is not None
    group = context_actions.create_context(service=worker.team.service, kind="peer_group", name="Park group", by=worker)
    case: ContextCase = context_actions.open_context_case(
        context=group, team=worker.team, lead_worker=worker, opened_on=today - dt.timedelta(days=30), by=worker
    )
    answers = {"pg.fn.look_out": 2, "pg.gd.trusted_adult": 2}
    baseline = context_actions.record_assessment(
        context_case=case, answers=answers, assessed_on=today - dt.timedelta(days=29),
        evidence_sources=["young_people"], by=worker,
    )  # fmt: skip
    context_actions.record_assessment(
        context_case=case, answers={"pg.fn.look_out": 4, "pg.gd.trusted_adult": 2}, assessed_on=today,
        evidence_sources=["young_people"], review_of=baseline, by=worker,
    )  # fmt: skip
    plan = plan_actions.create_plan(
        subject=case, title="A group that looks out for each other", weighting=None, targets_first=None,
        targets_first_label="Park group", review_on=today + dt.timedelta(days=30), by=worker,
    )  # fmt: skip

    sign_in(worker)
    page.goto(url(f"/context-plans/plans/{plan.pk}/goals/new/"))
    page.get_by_label("Goal", exact=True).fill("Members of the group look out for each other")
    page.get_by_label("What will show it").fill("They walk home together")
    page.get_by_label("How we will know").fill("The assessment re-run with the group")
    page.get_by_label("Members look out for each other's safety").check()
    page.get_by_label("The group has trusted adults they go to together").check()
    assert_accessible(page, "goal form with assessment questions")
    page.get_by_role("button", name="Add the goal").click()

    page.get_by_role("link", name="Review the plan").click()
    table = page.get_by_role("table")
    expect(table.get_by_role("caption")).to_contain_text("1 of 2 measures improved")
    expect(table).to_contain_text("Slightly true")
    expect(table).to_contain_text("Mostly true")
    assert_accessible(page, "context case plan review, baseline against latest")
