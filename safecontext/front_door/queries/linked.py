"""Linked young people for a referral: who else, open to us, shares a place, a peer group, an adult of concern or an
object with this child — with the path that links them — and the complex strategy meetings that suggests.

The walk itself is the pure rule in front_door/linking.py (docs/adr/0011-front-door-rules.md); this module hands it
the child's two-hop neighbourhood from `network.Link` in a fixed number of indexed queries, whatever the size of the
city or of the neighbourhood (no query per row):

1. the referral's children and their network nodes (the through table, left-joined to `Node`);
2. hop 1: every current link touching those nodes, with the kind and person of each end;
3. for the people at hop 1: are they open to us, and are they adults of concern (one query, two EXISTS each);
4. how many links each shareable neighbour (context, object, adult of concern) has: two grouped counts on the
   link table's covering indexes, no rows read;
5. hop 2: the links of the shareable neighbours that fit the link budget (below) whose other end is an open young
   person — filtered in the database, so a place with 1,000 visitors hands over its few open young people;
6. labels: the contexts' and objects' names, which people the user may see, and those people's names
   (queries/linked_labels.py).

Definitions (the issue's rule, made exact here):
- **Open** young person: a referral received in the last 12 months that is awaiting screening or screened, or a case
  that is open, or a case closed in the last 12 months. "12 months" is the same calendar day a year ago.
- **Adult of concern**: a person any referral mentioned in the role "adult of concern" (`Mention.role`), or the
  source of an `exploits` link (`a —exploits→ b`). A link's `nature = harmful` is not used: it says the relationship
  is harmful, not which end does the harm, so it would make a harmed child into an "adult of concern".
- A link counts while it is current or ended within the last 12 months (`valid_to`); an older, ended link (a school
  left three years ago) is history, not a shared context.

Busy places, and the link budget. Deciding whether the young person at the far end of a link is open costs a few
index probes per link (about 10 µs on SQLite with a million people), so a check reads at most `LINK_BUDGET` links
one by one: adults of concern and objects first (the sharpest signs), then contexts from the quietest up, each whole
or not at all. A neighbour that does not fit — a park or school with thousands of links — is summarised with its
number of links instead ("Ulbury Park: 15,011 links recorded, too many to check one by one here"), so the check
stays near 50 ms however busy the child's places are (the issue's target is a p95 of 100 ms on a city of a million).
The practitioner is told, never left to assume there is nothing there.

A checked context through which more than `BUSY_CONTEXT_LIMIT` other open young people are linked (a big school, a
town centre) is summarised too, with that count instead of a list of names: listing 140 pupils of one school shows
nothing a practitioner can act on and puts 140 children's names in front of someone who does not need them (data
minimisation, UK GDPR Art.5(1)(c)). Young people at a summarised place still appear if something else links them (a
bus route, an adult). No complex strategy meeting is proposed through a summarised place: a meeting about every
child at a school is context work (Level 2), not a strategy meeting. Adults of concern and objects (a phone number,
a car) are never summarised by that count: many young people linked to one adult or one "deal line" is exactly the
pattern to surface.

Privacy. The graph is walked across the whole network (a link is a link, whoever holds the record), but a person is
shown by name only when the user's scope reaches them (`people_in_scope`: break-glass opens one record for reading,
it does not widen lists — docs/adr/0006). Anyone else is shown as "a young person known to another team", without
name, date of birth or SafeContext number, so the front door knows a link exists and who to ask, and nothing more.
The view records an AccessEvent (kind "list") for every person shown by name (`LinkedResult.named_person_ids`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value
from django.utils import timezone

from safecontext.cases.models import Case
from safecontext.contexts.models import Context
from safecontext.front_door import linking
from safecontext.front_door.linking import NodeKind
from safecontext.front_door.models import Mention, Referral
from safecontext.front_door.queries import linked_labels
from safecontext.front_door.queries.linked_labels import WITHHELD_PERSON as WITHHELD_PERSON
from safecontext.front_door.queries.linked_labels import WITHHELD_YOUNG_PERSON as WITHHELD_YOUNG_PERSON
from safecontext.front_door.queries.linked_labels import PersonLabel as PersonLabel
from safecontext.front_door.queries.linked_labels import _Labeller
from safecontext.front_door.queries.linked_labels import node_labels as node_labels
from safecontext.front_door.queries.linked_labels import person_labels as person_labels
from safecontext.network.models import Link, Node

if TYPE_CHECKING:
    from safecontext.accounts.models import User

# Seed 002 (Empower-U): "a complex strategy meeting will be held when multiple young people are identified" — the
# issue sets "multiple" at three, this child included.
PROPOSAL_THRESHOLD = 3
# More open young people than this through one context and it is summarised, not listed (see the module docstring).
BUSY_CONTEXT_LIMIT = 25
# A referral about a context lists at most this many young people (most recently linked first) and counts the rest.
CONTEXT_LIST_LIMIT = 100
# Second-hop links read one by one in one check (see the module docstring); a neighbour with more is summarised.
LINK_BUDGET = 2_500
# A referral about a context reads that context's links one by one up to this many; past it, it is summarised.
CONTEXT_LINK_LIMIT = 20_000
# A safety valve on the second hop: past this many rows the answer is marked incomplete, loudly, rather than slow.
HOP_TWO_ROW_LIMIT = 5_000

OPEN_REFERRAL_STATUSES = (Referral.Status.AWAITING_SCREENING, Referral.Status.SCREENED)
# A second-hop row: (a, b, type, date, the young person's id, 1 if the expanded node is the `a` end else 0).
_Row = tuple[int, int, str, dt.date | None, int, int]


# --- what the page is given -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkedYoungPerson:
    person_id: int
    # The name, or WITHHELD_YOUNG_PERSON when the user's scope does not reach this young person.
    name: str
    withheld: bool
    date_of_birth: dt.date | None
    date_of_birth_estimated: bool
    # Each route in words, shortest first: "Test Child —spends time at→ Bus route 7 ←spends time at— Jordan".
    paths: tuple[str, ...]
    # What this young person shares directly with the referral's child(ren): "Bus route 7", "Tiny (adult of concern)".
    shared: tuple[str, ...]


@dataclass(frozen=True)
class BusyContext:
    """A neighbour summarised rather than listed (module docstring): checked, and too many open young people linked
    through it (`young_people`); or too many links to check one by one (`links`, and `young_people` is None)."""

    node_id: int
    label: str
    young_people: int | None  # other open young people linked (at least this many when the answer is incomplete)
    links: int | None = None  # links recorded, when it was too busy to check


@dataclass(frozen=True)
class SuggestedMeeting:
    """A complex strategy meeting the rule suggests; actions/proposals.py keeps it as a ComplexStrategyProposal."""

    through_node_id: int  # network.Node
    through_label: str
    person_ids: tuple[int, ...]  # this referral's child(ren) first

    @property
    def explanation(self) -> str:
        return (
            f"{len(self.person_ids)} young people are linked through {self.through_label}. Empower-U: a complex "
            "strategy meeting is held when several young people are linked through the same context or adult."
        )


@dataclass(frozen=True)
class LinkedResult:
    about_context: bool
    # What the check started from: the child or children's names, or the context's name.
    subjects: tuple[str, ...]
    young_people: tuple[LinkedYoungPerson, ...]
    busy_contexts: tuple[BusyContext, ...]
    suggestions: tuple[SuggestedMeeting, ...]
    not_listed: int  # a referral about a context: young people linked but past CONTEXT_LIST_LIMIT
    incomplete: bool  # the second hop passed HOP_TWO_ROW_LIMIT rows (or a context referral CONTEXT_LINK_LIMIT)
    named_person_ids: frozenset[int]  # everyone shown by name, for the AccessEvents


# --- the window -------------------------------------------------------------------------------------------------


def twelve_months_before(day: dt.date) -> dt.date:
    """The same calendar day a year earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _since(now: dt.datetime) -> tuple[dt.datetime, dt.date]:
    today = timezone.localdate(now)
    day = twelve_months_before(today)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())
    return start, day


def open_young_person(person_ref: str, *, now: dt.datetime) -> Q:
    """A condition on the person id at `person_ref` (an outer column): they are open to us (module docstring).
    Two EXISTS probes on indexed columns, so the cost is per candidate row, never per city."""
    since, since_day = _since(now)
    through = Referral.children.through
    open_referral = through.objects.filter(
        person_id=OuterRef(person_ref),
        referral__status__in=OPEN_REFERRAL_STATUSES,
        referral__received_at__gte=since,
    )
    open_case = Case.objects.filter(subject_id=OuterRef(person_ref)).filter(
        Q(status=Case.Status.OPEN) | Q(closed_on__gte=since_day)
    )
    return Q(Exists(open_referral)) | Q(Exists(open_case))


def _adult_of_concern(node_ref: str) -> Q:
    mentioned = Mention.objects.filter(node_id=OuterRef(node_ref), role=Mention.Role.ADULT_OF_CONCERN)
    exploits = Link.objects.filter(a_id=OuterRef(node_ref), type=Link.Type.EXPLOITS)
    return Q(Exists(mentioned)) | Q(Exists(exploits))


def _current_links(now: dt.datetime) -> QuerySet[Link]:
    _, since_day = _since(now)
    return Link.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=since_day))


# --- the neighbourhood ------------------------------------------------------------------------------------------


def _pure(kind: str, node_pk: int, person_id: int | None) -> linking.Node:
    """A network node as the pure rule sees it: people by their person id (so "open" and "adult of concern" are sets
    of person ids), contexts and objects by their node id."""
    if kind == Node.Kind.PERSON and person_id is not None:
        return linking.Node(NodeKind.PERSON, person_id)
    return linking.Node(NodeKind.CONTEXT if kind == Node.Kind.CONTEXT else NodeKind.OBJECT, node_pk)


@dataclass
class _Neighbourhood:
    edges: list[linking.Edge]
    open_people: set[int]
    adults_of_concern: set[int]
    node_pk: dict[linking.Node, int]  # pure node → network.Node pk (for proposals and labels)
    busy: list[BusyContext]  # labels filled in later
    incomplete: bool


def _links_to_open_young_people(node_pks: Sequence[int], *, now: dt.datetime) -> tuple[list[_Row], bool]:
    """The current links of these nodes whose other end is an open young person: one UNION query, filtered in the
    database. Rows are (a, b, type, date, the young person's id, 1 if the node is the link's `a` end else 0); the
    flag says whether HOP_TWO_ROW_LIMIT was passed (the rows are then cut to it)."""
    links = _current_links(now)
    from_a = (
        links.filter(a_id__in=node_pks, b__kind=Node.Kind.PERSON)
        .filter(open_young_person("b__person_id", now=now))
        .annotate(person=F("b__person_id"), node_is_a=Value(1, output_field=IntegerField()))
        .values_list("a_id", "b_id", "type", "valid_from", "person", "node_is_a")
    )
    from_b = (
        links.filter(b_id__in=node_pks, a__kind=Node.Kind.PERSON)
        .filter(open_young_person("a__person_id", now=now))
        .annotate(person=F("a__person_id"), node_is_a=Value(0, output_field=IntegerField()))
        .values_list("a_id", "b_id", "type", "valid_from", "person", "node_is_a")
    )
    rows: list[_Row] = list(from_a.union(from_b, all=True)[: HOP_TWO_ROW_LIMIT + 1])
    return rows[:HOP_TWO_ROW_LIMIT], len(rows) > HOP_TWO_ROW_LIMIT


def link_counts(node_pks: Sequence[int]) -> dict[int, int]:
    """How many links each node has, both directions, current or not: two grouped counts read from the link
    table's (a, b) and (b, a) indexes alone (one UNION query)."""
    if not node_pks:
        return {}
    # COUNT(*), not COUNT(id): PostgreSQL can then answer from the index alone; counting ids read ~26,000 heap pages
    # for a busy neighbourhood (175 ms → 4 ms at 1,000,000 people, docs/adr/0013-benchmarks.md).
    a_side = Link.objects.filter(a_id__in=node_pks).values("a_id").annotate(n=Count("*")).values_list("a_id", "n")
    b_side = Link.objects.filter(b_id__in=node_pks).values("b_id").annotate(n=Count("*")).values_list("b_id", "n")
    counts: dict[int, int] = defaultdict(int)
    for node_pk, n in a_side.union(b_side, all=True):
        counts[node_pk] += n
    return dict(counts)


def within_budget(expand: Mapping[int, linking.Node], counts: Mapping[int, int]) -> tuple[list[int], list[int]]:
    """(checked, too busy): adults of concern and objects first, then contexts from the quietest up, each whole or not
    at all, until LINK_BUDGET links are spent. Ties break on the node id, so the choice never depends on row order."""
    order = sorted(expand, key=lambda pk: (expand[pk].kind is NodeKind.CONTEXT, counts.get(pk, 0), pk))
    checked: list[int] = []
    too_busy: list[int] = []
    spent = 0
    for node_pk in order:
        cost = counts.get(node_pk, 0)
        if spent + cost <= LINK_BUDGET:
            checked.append(node_pk)
            spent += cost
        else:
            too_busy.append(node_pk)
    return checked, too_busy


def _hop_two(
    expand: Mapping[int, linking.Node], *, now: dt.datetime, exclude: AbstractSet[int]
) -> tuple[list[linking.Edge], set[int], list[BusyContext], bool]:
    """The second hop: the links of the `expand` nodes (network pk → pure node) to open young people, within the link
    budget. Returns the edges (summarised nodes' left out), the open young people found, the summarised nodes (labels
    to fill in) and whether the answer is incomplete."""
    if not expand:
        return [], set(), [], False
    counts = link_counts(list(expand))
    checked, too_busy = within_budget(expand, counts)
    busy = [BusyContext(node_pk, "", None, counts[node_pk]) for node_pk in too_busy]
    if not checked:
        return [], set(), busy, False
    rows, incomplete = _links_to_open_young_people(checked, now=now)

    young_people_by_node: dict[int, set[int]] = defaultdict(set)
    for a_id, b_id, _type, _on, person_id, node_is_a in rows:
        if person_id not in exclude:
            young_people_by_node[a_id if node_is_a else b_id].add(person_id)
    crowded = sorted(
        (
            (node_pk, len(people))
            for node_pk, people in young_people_by_node.items()
            if expand[node_pk].kind is NodeKind.CONTEXT and len(people) > BUSY_CONTEXT_LIMIT
        ),
        key=lambda item: (-item[1], item[0]),
    )
    busy = [BusyContext(node_pk, "", n) for node_pk, n in crowded] + busy
    crowded_pks = {node_pk for node_pk, _ in crowded}

    edges: list[linking.Edge] = []
    found: set[int] = set()
    for a_id, b_id, edge_type, on, person_id, node_is_a in rows:
        here = a_id if node_is_a else b_id
        if here in crowded_pks:
            continue
        person = linking.Node(NodeKind.PERSON, person_id)
        found.add(person_id)
        if node_is_a:
            edges.append(linking.Edge(expand[a_id], edge_type, person, on))
        else:
            edges.append(linking.Edge(person, edge_type, expand[b_id], on))
    return edges, found, busy, incomplete


def _children_neighbourhood(children: Sequence[tuple[int, int | None]], *, now: dt.datetime) -> _Neighbourhood:
    """The two-hop neighbourhood of the referral's children, given as (person id, node pk or None)."""
    start_pks = [node_pk for _, node_pk in children if node_pk is not None]
    child_ids = {person_id for person_id, _ in children}
    node_pk: dict[linking.Node, int] = {linking.Node(NodeKind.PERSON, pid): pk for pid, pk in children if pk}
    if not start_pks:
        return _Neighbourhood([], set(), set(), node_pk, [], False)

    hop_one = list(
        _current_links(now)
        .filter(Q(a_id__in=start_pks) | Q(b_id__in=start_pks))
        .values_list("a_id", "a__kind", "a__person_id", "b_id", "b__kind", "b__person_id", "type", "valid_from")
    )
    edges: list[linking.Edge] = []
    person_nodes: dict[int, int] = {}  # node pk → person id, for the people at hop 1
    for a_id, a_kind, a_person, b_id, b_kind, b_person, edge_type, on in hop_one:
        source, target = _pure(a_kind, a_id, a_person), _pure(b_kind, b_id, b_person)
        node_pk[source], node_pk[target] = a_id, b_id
        edges.append(linking.Edge(source, edge_type, target, on))
        for kind, pk, person_id in ((a_kind, a_id, a_person), (b_kind, b_id, b_person)):
            if kind == Node.Kind.PERSON and person_id is not None and person_id not in child_ids:
                person_nodes[pk] = person_id

    open_people: set[int] = set()
    adults: set[int] = set()
    if person_nodes:
        flags = (
            Node.objects.filter(pk__in=list(person_nodes))
            .annotate(
                is_open=Q(open_young_person("person_id", now=now)),
                is_adult_of_concern=Q(_adult_of_concern("pk")),
            )
            .values_list("person_id", "is_open", "is_adult_of_concern")
        )
        for person_id, is_open, is_adult in flags:
            if is_open:
                open_people.add(person_id)
            if is_adult:
                adults.add(person_id)

    expand_nodes: set[linking.Node] = set()
    for child_id in child_ids:
        expand_nodes |= linking.nodes_to_expand(child_id, edges, adults_of_concern=adults)
    expand = {node_pk[node]: node for node in expand_nodes}
    second, found, busy, incomplete = _hop_two(expand, now=now, exclude=child_ids)
    # The referral's own children are open by this referral, so siblings count in each other's groups.
    return _Neighbourhood(edges + second, open_people | found | child_ids, adults, node_pk, busy, incomplete)


# --- the check --------------------------------------------------------------------------------------------------


def linked_young_people_for_referral(*, user: User, referral: Referral, now: dt.datetime | None = None) -> LinkedResult:
    """Every other open young person linked to this referral's children (or, for a referral about a context, to that
    context), with the paths, the busy contexts summarised, and the complex strategy meetings the rule suggests.

    The caller fetched `referral` through access/scope.py; names are shown only where the user's scope reaches.
    """
    now = now or timezone.now()
    if referral.about == Referral.About.CONTEXT:
        return _for_context(user=user, referral=referral, now=now)
    children: list[tuple[int, int | None]] = list(
        Referral.children.through.objects.filter(referral_id=referral.pk)
        .order_by("person_id")
        .values_list("person_id", "person__node__id")
    )
    child_ids = [person_id for person_id, _ in children]
    hood = _children_neighbourhood(children, now=now)

    # Per child, then merged: a young person linked to two siblings is listed once, with both routes.
    paths: dict[int, list[linking.Path]] = defaultdict(list)
    shared: dict[int, set[linking.Node]] = defaultdict(set)
    groups: dict[linking.Node, list[int]] = {}
    for child_id in child_ids:
        linked = linking.linked_young_people(
            child_id, hood.edges, hood.open_people, adults_of_concern=hood.adults_of_concern
        )
        for person in linked:
            if person.person_id in child_ids:
                continue  # this referral's own children are its subject, not "linked"
            paths[person.person_id].extend(person.paths)
            shared[person.person_id].update(person.shared_nodes)
        for proposal in linking.complex_strategy_proposals(child_id, linked, threshold=PROPOSAL_THRESHOLD):
            group = groups.setdefault(proposal.shared_node, [])
            group.extend(pid for pid in proposal.person_ids if pid not in group)
    # The pure rule's order (shortest route, then most routes, then id), kept across the merge.
    order = sorted(paths, key=lambda pid: (min(len(p) for p in paths[pid]), -len(paths[pid]), pid))

    people_shown = set(child_ids) | set(paths) | hood.adults_of_concern
    for group in groups.values():
        people_shown.update(group)
    labeller = _Labeller(
        people=person_labels(user=user, person_ids=people_shown),
        nodes=node_labels([pk for node, pk in hood.node_pk.items() if node.kind is not NodeKind.PERSON]),
        node_pk=hood.node_pk,
    )
    adults = hood.adults_of_concern
    pure_of = {pk: node for node, pk in hood.node_pk.items()}
    young_people = []
    for pid in order:
        label = labeller.people.get(pid, PersonLabel(WITHHELD_YOUNG_PERSON, True))
        unique_paths = sorted(set(paths[pid]), key=lambda p: (len(p), tuple(step.to_node for step in p)))
        young_people.append(
            LinkedYoungPerson(
                person_id=pid,
                name=labeller.person(pid),
                withheld=label.withheld,
                date_of_birth=None if label.withheld else label.date_of_birth,
                date_of_birth_estimated=label.date_of_birth_estimated,
                paths=tuple(labeller.path(path, adults=adults) for path in unique_paths),
                shared=tuple(labeller.node(node, adults=adults) for node in sorted(shared[pid])),
            )
        )
    suggestions = tuple(
        SuggestedMeeting(
            through_node_id=hood.node_pk[node],
            through_label=labeller.node(node, adults=adults),
            person_ids=(*[c for c in child_ids if c in group], *[p for p in group if p not in child_ids]),
        )
        for node, group in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
        if node in hood.node_pk
    )
    return LinkedResult(
        about_context=False,
        subjects=tuple(labeller.person(child_id) for child_id in child_ids),
        young_people=tuple(young_people),
        busy_contexts=tuple(
            replace(busy, label=labeller.node(pure_of[busy.node_id], adults=adults)) for busy in hood.busy
        ),
        suggestions=suggestions,
        not_listed=0,
        incomplete=hood.incomplete,
        named_person_ids=frozenset(labeller.named),
    )


def _for_context(*, user: User, referral: Referral, now: dt.datetime) -> LinkedResult:
    """A referral about a context shows every open young person linked to it (linking.young_people_linked_to), most
    recently linked first, up to CONTEXT_LIST_LIMIT; three or more suggest a complex strategy meeting, unless there
    are more than BUSY_CONTEXT_LIMIT (then it is context work, not a meeting about each child)."""
    assert referral.subject_context_id is not None  # the model's check constraint
    node_pk = Node.objects.filter(context_id=referral.subject_context_id).values_list("pk", flat=True).first()
    context_label = node_labels([node_pk]).get(node_pk, "") if node_pk else ""
    if not context_label:
        context = Context.objects.get(pk=referral.subject_context_id)
        context_label = linked_labels.context_label(context.name, context.kind)
    empty = LinkedResult(True, (context_label,), (), (), (), 0, False, frozenset())
    if node_pk is None:
        return empty
    start = linking.Node(NodeKind.CONTEXT, node_pk)
    # Busy or not, a referral about the context lists its young people — it is what the referral asks about — up to
    # CONTEXT_LINK_LIMIT links read one by one (a few tenths of a second at most); past that it is summarised.
    links = link_counts([node_pk]).get(node_pk, 0)
    if links > CONTEXT_LINK_LIMIT:
        return replace(empty, busy_contexts=(BusyContext(node_pk, context_label, None, links),))
    rows, incomplete = _links_to_open_young_people([node_pk], now=now)
    edges = []
    latest: dict[int, dt.date] = {}
    for _a, _b, edge_type, on, person_id, node_is_a in rows:
        person = linking.Node(NodeKind.PERSON, person_id)
        edges.append(
            linking.Edge(start, edge_type, person, on) if node_is_a else linking.Edge(person, edge_type, start, on)
        )
        latest[person_id] = max(latest.get(person_id, dt.date.min), on or dt.date.min)
    linked = linking.young_people_linked_to(start, edges, set(latest))
    linked.sort(key=lambda person: (-latest[person.person_id].toordinal(), person.person_id))
    listed = linked[:CONTEXT_LIST_LIMIT]
    labeller = _Labeller(
        people=person_labels(user=user, person_ids=[p.person_id for p in listed]),
        nodes={node_pk: context_label},
        node_pk={start: node_pk},
    )
    young_people = tuple(
        LinkedYoungPerson(
            person_id=person.person_id,
            name=labeller.person(person.person_id),
            withheld=labeller.people[person.person_id].withheld,
            date_of_birth=labeller.people[person.person_id].date_of_birth,
            date_of_birth_estimated=labeller.people[person.person_id].date_of_birth_estimated,
            paths=tuple(labeller.path(path, adults=set()) for path in person.paths),
            shared=(context_label,),
        )
        for person in listed
    )
    suggestions: tuple[SuggestedMeeting, ...] = ()
    if PROPOSAL_THRESHOLD <= len(linked) <= BUSY_CONTEXT_LIMIT:
        suggestions = (SuggestedMeeting(node_pk, context_label, tuple(sorted(p.person_id for p in linked))),)
    busy = (BusyContext(node_pk, context_label, len(linked)),) if len(linked) > BUSY_CONTEXT_LIMIT else ()
    return LinkedResult(
        about_context=True,
        subjects=(context_label,),
        young_people=young_people,
        busy_contexts=busy,
        suggestions=suggestions,
        not_listed=len(linked) - len(listed),
        incomplete=incomplete,
        named_person_ids=frozenset(labeller.named),
    )
