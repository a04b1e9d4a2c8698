"""Supervision sessions, case discussions and their actions: the rules in supervision/actions.py and the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from safecontext.accounts.actions import change_user_access
from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.supervision import actions, queries
from safecontext.supervision.models import CaseDiscussion, SupervisionAction, SupervisionSession
from tests.conftest import World, signed_in_client
from tests.supervision.records import MARKER, make_supervision_records

TODAY = timezone.localdate()
ONE_TO_ONE, PEER, GROUP = (
    SupervisionSession.Kind.ONE_TO_ONE,
    SupervisionSession.Kind.PEER,
    SupervisionSession.Kind.GROUP,
)


def _messages(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


def test_one_to_one_supervision_is_with_ones_own_supervisee(world: World) -> None:
    manager, colleague = world.users["manager"], world.users["same_team_colleague"]
    with pytest.raises(ValidationError) as error:
        actions.record_session(kind=ONE_TO_ONE, held_on=TODAY, supervisee=colleague, by=manager)
    assert _messages(error) == {"supervisee": ["One-to-one supervision is with someone you supervise"]}
    change_user_access(user=colleague, supervisor=manager, by=None)
    session = actions.record_session(kind=ONE_TO_ONE, held_on=TODAY, supervisee=colleague, by=manager)
    assert (session.supervisor, session.supervisee) == (manager, colleague)
    assert AuditEvent.objects.filter(action="supervision.session_recorded", target_id=str(session.pk)).exists()


def test_a_session_has_happened_and_has_someone_in_it(world: World) -> None:
    manager = world.users["manager"]
    with pytest.raises(ValidationError) as error:
        actions.record_session(kind=PEER, held_on=TODAY + dt.timedelta(days=1), by=manager)
    assert _messages(error) == {
        "held_on": ["The date of the session must be today or in the past"],
        "supervisee": ["Select who was supervised"],
    }
    with pytest.raises(ValidationError) as error:
        actions.record_session(kind=GROUP, held_on=TODAY, attendees=[manager], by=manager)
    assert _messages(error) == {
        "themes": ["Enter the themes talked about"],
        "attendees": ["You facilitated the session: select the others who attended"],
    }
    assert not SupervisionSession.objects.exists()


def test_peer_and_group_sessions_stay_within_the_service(world: World) -> None:
    worker = world.users["allocated_worker"]
    with pytest.raises(ValidationError) as error:
        actions.record_session(kind=PEER, held_on=TODAY, supervisee=world.users["partner_agency"], by=worker)
    assert _messages(error) == {"supervisee": ["Peer supervision is with a colleague in your service"]}
    peer = actions.record_session(kind=PEER, held_on=TODAY, supervisee=world.users["other_team_worker"], by=worker)
    assert peer.kind == PEER
    with pytest.raises(ValidationError):
        actions.record_session(
            kind=GROUP, held_on=TODAY, attendees=[world.users["partner_agency"]], themes="Endings", by=worker
        )


def test_a_role_that_does_not_supervise_cannot_record_a_session(world: World) -> None:
    with pytest.raises(ValidationError, match="does not hold supervision"):
        actions.record_session(
            kind=PEER, held_on=TODAY, supervisee=world.users["allocated_worker"], by=world.users["youth_worker"]
        )


def test_a_discussion_is_of_a_case_the_supervisee_works_on_once_per_session(world: World) -> None:
    records = make_supervision_records(world)
    other_case = world.other_child.cases_as_subject.get()
    with pytest.raises(ValidationError) as error:
        actions.add_case_discussion(session=records.session, case=other_case, decisions="x", by=world.users["manager"])
    assert _messages(error) == {"case": ["Select one of the cases the supervisee works on"]}
    with pytest.raises(ValidationError) as error:
        actions.add_case_discussion(
            session=records.session, case=records.case, decisions="x", by=world.users["manager"]
        )
    assert _messages(error) == {"case": ["This case has already been discussed in this session: one entry per case"]}


def test_only_the_supervisor_records_discussions_and_never_in_a_group(world: World) -> None:
    records = make_supervision_records(world)
    with pytest.raises(ValidationError, match="Only the person who held"):
        actions.add_case_discussion(
            session=records.session, case=records.case, decisions="x", by=world.users["allocated_worker"]
        )
    with pytest.raises(ValidationError, match="never case detail"):
        actions.add_case_discussion(session=records.group, case=records.case, decisions="x", by=world.users["manager"])


def test_every_action_has_an_allowed_owner_and_a_due_date_after_the_session(world: World) -> None:
    records = make_supervision_records(world)
    manager = world.users["manager"]
    session = actions.record_session(
        kind=ONE_TO_ONE, held_on=TODAY, supervisee=world.users["allocated_worker"], by=manager
    )
    with pytest.raises(ValidationError) as error:
        actions.add_case_discussion(
            session=session,
            case=records.case,
            decisions="",
            actions=[
                actions.AgreedAction("Ring the school", world.users["other_team_worker"], TODAY),
                actions.AgreedAction("", None, TODAY - dt.timedelta(days=1), row=2),
            ],
            by=manager,
        )
    assert _messages(error) == {
        "decisions": ["Enter what was decided"],
        "action_0_owner": ["The owner must be the supervisee, the supervisor or the case's worker"],
        "action_2_description": ["Enter what needs to be done"],
        "action_2_owner": ["Select who will do it"],
        "action_2_due_on": ["The due date must be on or after the day of the session"],
    }
    assert not CaseDiscussion.objects.filter(session=session).exists()


def test_an_action_flows_to_its_owner_and_only_they_mark_it_done(world: World) -> None:
    records = make_supervision_records(world)
    worker, manager = world.users["allocated_worker"], world.users["manager"]
    [open_action] = queries.open_actions_for(worker)
    assert open_action.description == "Book a joint visit with the school nurse"
    assert open_action.case_label == f"Case {records.case.pk}: Test Child"
    assert queries.open_actions_for(manager) == []
    with pytest.raises(ValidationError, match="Only the owner"):
        actions.mark_action_done(supervision_action=records.action, by=manager)
    actions.mark_action_done(supervision_action=records.action, by=worker)
    assert queries.open_actions_for(worker) == []
    with pytest.raises(ValidationError, match="already done"):
        actions.mark_action_done(supervision_action=records.action, by=worker)
    assert AuditEvent.objects.filter(action="supervision.action_done", target_id=str(records.action.pk)).count() == 1


def test_an_owner_who_cannot_see_the_case_gets_the_case_number_only(world: World) -> None:
    records = make_supervision_records(world)
    manager = world.users["manager"]
    session = actions.record_session(
        kind=ONE_TO_ONE, held_on=TODAY, supervisee=world.users["same_team_colleague"], by=manager
    )
    # Make the colleague the case's worker so the discussion is allowed, then hand an action to the manager...
    from safecontext.cases.models import CaseNetworkMember
    from safecontext.core.actions_base import inside_action

    with inside_action():
        CaseNetworkMember.objects.create(
            case=world.other_child.cases_as_subject.get(), user=world.users["same_team_colleague"]
        )
    other_case = world.other_child.cases_as_subject.get()
    actions.add_case_discussion(
        session=session,
        case=other_case,
        decisions="Agree a handover",
        actions=[actions.AgreedAction("Talk to Pod B's manager", manager, TODAY)],
        by=manager,
    )
    labels = [item.case_label for item in queries.open_actions_for(manager)]
    assert labels == [f"Case {other_case.pk}"]  # Pod A's manager cannot see Pod B's child: no name
    assert records.case.pk != other_case.pk


def test_oversight_for_a_case_has_decisions_and_actions_only(world: World) -> None:
    records = make_supervision_records(world)
    [entry] = queries.oversight_for_case(records.case)
    assert entry.decisions == "Keep the weekly visits; review the safety plan with the school"
    assert [a.description for a in entry.actions] == ["Book a joint visit with the school nurse"]
    assert MARKER not in repr(entry)


# --- pages --------------------------------------------------------------------------------------------------------


def test_a_session_with_bad_input_shows_the_errors_and_saves_nothing(world: World) -> None:
    client = signed_in_client(world.users["manager"])
    response = client.post(
        reverse("supervision:new_session"),
        {"kind": "one_to_one", "held_on_day": "31", "held_on_month": "2", "held_on_year": "2026"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and "must be a real date" in body
    assert not SupervisionSession.objects.exists()


def test_recording_a_session_and_a_discussion_through_the_pages(world: World) -> None:
    manager, worker = world.users["manager"], world.users["allocated_worker"]
    change_user_access(user=worker, supervisor=manager, by=None)
    case = world.child.cases_as_subject.get()
    client = signed_in_client(manager)
    response = client.post(
        reverse("supervision:new_session"),
        {
            "kind": "one_to_one",
            "supervisee": str(worker.pk),
            "held_on_day": str(TODAY.day),
            "held_on_month": str(TODAY.month),
            "held_on_year": str(TODAY.year),
        },
    )
    session = SupervisionSession.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("supervision:session", args=[session.pk])
    url = reverse("supervision:add_discussion", args=[session.pk])
    assert client.get(url).status_code == 200
    due = TODAY + dt.timedelta(days=7)
    response = client.post(
        url,
        {
            "case": str(case.pk),
            "hypotheses": "He may be testing whether Ali stays",
            "decisions": "Plan a planned ending with Asif in March",
            "action_1_description": "Write the ending plan",
            "action_1_owner": str(worker.pk),
            "action_1_due_on_day": str(due.day),
            "action_1_due_on_month": str(due.month),
            "action_1_due_on_year": str(due.year),
        },
    )
    assert response.status_code == 302
    assert SupervisionAction.objects.get().owner == worker
    page = signed_in_client(worker).get(reverse("supervision:my_actions"))
    assert "Write the ending plan" in page.content.decode()
    assert AccessEvent.objects.filter(actor_username=worker.username, person_id=world.child.pk).exists()
    session_page = client.get(reverse("supervision:session", args=[session.pk])).content.decode()
    assert "He may be testing whether Ali stays" in session_page


def test_marking_done_from_the_list(world: World) -> None:
    records = make_supervision_records(world)
    client = signed_in_client(world.users["allocated_worker"])
    response = client.post(
        reverse("supervision:action_done", args=[records.action.pk]), {"next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("supervision:my_actions")
    records.action.refresh_from_db()
    assert records.action.done_at is not None
    # Someone else's action, or one already done: 404, as for an action that does not exist.
    assert (
        signed_in_client(world.users["manager"])
        .post(reverse("supervision:action_done", args=[records.action.pk]))
        .status_code
        == 404
    )
    assert client.post(reverse("supervision:action_done", args=[records.action.pk])).status_code == 404


def test_the_cadence_page_sets_a_supervisees_cadence(world: World) -> None:
    records = make_supervision_records(world)
    worker = world.users["allocated_worker"]
    client = signed_in_client(world.users["manager"])
    url = reverse("supervision:cadence", args=[worker.pk])
    assert client.post(url, {"cadence_days": "0"}).status_code == 400
    assert client.post(url, {"cadence_days": "14"}).status_code == 302
    assert worker.supervision_cadence.cadence_days == 14
    assert records.session.supervisee == worker
