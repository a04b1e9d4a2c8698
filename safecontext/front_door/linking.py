"""Linked young people: who else, open to us, shares a place, a peer group, an adult of concern or an object with
this child — and the path that links them.

Pure rules on plain data; the database hands over only what the check needs. For the default two hops that is:

1. the edges touching the child (hop 1);
2. the edges touching the child's *shareable* neighbours — contexts, objects and adults of concern, which
   `nodes_to_expand` names — whose other end is an open young person (hop 2; an edge to anyone else cannot end a
   two-hop path, so a busy bus route hands over its few open young people, not its thousands of passengers);
3. the ids of the open young people — an open referral or case, or one closed in the last 12 months (the issue's
   rule) — and which of the child's neighbours are adults of concern.

So the work is proportional to the child's 2-hop neighbourhood, never to the size of the city; even unfiltered, a
context with 20,000 edges is one pass over them. Inside the walk nodes are single ints, not tuples of enums.

The Contextual Safeguarding toolkit's front-door ask is that trends across separate referrals show ("several young
people, each referred separately, all assaulted on the same bus route"). Empower-U (seed 002): "A complex strategy
meeting will be held when multiple young people are identified" — `complex_strategy_proposals` suggests one; a named
practitioner accepts or declines it (decision support, never an automated decision).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple


class NodeKind(StrEnum):
    PERSON = "person"
    CONTEXT = "context"  # a place or neighbourhood, a peer group, a school, an online space
    OBJECT = "object"  # a vehicle, a phone number, an online handle


class Node(NamedTuple):
    kind: NodeKind
    id: int


class Edge(NamedTuple):
    """One dated, typed link as recorded: `source —type→ target` (e.g. person —frequents→ context)."""

    source: Node
    type: str
    target: Node
    on: date | None = None


class PathStep(NamedTuple):
    """One hop of a path, in the order it is walked from the child. `forward` is False when the hop walks an edge
    against its recorded direction (drawn `a ←type— b`)."""

    from_node: Node
    to_node: Node
    type: str
    forward: bool
    on: date | None


Path = tuple[PathStep, ...]

# What the functions accept: typed Edges, or the plain rows a query returns — ((kind, id), type, (kind, id)[, date]).
EdgeRow = Edge | tuple[tuple[str, int], str, tuple[str, int], date | None]


@dataclass(frozen=True)
class LinkedPerson:
    person_id: int
    # Every distinct route to this young person (one per chain of shared nodes), shortest first.
    paths: tuple[Path, ...]

    @property
    def via(self) -> Path:
        """The path to show first: the shortest, then through the lowest-numbered shared node."""
        return self.paths[0]

    @property
    def shared_nodes(self) -> tuple[Node, ...]:
        """The nodes this young person shares directly with the child (the middle of each two-hop path)."""
        return tuple(sorted({path[0].to_node for path in self.paths if len(path) == 2}))


@dataclass(frozen=True)
class ComplexStrategyProposal:
    shared_node: Node
    # This child first, then the linked young people in id order.
    person_ids: tuple[int, ...]
    explanation: str


class LinkingInputError(ValueError):
    """An edge or argument is malformed; the message says which."""


MAX_HOPS_SUPPORTED = 3


def linked_young_people(
    child_id: int,
    edges: Iterable[EdgeRow],
    open_people: Set[int],
    *,
    adults_of_concern: Set[int] = frozenset(),
    max_hops: int = 2,
) -> list[LinkedPerson]:
    """Every other open young person linked to `child_id` within `max_hops`, with the paths that link them.

    A path may pass only through shareable nodes — contexts (incl. peer groups), objects and `adults_of_concern` —
    never through another young person, or everyone would be linked to everyone through chains of friends. A young
    person directly linked to the child (one hop) is linked too. Ordered by shortest path, then by how many routes
    link them (most first), then by id.
    """
    _check_id(child_id, "child_id")
    return _linked_from(
        Node(NodeKind.PERSON, child_id), edges, open_people, adults_of_concern=adults_of_concern, max_hops=max_hops
    )


def young_people_linked_to(
    node: Node | tuple[str, int],
    edges: Iterable[EdgeRow],
    open_people: Set[int],
    *,
    adults_of_concern: Set[int] = frozenset(),
    max_hops: int = 1,
) -> list[LinkedPerson]:
    """The open young people linked to a context or object (a referral about a context shows them all)."""
    start = _node(node, "node")
    return _linked_from(start, edges, open_people, adults_of_concern=adults_of_concern, max_hops=max_hops)


def nodes_to_expand(child_id: int, first_hop_edges: Iterable[EdgeRow], *, adults_of_concern: Set[int]) -> set[Node]:
    """The child's neighbours whose own edges the database must fetch for the second hop."""
    child = _encode(Node(NodeKind.PERSON, _check_id(child_id, "child_id")))
    expand: set[Node] = set()
    for source, _type, target, _on in _encoded_edges(first_hop_edges):
        for here, there in ((source, target), (target, source)):
            if here == child and there != child:
                node = _decode(there)
                if node.kind is not NodeKind.PERSON or node.id in adults_of_concern:
                    expand.add(node)
    return expand


def complex_strategy_proposals(
    child_id: int,
    linked: Iterable[LinkedPerson],
    *,
    threshold: int = 3,
    through_kinds: Set[NodeKind] = frozenset({NodeKind.CONTEXT, NodeKind.PERSON}),
) -> list[ComplexStrategyProposal]:
    """A proposal for each context or adult of concern shared directly by `threshold` or more young people, this
    child included. Largest group first, then by node."""
    _check_id(child_id, "child_id")
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 2:
        raise LinkingInputError(f"threshold must be a whole number, 2 or more (got {threshold!r})")
    groups: dict[Node, set[int]] = defaultdict(set)
    for person in linked:
        if person.person_id == child_id:
            continue
        for shared in person.shared_nodes:
            if shared.kind in through_kinds:
                groups[shared].add(person.person_id)
    proposals = []
    for shared, others in groups.items():
        if len(others) + 1 < threshold:
            continue
        what = "adult of concern" if shared.kind is NodeKind.PERSON else shared.kind.value
        proposals.append(
            ComplexStrategyProposal(
                shared_node=shared,
                person_ids=(child_id, *sorted(others)),
                explanation=(
                    f"{len(others) + 1} young people, this child included, are linked through the same {what} "
                    f"({shared.kind.value} {shared.id}): propose a complex strategy meeting (Empower-U)."
                ),
            )
        )
    proposals.sort(key=lambda p: (-len(p.person_ids), p.shared_node))
    return proposals


def describe_path(child_id: int | None, path: Path, labels: Mapping[Node, str] | None = None) -> str:
    """`child —frequents→ Bus route 7 ←frequents— person 42`: a path in words, for the screening page."""
    labels = labels or {}

    def name(node: Node) -> str:
        if node in labels:
            return labels[node]
        if child_id is not None and node == Node(NodeKind.PERSON, child_id):
            return "this child"
        return f"{node.kind.value} {node.id}"

    if not path:
        return ""
    parts = [name(path[0].from_node)]
    for step in path:
        arrow = f"—{step.type}→" if step.forward else f"←{step.type}—"
        parts.append(f"{arrow} {name(step.to_node)}")
    return " ".join(parts)


# --- the walk ---------------------------------------------------------------------------------------------------

# Inside the walk a node is one int, id * 3 + kind code: ints hash in C, while hashing a Node hashes its StrEnum kind
# in Python — which made a 20,000-edge neighbourhood several times slower.
_KINDS = (NodeKind.PERSON, NodeKind.CONTEXT, NodeKind.OBJECT)
_KIND_CODES = {kind.value: code for code, kind in enumerate(_KINDS)}
_PERSON = 0

# For each neighbour, the one edge that stands for the pair: (type, walked forward?, date).
_Best = tuple[str, bool, date | None]


def _linked_from(
    start: Node,
    edges: Iterable[EdgeRow],
    open_people: Set[int],
    *,
    adults_of_concern: Set[int],
    max_hops: int,
) -> list[LinkedPerson]:
    if isinstance(max_hops, bool) or not isinstance(max_hops, int) or not 1 <= max_hops <= MAX_HOPS_SUPPORTED:
        raise LinkingInputError(f"max_hops must be a whole number from 1 to {MAX_HOPS_SUPPORTED} (got {max_hops!r})")
    start_key = _encode(start)
    adjacency = _adjacency(edges, start=start_key, adults_of_concern=adults_of_concern)
    found: dict[int, dict[tuple[int, ...], list[tuple[int, int, _Best]]]] = defaultdict(dict)

    # Depth-first over simple paths of at most max_hops steps. Young people end a path; only shareable nodes are
    # walked through. Depth is tiny (≤ 3), so recursion is safe; the cost is the size of the neighbourhood.
    def walk(key: int, trail: list[int], steps: list[tuple[int, int, _Best]]) -> None:
        for neighbour, best in adjacency.get(key, {}).items():
            if neighbour in trail:
                continue
            step = (key, neighbour, best)
            kind_code, node_id = neighbour % 3, neighbour // 3
            if kind_code == _PERSON and node_id in open_people:
                found[node_id][(*trail, neighbour)] = [*steps, step]
            shareable = kind_code != _PERSON or node_id in adults_of_concern
            if shareable and len(steps) + 1 < max_hops:
                trail.append(neighbour)
                steps.append(step)
                walk(neighbour, trail, steps)
                trail.pop()
                steps.pop()

    walk(start_key, [start_key], [])
    linked = [
        LinkedPerson(person_id, tuple(sorted((_decode_path(path) for path in paths.values()), key=_path_key)))
        for person_id, paths in found.items()
    ]
    linked.sort(key=lambda p: (len(p.via), -len(p.paths), p.person_id))
    return linked


def _decode_path(steps: list[tuple[int, int, _Best]]) -> Path:
    return tuple(
        PathStep(_decode(here), _decode(there), edge_type, forward, on)
        for here, there, (edge_type, forward, on) in steps
    )


def _path_key(path: Path) -> tuple[int, tuple[Node, ...]]:
    return (len(path), tuple(step.to_node for step in path))


def _adjacency(edges: Iterable[EdgeRow], *, start: int, adults_of_concern: Set[int]) -> dict[int, dict[int, _Best]]:
    """Who each node is linked to — kept only for the nodes a walk can leave from (the start and shareable nodes):
    a young person ends a path, so their own neighbours are never read."""
    adjacency: dict[int, dict[int, _Best]] = defaultdict(dict)
    for source, edge_type, target, on in _encoded_edges(edges):
        if source == target:
            continue  # a self-link says nothing about who else is connected
        for here, there, forward in ((source, target, True), (target, source, False)):
            if here != start and here % 3 == _PERSON and here // 3 not in adults_of_concern:
                continue
            candidate = (edge_type, forward, on)
            neighbours = adjacency[here]
            current = neighbours.get(there)
            if current is None or _better(candidate, current):
                neighbours[there] = candidate
    return adjacency


def _better(candidate: _Best, current: _Best) -> bool:
    """Most recent wins (the freshest evidence; undated counts as oldest); on the same date the alphabetically first
    type, then the recorded direction — so the answer never depends on the order the database returned rows in."""
    (type_a, forward_a, on_a), (type_b, forward_b, on_b) = candidate, current
    day_a, day_b = on_a or date.min, on_b or date.min
    if day_a != day_b:
        return day_a > day_b
    if type_a != type_b:
        return type_a < type_b
    return forward_a and not forward_b


def _encoded_edges(edges: Iterable[EdgeRow]) -> Iterable[tuple[int, str, int, date | None]]:
    # Exact `type(x) is ...` checks first: this loop runs once per edge of a neighbourhood that can hold tens of
    # thousands, and the typed rows the queries layer builds should pay as little as possible for validation.
    source: object
    target: object
    edge_type: object
    on: object
    for index, raw in enumerate(edges):
        if type(raw) is Edge:
            source, edge_type, target, on = raw
        else:
            if not isinstance(raw, (tuple, list)) or len(raw) not in (3, 4):
                raise LinkingInputError(f"Edge {index}: expected (source, type, target[, date]), got {raw!r}")
            source, edge_type, target = raw[0], raw[1], raw[2]
            on = raw[3] if len(raw) == 4 else None
        if not isinstance(edge_type, str) or not edge_type:
            raise LinkingInputError(f"Edge {index}: the edge type must be a non-empty string (got {edge_type!r})")
        if on is not None and type(on) is not date:
            if not isinstance(on, date):
                raise LinkingInputError(f"Edge {index}: the date must be a date or None (got {on!r})")
            if isinstance(on, datetime):
                on = on.date()  # a timestamp from the database: the day is what a link's date means
        yield _key(source, index, "source"), edge_type, _key(target, index, "target"), on


def _key(raw: object, index: int | None, end: str) -> int:
    if type(raw) is Node:
        kind, node_id = raw
    else:
        if not isinstance(raw, (tuple, list)) or len(raw) != 2:
            raise LinkingInputError(f"{_where(index, end)}: expected (kind, id), got {raw!r}")
        kind, node_id = raw[0], raw[1]
    # Identity checks first: they are the common case and cost no hashing.
    if kind is NodeKind.PERSON:
        code = 0
    elif kind is NodeKind.CONTEXT:
        code = 1
    elif kind is NodeKind.OBJECT:
        code = 2
    elif isinstance(kind, str) and kind in _KIND_CODES:
        code = _KIND_CODES[kind]
    else:
        kinds = ", ".join(k.value for k in NodeKind)
        raise LinkingInputError(f"{_where(index, end)}: unknown node kind {kind!r} (expected {kinds})")
    if type(node_id) is not int:
        node_id = _check_id(node_id, _where(index, end))
    return node_id * 3 + code


def _where(index: int | None, end: str) -> str:
    return end if index is None else f"Edge {index} {end}"


def _encode(node: Node) -> int:
    return _key(node, None, "node")


def _decode(key: int) -> Node:
    node_id, code = divmod(key, 3)
    return Node(_KINDS[code], node_id)


def _node(raw: object, where: str) -> Node:
    return _decode(_key(raw, None, where))


def _check_id(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LinkingInputError(f"{where}: ids are whole numbers (got {value!r})")
    return value
