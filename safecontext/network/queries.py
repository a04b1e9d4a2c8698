"""Reads of the network.

Links carry no scope of their own: a link is shown as part of the record it came from (a referral, a note, a
meeting), which the caller has already fetched through access/scope.py. So these functions take that source, never
a bare id typed by a user.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from safecontext.network.models import Link, Node


def _with_ends(links: QuerySet[Link]) -> QuerySet[Link]:
    return links.select_related(
        "a__person", "a__context", "a__object_of_interest", "b__person", "b__context", "b__object_of_interest"
    ).prefetch_related("a__person__names", "b__person__names")


def links_from_source(*, source_kind: str, source_id: int) -> list[Link]:
    """The links recorded from one referral, note or meeting, in the order they were made."""
    return list(_with_ends(Link.objects.filter(source_kind=source_kind, source_id=source_id)).order_by("id"))


def node_label(node: Node) -> str:
    """What a node stands for, in words: a person's name, a context's name, an object's kind and value."""
    if node.person is not None:
        return node.person.display_name
    if node.context is not None:
        return f"{node.context.name} ({node.context.get_kind_display().lower()})"
    if node.object_of_interest is not None:
        return str(node.object_of_interest)
    return str(node)


# --- neighbourhoods (the network map) ---------------------------------------------------------------------------
#
# A neighbourhood is read in a fixed number of indexed queries whatever the size of the network (docs/adr/0012 and
# 0020): the centre's links (one UNION on the (a, b) and (b, a) indexes), how many links each neighbour has (two
# grouped counts answered from the same indexes), then the links of the neighbours that fit the budget (one UNION).
# A neighbour with more than HUB_LINK_LIMIT links — a large school, a town centre — is a hub: drawn as one node
# with its count, never expanded. Nothing is ever read past NODE_LIMIT links, and a centre that is itself a hub is
# drawn with its first CENTRE_LINK_LIMIT links and its count, so the busiest school stays bounded too.

HUB_LINK_LIMIT = 150
NODE_LIMIT = 5_000
# A centre with more links than this is itself a hub: these are drawn, with its count, and no second hop is read.
CENTRE_LINK_LIMIT = 1_000
_LINK_COLUMNS = ("id", "a_id", "b_id", "type", "nature", "reliability", "valid_from", "valid_to", "purpose")


@dataclass(frozen=True)
class Filters:
    depth: int = 1
    natures: frozenset[str] = frozenset()  # empty: every nature
    types: frozenset[str] = frozenset()  # empty: every type
    on: dt.date | None = None  # links valid on this day; None: every link, ended or not


@dataclass(frozen=True)
class Edge:
    id: int
    a: int  # node pks, in the link's own direction ("a exploits b")
    b: int
    type: str
    nature: str
    reliability: str
    valid_from: dt.date
    valid_to: dt.date | None
    purpose: str  # free text: map_graph.py shows it only when the viewer may see both ends


@dataclass
class Neighbourhood:
    centre: int
    hops: dict[int, int]  # node pk → 0, 1 or 2
    edges: list[Edge]
    hubs: dict[int, int]  # node pk → its number of links, for the nodes summarised rather than expanded
    truncated: bool  # CENTRE_LINK_LIMIT or NODE_LIMIT was reached: some links are not shown (the page says so)


def _filtered(filters: Filters) -> QuerySet[Link]:
    links = Link.objects.all()
    if filters.natures:
        links = links.filter(nature__in=sorted(filters.natures))
    if filters.types:
        links = links.filter(type__in=sorted(filters.types))
    if filters.on is not None:
        links = links.filter(valid_from__lte=filters.on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=filters.on))
    return links


def _touching(node_pks: Sequence[int], filters: Filters, limit: int) -> tuple[list[Edge], bool]:
    """The filtered links with either end in `node_pks`, at most `limit` (lowest ids first), and whether there were
    more. Two queries, one per index ((a, b) and (b, a)), each cut at `limit` + 1 rows so that a busy node stops
    the read early instead of gathering and sorting all its links (a UNION cannot be limited per side on SQLite)."""
    if not node_pks or limit <= 0:
        return [], bool(node_pks)
    pks = list(node_pks)
    found: dict[int, Edge] = {}
    more = False
    for side in ("a_id__in", "b_id__in"):
        rows = list(_filtered(filters).filter(**{side: pks}).values_list(*_LINK_COLUMNS)[: limit + 1])
        more = more or len(rows) > limit
        for row in rows:
            found.setdefault(row[0], Edge(*row))  # a link between two of `node_pks` comes from both sides
    edges = sorted(found.values(), key=lambda edge: edge.id)
    return edges[:limit], more or len(edges) > limit


def link_counts(node_pks: Sequence[int]) -> dict[int, int]:
    """How many links each node has (any date, type or nature): two grouped COUNT(*)s read from the indexes alone."""
    if not node_pks:
        return {}
    pks = list(node_pks)
    a_side = Link.objects.filter(a_id__in=pks).values("a_id").annotate(n=Count("*")).values_list("a_id", "n")
    b_side = Link.objects.filter(b_id__in=pks).values("b_id").annotate(n=Count("*")).values_list("b_id", "n")
    counts: dict[int, int] = defaultdict(int)
    for node_pk, n in a_side.union(b_side, all=True):
        counts[node_pk] += n
    return dict(counts)


def neighbourhood(centre: Node, filters: Filters = Filters()) -> Neighbourhood:
    """The links around `centre` to `filters.depth` (1 or 2) hops, filtered by nature, type and date, with hubs
    summarised (see above). Carries node pks only: labels, and what the viewer may see of each node, come from
    `purpose_limited_graph`."""
    centre_pk = centre.pk
    edges, truncated = _touching([centre_pk], filters, CENTRE_LINK_LIMIT)
    hops: dict[int, int] = {centre_pk: 0}
    for edge in edges:
        for end in (edge.a, edge.b):
            hops.setdefault(end, 1)
    hubs: dict[int, int] = {}
    if truncated:  # the centre is itself a hub (a large school): its first links, its count, no second hop
        hubs[centre_pk] = link_counts([centre_pk]).get(centre_pk, 0)
        return Neighbourhood(centre=centre_pk, hops=hops, edges=edges, hubs=hubs, truncated=True)
    frontier = [pk for pk, hop in hops.items() if hop == 1]
    counts = link_counts(frontier) if frontier else {}
    for pk in frontier:
        if counts.get(pk, 0) > HUB_LINK_LIMIT:
            hubs[pk] = counts[pk]
    if filters.depth >= 2 and frontier and not truncated:
        budget = NODE_LIMIT - len(edges)
        expand: list[int] = []
        # The quietest neighbours first, each whole or not at all; ties on the node pk so the answer is stable.
        for pk in sorted((pk for pk in frontier if pk not in hubs), key=lambda pk: (counts.get(pk, 0), pk)):
            cost = counts.get(pk, 0)
            if cost <= budget:
                expand.append(pk)
                budget -= cost
            else:
                hubs[pk] = cost
        seen = {edge.id for edge in edges}
        more, truncated = _touching(expand, filters, NODE_LIMIT - len(edges))
        for edge in more:
            if edge.id in seen:
                continue
            seen.add(edge.id)
            edges.append(edge)
            for end in (edge.a, edge.b):
                hops.setdefault(end, 2)
    return Neighbourhood(centre=centre_pk, hops=hops, edges=edges, hubs=hubs, truncated=truncated)
