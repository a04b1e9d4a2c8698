"""Network analytics: shared contexts and adults, clusters (igraph Leiden, run as a background task), hubs and hotspots
(issue 4).

Only clusters are stored: they take seconds to compute over a whole service's network, so a background task
computes them (docs/adr/0017-background-tasks.md) and a page shows the latest run. Everything else (shared contexts
and adults, hotspots, hubs around a context) is computed when the page is asked for. A run and its clusters are
derived data, but they say which young people and adults are grouped together, so they are written only by
actions like any key record.
"""

from __future__ import annotations

from django.db import models

from safecontext.accounts.models import Service, User
from safecontext.core.actions_base import ActionOnlyModel
from safecontext.network.models import Node


class ClusterRun(ActionOnlyModel):
    """One computation of clusters over a service's network (or, for `make bench` only, the whole network)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    service = models.ForeignKey(Service, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)  # the django.tasks result id, to find the worker's log
    # Parameters: the same parameters over the same network give the same clusters.
    as_of = models.DateField()  # links current on this day
    resolution = models.FloatField()
    seed = models.IntegerField()
    iterations = models.IntegerField()
    # What was found, and how long each step took.
    node_count = models.PositiveIntegerField(default=0)
    edge_count = models.PositiveIntegerField(default=0)
    cluster_count = models.PositiveIntegerField(default=0)
    read_seconds = models.FloatField(null=True, blank=True)
    cluster_seconds = models.FloatField(null=True, blank=True)
    store_seconds = models.FloatField(null=True, blank=True)
    peak_rss_mb = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["service", "status", "-finished_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="finished", finished_at__isnull=False) | ~models.Q(status="finished"),
                name="finished_run_has_finish_time",
            )
        ]

    def __str__(self) -> str:
        return f"Cluster run {self.pk} ({self.status})"


class Cluster(ActionOnlyModel):
    """One cluster of a run: numbered 1, 2, 3… largest first."""

    run = models.ForeignKey(ClusterRun, on_delete=models.CASCADE, related_name="clusters")
    number = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    harmful_links = models.PositiveIntegerField(default=0)  # harmful links with both ends in the cluster
    people = models.PositiveIntegerField(default=0)
    contexts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["run", "number"]
        constraints = [models.UniqueConstraint(fields=["run", "number"], name="one_cluster_number_per_run")]

    def __str__(self) -> str:
        return f"Cluster {self.number} of run {self.run_id}"


class ClusterMembership(ActionOnlyModel):
    """A node's cluster in a run. Nodes with no current link belong to no cluster and have no row."""

    run = models.ForeignKey(ClusterRun, on_delete=models.CASCADE, related_name="memberships")
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "node"], name="one_cluster_per_node_per_run")]
        indexes = [models.Index(fields=["cluster", "node"])]

    def __str__(self) -> str:
        return f"Node {self.node_id} in cluster {self.cluster_id}"
