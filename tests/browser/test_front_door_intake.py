"""The referral intake page, empty, with duplicate candidates shown by htmx, and with errors — axe-core on each."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from safecontext.accounts.models import Team, User
from safecontext.accounts.roles import Role
from tests import factories
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser


def test_the_intake_page_with_candidates_and_errors(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], transactional_db: None
) -> None:
    team = factories.make_team("Front Door", kind=Team.Kind.FRONT_DOOR)
    practitioner = factories.make_user("fran", role=Role.FRONT_DOOR, team=team)
    factories.make_person("Kieran", "Oyelaran")

    sign_in(practitioner)
    page.goto(url("/front-door/referrals/new/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a referral")
    assert_accessible(page, "intake page")

    # One field at a time, each lookup answered before the next, so the candidates shown are those for both names.
    for label, typed in (("Given name", "Keiran"), ("Family name", "Oyelaran")):
        with page.expect_response(lambda response: "/referrals/candidates/" in response.url) as answer:
            page.get_by_label(label).first.fill(typed)
        assert answer.value.status == 200
    expect(page.get_by_text("Kieran Oyelaran").first).to_be_visible()
    assert_accessible(page, "intake page with duplicate candidates")

    page.get_by_role("button", name="Record referral").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page, "intake page with errors")
