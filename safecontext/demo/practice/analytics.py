"""The demo council's analytics: one cluster run over Brightside's network, computed while the demo loads (a worker
may not be running yet), so the clusters page has something to show on first sign-in. Shared contexts and adults,
hotspots and clusters around a context need no stored records: they are computed from the network when asked."""

from __future__ import annotations

from safecontext.analytics.actions import request_cluster_run
from safecontext.analytics.models import ClusterRun
from safecontext.demo.practice import PracticeDemo

# The front-door manager, who looks across the service (demo/data.py).
REQUESTED_BY = "tm.frontdoor"


def write(demo: PracticeDemo) -> dict[str, int]:
    by = demo.users[REQUESTED_BY]
    run = request_cluster_run(by=by, service=demo.service, as_of=demo.today, run_now=True)
    if run.status != ClusterRun.Status.FINISHED:
        raise RuntimeError(f"The demo's cluster run did not finish: {run.error}")
    return {"analytics cluster runs": 1, "analytics clusters": run.cluster_count}
