"""Casework pages: scope (404 out of scope), AccessEvents before rendering, restricted sections, forms with errors,
the concurrency conflict, and queries on the case page not growing with notes."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.bench.case_probes import statements
from safecontext.cases import actions
from safecontext.cases.models import Case, CaseNote
from safecontext.core.actions_base import inside_action
from safecontext.network.models import Link
from tests.cases.test_actions import NOTE, _context
from tests.conftest import World


def _case(world: World) -> Case:
    return Case.objects.get(subject=world.child)


def _note(world: World, **changes: object) -> CaseNote:
    values = NOTE | {"restricted": "Police intelligence: not for partners."} | changes
    return actions.record_note(case=_case(world), values=values, by=world.users["allocated_worker"])


def _post_note(client, url: str, **changes: object):  # type: ignore[no-untyped-def]
    data = {
        "kind": "home_visit",
        "happened_on_day": "6",
        "happened_on_month": "10",
        "happened_on_year": "2026",
        "who_was_seen": "Test and Tessa",
        "child_seen": "yes",
        "seen_alone": "yes",
        "summary": "Talked about school and the Bus Station.",
        "own_words": "School's alright when Mr Khan is there.",
        "restricted": "",
    } | changes
    return client.post(url, {key: value for key, value in data.items() if value is not None})


def test_the_case_page_records_the_read_and_shows_the_case(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _note(world)
    response = client_for("allocated_worker").get(f"/cases/{_case(world).pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Test Child" in body and "nobody bothers me there" in body
    assert AccessEvent.objects.filter(person_id=world.child.pk, actor_username="allocated_worker", kind="page").exists()
    assert AccessEvent.objects.filter(person_id=world.mother.pk, actor_username="allocated_worker").exists()


def test_a_case_out_of_scope_answers_like_one_that_does_not_exist(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    note = _note(world)
    client = client_for("other_team_worker")
    for url in (f"/cases/{_case(world).pk}/", f"/cases/notes/{note.pk}/", f"/cases/notes/{note.pk}/edit/"):
        out_of_scope, missing = (
            client.get(url),
            client.get(url.replace(str(note.pk), "999999").replace(f"/cases/{_case(world).pk}/", "/cases/999999/")),
        )
        assert out_of_scope.status_code == missing.status_code == 404
        assert out_of_scope.content == missing.content
    assert not AccessEvent.objects.filter(actor_username="other_team_worker").exists()


def test_the_restricted_section_is_shown_only_to_the_cases_team_and_worker(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    note = _note(world)
    secret = "Police intelligence: not for partners."
    assert secret in client_for("same_team_colleague").get(f"/cases/notes/{note.pk}/").content.decode()
    head_client = client_for("head_of_service")
    head = head_client.get(f"/cases/notes/{note.pk}/")
    assert head.status_code == 200 and secret not in head.content.decode()
    history = head_client.get(f"/cases/notes/{note.pk}/history/")
    assert history.status_code == 200 and secret not in history.content.decode()


def test_recording_a_visit_with_their_words_then_accepting_a_suggested_link(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    station = _context(world, "Bus Station")
    client = client_for("allocated_worker")
    response = _post_note(client, f"/cases/{_case(world).pk}/notes/new/")
    assert response.status_code == 302
    note = CaseNote.objects.get()
    assert note.own_words == "School's alright when Mr Khan is there." and note.seen_alone
    suggestion = note.suggestions.get(context=station)
    page = client.get(f"/cases/suggestions/{suggestion.pk}/")
    assert page.status_code == 200 and "Link Bus Station" in page.content.decode()
    response = client.post(
        f"/cases/suggestions/{suggestion.pk}/", {"decision": "accept", "link_type": "frequents", "nature": "harmful"}
    )
    assert response.status_code == 302
    link = Link.objects.get()
    assert (link.type, link.nature, link.source_kind, link.source_id) == ("frequents", "harmful", "case_note", note.pk)


def test_a_note_with_errors_comes_back_with_an_error_summary_and_nothing_saved(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("allocated_worker")
    response = _post_note(
        client,
        f"/cases/{_case(world).pk}/notes/new/",
        kind="",
        happened_on_day="31",
        happened_on_month="2",
        summary="",
        child_seen=None,
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and "govuk-error-summary" in body
    for message in ("Choose the kind of contact", "Date must be a real date", "Enter what happened"):
        assert message in body
    assert not CaseNote.objects.exists()


def test_two_sessions_edit_the_same_note_the_second_gets_a_conflict_and_nothing_is_lost(
    world: World, client_for
) -> None:  # type: ignore[no-untyped-def]
    note = _note(world)
    first, second = client_for("allocated_worker"), client_for("same_team_colleague")
    # Both open the edit page at version 1.
    assert first.get(f"/cases/notes/{note.pk}/edit/").status_code == 200
    assert second.get(f"/cases/notes/{note.pk}/edit/").status_code == 200
    common = {
        "version": "1",
        "happened_on_day": "6",
        "happened_on_month": "10",
        "happened_on_year": "2026",
        "kind": "activity",
        "who_was_seen": "Test",
        "child_seen": "yes",
        "seen_alone": "yes",
        "restricted": "Police intelligence: not for partners.",
    }
    saved = first.post(
        f"/cases/notes/{note.pk}/edit/", common | {"summary": "First worker's account.", "own_words": NOTE["own_words"]}
    )
    assert saved.status_code == 302
    conflict = second.post(
        f"/cases/notes/{note.pk}/edit/",
        common | {"summary": NOTE["summary"], "own_words": "Second worker's version of his words."},
    )
    assert conflict.status_code == 409
    body = conflict.content.decode()
    assert "Someone changed this note" in body
    assert "First worker&#x27;s account." in body and "Second worker&#x27;s version of his words." in body
    note.refresh_from_db()
    assert (note.version, note.summary, note.own_words) == (2, "First worker's account.", NOTE["own_words"])
    # Saving again from the conflict page is a deliberate choice against the current version: nothing is lost.
    again = second.post(
        f"/cases/notes/{note.pk}/edit/",
        common
        | {"version": "2", "summary": "First worker's account.", "own_words": "Second worker's version of his words."},
    )
    assert again.status_code == 302
    note.refresh_from_db()
    assert note.version == 3
    assert [version.values["summary"] for version in note.versions.all()] == [
        NOTE["summary"],
        "First worker's account.",
    ]


def test_allocation_and_closure_pages(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    case = _case(world)
    client = client_for("manager")
    colleague = world.users["same_team_colleague"]
    missing_reason = client.post(
        f"/cases/{case.pk}/allocate/",
        {"worker": colleague.pk, "on_day": "2", "on_month": "11", "on_year": "2026", "reason": "", "version": "1"},
    )
    assert missing_reason.status_code == 400
    response = client.post(
        f"/cases/{case.pk}/allocate/",
        {
            "worker": colleague.pk,
            "on_day": "2",
            "on_month": "11",
            "on_year": "2026",
            "reason": "Closer to the family",
            "version": "1",
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"/cases/{case.pk}/close/",
        {"reason_code": "RC7", "on_day": "20", "on_month": "11", "on_year": "2026", "version": "2"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.closure_reason, case.allocated_worker) == ("closed", "RC7", colleague)
    assert AuditEvent.objects.filter(action__in=["case.allocated", "case.closed"]).count() == 2


def test_stage_and_ending_letter_pages(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    worker = world.users["allocated_worker"]
    relationship = actions.start_relationship(
        case=_case(world), worker=worker, person=world.child, on=dt.date(2026, 9, 1), by=worker
    )
    client = client_for("allocated_worker")
    skip = client.post(
        f"/cases/relationships/{relationship.pk}/stage/",
        {"stage": "3", "on_day": "1", "on_month": "10", "on_year": "2026"},
    )
    assert skip.status_code == 400 and "one stage at a time" in skip.content.decode()
    moved = client.post(
        f"/cases/relationships/{relationship.pk}/stage/",
        {"stage": "2", "on_day": "1", "on_month": "10", "on_year": "2026"},
    )
    assert moved.status_code == 302
    planned = client.post(
        f"/cases/relationships/{relationship.pk}/ending/",
        {
            "planned_end_date_day": "29",
            "planned_end_date_month": "1",
            "planned_end_date_year": "2027",
            "ending_letter": "You did the hard work. Keep riding.",
        },
    )
    assert planned.status_code == 302
    letter = client.get(f"/cases/relationships/{relationship.pk}/ending-letter/")
    assert letter.status_code == 200 and "Keep riding." in letter.content.decode()


def test_my_work_shows_stage_visits_and_flags_and_records_the_list(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    worker = world.users["allocated_worker"]
    case = _case(world)
    with inside_action():
        Case.objects.filter(pk=case.pk).update(level="child_protection")
    actions.start_relationship(case=case, worker=worker, person=world.child, on=dt.date(2026, 9, 1), by=worker)
    response = client_for("allocated_worker").get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Child protection" in body and "1: Building relationships" in body
    assert "Visit overdue" in body and "Still building" in body  # no visit since 1 September; 12 weeks at stage 1
    assert AccessEvent.objects.filter(person_id=world.child.pk, actor_username="allocated_worker", kind="list").exists()
    manager_client = client_for("manager")
    manager = manager_client.get("/").content.decode()
    assert "My team" in manager and "Test Child" in manager
    overdue = manager_client.get("/cases/team/overdue-visits/").content.decode()
    assert "Test Child" in overdue
    assert manager_client.get("/cases/team/continuity/").status_code == 200


def test_case_page_queries_do_not_grow_with_notes(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("allocated_worker")
    url = f"/cases/{_case(world).pk}/"
    _note(world)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for day in range(1, 46):
        _note(world, happened_on=dt.date(2026, 9, 1) + dt.timedelta(days=day), summary=f"Visit {day} near Tessa")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
    # The budget counts the statements that read and write, not transaction control (SAVEPOINT here).
    counted = statements([query["sql"] for query in many.captured_queries])
    assert len(counted) <= 15, "\n".join(sql[:150] for sql in counted)


def test_linked_people_outside_the_viewers_scope_are_not_named_on_the_case_page(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from safecontext.network import actions as network

    worker = world.users["allocated_worker"]
    with inside_action():
        child, other = network.node_for_person(person=world.child), network.node_for_person(person=world.other_child)
    network.add_link(
        a=child, b=other, type="friend", nature="unknown", reliability="untested",
        valid_from=dt.date(2026, 9, 2), purpose="Friends at school", by=worker,
    )  # fmt: skip
    body = client_for("allocated_worker").get(f"/cases/{_case(world).pk}/").content.decode()
    assert "Other Youngster" not in body and "O.Y." in body
    assert not AccessEvent.objects.filter(person_id=world.other_child.pk).exists()


def test_declining_a_suggestion_from_its_page_keeps_it_with_the_reason(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    note = _note(world)
    suggestion = note.suggestions.get(person=world.mother)
    response = client_for("allocated_worker").post(
        f"/cases/suggestions/{suggestion.pk}/", {"decision": "decline", "reason": "His mother: already on the case"}
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decline_reason) == ("declined", "His mother: already on the case")
    assert not Link.objects.exists()


def test_my_visits_due_lists_cases_with_a_cadence(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    with inside_action():
        Case.objects.filter(subject=world.child).update(level="child_in_need")
    response = client_for("allocated_worker").get("/cases/visits-due/")
    assert response.status_code == 200 and "Test Child" in response.content.decode()
    assert AccessEvent.objects.filter(person_id=world.child.pk, kind="list").exists()
