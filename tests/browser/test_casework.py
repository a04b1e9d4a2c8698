"""A worker records a visit with the young person's own words, accepts a link the note suggested, and sees it on the
case page; a stale edit of the note gets the conflict page. Every page axe-clean. (The safety plan and its family PDF
are in test_safety_plans.py.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from safecontext.cases import actions
from safecontext.cases.models import Case, CaseInvolvement, CaseNote
from safecontext.contexts.models import Context
from safecontext.core.actions_base import inside_action
from safecontext.network.models import Link
from safecontext.people.models import Person
from tests import factories
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser


@dataclass
class Casework:
    worker: User
    colleague: User
    child: Person
    case: Case
    place: Context


@pytest.fixture
def casework(transactional_db: None) -> Casework:
    team = factories.make_team("Pod A")
    manager = factories.make_user("morgan", role=Role.TEAM_MANAGER, team=team)
    worker = factories.make_user("ali", role=Role.SOCIAL_WORKER, team=team, supervisor=manager)
    colleague = factories.make_user("jade", role=Role.SOCIAL_WORKER, team=team, supervisor=manager)
    child = factories.make_person("Asif", "Rahimi", address="1 Sample Street")
    mother = factories.make_person("Samira", "Rahimi")
    case = factories.make_case(child, team=team, worker=worker, others=[(mother, CaseInvolvement.Relationship.PARENT)])
    with inside_action():
        place = Context.objects.create(
            service=child.service, kind="place", name="Rookery Row underpass", name_key="rookeryrowunderpass"
        )
    actions.start_relationship(case=case, worker=worker, person=child, on=dt.date(2026, 9, 1), by=worker)
    return Casework(worker=worker, colleague=colleague, child=child, case=case, place=place)


def test_a_worker_records_a_visit_in_the_young_persons_words_and_accepts_a_suggested_link(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], casework: Casework
) -> None:
    sign_in(casework.worker)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    assert_accessible(page, "My work with a caseload")
    page.get_by_role("link", name="Asif Rahimi").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Asif Rahimi")
    assert_accessible(page, "case page")

    page.get_by_role("link", name="Record a visit or contact").click()
    # Saving an empty form shows the errors, with nothing saved.
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose the kind of contact")
    assert_accessible(page, "note form with errors")
    assert not CaseNote.objects.exists()

    page.get_by_label("Activity together").check()
    page.get_by_label("Day").fill("6")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Who was seen").fill("Asif")
    page.get_by_label("The young person was seen alone").check()
    page.get_by_label("What happened").fill("We cycled the old railway path. At the Rookery Row underpass he stopped.")
    page.get_by_label("The young person's own words").fill("It's just a tunnel now.")
    page.get_by_role("button", name="Save the note").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Activity together, 6 October 2026")
    expect(page.get_by_test_id("own-words")).to_have_text("It's just a tunnel now.")
    assert_accessible(page, "the note, with its suggested link")
    page.get_by_role("link", name="Accept or decline Rookery Row underpass").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Link Rookery Row underpass to Asif Rahimi?")
    assert_accessible(page, "suggested link decision")
    page.get_by_label("Spends time at").check()
    page.get_by_label("Harmful").check()
    page.get_by_role("button", name="Accept and link").click()

    expect(page.get_by_text("Rookery Row underpass has been linked to the young person")).to_be_visible()
    link = Link.objects.get()
    note = CaseNote.objects.get()
    assert (link.b.context, link.nature, link.source_kind, link.source_id) == (
        casework.place,
        "harmful",
        "case_note",
        note.pk,
    )
    page.goto(url(f"/cases/{casework.case.pk}/"))
    expect(page.get_by_role("table").filter(has_text="Rookery Row underpass")).to_contain_text("Spends time at")


def test_a_stale_edit_of_a_note_shows_the_difference_and_loses_nothing(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], casework: Casework
) -> None:
    note = actions.record_note(
        case=casework.case,
        values={
            "kind": "home_visit",
            "happened_on": dt.date(2026, 10, 1),
            "who_was_seen": "Asif and Samira",
            "child_seen": True,
            "seen_alone": False,
            "summary": "First visit.",
            "own_words": "I don't need a social worker.",
            "restricted": "",
        },
        by=casework.worker,
    )
    sign_in(casework.worker)
    page.goto(url(f"/cases/notes/{note.pk}/edit/"))
    page.get_by_label("What happened").fill("First visit, at home.")
    # Meanwhile a colleague saves a change to the same note.
    actions.edit_note(
        note=note,
        values={field: getattr(note, field) for field in actions.NOTE_FIELDS} | {"summary": "First visit (Jade)."},
        expected_version=1,
        by=casework.colleague,
    )
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Someone changed this note while you were editing it")
    differences = page.get_by_role("table")
    expect(differences).to_contain_text("First visit (Jade).")
    expect(differences).to_contain_text("First visit, at home.")
    assert_accessible(page, "note conflict page")
    note.refresh_from_db()
    assert (note.version, note.summary) == (2, "First visit (Jade).")
