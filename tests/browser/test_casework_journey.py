"""Issue 5's browser journey in one go: a worker records a visit with the young person's words, accepts a suggested
link, updates the safety plan from the case page and downloads the family PDF (its text checked with pypdf).
Every page axe-clean. (test_casework.py and test_safety_plans.py test each half in more detail.)"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from safecontext.accounts.models import User
from safecontext.network.models import Link
from safecontext.sharing.models import OutboundDocument
from tests.browser.axe import assert_accessible
from tests.browser.test_casework import Casework, casework  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser


def _fill_date(page: Page, prefix: str, day: dt.date) -> None:
    page.locator(f"#id_{prefix}_day").fill(str(day.day))
    page.locator(f"#id_{prefix}_month").fill(str(day.month))
    page.locator(f"#id_{prefix}_year").fill(str(day.year))


def test_visit_suggested_link_safety_plan_and_the_family_pdf(
    page: Page,
    url: Callable[[str], str],
    sign_in: Callable[[User], None],
    casework: Casework,  # noqa: F811
) -> None:
    sign_in(casework.worker)
    page.goto(url(f"/cases/{casework.case.pk}/"))
    assert_accessible(page, "case page")

    # The visit, in Asif's own words, naming a place.
    page.get_by_role("link", name="Record a visit or contact").click()
    page.get_by_label("Activity together").check()
    page.get_by_label("Day").fill("6")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Who was seen").fill("Asif")
    page.get_by_label("The young person was seen alone").check()
    page.get_by_label("What happened").fill("We cycled past the Rookery Row underpass; he went quiet.")
    page.get_by_label("The young person's own words").fill("That's where they wait for you.")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_test_id("own-words")).to_have_text("That's where they wait for you.")
    assert_accessible(page, "the note")

    # The link the note suggests, accepted.
    page.get_by_role("link", name="Accept or decline Rookery Row underpass").click()
    page.get_by_label("Spends time at").check()
    page.get_by_label("Harmful").check()
    page.get_by_role("button", name="Accept and link").click()
    expect(page.get_by_text("Rookery Row underpass has been linked to the young person")).to_be_visible()
    assert Link.objects.get().source_kind == "case_note"

    # The safety plan, reached from the case page, written and then updated.
    page.goto(url(f"/cases/{casework.case.pk}/"))
    page.get_by_role("link", name="Safety plan", exact=True).click()
    page.get_by_role("link", name="Start the safety plan").click()
    page.get_by_label("What we are worried about").fill("Asif is approached at the Rookery Row underpass")
    page.get_by_label("Safety goals").fill("Asif cycles home a different way, with a friend")
    page.locator("#id_if_1").fill("Asif is not home by 9pm")
    page.locator("#id_then_1").fill("Mum rings Ali's team, and 101 if he has not answered by 10pm")
    page.locator("#id_name_1").fill("Mum")
    page.locator("#id_role_1").fill("Mother")
    page.locator("#id_phone_1").fill("07700 900 456")
    _fill_date(page, "review_on", timezone.localdate() + dt.timedelta(days=28))
    page.get_by_role("button", name="Save the safety plan").click()
    expect(page.get_by_text("Safety plan saved (version 1)")).to_be_visible()
    page.get_by_role("link", name="Update the safety plan").click()
    page.get_by_label("Safety goals").fill("Asif cycles home by the seafront, with a friend, before dark")
    page.get_by_role("button", name="Save the safety plan").click()
    expect(page.get_by_text("Safety plan saved (version 2)")).to_be_visible()
    assert_accessible(page, "safety plan, version 2")

    # The family copy needs a share recorded first; then it downloads.
    page.get_by_role("link", name="Download the family copy").click()
    page.get_by_role("link", name="Record a share of the safety plan").click()
    page.locator("#id_decision").check()
    page.get_by_label("Agency", exact=True).fill("Asif's family")
    page.get_by_label("Person at the agency").fill("Mum")
    page.locator("#id_purpose").check()
    page.locator("#id_lawful_basis").check()
    page.locator("#id_consent").check()
    page.locator("#id_young_person_told").check()
    page.locator("#id_family_told").check()
    page.get_by_label("Who made the decision").fill("Ali, social worker")
    _fill_date(page, "decided_on", timezone.localdate())
    page.get_by_role("button", name="Save the sharing record").click()
    expect(page.get_by_label(re.compile("Shared with Asif's family"))).to_be_checked()
    assert_accessible(page, "family copy page with a share")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PDF").click()
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = re.sub(r"\s+", " ", " ".join(page_text.extract_text() for page_text in pdf.pages))
    assert "Safety plan for Asif" in text
    assert "by the seafront" in text  # version 2
    assert "If Asif is not home by 9pm, then Mum rings Ali's team" in text
    assert OutboundDocument.objects.get().sharing_record.agency == "Asif's family"
