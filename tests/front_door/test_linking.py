"""Linked young people: shared contexts, peer groups, adults of concern and objects, with the paths shown; the
complex strategy meeting proposal at three young people and not at two; deterministic order; bad input; scale."""

from __future__ import annotations

import random
import time
from datetime import date

import pytest

from safecontext.front_door.linking import (
    Edge,
    LinkedPerson,
    LinkingInputError,
    Node,
    NodeKind,
    complex_strategy_proposals,
    describe_path,
    linked_young_people,
    nodes_to_expand,
    young_people_linked_to,
)


def person(pk: int) -> Node:
    return Node(NodeKind.PERSON, pk)


def context(pk: int) -> Node:
    return Node(NodeKind.CONTEXT, pk)


def thing(pk: int) -> Node:
    return Node(NodeKind.OBJECT, pk)


CHILD = 1
BUS_ROUTE_7, PEER_GROUP, PHONE = context(10), context(11), thing(20)
TINY, TEACHER = 100, 101  # an adult of concern; an adult who is not
LABELS = {BUS_ROUTE_7: "Bus route 7", PEER_GROUP: "Northside peer group", PHONE: "07700 900123", person(TINY): "Tiny"}
OPEN = frozenset({CHILD, 2, 3, 4, 5, 7, 9})
ADULTS_OF_CONCERN = frozenset({TINY})
D = date(2026, 10, 1)

EDGES = [
    Edge(person(CHILD), "frequents", BUS_ROUTE_7, D),
    Edge(person(2), "frequents", BUS_ROUTE_7, D),
    Edge(person(3), "frequents", BUS_ROUTE_7, D),
    Edge(person(6), "frequents", BUS_ROUTE_7, D),  # 6 has nothing open: not shown
    Edge(person(CHILD), "associates", person(TINY), D),
    Edge(person(TINY), "exploits", person(4), D),
    Edge(person(CHILD), "member_of", PEER_GROUP, D),
    Edge(person(5), "member_of", PEER_GROUP, D),
    Edge(person(CHILD), "uses", PHONE, D),
    Edge(person(3), "uses", PHONE, D),
    Edge(person(CHILD), "attends_class_of", person(TEACHER), D),  # not an adult of concern: not walked through
    Edge(person(TEACHER), "teaches", person(7), D),
    Edge(person(CHILD), "friend", person(8), D),  # 8 is a young person, not open: never walked through
    Edge(person(8), "friend", person(9), D),
]


def linked(edges: list[Edge] = EDGES, *, max_hops: int = 2) -> dict[int, LinkedPerson]:
    found = linked_young_people(CHILD, edges, OPEN, adults_of_concern=ADULTS_OF_CONCERN, max_hops=max_hops)
    return {p.person_id: p for p in found}


def test_young_people_sharing_a_context_peer_group_adult_or_object_are_linked() -> None:
    found = linked_young_people(CHILD, EDGES, OPEN, adults_of_concern=ADULTS_OF_CONCERN)
    # 3 shares two things (the bus route and the phone), so comes first; then by id.
    assert [p.person_id for p in found] == [3, 2, 4, 5]
    by_id = {p.person_id: p for p in found}
    assert by_id[2].shared_nodes == (BUS_ROUTE_7,)
    assert by_id[3].shared_nodes == (BUS_ROUTE_7, PHONE)
    assert by_id[4].shared_nodes == (person(TINY),)
    assert by_id[5].shared_nodes == (PEER_GROUP,)


def test_not_linked_through_young_people_or_adults_who_are_not_of_concern_nor_if_not_open() -> None:
    found = linked()
    assert 6 not in found  # shares the bus route but has no open referral or case
    assert 7 not in found  # only through the teacher
    assert 9 not in found  # only through a friend, another young person
    assert CHILD not in found


def test_the_path_says_how_they_are_linked() -> None:
    found = linked()
    assert describe_path(CHILD, found[2].via, LABELS) == "this child —frequents→ Bus route 7 ←frequents— person 2"
    assert describe_path(CHILD, found[4].via, LABELS) == "this child —associates→ Tiny —exploits→ person 4"
    paths = [describe_path(CHILD, path, LABELS) for path in found[3].paths]
    assert paths == [
        "this child —frequents→ Bus route 7 ←frequents— person 3",
        "this child —uses→ 07700 900123 ←uses— person 3",
    ]
    step = found[2].via[0]
    assert (step.from_node, step.to_node, step.type, step.forward, step.on) == (
        person(CHILD),
        BUS_ROUTE_7,
        "frequents",
        True,
        D,
    )


def test_a_young_person_linked_directly_is_linked_in_one_hop() -> None:
    edges = [*EDGES, Edge(person(2), "friend", person(CHILD), D)]
    found = linked_young_people(CHILD, edges, OPEN, adults_of_concern=ADULTS_OF_CONCERN)
    assert found[0].person_id == 2
    assert describe_path(CHILD, found[0].via) == "this child ←friend— person 2"
    assert len(found[0].paths) == 2  # directly, and through the bus route


def test_of_several_edges_between_the_same_pair_the_most_recent_stands() -> None:
    edges = [
        Edge(person(CHILD), "frequents", BUS_ROUTE_7, date(2025, 1, 1)),
        Edge(person(CHILD), "assaulted_on", BUS_ROUTE_7, date(2026, 9, 14)),
        Edge(person(CHILD), "frequents", BUS_ROUTE_7, None),
        Edge(person(2), "frequents", BUS_ROUTE_7, D),
    ]
    (other,) = linked_young_people(CHILD, edges, OPEN)
    assert other.via[0].type == "assaulted_on" and other.via[0].on == date(2026, 9, 14)


def test_the_answer_does_not_depend_on_the_order_of_the_edges() -> None:
    expected = linked_young_people(CHILD, EDGES, OPEN, adults_of_concern=ADULTS_OF_CONCERN)
    rng = random.Random(4)
    for _ in range(20):
        shuffled = EDGES[:]
        rng.shuffle(shuffled)
        assert linked_young_people(CHILD, shuffled, OPEN, adults_of_concern=ADULTS_OF_CONCERN) == expected


def test_plain_tuples_from_the_database_are_accepted() -> None:
    rows = [
        (("person", CHILD), "frequents", ("context", 10), D),
        (("person", 2), "frequents", ("context", 10), None),
        (("person", 3), "frequents", ("context", 10)),  # the date is optional
    ]
    found = linked_young_people(CHILD, rows, OPEN)  # type: ignore[arg-type]
    assert [p.person_id for p in found] == [2, 3]
    assert found[0].shared_nodes == (BUS_ROUTE_7,)


def test_max_hops() -> None:
    assert set(linked(max_hops=1)) == set()  # nobody is linked to the child directly
    # Three hops: the child's bus route is also where Tiny is seen, and Tiny exploits 4 —
    # so 4 is linked through the bus route too (child → bus route → Tiny → 4).
    edges = [*EDGES, Edge(person(TINY), "frequents", BUS_ROUTE_7, D)]
    three = linked(edges, max_hops=3)
    assert [describe_path(CHILD, p, LABELS) for p in three[4].paths] == [
        "this child —associates→ Tiny —exploits→ person 4",
        "this child —frequents→ Bus route 7 ←frequents— Tiny —exploits→ person 4",
    ]


def test_young_people_linked_to_a_context() -> None:
    found = young_people_linked_to(BUS_ROUTE_7, EDGES, OPEN)
    assert [p.person_id for p in found] == [CHILD, 2, 3]
    assert describe_path(None, found[0].via, LABELS) == "Bus route 7 ←frequents— person 1"


def test_nodes_to_expand_are_the_shareable_neighbours() -> None:
    first_hop = [e for e in EDGES if person(CHILD) in (e.source, e.target)]
    assert nodes_to_expand(CHILD, first_hop, adults_of_concern=ADULTS_OF_CONCERN) == {
        BUS_ROUTE_7,
        PEER_GROUP,
        PHONE,
        person(TINY),
    }


# --- complex strategy meeting ---------------------------------------------------------------------------------------


def test_a_complex_strategy_meeting_is_proposed_at_three_young_people() -> None:
    proposals = complex_strategy_proposals(CHILD, linked_young_people(CHILD, EDGES, OPEN, adults_of_concern={TINY}))
    assert len(proposals) == 1
    (proposal,) = proposals
    assert proposal.shared_node == BUS_ROUTE_7
    assert proposal.person_ids == (CHILD, 2, 3)
    assert "3 young people" in proposal.explanation and "complex strategy meeting" in proposal.explanation


def test_not_at_two() -> None:
    edges = [e for e in EDGES if e.source != person(3)]
    found = linked_young_people(CHILD, edges, OPEN, adults_of_concern=ADULTS_OF_CONCERN)
    assert 2 in {p.person_id for p in found}
    assert complex_strategy_proposals(CHILD, found) == []
    # A council that meets at two sees one for each shared context and adult.
    at_two = complex_strategy_proposals(CHILD, found, threshold=2)
    assert [p.shared_node for p in at_two] == [BUS_ROUTE_7, PEER_GROUP, person(TINY)]


def test_through_an_adult_of_concern() -> None:
    edges = [*EDGES, Edge(person(TINY), "exploits", person(5), D)]
    found = linked_young_people(CHILD, edges, OPEN, adults_of_concern=ADULTS_OF_CONCERN)
    proposals = complex_strategy_proposals(CHILD, found)
    assert [(p.shared_node, p.person_ids) for p in proposals] == [
        (BUS_ROUTE_7, (CHILD, 2, 3)),
        (person(TINY), (CHILD, 4, 5)),
    ]
    assert "adult of concern" in proposals[1].explanation


def test_objects_count_only_when_the_council_asks() -> None:
    edges = [*EDGES, Edge(person(4), "uses", PHONE, D)]
    found = linked_young_people(CHILD, edges, OPEN, adults_of_concern=ADULTS_OF_CONCERN)
    assert [p.shared_node for p in complex_strategy_proposals(CHILD, found)] == [BUS_ROUTE_7]
    with_objects = complex_strategy_proposals(CHILD, found, through_kinds=set(NodeKind))
    assert [(p.shared_node, p.person_ids) for p in with_objects] == [
        (BUS_ROUTE_7, (CHILD, 2, 3)),
        (PHONE, (CHILD, 3, 4)),
    ]


def test_larger_groups_come_first() -> None:
    edges = [*EDGES, *(Edge(person(pk), "member_of", PEER_GROUP, D) for pk in (2, 3, 4))]
    found = linked_young_people(CHILD, edges, OPEN, adults_of_concern=ADULTS_OF_CONCERN)
    proposals = complex_strategy_proposals(CHILD, found)
    assert [(p.shared_node, p.person_ids) for p in proposals] == [
        (PEER_GROUP, (CHILD, 2, 3, 4, 5)),
        (BUS_ROUTE_7, (CHILD, 2, 3)),
    ]


# --- bad input ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edge", "message"),
    [
        ((("person", 1), "frequents"), r"Edge 0: expected \(source, type, target\[, date\]\)"),
        ((("person", 1), "frequents", ("context", 10), D, "extra"), "Edge 0: expected"),
        ((("place", 1), "frequents", ("context", 10), D), "Edge 0 source: unknown node kind 'place'"),
        ((("person", "one"), "frequents", ("context", 10), D), "Edge 0 source: ids are whole numbers"),
        ((("person", 1), "frequents", "context-10", D), r"Edge 0 target: expected \(kind, id\)"),
        ((("person", 1), "", ("context", 10), D), "Edge 0: the edge type must be a non-empty string"),
        ((("person", 1), "frequents", ("context", 10), "2026-10-01"), "Edge 0: the date must be a date"),
        (42, "Edge 0: expected"),
    ],
)
def test_malformed_edges_are_refused_clearly(edge: object, message: str) -> None:
    with pytest.raises(LinkingInputError, match=message):
        linked_young_people(CHILD, [edge], OPEN)  # type: ignore[list-item]


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(LinkingInputError, match="max_hops must be a whole number from 1 to 3"):
        linked_young_people(CHILD, EDGES, OPEN, max_hops=0)
    with pytest.raises(LinkingInputError, match="max_hops"):
        linked_young_people(CHILD, EDGES, OPEN, max_hops=4)
    with pytest.raises(LinkingInputError, match="child_id: ids are whole numbers"):
        linked_young_people("1", EDGES, OPEN)  # type: ignore[arg-type]
    with pytest.raises(LinkingInputError, match="threshold must be a whole number, 2 or more"):
        complex_strategy_proposals(CHILD, [], threshold=1)
    assert isinstance(LinkingInputError("x"), ValueError)


# --- scale ----------------------------------------------------------------------------------------------------------


def test_a_busy_context_with_thousands_of_edges_is_one_pass() -> None:
    # A city-centre bus route: 20,000 young people frequent it, 1 in 20 open; the child also has 200 other links.
    rng = random.Random(1)
    hub = context(1)
    edges = [Edge(person(pk), "frequents", hub, date(2026, 1 + pk % 12, 1)) for pk in range(2, 20_002)]
    edges += [Edge(person(CHILD), "frequents", hub, D)]
    edges += [Edge(person(CHILD), "frequents", context(1000 + n), D) for n in range(200)]
    rng.shuffle(edges)
    open_people = frozenset(pk for pk in range(2, 20_002) if pk % 20 == 0) | {CHILD}
    started = time.perf_counter()
    found = linked_young_people(CHILD, edges, open_people)
    proposals = complex_strategy_proposals(CHILD, found)
    elapsed = time.perf_counter() - started
    assert len(found) == 1000
    assert proposals[0].person_ids[:3] == (CHILD, 20, 40) and len(proposals[0].person_ids) == 1001
    # Generous bound (a shared CI machine); locally this takes a few tens of milliseconds.
    assert elapsed < 1.0, f"{elapsed:.3f}s for {len(edges)} edges"
