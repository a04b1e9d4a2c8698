"""The account pages in a browser: accessible, keyboard-usable, and saying plainly what happened."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from safecontext.accounts.middleware import LAST_ACTIVITY
from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from tests import factories
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def worker(transactional_db: None) -> User:
    return factories.make_user("ali", role=Role.SOCIAL_WORKER, team=factories.make_team("Pod A"))


def test_change_password_page_shows_its_errors_accessibly(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], worker: User
) -> None:
    sign_in(worker)
    page.goto(url("/account/password/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    assert_accessible(page, "change password page")

    page.get_by_label("Current password", exact=True).fill(factories.PASSWORD)
    page.get_by_label("New password", exact=True).fill("short-one")
    page.get_by_label("Confirm new password", exact=True).fill("short-two")
    page.get_by_role("button", name="Change password").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("This password is too short. It must contain at least 12 characters.")
    expect(summary).to_contain_text("The new passwords do not match")
    assert_accessible(page, "change password page with errors")
    summary.get_by_role("link", name="The new passwords do not match").click()
    expect(page.get_by_label("Confirm new password", exact=True)).to_be_focused()

    page.get_by_label("Current password", exact=True).fill(factories.PASSWORD)
    page.get_by_label("New password", exact=True).fill("lantern-orchard-velvet-quarry")
    page.get_by_label("Confirm new password", exact=True).fill("lantern-orchard-velvet-quarry")
    page.get_by_role("button", name="Change password").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(page.get_by_text("Your password has been changed")).to_be_visible()
    assert_accessible(page, "home page after a password change")


def test_an_idle_session_ends_with_an_explanation(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], worker: User
) -> None:
    sign_in(worker)
    from django.contrib.sessions.models import Session

    # 31 minutes without activity, as the session itself records it.
    (session,) = Session.objects.all()
    data = session.get_decoded()
    data[LAST_ACTIVITY] -= 31 * 60
    Session.objects.filter(pk=session.pk).update(session_data=Session.objects.encode(data))

    page.goto(url("/"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_text("You were signed out after 30 minutes without activity")).to_be_visible()
    assert_accessible(page, "sign-in page after an idle timeout")


def test_signing_out_from_the_header(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], worker: User
) -> None:
    sign_in(worker)

    page.get_by_role("button", name="Sign out").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_text("You have signed out")).to_be_visible()
    page.goto(url("/"))
    expect(page).to_have_url(url("/account/sign-in/?next=/"))
