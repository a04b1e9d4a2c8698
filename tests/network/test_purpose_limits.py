"""The purpose-limit leak test (issue 4): marker names planted on young people (and an adult) allocated to another
team; the map page, its JSON, the API and the PNG export are scanned for them. Zero hits for a viewer without access
to those records; present for one with access."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from safecontext.accounts.models import Team
from safecontext.accounts.tokens import issue_api_token
from safecontext.audit.models import AccessEvent
from safecontext.cases.models import CaseInvolvement
from safecontext.sharing.models import OutboundDocument
from tests import factories
from tests.conftest import World
from tests.network.helpers import link, place
from tests.sharing.records import make_share

# Synthetic marker strings: none occurs anywhere else in the application.
MARKERS = ("Zorblaxine", "Quintavelle", "Marrowindle", "Feldsparrow", "Kestrelbrook", "2011-05-17", "1979")


@pytest.fixture
def planted(world: World) -> dict[str, object]:
    pod_b = Team.objects.get(name="Pod B")
    marked_child = factories.make_person(
        "Zorblaxine", "Quintavelle", date_of_birth=dt.date(2011, 5, 17), address="7 Kestrelbrook Lane"
    )
    marked_adult = factories.make_person(
        "Marrowindle", "Feldsparrow", date_of_birth=dt.date(1979, 2, 2), address="8 Kestrelbrook Lane"
    )
    factories.make_case(
        marked_child,
        team=pod_b,
        worker=world.users["other_team_worker"],
        others=[(marked_adult, CaseInvolvement.Relationship.OTHER)],
    )
    by = world.users["other_team_worker"]
    park = place(world.child, "Riverside Park", by=by)
    link(world.child, marked_child, by=by, type="friend")
    link(marked_adult, marked_child, by=by, type="exploits", nature="harmful", purpose="Marrowindle grooms Zorblaxine")
    link(world.child, park, by=by, type="frequents", nature="harmful")
    link(marked_adult, park, by=by, type="frequents", nature="harmful")
    return {"child": marked_child, "adult": marked_adult}


def _hits(text: str) -> list[str]:
    return [marker for marker in MARKERS if marker in text]


def _map_html(client: Client, world: World) -> str:
    response = client.get(reverse("network:person_map", kwargs={"person_id": world.child.pk}) + "?depth=2")
    assert response.status_code == 200
    return response.content.decode()


def _graph_json(client: Client, world: World) -> dict[str, object]:
    response = client.get(reverse("network:person_graph", kwargs={"person_id": world.child.pk}) + "?depth=2")
    assert response.status_code == 200
    data: dict[str, object] = response.json()
    return data


def _api_json(world: World, persona: str) -> dict[str, object]:
    user = world.users[persona]
    token = issue_api_token(user=user, days=1, by=user)
    url = reverse("api:network_person_graph", kwargs={"person_id": world.child.pk}) + "?depth=2"
    response = Client().get(url, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    data: dict[str, object] = response.json()
    return data


def _png(client: Client, world: World, persona: str) -> tuple[bytes, str]:
    share = make_share(world.child, by=world.users[persona], items=["network_map"])
    url = reverse("network:person_export", kwargs={"person_id": world.child.pk})
    response = client.post(url, {"sharing_record": share.pk, "depth": "2", "positions": "{}"})
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    labels = image.text["Labels"]  # type: ignore[attr-defined]
    return response.content, labels


def test_a_viewer_without_access_sees_no_name_age_or_address(
    world: World, planted: dict[str, object], client_for
) -> None:  # type: ignore[no-untyped-def]
    persona = "allocated_worker"  # Pod A: Test Child is theirs, the marked people are Pod B's
    client = client_for(persona)
    html = _map_html(client, world)
    assert _hits(html) == []
    assert "Z.Q." in html and "An adult" in html  # the young person by initials; the adult without even those
    graph = _graph_json(client, world)
    assert _hits(json.dumps(graph)) == []
    api = _api_json(world, persona)
    assert _hits(json.dumps(api)) == []
    png, labels = _png(client, world, persona)
    assert _hits(labels) == []
    assert [marker for marker in MARKERS if marker.encode() in png] == []
    assert "Z.Q." in labels and "Test Child" in labels
    marked = planted["child"]
    assert not AccessEvent.objects.filter(actor_username=persona, person_id=marked.pk).exists()  # type: ignore[attr-defined]
    assert AccessEvent.objects.filter(actor_username=persona, person_id=world.child.pk, kind="export").exists()


def test_a_viewer_with_access_sees_the_names(world: World, planted: dict[str, object], client_for) -> None:  # type: ignore[no-untyped-def]
    persona = "head_of_service"  # the whole service's records
    client = client_for(persona)
    assert {"Zorblaxine", "Quintavelle", "Marrowindle", "Feldsparrow"} <= set(_hits(_map_html(client, world)))
    assert "Marrowindle grooms Zorblaxine" in json.dumps(_graph_json(client, world))  # both ends visible
    assert "Zorblaxine" in json.dumps(_api_json(world, persona))
    png, labels = _png(client, world, persona)
    assert "Zorblaxine Quintavelle" in labels and b"Zorblaxine" in png
    assert OutboundDocument.objects.filter(person=world.child, kind="network_png").exists()
    marked = planted["child"]
    assert AccessEvent.objects.filter(actor_username=persona, person_id=marked.pk).exists()  # type: ignore[attr-defined]
    # Never an address, even for a viewer who may open the record.
    assert "Kestrelbrook" not in _map_html(client, world)


def test_a_centre_out_of_scope_is_404_everywhere(world: World, planted: dict[str, object], client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("allocated_worker")
    marked = planted["child"]
    missing = 10**9
    for name in ("network:person_map", "network:person_graph", "network:person_add_link"):
        hidden = client.get(reverse(name, kwargs={"person_id": marked.pk}))  # type: ignore[attr-defined]
        absent = client.get(reverse(name, kwargs={"person_id": missing}))
        assert hidden.status_code == absent.status_code == 404
        assert hidden.content == absent.content
    export = client.post(reverse("network:person_export", kwargs={"person_id": marked.pk}), {"sharing_record": 1})  # type: ignore[attr-defined]
    assert export.status_code == 404


def test_a_context_map_limits_people_the_same_way(world: World, planted: dict[str, object], client_for) -> None:  # type: ignore[no-untyped-def]
    from safecontext.contexts.models import Context

    park = Context.objects.get(name="Riverside Park")
    url = reverse("network:context_map", kwargs={"context_id": park.pk}) + "?depth=2"
    client = client_for("allocated_worker")
    html = client.get(url).content.decode()
    assert _hits(html) == [] and "Test Child" in html and "An adult" in html
    graph = client.get(reverse("network:context_graph", kwargs={"context_id": park.pk}) + "?depth=2")
    assert _hits(graph.content.decode()) == [] and "Z.Q." in graph.content.decode()
    assert "Marrowindle" in client_for("head_of_service").get(url).content.decode()
