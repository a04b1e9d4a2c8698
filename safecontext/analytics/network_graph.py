"""The whole network (or one service's part of it) as an igraph Graph, built from integer edge arrays streamed from
the database, and clustered with Leiden.

Memory is the constraint at city scale (5,000,000 links, the issue's limit 4 GB on one core). So no Python object
per link is kept: links are read in chunks from a server-side cursor (PostgreSQL) or SQLite's own cursor, each
chunk's ends go into two `array('l')` (8 bytes a number), and igraph is handed the pairs through a generator it
consumes in C. A node's vertex number is its primary key (node ids are dense: a few unused numbers are isolated
vertices, which belong to no cluster), so no id → vertex dictionary is needed either.
"""

from __future__ import annotations

import datetime as dt
import resource
import time
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import igraph as ig
from django.db import connection
from django.db.models import Max, Q

from safecontext.analytics.rules.graph import leiden_membership, numbered_by_size
from safecontext.network.models import Link, Node

CHUNK = 20_000


@dataclass
class NetworkClusters:
    """The outcome of clustering: each clustered node's cluster number (1 = largest), as two parallel arrays."""

    nodes: array[int] = field(default_factory=lambda: array("l"))
    numbers: array[int] = field(default_factory=lambda: array("l"))
    sizes: dict[int, int] = field(default_factory=dict)  # cluster number → nodes
    harmful: Counter[int] = field(default_factory=Counter)  # cluster number → harmful links inside it
    node_count: int = 0  # nodes with at least one current link
    edge_count: int = 0
    read_seconds: float = 0.0
    cluster_seconds: float = 0.0
    cpu_seconds: float = 0.0  # reading and clustering, on this process's CPU (wall time grows with the load)
    peak_rss_mb: float = 0.0


@dataclass
class _Edges:
    a: array[int] = field(default_factory=lambda: array("l"))
    b: array[int] = field(default_factory=lambda: array("l"))
    harmful_a: array[int] = field(default_factory=lambda: array("l"))
    harmful_b: array[int] = field(default_factory=lambda: array("l"))

    def pairs(self) -> Iterator[tuple[int, int]]:
        return zip(self.a, self.b, strict=True)


def _service_nodes(service_id: int, size: int) -> bytearray:
    """A byte per node id: 1 when the node's person, context or object belongs to the service."""
    mask = bytearray(size)
    in_service = Q(person__service_id=service_id) | Q(context__service_id=service_id)
    in_service |= Q(object_of_interest__service_id=service_id)
    for node_id in Node.objects.filter(in_service).values_list("id", flat=True).iterator(chunk_size=CHUNK):
        mask[node_id] = 1
    return mask


def _read_edges(*, as_of: dt.date, size: int, service_id: int | None) -> _Edges:
    """Every link current on `as_of` (started, not ended) between two nodes of the service (or of anyone)."""
    mask = _service_nodes(service_id, size) if service_id is not None else None
    table = Link._meta.db_table
    sql = (
        f"SELECT a_id, b_id, nature FROM {table} "  # noqa: S608 - the table name is the model's; values are parameters
        "WHERE valid_from <= %s AND (valid_to IS NULL OR valid_to >= %s)"
    )
    edges = _Edges()
    harmful = Link.Nature.HARMFUL.value
    # A named (server-side) cursor on PostgreSQL, so the 5,000,000 rows never sit in the client at once.
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, [as_of, as_of])
        while rows := cursor.fetchmany(CHUNK):
            for a, b, nature in rows:
                if mask is not None and not (mask[a] and mask[b]):
                    continue
                edges.a.append(a)
                edges.b.append(b)
                if nature == harmful:
                    edges.harmful_a.append(a)
                    edges.harmful_b.append(b)
    return edges


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM belongs to the address space, so a freshly spawned process
    reports its own peak; getrusage's ru_maxrss would carry over the parent's at fork (both in kilobytes)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cluster_network(
    *, as_of: dt.date, service_id: int | None, seed: int, resolution: float, iterations: int
) -> NetworkClusters:
    """Leiden over the current links of a service's network (`service_id=None`: the whole network)."""
    started, cpu_started = time.perf_counter(), cpu_seconds()
    size = (Node.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    edges = _read_edges(as_of=as_of, size=size, service_id=service_id)
    read = time.perf_counter() - started
    started = time.perf_counter()
    graph = ig.Graph(n=size, edges=edges.pairs(), directed=False)
    membership = leiden_membership(graph, seed=seed, resolution=resolution, iterations=iterations)
    linked = [vertex for vertex, degree in enumerate(graph.degree()) if degree]
    result = NetworkClusters(node_count=len(linked), edge_count=len(edges.a))
    labels = [membership[vertex] for vertex in linked]
    number = numbered_by_size(labels, linked)
    for vertex, label in zip(linked, labels, strict=True):
        result.nodes.append(vertex)
        result.numbers.append(number[label])
    result.sizes = dict(sorted(Counter(result.numbers).items()))
    for a, b in zip(edges.harmful_a, edges.harmful_b, strict=True):
        if membership[a] == membership[b]:
            result.harmful[number[membership[a]]] += 1
    result.read_seconds = read
    result.cluster_seconds = time.perf_counter() - started
    result.cpu_seconds = cpu_seconds() - cpu_started
    result.peak_rss_mb = peak_rss_mb()
    return result
