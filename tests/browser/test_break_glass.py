"""Emergency ("break-glass") access: a reason opens a record outside the user's scope, with a warning."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from safecontext.access.models import BreakGlassGrant
from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from safecontext.people.models import Person
from tests import factories
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def other_team_worker(transactional_db: None) -> User:
    return factories.make_user("bea", role=Role.SOCIAL_WORKER, team=factories.make_team("Pod B"))


@pytest.fixture
def child_held_by_pod_a(transactional_db: None) -> Person:
    child = factories.make_person("Kieran", "Oyelaran")
    factories.make_case(child, team=factories.make_team("Pod A"))
    return child


def test_break_glass_needs_a_reason_then_opens_the_record(
    page: Page,
    url: Callable[[str], str],
    sign_in: Callable[[User], None],
    other_team_worker: User,
    child_held_by_pod_a: Person,
) -> None:
    sign_in(other_team_worker)
    # Outside Bea's scope the record does not exist, as far as she can tell.
    response = page.goto(url(f"/people/{child_held_by_pod_a.pk}/"))
    assert response is not None and response.status == 404

    page.goto(url("/access/break-glass/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Emergency access to a record")
    assert_accessible(page, "break-glass page")

    identifier = page.get_by_label("Record identifier")
    identifier.fill(str(child_held_by_pod_a.pk))
    page.get_by_role("button", name="Open the record").click()

    # No reason: an error summary linking to the reason field, and nothing granted.
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page, "break-glass page with an error")
    assert not BreakGlassGrant.objects.exists()

    page.get_by_label("Why do you need this record now?").fill(
        "Police called at 02:10: Kieran was found in a car with adults of concern; checking for an open plan."
    )
    page.get_by_role("button", name="Open the record").click()

    expect(page).to_have_url(url(f"/people/{child_held_by_pod_a.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kieran Oyelaran")
    expect(page.get_by_role("main")).to_contain_text("emergency access to this record for 4 hours")
    assert_accessible(page, "person record opened by break-glass")
    grant = BreakGlassGrant.objects.get()
    assert (grant.user_id, grant.person_id) == (other_team_worker.pk, child_held_by_pod_a.pk)
