"""A worker records a single assessment (with mistakes first), the young person's participation, and draws the
family's genogram; each page is axe-clean."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, Page, expect

from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from safecontext.cases.models import Case, CaseInvolvement
from safecontext.people.models import Person
from tests import factories
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser


@dataclass
class Family:
    worker: User
    child: Person
    mother: Person
    case: Case


@pytest.fixture
def family(transactional_db: None) -> Family:
    team = factories.make_team("Pod A")
    worker = factories.make_user("ali", role=Role.SOCIAL_WORKER, team=team)
    child = factories.make_person("Kieran", "Oyelaran")
    mother = factories.make_person("Bisi", "Oyelaran", date_of_birth=None)
    case = factories.make_case(child, team=team, worker=worker, others=[(mother, CaseInvolvement.Relationship.PARENT)])
    return Family(worker=worker, child=child, mother=mother, case=case)


def _fill_date(page: Page, legend: str, day: dt.date) -> None:
    group: Locator = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_single_assessment_with_errors_then_saved_and_participation(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], family: Family
) -> None:
    sign_in(family.worker)
    page.goto(url(f"/assessments/case/{family.case.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Single assessments")
    assert_accessible(page, "assessments for a case, none yet")

    page.get_by_role("link", name="Start a single assessment").click()
    assert_accessible(page, "start a single assessment")
    _fill_date(page, "Start date", dt.date(2026, 10, 5))
    _fill_date(page, "Authorisation date", dt.date(2026, 10, 1))
    page.get_by_label("10A Going or being missing").check()
    page.get_by_label("24A Child criminal exploitation").check()
    page.get_by_role("button", name="Save the assessment").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Authorisation date must be the same as or after the start date")
    expect(summary).to_contain_text("Choose the outcome before authorising")
    expect(summary).to_contain_text("Only a team manager can authorise an assessment")
    expect(page.get_by_label("24A Child criminal exploitation")).to_be_checked()  # what they chose is kept
    assert_accessible(page, "single assessment form with errors")

    group = page.get_by_role("group", name="Authorisation date", exact=True)
    for part in ("Day", "Month", "Year"):
        group.get_by_label(part).fill("")  # the manager will authorise it
    page.get_by_label("Outcome", exact=True).select_option(label="Child in need plan")
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("alert")).to_contain_text("The single assessment has been started")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Child criminal exploitation")
    expect(main).to_contain_text("Outside the home")
    assert_accessible(page, "assessments for a case")

    page.get_by_role("link", name="Participation (the 4 I's)").click()
    page.get_by_role("link", name="Record participation").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Choose inform, involve, invest or influence")
    assert_accessible(page, "participation form with errors")
    page.get_by_label("Influence").check()
    _fill_date(page, "Date", dt.date(2026, 10, 21))
    page.get_by_label("What happened", exact=True).fill("Chose where his review was held")
    page.get_by_label("Their views, in their own words").fill("not the council offices, the youth club")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text("not the council offices, the youth club")
    assert_accessible(page, "participation page")


def test_drawing_the_familys_genogram(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], family: Family
) -> None:
    sign_in(family.worker)
    page.goto(url(f"/genograms/case/{family.case.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cultural genogram")
    assert_accessible(page, "empty genogram")

    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Person on the case").select_option(label="Kieran Oyelaran")
    page.get_by_label("Male", exact=True).check()
    page.get_by_label("Year of birth").fill("2011")
    page.get_by_label("This is the child or young person the work is about").check()
    page.get_by_label("Culture", exact=True).fill("Yoruba at home with his mum")
    assert_accessible(page, "add a person to the genogram")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Kieran Oyelaran has been added to the genogram")

    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Person on the case").select_option(label="Bisi Oyelaran")
    page.get_by_label("Female", exact=True).check()
    page.get_by_label("Year of death").fill("2020")  # without ticking "Has died": an error
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Tick 'Has died' to record a year of death")
    assert_accessible(page, "add a person with errors")
    page.get_by_label("Year of death").fill("")
    page.get_by_role("button", name="Save", exact=True).click()

    page.get_by_role("link", name="Add a relationship").click()
    page.get_by_label("First person").select_option(label="Bisi Oyelaran")
    page.get_by_label("Relationship").select_option(label="Birth parent of")
    page.get_by_label("Second person").select_option(label="Kieran Oyelaran")
    assert_accessible(page, "add a relationship")
    page.get_by_role("button", name="Add the relationship").click()

    drawing = page.get_by_role("img", name="Genogram of Kieran Oyelaran's family")
    expect(drawing).to_be_visible()
    table = page.get_by_role("table", name="People on the genogram")
    expect(table).to_contain_text("Birth parent of Kieran Oyelaran")
    expect(table).to_contain_text("Yoruba at home with his mum")
    assert_accessible(page, "genogram with a drawing")

    page.get_by_role("link", name="Printable version").click()
    expect(page.get_by_role("button", name="Print")).to_be_visible()  # shown by print.js (no inline script)
    expect(page.get_by_role("img", name="Genogram of Kieran Oyelaran's family")).to_be_visible()
    assert_accessible(page, "printable genogram")
