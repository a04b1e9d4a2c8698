"""Reads for analytics, always scoped through access/scope.py.

Analytics looks across the viewer's service (the permission VIEW_ANALYTICS is held by managers, the front door and
heads of service): the numbers count everything in the service, and people are named only as analytics/labels.py
allows. A run, a context or anything else outside the viewer's service answers 404.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from safecontext.access.scope import contexts_visible_to
from safecontext.analytics.labels import Label, Labels, node_labels, person_labels
from safecontext.analytics.models import Cluster, ClusterMembership, ClusterRun
from safecontext.analytics.rules import graph
from safecontext.cases.models import Case
from safecontext.contexts.models import Context
from safecontext.network.models import Link, Node

if TYPE_CHECKING:
    from safecontext.accounts.models import User

HOTSPOT_DAYS = 90
MEMBERS_SHOWN = 30
CLUSTERS_SHOWN = 20
# A school shared by 140 open young people is one line with a count, not 140 names in front of someone who does not
# need them (data minimisation, UK GDPR Art.5(1)(c); as front_door/queries/linked.py summarises busy places).
YOUNG_PEOPLE_SHOWN = 20
SUBGRAPH_LIMIT = 5_000  # "a MACE-sized subgraph" (issue 4): the nodes clustered on demand
# Family ties are not what makes an adult "shared": a mother of two children with open cases is their mother.
NOT_SHARED_THROUGH = (Link.Type.PARENT, Link.Type.SIBLING)


def service_id_for(user: User) -> int:
    """The viewer's service; a user with no team has none, and analytics answers 404 (nothing to look across)."""
    if user.team_id is None:
        raise Http404("No service")
    return int(user.team.service_id)  # type: ignore[union-attr]


def current_links(as_of: dt.date) -> QuerySet[Link]:
    return Link.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=as_of), valid_from__lte=as_of)


# --- cluster runs ---------------------------------------------------------------------------------------------------


def runs_for_user(user: User) -> QuerySet[ClusterRun]:
    return ClusterRun.objects.filter(service_id=service_id_for(user))


def get_cluster_run_for_user(user: User, cluster_run_id: int) -> ClusterRun:
    try:
        return runs_for_user(user).get(pk=cluster_run_id)
    except ClusterRun.DoesNotExist:
        raise Http404("No cluster run found") from None


def latest_runs(user: User) -> tuple[ClusterRun | None, ClusterRun | None]:
    """(the latest finished run, a run waiting or running now) for the viewer's service."""
    runs = runs_for_user(user)
    finished = runs.filter(status=ClusterRun.Status.FINISHED).order_by("-finished_at", "-id").first()
    pending = runs.filter(status__in=[ClusterRun.Status.QUEUED, ClusterRun.Status.RUNNING]).order_by("id").first()
    return finished, pending


@dataclass
class ClusterView:
    cluster: Cluster
    members: list[Label]
    more: int  # members not listed


def clusters_of_run(
    *, user: User, run: ClusterRun, limit: int = CLUSTERS_SHOWN, members: int = MEMBERS_SHOWN
) -> tuple[list[ClusterView], Labels]:
    """The run's clusters worth a look first (most harmful links, then largest), each with its first members:
    people before contexts and objects, named ones first. Returns the labels too (for the access record)."""
    chosen = list(run.clusters.order_by("-harmful_links", "number")[:limit])
    node_ids: dict[int, list[int]] = defaultdict(list)
    for cluster_id, node_id in (
        ClusterMembership.objects.filter(cluster__in=chosen)
        .order_by("cluster_id", "node_id")
        .values_list("cluster_id", "node_id")
    ):
        node_ids[cluster_id].append(node_id)
    labels = node_labels(user=user, node_ids=[node for nodes in node_ids.values() for node in nodes])
    order = {"person": 0, "context": 1, "object": 2}
    views = []
    for cluster in chosen:
        listed = sorted(
            (labels[node] for node in node_ids[cluster.pk]),
            key=lambda label: (order.get(label.kind, 3), label.withheld, label.text),
        )
        views.append(ClusterView(cluster, listed[:members], max(0, len(listed) - members)))
    shown = {label.person_id for view in views for label in view.members if label.person_id is not None}
    labels.named &= shown
    return views, labels


# --- shared contexts and adults -------------------------------------------------------------------------------------


@dataclass
class SharedRow:
    node_id: int
    label: Label
    young_people: list[Label] = field(default_factory=list)  # the first YOUNG_PEOPLE_SHOWN, named ones first
    context_id: int | None = None
    count: int = 0  # all the open young people it links

    @property
    def more(self) -> int:
        return self.count - len(self.young_people)


@dataclass
class Shared:
    contexts: list[SharedRow]
    adults: list[SharedRow]
    open_young_people: int
    named: set[int]


def _adult_born_before(as_of: dt.date) -> dt.date:
    try:
        return as_of.replace(year=as_of.year - 18)
    except ValueError:  # 29 February
        return as_of.replace(year=as_of.year - 18, day=28)


def _is_shared_adult(
    person_id: int | None, born: dt.date | None, link_type: str, open_people: set[int], adult_before: dt.date
) -> bool:
    adult = born is not None and born <= adult_before
    return adult and person_id not in open_people and link_type not in NOT_SHARED_THROUGH


def shared_contexts_and_adults(*, user: User, as_of: dt.date, limit: int = 100) -> Shared:
    """Contexts, and adults (18 or over by date of birth), linked by a current link to two or more young people
    whose cases are open in the viewer's service."""
    service_id = service_id_for(user)
    open_people = set(
        Case.objects.filter(status=Case.Status.OPEN, team__service_id=service_id).values_list("subject_id", flat=True)
    )
    young_node = dict(Node.objects.filter(person_id__in=open_people).values_list("pk", "person_id"))
    links = current_links(as_of)
    ends: list[tuple[int, int, str]] = []  # (young person's node, the other end, link type)
    ends += links.filter(a_id__in=list(young_node)).values_list("a_id", "b_id", "type")
    ends += links.filter(b_id__in=list(young_node)).values_list("b_id", "a_id", "type")
    others = {other for _, other, _ in ends}
    kinds = {
        pk: (kind, person_id, context_id, born, context_service)
        for pk, kind, person_id, context_id, born, context_service in Node.objects.filter(pk__in=others).values_list(
            "pk", "kind", "person_id", "context_id", "person__date_of_birth", "context__service_id"
        )
    }
    adult_before = _adult_born_before(as_of)
    reached: dict[int, set[int]] = defaultdict(set)
    for young, other, link_type in ends:
        kind, person_id, _context_id, born, context_service = kinds[other]
        shared_context = kind == Node.Kind.CONTEXT and context_service == service_id
        shared_adult = kind == Node.Kind.PERSON and _is_shared_adult(
            person_id, born, link_type, open_people, adult_before
        )
        if shared_context or shared_adult:
            reached[other].add(young_node[young])
    shared = sorted(
        ((node, young) for node, young in reached.items() if len(young) >= 2),
        key=lambda item: (-len(item[1]), item[0]),
    )
    node_ids = [node for node, _ in shared]
    labels = node_labels(user=user, node_ids=node_ids)
    people, named_young = person_labels(user=user, person_ids={p for _, ps in shared for p in ps})
    contexts: list[SharedRow] = []
    adults: list[SharedRow] = []
    named: set[int] = set()
    for node, reached_people in shared:
        listed = sorted((people[p] for p in reached_people), key=lambda label: (label.withheld, label.text))
        row = SharedRow(node, labels[node], listed[:YOUNG_PEOPLE_SHOWN], kinds[node][2], len(reached_people))
        target = contexts if kinds[node][0] == Node.Kind.CONTEXT else adults
        if len(target) < limit:
            target.append(row)
            named |= {label.person_id for label in [row.label, *row.young_people] if label.person_id is not None}
    return Shared(contexts, adults, len(open_people), named & (labels.named | named_young))


# --- hotspots -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hotspot:
    context: Context
    harmful_links: int

    @property
    def has_location(self) -> bool:
        return self.context.latitude is not None and self.context.longitude is not None


def hotspots(*, user: User, as_of: dt.date, limit: int = 50) -> list[Hotspot]:
    """Contexts with the most harmful links in force at any time in the last 90 days (started by `as_of`, not
    ended before the window opened), busiest first."""
    since = as_of - dt.timedelta(days=HOTSPOT_DAYS)
    harmful = Link.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=since), nature=Link.Nature.HARMFUL, valid_from__lte=as_of
    )
    visible = contexts_visible_to(user).filter(service_id=service_id_for(user))
    counts: Counter[int] = Counter()
    for end in ("a", "b"):
        on_context = {f"{end}__context__in": visible.values("pk")}
        counts.update(harmful.filter(**on_context).values_list(f"{end}__context_id", flat=True))
    top = counts.most_common()
    contexts = Context.objects.in_bulk([pk for pk, _ in top])
    ordered = sorted(top, key=lambda item: (-item[1], contexts[item[0]].name, item[0]))
    return [Hotspot(contexts[pk], count) for pk, count in ordered[:limit]]


# --- a MACE-sized subgraph, clustered on demand ---------------------------------------------------------------------


def get_context_for_user(user: User, context_id: int) -> Context:
    try:
        return contexts_visible_to(user).filter(service_id=service_id_for(user)).get(pk=context_id)
    except Context.DoesNotExist:
        raise Http404("No context found") from None


@dataclass
class Subgraph:
    centre: int | None  # the context's node; None when the context has no links yet
    edges: list[graph.Edge]
    nodes: set[int]
    truncated: bool  # more than SUBGRAPH_LIMIT nodes were within two steps; the closest-tied were kept


def _ends(as_of: dt.date, nodes: list[int]) -> list[tuple[int, int]]:
    """(node, the other end) for every link current on `as_of` touching the nodes: one statement a chunk, read as
    plain rows (a big school's 5,000 pupils have ~50,000 links; model rows would cost more than the reading)."""
    found: list[tuple[int, int]] = []
    table = Link._meta.db_table
    current = "valid_from <= %s AND (valid_to IS NULL OR valid_to >= %s)"
    with connection.cursor() as cursor:
        for start in range(0, len(nodes), 2_000):
            chunk = nodes[start : start + 2_000]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT a_id, b_id FROM {table} WHERE a_id IN ({marks}) AND {current} "  # noqa: S608 - see below
                f"UNION ALL SELECT b_id, a_id FROM {table} WHERE b_id IN ({marks}) AND {current}",
                [*chunk, as_of, as_of, *chunk, as_of, as_of],
            )  # the table name is the model's and every value a parameter
            found += [(int(a), int(b)) for a, b in cursor.fetchall()]
    return found


def _in_service(node_ids: list[int], service_id: int, *, wanted: int | None = None) -> list[int]:
    """The nodes (in the order given) whose person, context or object belongs to the service; stops once `wanted`
    are found. Looked up by primary key in chunks (three LEFT JOINs by key, no OR over them)."""
    found: list[int] = []
    for start in range(0, len(node_ids), 2_000):
        chunk = node_ids[start : start + 2_000]
        services = {
            pk: person or context or thing
            for pk, person, context, thing in Node.objects.filter(pk__in=chunk).values_list(
                "pk", "person__service_id", "context__service_id", "object_of_interest__service_id"
            )
        }
        found += [node for node in chunk if services.get(node) == service_id]
        if wanted is not None and len(found) >= wanted:
            return found[:wanted]
    return found


def subgraph_around(*, context: Context, as_of: dt.date, service_id: int, limit: int = SUBGRAPH_LIMIT) -> Subgraph:
    """The context, everything linked to it, and everything linked to those (two steps), kept within the service
    and within `limit` nodes: first steps first (by link id), then the second-step nodes most tied to the first."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # PostgreSQL's JIT compiles these IN-list statements (high estimated cost) for longer than they run:
            # ~0.2 s each; off for this transaction only (as bench/shared.py found for the shared-contexts query).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        return _subgraph_around(context=context, as_of=as_of, service_id=service_id, limit=limit)


def _subgraph_around(*, context: Context, as_of: dt.date, service_id: int, limit: int) -> Subgraph:
    centre = Node.objects.filter(context=context).values_list("pk", flat=True).first()
    if centre is None:
        return Subgraph(None, [], set(), False)
    first_ends = _ends(as_of, [centre])
    reached = list(dict.fromkeys(other for _, other in first_ends))
    first = _in_service(reached, service_id, wanted=limit - 1)
    truncated = len(first) == limit - 1 and len(reached) > len(first)
    nodes = {centre, *first}
    second_ends = _ends(as_of, first)
    room = limit - len(nodes)
    if not room:
        truncated = truncated or any(other not in nodes for _, other in second_ends)
    else:
        ties = Counter(other for _, other in second_ends if other not in nodes)
        ranked = sorted(ties, key=lambda node: (-ties[node], node))
        kept = _in_service(ranked, service_id, wanted=room)
        truncated = truncated or (len(kept) == room and len(ranked) > room)
        nodes.update(kept)
    edges = [(a, b) for a, b in first_ends + second_ends if a in nodes and b in nodes]
    return Subgraph(centre, edges, nodes, truncated)


@dataclass
class AroundContext:
    subgraph: Subgraph
    clusters: list[tuple[int, int, list[Label]]]  # (cluster number, size, first members)
    centre_cluster: int | None
    hubs: list[tuple[graph.Hub, Label]]
    labels: Labels
    seconds: float


def clusters_around_context(*, user: User, context: Context, as_of: dt.date) -> AroundContext:
    """Cluster the subgraph around a context now (Leiden) and find its hubs (betweenness, degree)."""
    started = time.perf_counter()
    sub = subgraph_around(context=context, as_of=as_of, service_id=service_id_for(user))
    assignment = graph.clusters(sub.edges)
    found_hubs = graph.hubs(sub.edges, top=10)
    sizes = graph.cluster_sizes(assignment)
    centre_cluster = assignment.get(sub.centre) if sub.centre is not None else None
    shown_numbers = sorted(sizes, key=lambda n: (n != centre_cluster, n))[:10]
    members: dict[int, list[int]] = defaultdict(list)
    for node, number in sorted(assignment.items()):
        if number in shown_numbers and len(members[number]) < MEMBERS_SHOWN:
            members[number].append(node)
    labels = node_labels(user=user, node_ids={n for ns in members.values() for n in ns} | {h.node for h in found_hubs})
    clusters = [(n, sizes[n], [labels[node] for node in members[n]]) for n in shown_numbers]
    hubs = [(hub, labels[hub.node]) for hub in found_hubs]
    return AroundContext(sub, clusters, centre_cluster, hubs, labels, time.perf_counter() - started)
