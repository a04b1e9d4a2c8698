"""The network in the JSON API: add, correct and end links with the same checks and audit as the pages; 404 for a
link or end outside the user's scope; 409 for a stale correction."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from safecontext.accounts.tokens import issue_api_token
from safecontext.audit.models import AuditEvent
from safecontext.network.models import Link, LinkRevision
from tests.conftest import World
from tests.network.helpers import link, place


def _client(world: World, persona: str) -> Client:
    user = world.users[persona]
    token = issue_api_token(user=user, days=1, by=user)
    return Client(headers={"Authorization": f"Bearer {token}"})


def _post(client: Client, name: str, body: dict[str, Any], **kwargs: int) -> Any:
    return client.post(reverse(name, kwargs=kwargs), body, content_type="application/json")


def test_add_correct_and_end_a_link(world: World) -> None:
    park = place(world.child, "Riverside Park", by=world.users["manager"])
    client = _client(world, "allocated_worker")
    added = _post(
        client,
        "api:network_link_add",
        {
            "a": {"kind": "person", "id": world.child.pk},
            "b": {"kind": "context", "id": park.pk},
            "type": "frequents",
            "nature": "harmful",
            "valid_from": "2026-03-01",
            "purpose": "safety planning",
        },
    )
    assert added.status_code == 201, added.content
    link_id = added.json()["id"]
    corrected = _post(
        client,
        "api:network_link_correct",
        {
            "version": 1,
            "type": "frequents",
            "nature": "harmful",
            "reliability": "reliable",
            "valid_from": "2026-02-01",
            "reason": "Asif said it began earlier",
        },
        link_id=link_id,
    )
    assert corrected.status_code == 200 and corrected.json()["version"] == 2
    stale = _post(
        client,
        "api:network_link_correct",
        {
            "version": 1,
            "type": "friend",
            "nature": "unknown",
            "reliability": "reliable",
            "valid_from": "2026-02-01",
            "reason": "x",
        },
        link_id=link_id,
    )
    assert stale.status_code == 409
    ended = _post(
        client, "api:network_link_end", {"version": 2, "valid_to": "2026-09-30", "reason": "Moved"}, link_id=link_id
    )
    assert ended.status_code == 200 and ended.json()["valid_to"] == "2026-09-30"
    assert LinkRevision.objects.filter(link_id=link_id).count() == 2
    assert {"link.recorded", "link.corrected", "link.ended"} <= set(AuditEvent.objects.values_list("action", flat=True))


def test_bad_input_is_422_and_saves_nothing(world: World) -> None:
    client = _client(world, "allocated_worker")
    bad = _post(
        client,
        "api:network_link_add",
        {
            "a": {"kind": "person", "id": world.child.pk},
            "b": {"kind": "person", "id": world.mother.pk},
            "type": "parent",
            "valid_from": "2026-03-01",
            "valid_to": "2026-01-01",
        },
    )
    assert bad.status_code == 422 and "valid_to" in bad.json()["errors"]
    assert not Link.objects.exists()


def test_out_of_scope_is_404_like_nothing_there(world: World) -> None:
    client = _client(world, "allocated_worker")
    hidden = _post(
        client,
        "api:network_link_add",
        {
            "a": {"kind": "person", "id": world.child.pk},
            "b": {"kind": "person", "id": world.other_child.pk},
            "type": "friend",
            "valid_from": "2026-03-01",
        },
    )
    assert hidden.status_code == 404 and hidden.json() == {"detail": "Not found."}
    theirs = link(world.other_child, world.mother, by=world.users["other_team_worker"])  # mother: Pod A's case
    mine = _post(
        client, "api:network_link_end", {"version": 1, "valid_to": "2026-09-30", "reason": "x"}, link_id=theirs.pk
    )
    assert mine.status_code == 200  # the mother is in this worker's scope, so the link is theirs to end
    stranger_link = link(
        world.other_child, place(world.child, "Far Park", by=world.users["manager"]), by=world.users["manager"]
    )
    youth = _client(world, "youth_worker")  # no EDIT_NETWORK
    refused = _post(
        youth, "api:network_link_end", {"version": 1, "valid_to": "2026-09-30", "reason": "x"}, link_id=stranger_link.pk
    )
    assert refused.status_code == 404
