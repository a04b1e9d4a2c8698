"""A context case from open to comparison: open a case on a peer group, record the baseline assessment with the
young people's own words, run a review, and see the change question by question (axe-clean at every step)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from safecontext.contexts import actions
from safecontext.contexts.models import Context
from tests import factories
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser


@dataclass
class PodA:
    worker: User
    group: Context


@pytest.fixture
def pod_a(transactional_db: None) -> PodA:
    team = factories.make_team("Pod A")
    manager = factories.make_user("morgan", role=Role.TEAM_MANAGER, team=team)
    worker = factories.make_user("priya", role=Role.SOCIAL_WORKER, team=team, supervisor=manager)
    group = actions.create_context(service=team.service, kind="peer_group", name="Sample Close group", by=manager)
    return PodA(worker=worker, group=group)


def _answer(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def test_open_assess_review_and_compare(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], pod_a: PodA
) -> None:
    sign_in(pod_a.worker)
    page.goto(url("/contexts/cases/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Context cases")
    assert_accessible(page, "context case list (empty)")

    page.get_by_role("link", name="Open a context case").click()
    assert_accessible(page, "open a context case")
    page.get_by_role("button", name="Open the case").click()  # nothing chosen: errors, nothing saved
    expect(page.get_by_role("alert")).to_contain_text("Select context")
    assert_accessible(page, "open a context case with errors")

    page.get_by_label("Context", exact=True).select_option(label="Sample Close group (Peer group)")
    page.get_by_label("Lead worker").select_option(label="Priya Tester, Pod A")
    page.get_by_label("Significant harm: young people are being harmed here").check()
    page.get_by_label("Why this context is a case").fill("Older boys recruit the group to carry drugs")
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sample Close group")
    expect(page.get_by_text("A context case has been opened")).to_be_visible()
    assert_accessible(page, "context case page")

    page.get_by_role("link", name="Record the baseline assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer group assessment")
    assert_accessible(page, "assessment form")
    _answer(page, "Members look out for each other's safety", "Slightly true")
    _answer(page, "The group has trusted adults they go to together", "Not at all true")
    page.get_by_label("Young people", exact=True).check()
    page.get_by_label("Walkabout observation").check()
    page.get_by_label("Young people's own words (optional)").fill("Nobody's got our back round here")
    page.get_by_label("Who said it").fill("A boy, 16")
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_text("“Nobody's got our back round here”")).to_be_visible()
    expect(page.get_by_text("A boy, 16, in their words")).to_be_visible()
    assert_accessible(page, "assessment page")

    page.get_by_role("link", name="Back to the case").click()
    page.get_by_role("link", name="Run a review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review: Peer group assessment")
    _answer(page, "Members look out for each other's safety", "Mostly true")
    _answer(page, "The group has trusted adults they go to together", "Not at all true")
    page.get_by_label("Staff (school, youth, transport, security)").check()
    page.get_by_role("button", name="Record the review").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Has the context changed?")
    expect(page.get_by_role("heading", name="1 of 2 measures improved")).to_be_visible()
    row = page.get_by_role("row", name="Members look out for each other's safety")
    expect(row).to_contain_text("2 \u2013 Slightly true")
    expect(row).to_contain_text("4 \u2013 Mostly true")
    expect(row).to_contain_text("Improved")
    expect(page.get_by_role("row", name="The group has trusted adults they go to together")).to_contain_text(
        "No change"
    )
    assert_accessible(page, "comparison page")
