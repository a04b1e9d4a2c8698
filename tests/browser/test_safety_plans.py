"""A worker writes and updates a young person's safety plan, is told a share must be recorded before the family copy
can leave, records the share, and downloads the family PDF (its text checked). Every page axe-clean."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from safecontext.cases.models import Case
from safecontext.sharing.models import OutboundDocument
from tests import factories
from tests.browser.axe import assert_accessible
from tests.sharing.records import make_refusal, make_share

pytestmark = pytest.mark.browser


@dataclass
class Family:
    worker: User
    case: Case


@pytest.fixture
def family(transactional_db: None) -> Family:
    team = factories.make_team("Pod A")
    manager = factories.make_user("morgan", role=Role.TEAM_MANAGER, team=team)
    worker = factories.make_user("ali", role=Role.SOCIAL_WORKER, team=team, supervisor=manager)
    child = factories.make_person("Kieran", "Oyelaran")
    return Family(worker=worker, case=factories.make_case(child, team=team, worker=worker))


def _fill_date(page: Page, prefix: str, day: dt.date) -> None:
    page.locator(f"#id_{prefix}_day").fill(str(day.day))
    page.locator(f"#id_{prefix}_month").fill(str(day.month))
    page.locator(f"#id_{prefix}_year").fill(str(day.year))


def test_a_worker_updates_the_safety_plan_and_downloads_the_family_copy(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], family: Family
) -> None:
    sign_in(family.worker)
    page.goto(url(f"/safety-plans/case/{family.case.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Safety plan")
    assert_accessible(page, "safety plan page, no plan yet")

    page.get_by_role("link", name="Start the safety plan").click()
    assert_accessible(page, "safety plan form")
    page.get_by_label("What we are worried about").fill("Kieran goes missing after football")
    page.get_by_label("Safety goals").fill("Home by 9pm on school nights")
    page.locator("#id_if_1").fill("Kieran is not home by 9pm")
    page.locator("#id_then_1").fill("Mum rings him, and rings 101 if he has not answered by 10pm")
    page.locator("#id_name_1").fill("Mum")
    page.locator("#id_role_1").fill("Mother")
    page.locator("#id_phone_1").fill("07700 900 321")
    page.get_by_role("button", name="Save the safety plan").click()
    # Forgot the review date: the form comes back with the error summary and nothing is lost.
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Safety goals")).to_have_value("Home by 9pm on school nights")
    assert_accessible(page, "safety plan form with errors")
    _fill_date(page, "review_on", timezone.localdate() + dt.timedelta(days=28))
    page.get_by_role("button", name="Save the safety plan").click()
    expect(page.get_by_text("Safety plan saved (version 1)")).to_be_visible()

    page.get_by_role("link", name="Update the safety plan").click()
    page.get_by_label("What we are worried about").fill("Kieran goes missing after football and comes home hurt")
    page.get_by_role("button", name="Save the safety plan").click()
    expect(page.get_by_text("Safety plan saved (version 2)")).to_be_visible()
    expect(page.get_by_role("link", name="Version 1")).to_be_visible()
    assert_accessible(page, "safety plan page with two versions")

    page.get_by_role("link", name="Download the family copy").click()
    assert_accessible(page, "family copy page without a share")
    page.get_by_role("button", name="Download the PDF").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Record what you are sharing, with whom and why before downloading this document."
    )
    assert_accessible(page, "family copy page refused")

    page.get_by_role("link", name="Record a share of the safety plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a share or a decision not to share")
    assert_accessible(page, "sharing record form")
    expect(page.get_by_label("Safety plan", exact=True)).to_be_checked()
    page.locator("#id_decision").check()  # Shared
    page.get_by_label("Agency", exact=True).fill("Kieran's family")
    page.get_by_label("Person at the agency").fill("Mum")
    page.locator("#id_purpose").check()  # Keep the young person safe
    page.locator("#id_lawful_basis").check()  # Consent
    page.locator("#id_consent").check()  # Consent given
    page.locator("#id_young_person_told").check()  # Yes
    page.locator("#id_family_told").check()  # Yes
    page.get_by_label("Who made the decision").fill("Ali, social worker")
    _fill_date(page, "decided_on", timezone.localdate())
    page.get_by_role("button", name="Save the sharing record").click()

    expect(page).to_have_url(url(f"/safety-plans/case/{family.case.pk}/family-copy/"))
    expect(page.get_by_label(re.compile("Shared with Kieran's family"))).to_be_checked()
    assert_accessible(page, "family copy page with a share")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PDF").click()
    text = " ".join(
        page_text.extract_text() for page_text in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
    )
    text = re.sub(r"\s+", " ", text)
    assert "Safety plan for Kieran" in text
    assert "comes home hurt" in text  # version 2
    assert "If Kieran is not home by 9pm, then Mum rings him" in text
    assert "07700 900 321" in text and "0800 1111" in text
    assert f"Printed on {timezone.localdate():%-d %B %Y}" in text
    document = OutboundDocument.objects.get()
    assert document.sharing_record.agency == "Kieran's family"


def test_sharing_pages_and_who_knows_are_accessible(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], family: Family
) -> None:

    child = family.case.subject
    share = make_share(child, by=family.worker, young_person_told=False, not_told_reason="Risk from peers")
    make_share(child, by=family.worker, agency="Brightside Academy", purpose="education", items=["plan"])
    make_refusal(child, by=family.worker, agency="Hollowmere Youth Club")
    sign_in(family.worker)

    page.goto(url(f"/sharing/person/{child.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Information sharing")
    expect(page.get_by_role("table")).to_contain_text("Hollowmere Youth Club")
    assert_accessible(page, "a person's sharing records")

    page.get_by_role("link", name="Who knows what about me").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who knows what about you, Kieran")
    expect(page.get_by_role("main")).to_contain_text("with Brightside Academy so they could support you at school")
    expect(page.get_by_role("main")).not_to_contain_text("Brightside Police")  # not told yet
    assert_accessible(page, "who knows what about me")

    page.goto(url(f"/sharing/{share.pk}/"))
    assert_accessible(page, "one sharing record")
    page.get_by_label("The young person").check()
    page.get_by_role("button", name="Record that they have been told").click()
    expect(page.get_by_text("Recorded who has now been told")).to_be_visible()
    page.goto(url(f"/sharing/person/{child.pk}/who-knows/"))
    expect(page.get_by_role("main")).to_contain_text("with Brightside Police so they could help keep you safe")

    page.get_by_role("link", name="Print a copy for Kieran").click()
    assert_accessible(page, "who knows copy page")


def test_the_sharing_dashboard_is_accessible(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], family: Family
) -> None:

    make_share(family.case.subject, by=family.worker, young_person_told=False, not_told_reason="Risk from peers")
    make_refusal(family.case.subject, by=family.worker)
    manager = User.objects.get(username="morgan")
    sign_in(manager)
    page.goto(url("/sharing/dashboard/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Information sharing")
    expect(page.get_by_role("row", name=re.compile("Pod A"))).to_be_visible()
    assert_accessible(page, "sharing dashboard")
