"""Referrals in the JSON API: record (201, idempotent replay 200, 403, 422), read (scoped, 404), list (status,
overdue, unknown parameters), restricted information withheld, reads recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.front_door.models import Referral
from safecontext.network.models import Link
from tests.api.conftest import api_client
from tests.conftest import World
from tests.front_door.factories_intake import adult, referral_about

URL = "/api/referrals"


def body(world: World, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "received_at": (timezone.now() - dt.timedelta(hours=2)).isoformat(),
        "source": "6",
        "referrer_name": "PC Jordan",
        "referrer_agency": "Brightside Police",
        "about": "children",
        "children": [world.child.pk],
        "new_children": [{"given_name": "Tia", "family_name": "Child", "date_of_birth": "2013-01-09"}],
        "concerns": "Found in a car with two adults at 2am.\nPhone seized.",
        "lawful_basis": "public_task",
        "restricted": True,
        "mentions": [
            {"role": "adult_of_concern", "as_written": "Tiny G", "nature": "harmful", "link_type": "exploits"},
            {"role": "object", "as_written": "AB12 CDE", "object_kind": "vehicle"},
            {"role": "context", "as_written": "Bus route 7", "context_kind": "place"},
        ],
    }
    data.update(changes)
    return data


def post(client: Client, data: dict[str, Any]) -> Any:
    return client.post(URL, data, content_type="application/json")


def test_the_front_door_records_a_referral(world: World) -> None:
    response = post(api_client(world.users["front_door"]), body(world))
    assert response.status_code == 201, response.json()
    data = response.json()
    referral = Referral.objects.get(pk=data["id"])
    assert data["status"] == "awaiting_screening" and data["overdue"] is False
    assert [child["display_name"] for child in data["children"]] == ["Test Child", "Tia Child"]
    assert data["concerns"] == "Found in a car with two adults at 2am.\nPhone seized."
    assert [(m["role"], m["record"], m["created_new_record"]) for m in data["mentions"]] == [
        ("adult_of_concern", "Tiny G", True),
        ("object", "Vehicle AB12 CDE", True),
        ("context", "Bus route 7 (place or neighbourhood)", True),
    ]
    assert data["mentions"][0]["links"] == [
        "Tiny G —Exploits or harms→ Test Child",
        "Tiny G —Exploits or harms→ Tia Child",
    ]
    assert Link.objects.filter(source_kind="referral", source_id=referral.pk).count() == 6
    assert AuditEvent.objects.filter(action="referral.recorded", target_id=str(referral.pk)).exists()
    shown = set(AccessEvent.objects.filter(actor_username="front_door", kind="api").values_list("person_id", flat=True))
    tiny = data["mentions"][0]["person_id"]
    assert shown == {world.child.pk, data["children"][1]["id"], tiny}


def test_an_idempotency_key_makes_a_retry_safe(world: World) -> None:
    client = api_client(world.users["front_door"])
    first = post(client, body(world, idempotency_key="retry-1"))
    again = post(client, body(world, idempotency_key="retry-1"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Referral.objects.count() == 1


def test_a_time_without_an_offset_is_uk_time(world: World) -> None:
    received = timezone.localtime() - dt.timedelta(hours=2)
    response = post(api_client(world.users["front_door"]), body(world, received_at=received.strftime("%Y-%m-%dT%H:%M")))
    assert response.status_code == 201
    recorded = Referral.objects.get().received_at
    assert timezone.localtime(recorded).strftime("%Y-%m-%d %H:%M") == received.strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"children": [], "new_children": []}, "children", "Choose the child or children, or the context"),
        ({"about": "context", "children": [], "new_children": []}, "subject_context", "Choose the child or children"),
        ({"received_at": "2099-01-01T09:00:00Z"}, "received_at", "must be now or in the past"),
        ({"received_at": "1999-01-01T09:00:00Z"}, "received_at", "in the last 12 months"),
        ({"received_at": 1700000000}, "received_at", "Enter a date and time"),
        ({"source": "99"}, "source", ""),
        ({"lawful_basis": "because"}, "lawful_basis", ""),
        ({"children": [999_999]}, "children", "A child chosen was not found"),
        (
            {"subject_context_id": 999_999, "about": "context", "children": [], "new_children": []},
            "subject_context_id",
            "not found",
        ),
        ({"mentions": [{"role": "object", "as_written": "x", "object_kind": "bicycle"}]}, "mentions.0.object_kind", ""),
        ({"mentions": [{"role": "context", "as_written": "The park"}]}, "mentions.0.context_kind", "Choose whether"),
        ({"new_children": [{"given_name": "", "family_name": ""}]}, "new_children.0.given_name", "Enter a given name"),
        ({"surprise": True}, "surprise", ""),
        ({"concerns": "nul\u0000byte"}, "concerns", ""),
    ],
)
def test_bad_input_answers_422_and_saves_nothing(
    world: World, changes: dict[str, Any], field: str, message: str
) -> None:
    response = post(api_client(world.users["front_door"]), body(world, **changes))
    assert response.status_code == 422, response.json()
    errors = response.json()["errors"]
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Referral.objects.exists()


def test_recording_needs_the_record_referrals_permission(world: World) -> None:
    response = post(api_client(world.users["allocated_worker"]), body(world))
    assert response.status_code == 403
    assert not Referral.objects.exists()


def test_a_referral_is_read_within_scope_and_restricted_information_withheld(world: World) -> None:
    referral = referral_about([world.child], mentions=[adult("Tiny G")], restricted=True, by=world.users["front_door"])
    url = f"{URL}/{referral.pk}"
    full = api_client(world.users["front_door"]).get(url).json()
    assert full["concerns"].startswith("Seen getting into cars") and len(full["mentions"]) == 1
    worker = api_client(world.users["allocated_worker"]).get(url)  # the child is theirs: they see the referral
    assert worker.status_code == 200
    assert worker.json()["concerns"] == "Restricted information"
    assert worker.json()["consent_notes"] == "Restricted information"
    assert worker.json()["mentions"] == []
    hidden = api_client(world.users["other_team_worker"]).get(url)
    missing = api_client(world.users["other_team_worker"]).get(f"{URL}/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": "Not found."}


def test_the_list_filters_by_status_and_overdue(world: World) -> None:
    front_door = world.users["front_door"]
    late = referral_about([world.child], received_at=timezone.now() - dt.timedelta(days=6), by=front_door)
    fresh = referral_about([world.other_child], received_at=timezone.now(), by=front_door)
    client = api_client(front_door)
    everything = client.get(URL).json()
    assert [row["id"] for row in everything["results"]] == [late.pk, fresh.pk]
    assert everything["results"][0]["overdue"] is True
    assert [row["id"] for row in client.get(URL, {"overdue": "true"}).json()["results"]] == [late.pk]
    assert [row["id"] for row in client.get(URL, {"overdue": "false"}).json()["results"]] == [fresh.pk]
    assert client.get(URL, {"status": "screened"}).json() == {"count": 0, "results": []}
    assert client.get(URL, {"status": "lost"}).status_code == 422
    assert client.get(URL, {"overdu": "true"}).json()["errors"] == {"overdu": ["This is not a parameter of this list"]}
    listed = set(
        AccessEvent.objects.filter(actor_username="front_door", kind="api").values_list("person_id", flat=True)
    )
    assert listed == {world.child.pk, world.other_child.pk}
    # A social worker lists only the referrals about the children their team works with.
    worker = api_client(world.users["allocated_worker"]).get(URL).json()
    assert [row["id"] for row in worker["results"]] == [late.pk]
