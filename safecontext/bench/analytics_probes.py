"""The analytics figures of `make bench` (issue 4): community detection over the whole city, and clusters and hubs
around a context on demand (docs/adr/0021-analytics.md).

- Whole city: what the background task does (analytics/tasks.py) for a run over every node — read the current links
  as integer arrays, Leiden in igraph, store the clusters — in a fresh Python process (multiprocessing "spawn"), so
  its peak RSS is the computation's own, not the loader's or the other measurements'. Targets: ≤ 60 s and ≤ 4 GB
  on one core (igraph's Leiden is single-threaded). Reading and clustering are what the target is about; storing
  the memberships (one row a linked node) is reported beside them.
- On demand: `analytics.queries.clusters_around_context` — the page's own call: the ≤ 5,000-node subgraph within two
  steps of a context, Leiden, hubs (betweenness, degree) and purpose-limited labels — for random contexts,
  including the city's big schools, as the benchmark's front-door user. Target: ≤ 1 s (p95).
"""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import os
import queue
import random
import statistics
from collections.abc import Callable
from typing import Any

from safecontext.accounts.models import User
from safecontext.bench.measure import WARM_UP_CALLS, Figure, _timed, database_label

WHOLE_CITY_SECONDS = 60
WHOLE_CITY_MB = 4 * 1024
ON_DEMAND_MS = 1000


def _in_fresh_process(as_of: dt.date, seed: int) -> dict[str, Any]:
    """Run bench/analytics_child.py in a spawned process (same environment, so the same bench database)."""
    from safecontext.bench import analytics_child

    context = multiprocessing.get_context("spawn")
    answers: multiprocessing.Queue[dict[str, Any]] = context.Queue()
    process = context.Process(target=analytics_child.whole_city, args=(as_of.isoformat(), seed, answers))
    process.start()
    try:
        while True:
            try:
                result = answers.get(timeout=5)
                break
            except queue.Empty:
                if not process.is_alive():
                    raise RuntimeError(f"whole-city clustering died (exit code {process.exitcode})") from None
    finally:
        process.join(timeout=60)
    if "error" in result:
        raise RuntimeError(f"whole-city clustering failed in its process: {result['error']}")
    return result


def measure_whole_city(*, people: int, today: dt.date, seed: int) -> list[Figure]:
    found = _in_fresh_process(today, seed)
    seconds = found["read_s"] + found["cluster_s"]
    figure = Figure(
        "community detection over the whole city (Leiden)",
        people,
        database_label(),
        target_total_ms=WHOLE_CITY_SECONDS * 1000,
    )
    figure.timings_ms.append(seconds * 1000)
    memory = "MET" if found["peak_mb_after_clustering"] <= WHOLE_CITY_MB else "NOT MET"
    figure.notes = [
        "measured: analytics.network_graph.cluster_network(service_id=None) in a fresh process (one core): "
        f"read {found['read_s']:.1f} s + Leiden {found['cluster_s']:.1f} s over {found['nodes']:,} linked nodes and "
        f"{found['edges']:,} current links; CPU time {found['cpu_s']:.1f} s (wall time includes waiting for a core: "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores when it finished)",
        f"peak RSS of that process: {found['peak_mb_after_clustering']:,.0f} MB after clustering "
        f"({found['peak_mb_at_start']:,.0f} MB with Django loaded, before reading) — target ≤ {WHOLE_CITY_MB:,} MB: "
        f"{memory}",
        f"clusters: {found['clusters']:,} (largest {found['largest']:,} nodes, median {found['median_size']:,.0f}); "
        f"storing the memberships as the background task does took a further {found['store_s']:.1f} s "
        f"(peak RSS then {found['peak_mb']:,.0f} MB)",
    ]
    return [figure]


def measure_on_demand(*, user: User, people: int, today: dt.date, seed: int, count: int = 40) -> list[Figure]:
    from safecontext.analytics import queries
    from safecontext.contexts.models import Context

    rng = random.Random(f"{seed}:analytics")  # noqa: S311 - repeatable synthetic inputs
    service_id = queries.service_id_for(user)
    contexts = Context.objects.filter(service_id=service_id)
    ids = list(contexts.order_by("pk").values_list("pk", flat=True))
    # The city's contexts start with its schools (bench/city.py): the first few are the big secondaries.
    chosen = ids[:3] + rng.sample(ids[3:], min(count - 3, len(ids) - 3))
    around = functools.partial(queries.clusters_around_context, user=user, as_of=today)
    for pk in chosen[:WARM_UP_CALLS]:
        around(context=contexts.get(pk=pk))
    figure = Figure(
        "clusters and hubs around a context, on demand", people, database_label(), target_p95_ms=ON_DEMAND_MS
    )
    sizes: list[int] = []
    truncated = 0
    for pk in chosen:
        context = contexts.get(pk=pk)
        ms, result = _timed(functools.partial(around, context=context))
        figure.timings_ms.append(ms)
        sizes.append(len(result.subgraph.nodes))
        truncated += result.subgraph.truncated
    figure.notes = [
        "measured: analytics.queries.clusters_around_context (two-step subgraph capped at "
        f"{queries.SUBGRAPH_LIMIT:,} nodes, Leiden, betweenness and degree, labels) as the front-door user, over "
        f"{len(chosen)} contexts (the 3 biggest schools and {len(chosen) - 3} at random), "
        f"{WARM_UP_CALLS} untimed warm-up calls",
        f"subgraph nodes: median {statistics.median(sizes):,.0f}, max {max(sizes):,}; {truncated} capped at the limit",
    ]
    return [figure]


def measurements(*, user: User, people: int, today: dt.date, seed: int) -> list[Callable[[], list[Figure]]]:
    """The analytics figures for bench/measure.run_all, each printed as soon as it is known."""
    return [
        functools.partial(measure_on_demand, user=user, people=people, today=today, seed=seed),
        functools.partial(measure_whole_city, people=people, today=today, seed=seed),
    ]
