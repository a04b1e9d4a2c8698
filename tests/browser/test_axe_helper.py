"""The accessibility check itself: it must find a violation when there is one, or a clean result means nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import axe_violations, describe

pytestmark = pytest.mark.browser


def test_axe_runs_under_the_content_security_policy_and_reports_a_missing_label(
    page: Page, url: Callable[[str], str], transactional_db: None
) -> None:
    page.goto(url("/account/sign-in/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert axe_violations(page) == []

    # An input with no label, added to the page as a careless template might.
    page.evaluate(
        """() => {
          const input = document.createElement('input');
          input.type = 'text';
          input.name = 'unlabelled';
          document.querySelector('main').append(input);
        }"""
    )

    violations = axe_violations(page)
    assert [violation["id"] for violation in violations] == ["label"], describe(violations)
    assert "unlabelled" in violations[0]["nodes"][0]["html"]
