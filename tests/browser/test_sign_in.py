"""Signing in with a password and a security code, with the mouse and with the keyboard alone."""

from __future__ import annotations

import re
from collections.abc import Callable

import pyotp
import pytest
from playwright.sync_api import Page, expect

from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from tests import factories
from tests.browser.axe import assert_accessible
from tests.browser.conftest import fill_sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def worker(transactional_db: None) -> User:
    team = factories.make_team("Pod A")
    user = factories.make_user("ali", role=Role.SOCIAL_WORKER, team=team)
    user.first_name, user.last_name = "Ali", "Hassan"
    user.save(update_fields=["first_name", "last_name"])
    return user


def test_sign_in_with_password_and_code_shows_who_is_signed_in(
    page: Page, url: Callable[[str], str], worker: User
) -> None:
    page.goto(url("/"))
    # Every page but sign-in needs a signed-in user.
    expect(page).to_have_url(url("/account/sign-in/?next=/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page, "sign-in page")

    fill_sign_in(page, worker)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    header = page.get_by_role("banner")
    expect(header).to_contain_text("Ali Hassan")
    expect(header).to_contain_text("Social worker")
    expect(header).to_contain_text("Pod A")
    assert_accessible(page, "home page")


def test_a_wrong_password_shows_an_accessible_error_summary(
    page: Page, url: Callable[[str], str], worker: User
) -> None:
    page.goto(url("/account/sign-in/"))
    fill_sign_in(page, worker, password="not-the-password-at-all")
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_title(re.compile(r"^Error: Sign in\b"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a correct username, password and security code")
    assert_accessible(page, "sign-in page with an error")

    # The summary's link takes focus to the field in question (GOV.UK error summary pattern).
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Username", exact=True)).to_be_focused()


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(
    page: Page, url: Callable[[str], str], worker: User
) -> None:
    page.goto(url("/account/sign-in/"))

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()  # visually hidden until focused, then shown
    page.keyboard.press("Enter")

    expect(page).to_have_url(url("/account/sign-in/#main-content"))
    # govuk-frontend's skip link moves focus to <main> itself, so the next Tab goes to the first thing in it.
    expect(page.locator("main")).to_be_focused()


def test_sign_in_with_the_keyboard_alone(page: Page, url: Callable[[str], str], worker: User) -> None:
    page.goto(url("/account/sign-in/"))

    # Tab from the top of the page: skip link, then the header's home link, then the form's fields in order.
    focused: list[str] = []
    for _ in range(10):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.name || ''")
        focused.append(name)
        if name == "username":
            break
    assert focused[-1] == "username", f"the username field is not reached by Tab; focus went through {focused}"
    page.keyboard.type(worker.username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password", exact=True)).to_be_focused()
    page.keyboard.type(factories.PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Security code", exact=True)).to_be_focused()
    page.keyboard.type(pyotp.TOTP(worker.totp_secret).now())
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sign in")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(page.get_by_role("banner")).to_contain_text("Ali Hassan")
