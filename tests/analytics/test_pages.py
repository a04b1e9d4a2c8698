"""Shared contexts and adults, hotspots, and clusters and hubs around a context: the pages and the API, each counting
across the viewer's service and naming people only within the viewer's scope."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from safecontext.accounts.tokens import issue_api_token
from safecontext.analytics import queries
from safecontext.analytics.labels import initials
from safecontext.audit.models import AccessEvent
from safecontext.contexts.actions import create_context
from safecontext.core.actions_base import inside_action
from tests import factories
from tests.analytics.network import MARKER_ADULT, build, connect
from tests.conftest import World


def test_initials() -> None:
    assert initials("Asif", "Rahimi") == "A. R."
    assert initials("asif", "") == "A."
    assert initials(" ", "") == "?"


def test_shared_contexts_and_adults_count_open_young_people(world: World) -> None:
    network = build(world)
    found = queries.shared_contexts_and_adults(user=world.users["manager"], as_of=dt.date.today())
    assert found.open_young_people == 2
    assert {row.label.text for row in found.contexts} == {
        "Marker Academy (school or education setting)",
        "Ulbury Park (place or neighbourhood)",
    }
    (adult,) = found.adults
    assert adult.label.text == "Z. M." and adult.label.withheld  # no case of the manager's involves the adult
    assert [label.text for label in adult.young_people] == ["Test Child", "O. Y."]
    assert found.named == {world.child.pk}
    assert network.far_place.pk not in {row.context_id for row in found.contexts}


def test_a_parent_of_two_open_children_is_not_a_shared_adult(world: World) -> None:
    build(world)
    connect(world, world.mother, "parent", world.other_child, nature="protective")
    with inside_action():
        world.mother.date_of_birth = dt.date(1980, 1, 1)
        world.mother.save(update_fields=["date_of_birth"])
    found = queries.shared_contexts_and_adults(user=world.users["manager"], as_of=dt.date.today())
    assert [row.label.text for row in found.adults] == ["Z. M."]


def test_closed_cases_and_ended_links_do_not_count(world: World) -> None:
    network = build(world)
    from safecontext.cases.models import Case

    with inside_action():
        Case.objects.filter(subject=world.other_child).update(status="closed", closed_on=dt.date.today())
    found = queries.shared_contexts_and_adults(user=world.users["manager"], as_of=dt.date.today())
    assert found.open_young_people == 1 and found.contexts == [] and found.adults == []
    assert network.park  # still there, just shared by one open young person now


def test_the_shared_page_records_who_was_named(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    build(world)
    page = client_for("manager").get(reverse("analytics:shared")).content.decode()
    assert "Ulbury Park" in page and "Test Child" in page and "O. Y." in page
    assert "Other Youngster" not in page and MARKER_ADULT not in page
    seen = list(AccessEvent.objects.filter(actor_username="manager").values_list("person_id", "kind"))
    assert seen == [(world.child.pk, "list")]


def test_hotspots_count_harmful_links_in_the_last_90_days(world: World) -> None:
    network = build(world)
    old_place = create_context(service=world.child.service, kind="place", name="Old Yard", by=world.users["manager"])
    connect(world, network.adult, "frequents", old_place, nature="harmful", days_ago=400)
    ended = connect(world, network.adult, "frequents", network.far_place, nature="harmful", days_ago=200)
    with inside_action():
        ended.valid_to = dt.date.today() - dt.timedelta(days=100)
        ended.save(update_fields=["valid_to"])
    found = queries.hotspots(user=world.users["manager"], as_of=dt.date.today())
    # Ulbury Park: the adult's harmful link. Old Yard: harmful and still in force (started 400 days ago).
    # Quiet Lane: its harmful link ended 100 days ago, before the window opened.
    assert [(spot.context.name, spot.harmful_links) for spot in found] == [("Old Yard", 1), ("Ulbury Park", 1)]
    assert found[1].has_location and not found[0].has_location


def test_the_hotspots_page_has_a_map_and_a_table(world: World, client_for, settings) -> None:  # type: ignore[no-untyped-def]
    build(world)
    client = client_for("head_of_service")
    page = client.get(reverse("analytics:hotspots")).content.decode()
    assert 'id="hotspot-map"' in page and 'data-tile-url=""' in page
    assert '"name": "Ulbury Park"' in page and '"lat": 50.825' in page  # the map's points, as JSON data
    assert 'id="hotspot-table"' in page and "No background map is configured" in page
    assert "dist/leaflet/leaflet.js" in page and "cdn" not in page.lower()
    settings.MAP_TILE_URL = "/tiles/{z}/{x}/{y}.png"
    page = client.get(reverse("analytics:hotspots")).content.decode()
    assert 'data-tile-url="/tiles/{z}/{x}/{y}.png"' in page and "No background map" not in page


def test_clusters_and_hubs_around_a_context(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    network = build(world)
    result = queries.clusters_around_context(user=world.users["manager"], context=network.park, as_of=dt.date.today())
    # Ulbury Park → both children and the adult → the school and the mother (Quiet Lane's group is not reached).
    assert len(result.subgraph.nodes) == 6 and not result.subgraph.truncated
    assert result.hubs[0][1].text in {"Test Child", "O. Y."}  # each child is the mother's only path to the rest
    client = client_for("manager")
    page = client.get(reverse("analytics:around"), {"context": network.park.pk})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Around Ulbury Park" in text and "Hubs" in text and "Test Child" in text
    assert "Other Youngster" not in text and MARKER_ADULT not in text
    assert AccessEvent.objects.filter(actor_username="manager", person_id=world.child.pk, kind="list").exists()


def test_the_subgraph_is_capped_and_keeps_the_closest_tied(world: World) -> None:
    network = build(world)
    found = queries.subgraph_around(
        context=network.park, as_of=dt.date.today(), service_id=world.child.service_id, limit=4
    )
    assert len(found.nodes) == 4 and found.truncated
    assert found.centre in found.nodes


def test_around_a_context_the_viewer_cannot_see_is_not_found(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    elsewhere = factories.make_service("Northbench Children's Services")
    place = create_context(service=elsewhere, kind="place", name="Far Park", by=world.users["manager"])
    client = client_for("manager")
    assert client.get(reverse("analytics:around"), {"context": place.pk}).status_code == 404
    assert client.get(reverse("analytics:around"), {"context": 999999}).status_code == 404
    bad = client.get(reverse("analytics:around"), {"context": "park"})
    assert bad.status_code == 400 and "Choose a context from the list" in bad.content.decode()


def test_a_context_with_no_links_says_so(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    place = create_context(service=world.child.service, kind="place", name="Empty Field", by=world.users["manager"])
    page = client_for("manager").get(reverse("analytics:around"), {"context": place.pk}).content.decode()
    assert "Empty Field has no current links" in page


def _api(world: World, persona: str, name: str) -> tuple[int, object]:
    user = world.users[persona]
    token = issue_api_token(user=user, days=1, by=user)
    response = Client().get(reverse(name), headers={"Authorization": f"Bearer {token}"})
    return response.status_code, response.json()


def test_the_api_names_only_people_in_scope_and_records_them(world: World) -> None:
    build(world)
    status, body = _api(world, "manager", "api:analytics_shared")
    assert status == 200
    assert isinstance(body, dict)
    assert body["open_young_people"] == 2
    adult = body["adults"][0]
    assert adult["what"] == {"label": "Z. M.", "kind": "person", "person_id": None, "withheld": True}
    assert [person["label"] for person in adult["young_people"]] == ["Test Child", "O. Y."]
    assert MARKER_ADULT not in str(body) and "Youngster" not in str(body)
    events = AccessEvent.objects.filter(actor_username="manager", kind="api")
    assert list(events.values_list("person_id", flat=True)) == [world.child.pk]
    status, spots = _api(world, "manager", "api:analytics_hotspots")
    assert status == 200 and isinstance(spots, list)
    assert spots[0]["name"] == "Ulbury Park" and spots[0]["harmful_links"] == 1 and spots[0]["latitude"] == 50.825


def test_without_the_permission_the_api_answers_not_found(world: World) -> None:
    status, body = _api(world, "allocated_worker", "api:analytics_shared")
    assert (status, body) == (404, {"detail": "Not found."})


def test_a_context_shared_by_many_lists_twenty_and_counts_the_rest(world: World) -> None:
    network = build(world)
    team = world.child.cases_as_subject.get().team
    for number in range(25):
        pupil = factories.make_person("Pupil", f"Number{number}", service=world.child.service)
        factories.make_case(pupil, team=team)
        connect(world, pupil, "attends", network.school)
    found = queries.shared_contexts_and_adults(user=world.users["manager"], as_of=dt.date.today())
    (school,) = [row for row in found.contexts if row.context_id == network.school.pk]
    assert school.count == 27 and len(school.young_people) == 20 and school.more == 7
    # Named first (the manager's team holds these cases); only those listed are recorded as seen.
    assert all(not label.withheld for label in school.young_people)
    assert len(found.named) == 21  # the 20 pupils listed at the school, and Test Child at Ulbury Park
