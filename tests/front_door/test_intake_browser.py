"""In a real browser: a front-door practitioner records a referral, sees an existing child offered as the typed
details change (htmx), picks them, adds a mention row, and lands on the referral page — every page axe-clean."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safecontext.accounts.models import Team
from safecontext.accounts.roles import Role
from safecontext.front_door.models import Referral
from tests import factories
from tests.browser.axe import assert_accessible
from tests.browser.conftest import (  # noqa: F401  (pytest finds fixtures by name in this module)
    browser,
    browser_context_args,
    browser_type,
    browser_type_launch_args,
    page,
    playwright,
    sign_in,
    url,
)

pytestmark = pytest.mark.browser


def test_recording_a_referral_with_a_matched_child_and_an_added_row(
    page: Page,  # noqa: F811  (the fixtures imported above, by name)
    url: Callable[[str], str],  # noqa: F811
    sign_in: Callable[..., None],  # noqa: F811
    transactional_db: None,
) -> None:
    team = factories.make_team("Front Door", kind=Team.Kind.FRONT_DOOR)
    practitioner = factories.make_user("fatima", role=Role.FRONT_DOOR, team=team)
    kieran = factories.make_person("Kieran", "Oyelaran", date_of_birth=dt.date(2011, 5, 6))
    sign_in(practitioner)

    page.goto(url("/front-door/referrals/new/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a referral")
    assert_accessible(page, "intake page")

    # Nothing filled in: the error summary links to each problem, and nothing is saved.
    page.get_by_role("button", name="Record referral").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page, "intake page with errors")

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    received = page.get_by_role("group", name="Date received")
    received.get_by_label("Day").fill(str(yesterday.day))
    received.get_by_label("Month").fill(str(yesterday.month))
    received.get_by_label("Year").fill(str(yesterday.year))
    page.get_by_label("Time received").fill("10:15")
    page.get_by_label("Source of referral").select_option("2A")
    page.get_by_label("Referrer's name").fill("Sam Teacher")
    page.get_by_label("One child, or siblings").check()

    child = page.locator("#child-0")
    child.get_by_label("Given name").fill("Keiran")  # misspelt, as people do
    child.get_by_label("Family name").fill("Oyelaran")
    same = child.get_by_label("This is the same child: Kieran Oyelaran, born 6 May 2011")
    expect(same).to_be_visible()
    assert_accessible(page, "intake page with duplicate candidates")
    same.check()

    page.evaluate("window.safecontextNoReload = true")
    page.get_by_role("button", name="Add another row").click()
    expect(page.get_by_role("group", name="Mention 4")).to_be_visible()
    assert page.evaluate("window.safecontextNoReload") is True  # htmx added the row in place
    assert page.locator("#id_mention-TOTAL_FORMS").get_attribute("value") == "4"

    mention = page.locator("#mention-3")
    mention.get_by_label("What was mentioned").select_option("context:place")
    mention.get_by_label("What the referrer wrote").fill("Bus route 7")
    page.get_by_label("Concerns, in the referrer's words").fill("Assaulted on the bus home from school.")
    page.get_by_label("Public task: safeguarding duties (Children Act 1989 s17/s47)").check()
    assert_accessible(page, "completed intake page")
    page.get_by_role("button", name="Record referral").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Referral about Kieran Oyelaran")
    expect(page.get_by_text("The referral has been recorded")).to_be_visible()
    assert_accessible(page, "referral page")
    referral = Referral.objects.get()
    assert list(referral.children.all()) == [kieran]
    assert list(referral.mentions.values_list("as_written", flat=True)) == ["Bus route 7"]
