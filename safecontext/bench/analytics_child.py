"""The whole-city clustering measurement, run in a fresh process by bench/analytics_probes.py so that the peak RSS
it reports is the computation's own. Nothing Django is imported at module level: a spawned process imports this
module before Django is set up."""

from __future__ import annotations

import datetime as dt
import os
import statistics
from multiprocessing.queues import Queue
from typing import Any


def whole_city(as_of: str, seed: int, answers: Queue[dict[str, Any]]) -> None:
    try:
        answers.put(_whole_city(as_of, seed))
    except Exception as error:  # reported to the parent, which raises it
        answers.put({"error": f"{type(error).__name__}: {error}"})


def _whole_city(as_of: str, seed: int) -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safecontext.settings")
    import django

    django.setup()
    from safecontext.analytics import actions
    from safecontext.analytics.models import ClusterRun
    from safecontext.analytics.network_graph import cluster_network, peak_rss_mb
    from safecontext.analytics.rules.graph import DEFAULT_RESOLUTION
    from safecontext.core.actions_base import inside_action

    day = dt.date.fromisoformat(as_of)
    with inside_action():
        run = ClusterRun.objects.create(
            service=None, as_of=day, resolution=DEFAULT_RESOLUTION, seed=seed, iterations=actions.NETWORK_ITERATIONS
        )
    actions.start_cluster_run(run_id=run.pk)
    before_mb = peak_rss_mb()
    found = cluster_network(
        as_of=day, service_id=None, seed=seed, resolution=DEFAULT_RESOLUTION, iterations=actions.NETWORK_ITERATIONS
    )
    stored = actions.finish_cluster_run(run_id=run.pk, found=found)
    return {
        "nodes": found.node_count,
        "edges": found.edge_count,
        "clusters": len(found.sizes),
        "largest": max(found.sizes.values(), default=0),
        "median_size": statistics.median(found.sizes.values()) if found.sizes else 0,
        "read_s": found.read_seconds,
        "cluster_s": found.cluster_seconds,
        "cpu_s": found.cpu_seconds,
        "store_s": stored.store_seconds or 0.0,
        "peak_mb_after_clustering": found.peak_rss_mb,
        "peak_mb_at_start": before_mb,
        "peak_mb": peak_rss_mb(),
    }
