"""The neighbourhood query: depth, filters by nature, type and date, hubs summarised, bounded reads."""

from __future__ import annotations

import datetime as dt

import pytest

from safecontext.network import queries
from safecontext.network.queries import Filters, neighbourhood
from tests import factories
from tests.conftest import World
from tests.network.helpers import link, node, place


@pytest.fixture
def network(world: World) -> dict[str, object]:
    """Test Child — friend → Other; Other — exploited by → Adult; Child and Other spend time at the park;
    the child attended a school until 2025 (ended)."""
    by = world.users["manager"]
    adult = factories.make_person("Adam", "Elder", date_of_birth=dt.date(1980, 1, 1))
    park = place(world.child, "Riverside Park", by=by)
    school = place(world.child, "Hill School", by=by, kind="school")
    links = {
        "friend": link(world.child, world.other_child, by=by, type="friend", nature="unknown"),
        "exploits": link(adult, world.other_child, by=by, type="exploits", nature="harmful"),
        "child_park": link(world.child, park, by=by, type="frequents", nature="harmful"),
        "other_park": link(world.other_child, park, by=by, type="frequents", nature="harmful"),
        "mother": link(world.mother, world.child, by=by, type="parent", nature="protective"),
        "school": link(
            world.child,
            school,
            by=by,
            type="attends",
            nature="protective",
            valid_from=dt.date(2022, 9, 1),
            valid_to=dt.date(2025, 7, 20),
        ),
    }
    return {"adult": adult, "park": park, "school": school, "links": links}


def _link_ids(hood: queries.Neighbourhood) -> set[int]:
    return {edge.id for edge in hood.edges}


def test_depth_one_is_the_centres_own_links(world: World, network: dict[str, object]) -> None:
    links = network["links"]
    assert isinstance(links, dict)
    hood = neighbourhood(node(world.child))
    assert _link_ids(hood) == {links[k].pk for k in ("friend", "child_park", "mother", "school")}
    assert hood.hops[node(world.child).pk] == 0 and set(hood.hops.values()) == {0, 1}


def test_depth_two_reaches_the_links_of_links(world: World, network: dict[str, object]) -> None:
    links = network["links"]
    assert isinstance(links, dict)
    hood = neighbourhood(node(world.child), Filters(depth=2))
    assert _link_ids(hood) == {link.pk for link in links.values()}
    adult = network["adult"]
    assert hood.hops[node(adult).pk] == 2  # type: ignore[arg-type]
    assert hood.hops[node(world.other_child).pk] == 1


def test_filters_by_nature_type_and_date(world: World, network: dict[str, object]) -> None:
    links = network["links"]
    assert isinstance(links, dict)
    centre = node(world.child)
    harmful = neighbourhood(centre, Filters(depth=2, natures=frozenset({"harmful"})))
    assert _link_ids(harmful) == {links[k].pk for k in ("child_park", "other_park")}
    typed = neighbourhood(centre, Filters(types=frozenset({"parent", "attends"})))
    assert _link_ids(typed) == {links["mother"].pk, links["school"].pk}
    in_2024 = neighbourhood(centre, Filters(on=dt.date(2024, 5, 1)))
    assert _link_ids(in_2024) == {links["school"].pk}  # the others start in 2026
    today = neighbourhood(centre, Filters(on=dt.date(2026, 11, 1)))
    assert links["school"].pk not in _link_ids(today) and links["friend"].pk in _link_ids(today)


def test_a_hub_is_summarised_not_expanded(world: World, network: dict[str, object], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(queries, "HUB_LINK_LIMIT", 1)  # the park (2 links) and Other (3 links) become hubs
    centre = node(world.child)
    hood = neighbourhood(centre, Filters(depth=2))
    park, other = node(network["park"]), node(world.other_child)  # type: ignore[arg-type]
    assert hood.hubs[park.pk] == 2 and hood.hubs[other.pk] == 3
    links = network["links"]
    assert isinstance(links, dict)
    assert links["exploits"].pk not in _link_ids(hood)  # Other was not expanded
    assert node(network["adult"]).pk not in hood.hops  # type: ignore[arg-type]


def test_a_busy_centre_is_drawn_with_its_count_and_no_second_hop(
    world: World, network: dict[str, object], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(queries, "CENTRE_LINK_LIMIT", 2)
    centre = node(world.child)
    hood = neighbourhood(centre, Filters(depth=2))
    assert hood.truncated and len(hood.edges) == 2
    assert hood.hubs == {centre.pk: 4} and set(hood.hops.values()) == {0, 1}


def test_the_second_hop_stops_at_the_node_limit(world: World, network: dict[str, object], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(queries, "NODE_LIMIT", 5)  # the centre's 4 links leave room for 1: the neighbours wait
    hood = neighbourhood(node(world.child), Filters(depth=2))
    assert len(hood.edges) == 4 and node(world.other_child).pk in hood.hubs  # summarised, with its count


def test_a_neighbourhood_is_a_fixed_number_of_queries(
    world: World, network: dict[str, object], django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    centre = node(world.child)
    with django_assert_max_num_queries(5):  # the centre's links (2), its neighbours' counts (1), their links (2)
        neighbourhood(centre, Filters(depth=2))
