"""Finding a person by a misspelt name, opening their record, editing it, and seeing who has viewed it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from safecontext.people.models import Person
from tests import factories
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser


@dataclass
class PodA:
    worker: User
    manager: User
    child: Person


@pytest.fixture
def pod_a(transactional_db: None) -> PodA:
    team = factories.make_team("Pod A")
    manager = factories.make_user("morgan", role=Role.TEAM_MANAGER, team=team)
    worker = factories.make_user("ali", role=Role.SOCIAL_WORKER, team=team, supervisor=manager)
    child = factories.make_person("Kieran", "Oyelaran", address="1 Sample Street")
    factories.make_case(child, team=team, worker=worker)
    # Someone the search must not confuse with Kieran.
    factories.make_person("Priya", "Ramanathan")
    return PodA(worker=worker, manager=manager, child=child)


def test_search_by_a_misspelt_name_updates_results_in_place_and_opens_the_record(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], pod_a: PodA
) -> None:
    sign_in(pod_a.worker)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find a person").click()
    expect(page).to_have_url(url("/people/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a person")
    assert_accessible(page, "person search page")

    # A value that only survives while the page is not reloaded: htmx swaps the results into this same document.
    page.evaluate("window.safecontextNoReload = true")
    search = page.get_by_role("search", name="Find a person")
    name = search.get_by_label("Name, alias or identifier")
    # Typing is enough: htmx asks for the results as you type and swaps them in below the form.
    name.fill("Zebedee Quartermaine")
    expect(page.get_by_role("heading", name="No matching records")).to_be_visible()
    assert_accessible(page, "person search page with no results")

    name.fill("Keiran Oyelaren")

    results = page.get_by_role("table")
    expect(results).to_be_visible()
    expect(results.get_by_role("link", name="Kieran Oyelaran")).to_be_visible()
    expect(results).not_to_contain_text("Priya Ramanathan")
    assert page.evaluate("window.safecontextNoReload === true"), "the search reloaded the page instead of using htmx"
    # The search is in the address bar, so Back and a shared link work.
    expect(page).to_have_url(re.compile(r"/people/\?.*name=Keiran(\+|%20)Oyelaren"))
    assert_accessible(page, "person search page with results")

    results.get_by_role("link", name="Kieran Oyelaran").click()
    expect(page).to_have_url(url(f"/people/{pod_a.child.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kieran Oyelaran")
    assert_accessible(page, "person record")


def test_person_edit_form_is_accessible(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], pod_a: PodA
) -> None:
    sign_in(pod_a.worker)
    page.goto(url(f"/people/{pod_a.child.pk}/"))
    page.get_by_role("link", name="Change details").click()
    expect(page).to_have_url(url(f"/people/{pod_a.child.pk}/edit/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Change details")
    assert_accessible(page, "person edit form")


def test_who_viewed_is_accessible_to_a_manager(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], pod_a: PodA
) -> None:
    sign_in(pod_a.manager)
    page.goto(url(f"/people/{pod_a.child.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kieran Oyelaran")
    page.get_by_role("link", name="Who has viewed this record").click()
    expect(page).to_have_url(url(f"/people/{pod_a.child.pk}/viewed/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has viewed this record")
    # The manager's own visit a moment ago is listed.
    expect(page.get_by_role("main")).to_contain_text(pod_a.manager.display_name)
    assert_accessible(page, "who has viewed this person page")
