"""The supervision API's two routes, a group session through the page, and nothing half-saved when the audit write
fails."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safecontext.accounts.actions import change_user_access
from safecontext.accounts.tokens import issue_api_token
from safecontext.audit.actions import AuditWriteFailed
from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.supervision import actions
from safecontext.supervision.models import CaseDiscussion, GroupAttendee, SupervisionAction, SupervisionSession
from tests.conftest import World, signed_in_client
from tests.supervision.records import make_supervision_records

TODAY = timezone.localdate()


def _get(world: World, persona: str, url: str) -> Any:
    user = world.users[persona]
    token = issue_api_token(user=user, days=1, by=user)
    return Client().get(url, headers={"Authorization": f"Bearer {token}"})


def test_the_api_lists_the_owners_open_actions(world: World) -> None:
    records = make_supervision_records(world)
    response = _get(world, "allocated_worker", reverse("api:supervision_my_actions"))
    assert response.status_code == 200
    [item] = response.json()
    assert item["id"] == records.action.pk
    assert item["description"] == "Book a joint visit with the school nurse"
    assert item["case_label"] == f"Case {records.case.pk}: Test Child"
    assert _get(world, "manager", reverse("api:supervision_my_actions")).json() == []


def test_the_api_gives_a_cases_oversight_and_records_the_read(world: World) -> None:
    records = make_supervision_records(world)
    url = reverse("api:supervision_case_oversight", kwargs={"case_id": records.case.pk})
    response = _get(world, "data_officer", url)
    [entry] = response.json()
    assert entry["decisions"] == "Keep the weekly visits; review the safety plan with the school"
    assert set(entry) == {"held_on", "kind", "supervisor", "supervisee", "decisions", "actions"}
    assert AccessEvent.objects.filter(actor_username="data_officer", person_id=world.child.pk, kind="api").exists()
    assert _get(world, "other_team_worker", url).status_code == 404


def test_a_group_session_through_the_page(world: World) -> None:
    manager = world.users["manager"]
    attendees = [world.users["allocated_worker"], world.users["same_team_colleague"]]
    response = signed_in_client(manager).post(
        reverse("supervision:new_session"),
        {
            "kind": "group",
            "held_on_day": str(TODAY.day),
            "held_on_month": str(TODAY.month),
            "held_on_year": str(TODAY.year),
            "attendees": [str(user.pk) for user in attendees],
            "themes": "Endings, and what they stir up in us",
        },
    )
    session = SupervisionSession.objects.get()
    assert response.status_code == 302
    assert session.kind == "group" and session.supervisee is None
    assert set(GroupAttendee.objects.filter(session=session).values_list("user_id", flat=True)) == {
        user.pk for user in attendees
    }
    # A group session never takes a case discussion, even by URL.
    assert (
        signed_in_client(world.users["same_team_colleague"])
        .get(reverse("supervision:session", args=[session.pk]))
        .status_code
        == 200
    )
    assert (
        signed_in_client(world.users["other_team_worker"])
        .get(reverse("supervision:session", args=[session.pk]))
        .status_code
        == 404
    )


def test_nothing_is_saved_when_the_audit_write_fails(world: World) -> None:
    manager, worker = world.users["manager"], world.users["allocated_worker"]
    change_user_access(user=worker, supervisor=manager, by=None)
    session = actions.record_session(kind="one_to_one", held_on=TODAY, supervisee=worker, by=manager)
    case = world.child.cases_as_subject.get()
    before = AuditEvent.objects.count()
    with (
        mock.patch("safecontext.audit.actions.AuditEvent.objects.create", side_effect=RuntimeError("disk full")),
        pytest.raises(AuditWriteFailed),
    ):
        actions.add_case_discussion(
            session=session,
            case=case,
            decisions="Keep going",
            actions=[actions.AgreedAction("Ring school", worker, TODAY)],
            by=manager,
        )
    assert not CaseDiscussion.objects.exists() and not SupervisionAction.objects.exists()
    assert AuditEvent.objects.count() == before
