"""The network's figures for `make bench` (issue 4): the 2-hop neighbourhood of a context, and the network map page
for a young person with about 200 nodes.

- **2-hop neighbourhood of a context** (`network.queries.neighbourhood`, depth 2, then the purpose-limited labels of
  `network.map_graph.purpose_limited_graph`, as the map and the API use them): over random contexts, split into those
  whose neighbourhood reaches ≤ 5,000 nodes (target p95 ≤ 100 ms) and the busiest contexts of a sample — the large
  schools and town centres, summarised as hubs (target: never over 1 s, so the slowest call is reported).
- **Network map page for a young person with ~200 nodes**: the whole page (`/network/person/<id>/?depth=2`) through
  Django's test client as the benchmark's front-door user — view, scope, AccessEvents, template — for young people
  whose depth-2 map has 100 to 300 nodes (target p95 ≤ 300 ms).
"""

from __future__ import annotations

import functools
import random
import statistics
from collections.abc import Callable
from typing import TYPE_CHECKING

from safecontext.access.scope import people_visible_to
from safecontext.network.map_graph import purpose_limited_graph
from safecontext.network.models import Node
from safecontext.network.queries import Filters, link_counts, neighbourhood

if TYPE_CHECKING:
    from safecontext.accounts.models import User
    from safecontext.bench.measure import Figure

DEPTH_TWO = Filters(depth=2)
NODE_TARGET = 5_000


def _random_nodes(kind: str, count: int, rng: random.Random) -> list[Node]:
    """`count` random nodes of a kind, found by probing random ids (no full scan of the node table)."""
    top = Node.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    found: list[Node] = []
    tried: set[int] = set()
    while len(found) < count and len(tried) < top:
        batch = sorted({rng.randrange(1, top + 1) for _ in range(count * 4)} - tried)
        tried.update(batch)
        found.extend(Node.objects.filter(pk__in=batch, kind=kind)[: count - len(found)])
    return found


def measure_context_neighbourhoods(*, user: User, people: int, seed: int, count: int = 200) -> list[Figure]:
    from safecontext.bench.measure import WARM_UP_CALLS, Figure, _timed, database_label

    rng = random.Random(f"{seed}:network-contexts")  # noqa: S311 - repeatable synthetic inputs
    chosen = _random_nodes(Node.Kind.CONTEXT, count, rng)
    sample = _random_nodes(Node.Kind.CONTEXT, 2_000, rng)
    counts = link_counts([node.pk for node in sample])
    busiest = sorted(sample, key=lambda node: -counts.get(node.pk, 0))[:20]

    def walk(node: Node) -> tuple[float, float, int]:
        hood_ms, hood = _timed(functools.partial(neighbourhood, node, DEPTH_TWO))
        labels_ms, graph = _timed(functools.partial(purpose_limited_graph, user, hood))
        return hood_ms, labels_ms, len(graph.nodes)

    for node in chosen[:WARM_UP_CALLS]:
        walk(node)
    ordinary = Figure("2-hop neighbourhood of a context", people, database_label(), target_p95_ms=100)
    labelled = Figure("2-hop neighbourhood of a context, labelled for the viewer", people, database_label())
    reached: list[int] = []
    over = 0
    for node in chosen:
        hood_ms, labels_ms, size = walk(node)
        if size <= NODE_TARGET:
            ordinary.timings_ms.append(hood_ms)
            labelled.timings_ms.append(hood_ms + labels_ms)
            reached.append(size)
        else:
            over += 1
    hubs = Figure("2-hop neighbourhood of the busiest contexts (hubs summarised)", people, database_label())
    hub_sizes: list[int] = []
    hub_labelled: list[float] = []
    for node in busiest:
        hood_ms, labels_ms, size = walk(node)
        hubs.timings_ms.append(hood_ms)
        hub_labelled.append(hood_ms + labels_ms)
        hub_sizes.append(size)
    ordinary.notes = [
        "measured: network.queries.neighbourhood(depth=2), the database walk (at most 5 indexed queries), over "
        f"{len(chosen)} random contexts, {WARM_UP_CALLS} untimed warm-up calls",
        f"nodes reached: median {statistics.median(reached or [0]):.0f}, max {max(reached or [0]):,}; "
        f"{over} contexts reached more than {NODE_TARGET:,} nodes (not in this figure)",
    ]
    labelled.notes = [
        "measured: the same walk + map_graph.purpose_limited_graph (scope, names, initials) as the bench "
        "front-door user: what the map's JSON and the API do before serialising"
    ]
    slowest = max(hubs.timings_ms or [0.0])
    hubs.notes = [
        f"the {len(busiest)} contexts with most links among 2,000 sampled ({max(counts.values() or [0]):,} links at "
        f"most); slowest call {slowest:,.0f} ms — target never over 1,000 ms: "
        f"{'MET' if slowest <= 1000 else 'NOT MET'}",
        f"nodes drawn: median {statistics.median(hub_sizes or [0]):.0f}, max {max(hub_sizes or [0]):,}; "
        f"labelled for the viewer as well: p50 {statistics.median(hub_labelled or [0.0]):,.0f} ms, "
        f"slowest {max(hub_labelled or [0.0]):,.0f} ms",
    ]
    return [ordinary, labelled, hubs]


def measure_map_page(*, user: User, people: int, seed: int, count: int = 100) -> list[Figure]:
    from django.test import Client
    from django.urls import reverse

    from safecontext.bench.measure import WARM_UP_CALLS, Figure, _timed, database_label

    rng = random.Random(f"{seed}:network-people")  # noqa: S311 - repeatable synthetic inputs
    candidates = _random_nodes(Node.Kind.PERSON, count * 20, rng)
    visible = set(people_visible_to(user).filter(pk__in=[n.person_id for n in candidates]).values_list("pk", flat=True))
    chosen: list[tuple[int, int]] = []  # (person id, nodes)
    for node in candidates:
        if node.person_id not in visible:
            continue
        size = len(neighbourhood(node, DEPTH_TWO).hops)
        if 100 <= size <= 300 and node.person_id is not None:
            chosen.append((node.person_id, size))
        if len(chosen) >= count:
            break
    client = Client()
    client.force_login(user)

    def page(person_id: int) -> int:
        url = reverse("network:person_map", kwargs={"person_id": person_id}) + "?depth=2"
        return int(client.get(url).status_code)

    for person_id, _ in chosen[:WARM_UP_CALLS]:
        page(person_id)
    figure = Figure("network map page, young person with ~200 nodes", people, database_label(), target_p95_ms=300)
    statuses: list[int] = []
    for person_id, _ in chosen:
        ms, status = _timed(functools.partial(page, person_id))
        figure.timings_ms.append(ms)
        statuses.append(status)
    sizes = [size for _, size in chosen]
    if not figure.timings_ms:
        figure.timings_ms.append(0.0)
        figure.notes.append("no young person with a 100 to 300 node map was found in the sample: nothing measured")
        return [figure]
    figure.notes = [
        "measured: GET /network/person/<id>/?depth=2 through django.test.Client as the bench front-door user "
        f"(scope, AccessEvents, template), {len(chosen)} people, {WARM_UP_CALLS} untimed warm-up calls",
        f"nodes per map: median {statistics.median(sizes):.0f}, range {min(sizes)} to {max(sizes)}; "
        f"statuses: {sorted(set(statuses))}",
    ]
    return [figure]


def measurements(*, user: User, people: int, seed: int) -> list[Callable[[], list[Figure]]]:
    return [
        functools.partial(measure_context_neighbourhoods, user=user, people=people, seed=seed),
        functools.partial(measure_map_page, user=user, people=people, seed=seed),
    ]
