"""The analytics bench probes and the whole-network clustering on a small synthetic city (bench/city.py), loaded into
the test database: the figures are produced, and the clustering reads exactly the current links."""

from __future__ import annotations

import pytest
from django.db.models import Q
from django.utils import timezone

from safecontext.accounts.models import Service
from safecontext.analytics.network_graph import cluster_network
from safecontext.bench.analytics_probes import measure_on_demand
from safecontext.bench.city import City
from safecontext.bench.load import SERVICE_NAME, load_city
from safecontext.bench.measure import bench_user
from safecontext.bench.population import Scale
from safecontext.network.models import Link

PEOPLE = 2_000


@pytest.mark.django_db(transaction=True)
def test_clustering_and_the_on_demand_probe_on_a_small_city() -> None:
    today = timezone.localdate()
    load_city(City(Scale(PEOPLE), seed=11, today=today), fast=False)
    current = Link.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today), valid_from__lte=today)

    whole = cluster_network(as_of=today, service_id=None, seed=1, resolution=1.0, iterations=2)
    assert whole.edge_count == current.count()
    assert sum(whole.sizes.values()) == whole.node_count == len(whole.nodes)
    assert list(whole.sizes) == sorted(whole.sizes)  # numbered 1, 2, 3…
    assert list(whole.sizes.values()) == sorted(whole.sizes.values(), reverse=True)  # largest first
    assert sum(whole.harmful.values()) <= current.filter(nature="harmful").count()

    service = Service.objects.get(name=SERVICE_NAME)
    own = cluster_network(as_of=today, service_id=service.pk, seed=1, resolution=1.0, iterations=2)
    assert 0 < own.edge_count < whole.edge_count  # the other council's people and their links are left out

    (figure,) = measure_on_demand(user=bench_user(), people=PEOPLE, today=today, seed=3, count=10)
    assert len(figure.timings_ms) == 10 and figure.target_p95_ms == 1000
    assert "subgraph nodes" in figure.notes[-1]
