"""The background task that computes a service's clusters (django.tasks; run by `manage.py db_worker`, see
docs/adr/0017-background-tasks.md). Tests run it at once with Django's ImmediateBackend, and once through the real
database queue."""

from __future__ import annotations

from django.tasks import task

from safecontext.analytics import actions
from safecontext.analytics.network_graph import cluster_network


@task()
def compute_clusters(run_id: int) -> dict[str, int]:
    run = actions.start_cluster_run(run_id=run_id)
    if run is None:
        return {"run_id": run_id, "clusters": -1}  # not queued any more: nothing to do
    try:
        found = cluster_network(
            as_of=run.as_of,
            service_id=run.service_id,
            seed=run.seed,
            resolution=run.resolution,
            iterations=run.iterations,
        )
        finished = actions.finish_cluster_run(run_id=run_id, found=found)
    except Exception as error:
        actions.fail_cluster_run(run_id=run_id, error=f"{type(error).__name__}: {error}")
        raise
    return {"run_id": run_id, "clusters": finished.cluster_count}
