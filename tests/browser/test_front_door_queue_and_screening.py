"""The front door's work queue (htmx filters, no reload) and the screening page (htmx indicator search and live
suggestion, an error, a save), each state checked with axe-core."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safecontext.accounts.models import Team, User
from safecontext.accounts.roles import Role
from safecontext.front_door.models import Referral, ScreeningDecision
from safecontext.meetings.models import Meeting
from safecontext.people.models import Person
from tests import factories
from tests.browser.axe import assert_accessible
from tests.front_door.factories_screening import make_decision, make_referral

pytestmark = pytest.mark.browser


@dataclass
class FrontDoor:
    practitioner: User
    child: Person
    awaiting: Referral
    screened: Referral


@pytest.fixture
def front_door(transactional_db: None) -> FrontDoor:
    team = factories.make_team("Front Door", kind=Team.Kind.FRONT_DOOR)
    practitioner = factories.make_user("fran", role=Role.FRONT_DOOR, team=team)
    child = factories.make_person("Jaden", "Okafor")
    sibling = factories.make_person("Amira", "Okafor")
    now = timezone.now()
    awaiting = make_referral(by=practitioner, children=[child], decision_due_at=now - dt.timedelta(hours=2))
    screened = make_referral(by=practitioner, children=[sibling], decision_due_at=now - dt.timedelta(days=1))
    make_decision(screened, by=practitioner, risk="none", route="signposting", level=1)
    # Enough referrals for a second page.
    for hours in range(55):
        make_referral(by=practitioner, children=[sibling], decision_due_at=now + dt.timedelta(hours=hours + 3))
    return FrontDoor(practitioner=practitioner, child=child, awaiting=awaiting, screened=screened)


def test_the_queue_filters_in_place_and_pages(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], front_door: FrontDoor
) -> None:
    sign_in(front_door.practitioner)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Front door").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Front door")
    expect(page.get_by_role("heading", name="57 referrals")).to_be_visible()
    expect(page.get_by_role("navigation", name="Pagination")).to_be_visible()
    assert_accessible(page, "front door queue")

    page.evaluate("window.safecontextNoReload = true")
    page.get_by_label("Status").select_option("screened")
    expect(page.get_by_role("heading", name="1 referral matches these filters")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Amira Okafor")
    expect(page.get_by_role("table")).to_contain_text("Signposting")
    assert page.evaluate("window.safecontextNoReload === true"), "the filter reloaded the page instead of using htmx"
    expect(page).to_have_url(re.compile(r"/front-door/\?.*status=screened"))
    assert_accessible(page, "front door queue, filtered")

    page.get_by_label("Status").select_option("")
    expect(page.get_by_role("heading", name="57 referrals")).to_be_visible()
    page.get_by_role("navigation", name="Pagination").get_by_role("link", name="Page 2").click()
    expect(page.get_by_role("link", name="Page 2")).to_have_attribute("aria-current", "page")
    assert page.evaluate("window.safecontextNoReload === true")

    page.goto(url("/front-door/overdue/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Overdue referrals")
    expect(page.get_by_role("table")).to_contain_text("Jaden Okafor")
    assert_accessible(page, "overdue queue")


def test_screening_a_referral_with_search_and_a_live_suggestion(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], front_door: FrontDoor
) -> None:
    sign_in(front_door.practitioner)
    page.goto(url(f"/front-door/referrals/{front_door.awaiting.pk}/screen/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Screen this referral")
    assert_accessible(page, "screening page")

    page.evaluate("window.safecontextNoReload = true")
    page.get_by_label("Search the indicators").fill("abs school")
    expect(page.locator("#indicator-list input[type=checkbox]")).to_have_count(3)
    page.get_by_label("Persistent absence from school").check()
    panel = page.locator("#suggestion-panel")
    expect(panel).to_contain_text("Suggested level: 3 Early Help Partnership Plus")
    page.get_by_label("Search the indicators").fill("")
    expect(page.locator("#indicator-list input[type=checkbox]")).to_have_count(103)
    expect(page.get_by_label("Persistent absence from school")).to_be_checked()
    page.get_by_role("group", name="Risk of harm outside the home").get_by_label("High").check()
    expect(panel).to_contain_text("Multi-agency strategy discussion")
    assert page.evaluate("window.safecontextNoReload === true")
    assert_accessible(page, "screening page with a suggestion")

    page.get_by_label("Level 2 Early Help").check()
    page.get_by_role("button", name="Save screening decision").click()
    expect(page.get_by_role("alert")).to_contain_text("Explain why you decided on level 2 Early Help")
    expect(page.get_by_label("Persistent absence from school")).to_be_checked()
    assert_accessible(page, "screening page with errors")

    page.get_by_role("link", name=re.compile("Explain why you decided on level 2")).click()
    expect(page.get_by_label("Why this level")).to_be_focused()
    page.get_by_label("Why this level").fill("Attendance is improving with school support")
    page.get_by_label("Why this rating").fill("Seen with older men at the station on three evenings")
    page.get_by_role("button", name="Save screening decision").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Screening decision")
    expect(page.get_by_text("The screening decision has been saved")).to_be_visible()
    assert_accessible(page, "screening decision")
    decision = ScreeningDecision.objects.get(referral=front_door.awaiting)
    assert (decision.suggested_level, decision.decided_level, decision.route) == (3, 2, "strategy_discussion")
    assert Meeting.objects.get(kind=Meeting.Kind.STRATEGY_DISCUSSION).items.get().child == front_door.child
