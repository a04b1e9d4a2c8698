"""Writes for analytics: every change goes through an @action here and is audited.

A cluster run moves queued → running → finished (or failed). Requesting one is a user's action; the other moves
are the background task's (analytics/tasks.py), audited with no user ("system"). Computing takes seconds to a
minute, so it happens between the actions, outside any transaction: the run is marked running, the clusters are
computed, and one action stores them all (or none).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils import timezone

from safecontext.analytics.models import Cluster, ClusterMembership, ClusterRun
from safecontext.analytics.network_graph import NetworkClusters
from safecontext.analytics.rules.graph import DEFAULT_RESOLUTION, DEFAULT_SEED
from safecontext.audit.actions import record_change
from safecontext.core.actions_base import action
from safecontext.network.models import Node

if TYPE_CHECKING:
    from safecontext.accounts.models import Service, User

# Leiden passes over the whole network: 2 is igraph's default and, on the bench city, within 0.5% of the
# modularity of iterating until stable, at a fraction of the time (docs/adr/0021-analytics.md).
NETWORK_ITERATIONS = 2
STORE_CHUNK = 5_000
OPEN_STATUSES = (ClusterRun.Status.QUEUED, ClusterRun.Status.RUNNING)


@action
def request_cluster_run(
    *, by: User, service: Service, as_of: dt.date | None = None, run_now: bool = False
) -> ClusterRun:
    """Queue a recompute of the service's clusters. A run already waiting or running is returned instead of
    starting a second one (pressing the button twice must not double the work). `run_now` computes it here
    instead, in this transaction (the demo loader, which must not depend on a worker running)."""
    waiting = (
        ClusterRun.objects.select_for_update().filter(service=service, status__in=OPEN_STATUSES).order_by("id").first()
    )
    if waiting is not None:
        return waiting
    run = ClusterRun.objects.create(
        service=service,
        requested_by=by,
        as_of=as_of or timezone.localdate(),
        resolution=DEFAULT_RESOLUTION,
        seed=DEFAULT_SEED,
        iterations=NETWORK_ITERATIONS,
    )
    record_change(
        by=by,
        action="analytics.cluster_run_requested",
        target=run,
        after={"service_id": service.pk, "as_of": run.as_of, "resolution": run.resolution, "seed": run.seed},
    )
    # Enqueued inside this transaction: with the database backend the task row commits with the run, so a worker
    # never sees a task for a run that was rolled back (nor a run with no task).
    from safecontext.analytics.tasks import compute_clusters

    if run_now:
        compute_clusters.call(run.pk)
        run.refresh_from_db()
        return run
    result = compute_clusters.enqueue(run.pk)
    run.task_id = str(result.id)
    run.save(update_fields=["task_id"])
    return run


@action
def start_cluster_run(*, run_id: int) -> ClusterRun | None:
    """Mark a queued run as running; None when it is not queued (already taken by another worker, or finished)."""
    run = ClusterRun.objects.select_for_update().filter(pk=run_id, status=ClusterRun.Status.QUEUED).first()
    if run is None:
        return None
    run.status = ClusterRun.Status.RUNNING
    run.started_at = timezone.now()
    run.save(update_fields=["status", "started_at"])
    record_change(by=None, action="analytics.cluster_run_started", target=run, after={"status": run.status})
    return run


def _memberships(run: ClusterRun, found: NetworkClusters, clusters: dict[int, int]) -> Iterable[ClusterMembership]:
    for node_id, number in zip(found.nodes, found.numbers, strict=True):
        yield ClusterMembership(run_id=run.pk, cluster_id=clusters[number], node_id=node_id)


@action
def finish_cluster_run(*, run_id: int, found: NetworkClusters) -> ClusterRun:
    """Store the clusters found, and the run's counts and timings, all at once."""
    started = time.perf_counter()
    run = ClusterRun.objects.select_for_update().get(pk=run_id, status=ClusterRun.Status.RUNNING)
    kinds = _node_kinds(found)
    Cluster.objects.bulk_create(
        [
            Cluster(
                run=run,
                number=number,
                size=size,
                harmful_links=found.harmful.get(number, 0),
                people=kinds.get((number, Node.Kind.PERSON), 0),
                contexts=kinds.get((number, Node.Kind.CONTEXT), 0),
            )
            for number, size in found.sizes.items()
        ],
        batch_size=STORE_CHUNK,
    )
    cluster_ids = dict(Cluster.objects.filter(run=run).values_list("number", "id"))
    batch: list[ClusterMembership] = []
    for membership in _memberships(run, found, cluster_ids):
        batch.append(membership)
        if len(batch) == STORE_CHUNK:
            ClusterMembership.objects.bulk_create(batch)
            batch = []
    ClusterMembership.objects.bulk_create(batch)
    run.status = ClusterRun.Status.FINISHED
    run.finished_at = timezone.now()
    run.node_count, run.edge_count, run.cluster_count = found.node_count, found.edge_count, len(found.sizes)
    run.read_seconds, run.cluster_seconds = found.read_seconds, found.cluster_seconds
    run.peak_rss_mb = found.peak_rss_mb
    run.store_seconds = time.perf_counter() - started
    run.save()
    record_change(
        by=None,
        action="analytics.cluster_run_finished",
        target=run,
        after={
            "status": run.status,
            "node_count": run.node_count,
            "edge_count": run.edge_count,
            "cluster_count": run.cluster_count,
        },
    )
    return run


def _node_kinds(found: NetworkClusters) -> dict[tuple[int, str], int]:
    """(cluster number, node kind) → count, reading node kinds in chunks."""
    number_of = dict(zip(found.nodes, found.numbers, strict=True))
    counts: dict[tuple[int, str], int] = {}
    ids = list(number_of)
    for start in range(0, len(ids), STORE_CHUNK):
        chunk = ids[start : start + STORE_CHUNK]
        for node_id, kind in Node.objects.filter(pk__in=chunk).values_list("id", "kind"):
            key = (number_of[node_id], kind)
            counts[key] = counts.get(key, 0) + 1
    return counts


@action
def fail_cluster_run(*, run_id: int, error: str) -> ClusterRun:
    run = ClusterRun.objects.select_for_update().get(pk=run_id)
    run.status = ClusterRun.Status.FAILED
    run.finished_at = timezone.now()
    run.error = error[:2000]
    run.save(update_fields=["status", "finished_at", "error"])
    record_change(by=None, action="analytics.cluster_run_failed", target=run, after={"error": run.error})
    return run
