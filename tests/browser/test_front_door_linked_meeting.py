"""A front-door practitioner screens a referral linked to two young people, accepts the complex strategy
meeting from the linked panel, and the meeting shows all three children; then records it. axe-core on each page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safecontext.accounts.models import Team, User
from safecontext.accounts.roles import Role
from safecontext.network.models import Link
from tests import factories
from tests.browser.axe import assert_accessible
from tests.front_door.factories_linked import link, make_case, make_context, make_referral, young_person

pytestmark = pytest.mark.browser


def test_linked_young_people_to_a_complex_strategy_meeting(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], transactional_db: None
) -> None:
    service = factories.make_service()
    front_door = factories.make_user(
        "fran", role=Role.FRONT_DOOR, team=factories.make_team("Front Door", kind=Team.Kind.FRONT_DOOR)
    )
    pod = factories.make_team("Pod B")
    bus = make_context("Bus route 7", service=service)
    child, jordan, sam = young_person("Kieran", "Oyelaran"), young_person("Jordan"), young_person("Sam")
    make_referral(jordan, service=service, by=front_door, received_at=timezone.now() - dt.timedelta(days=20))
    make_case(sam, team=pod)
    for person in (child, jordan, sam):
        link(person, Link.Type.FREQUENTS, bus)
    referral = make_referral(child, service=service, by=front_door)

    sign_in(front_door)
    page.goto(url(f"/front-door/referrals/{referral.pk}/screen/"))
    panel = page.locator("#linked-young-people-panel")
    expect(panel.get_by_role("heading", name="Linked young people")).to_be_visible()
    expect(panel.get_by_role("link", name="Jordan Sample")).to_be_visible()
    assert_accessible(page, "screening page with the linked panel")

    # Declining without a reason: the panel comes back in place with the error.
    panel.get_by_role("button", name=re.compile("^Decline")).click()
    expect(panel.get_by_text("Enter why a complex strategy meeting is not needed").first).to_be_visible()
    assert_accessible(page, "screening page with a decline error")

    panel.get_by_role("button", name=re.compile("^Accept: create a complex strategy meeting")).click()
    expect(page.get_by_text("A complex strategy meeting has been created")).to_be_visible()
    assert_accessible(page, "screening page after accepting")
    page.get_by_role("link", name="Go to the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    for name in ("Kieran Oyelaran", "Jordan Sample", "Sam Sample"):
        expect(page.get_by_role("heading", name=re.compile(name))).to_be_visible()
    assert_accessible(page, "complex strategy meeting")

    # Without JavaScript's help the linked page is a page of its own.
    page.goto(url(f"/front-door/referrals/{referral.pk}/linked/"))
    assert_accessible(page, "linked young people page")

    page.goto(url("/meetings/"))
    assert_accessible(page, "meetings list")
    page.get_by_role("link", name=re.compile("complex strategy meeting")).first.click()
    page.get_by_role("link", name="Record the decision on item 2").click()
    assert_accessible(page, "item decision page")
    page.get_by_role("button", name="Save decision").click()
    assert_accessible(page, "item decision page with an error")
    page.get_by_label("Decision").fill("Strategy discussion with police today")
    page.get_by_label("Restricted information (optional)").fill("Police intelligence")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("The decision has been saved")).to_be_visible()

    page.get_by_role("button", name="Add an action").first.click()
    assert_accessible(page, "add an action page")
    page.get_by_role("button", name="Add action").click()
    assert_accessible(page, "add an action page with errors")
    page.get_by_label("What needs to be done").fill("Share patrol times")
    page.get_by_label("Who will do it").select_option(label="Someone else (give their name and agency below)")
    page.get_by_label("Their name").fill("PC Sample")
    page.get_by_label("Their agency").fill("Police")
    due = timezone.localdate() + dt.timedelta(days=10)
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_text("The action has been added")).to_be_visible()
    assert_accessible(page, "meeting with an action")

    page.get_by_role("button", name="Record the outcome").click()
    assert_accessible(page, "record outcome page")
    page.get_by_role("button", name="Save the outcome").click()
    assert_accessible(page, "record outcome page with an error")
    page.get_by_label("Section 47 enquiry", exact=True).check()
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.get_by_text("The meeting has been recorded as held")).to_be_visible()
    assert_accessible(page, "held meeting")

    page.goto(url("/meetings/"))
    page.get_by_role("button", name="Go to the next daily triage meeting").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, "next triage meeting")
    page.get_by_role("button", name="Add attendee").click()
    assert_accessible(page, "triage meeting with an attendee error")
