"""The network map's graph, purpose-limited for the viewer: one labelled graph that the page, the JSON endpoint, the
API and the PNG export all draw from, so no path can show more than another (docs/adr/0020).

Purpose limits (issue 4, capability 6). A map is made for one purpose — a young person's safety planning, or work
on a context — and shows only what that purpose needs:
- a person the viewer may open (`people_visible_to`: their scope, or an unexpired break-glass grant) is named, with
  their age;
- any other young person (under 18, or of unknown age, which is treated as a child) appears by initials only, and
  an adult the viewer may not open as "An adult": never a name, an age or an address;
- a context outside the viewer's scope appears by its kind only, an object from another service by its kind only;
- a link's free-text purpose is shown only when the viewer may see both of its ends (it may name someone).
Node ids are the network's own node numbers ("n123"), never a person's SafeContext number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from safecontext.access.permissions import Permission, Scope, has_permission, scope_for
from safecontext.access.scope import break_glass_person_ids, contexts_visible_to, people_in_scope
from safecontext.contexts.models import Context
from safecontext.network.models import Link, Node, ObjectOfInterest
from safecontext.network.queries import Neighbourhood
from safecontext.people.models import Person, PersonName

if TYPE_CHECKING:
    from safecontext.accounts.models import User

ADULT_AGE = 18
ADULT_LABEL = "An adult"
NOT_OPEN = "Record not open to you"
TYPE_LABELS = dict(Link.Type.choices)
NATURE_LABELS = dict(Link.Nature.choices)
RELIABILITY_LABELS = dict(Link.Reliability.choices)
CONTEXT_KINDS = dict(Context.Kind.choices)
OBJECT_KINDS = dict(ObjectOfInterest.Kind.choices)


@dataclass(frozen=True)
class MapNode:
    id: str  # "n<node pk>"
    kind: str  # person / context / object
    label: str
    detail: str
    hop: int
    withheld: bool
    hub_links: int | None = None  # a hub summarised: its number of links
    url: str = ""


@dataclass(frozen=True)
class MapEdge:
    id: str  # "l<link pk>"
    link_id: int
    source: str
    target: str
    type: str
    type_label: str
    nature: str
    reliability: str
    valid_from: dt.date
    valid_to: dt.date | None
    purpose: str
    editable: bool


@dataclass
class MapGraph:
    centre: str
    nodes: list[MapNode]
    edges: list[MapEdge]
    truncated: bool
    named_person_ids: set[int] = field(default_factory=set)  # people shown by name: an AccessEvent each
    break_glass_person_ids: set[int] = field(default_factory=set)  # …of whom, seen only through break-glass

    def node(self, node_id: str) -> MapNode | None:
        return next((node for node in self.nodes if node.id == node_id), None)

    def labels(self) -> list[str]:
        """Every label and detail the graph shows: what the PNG export writes and what the leak test scans."""
        return [text for node in self.nodes for text in (node.label, node.detail) if text]

    def as_json(self) -> dict[str, Any]:
        return {
            "centre": self.centre,
            "truncated": self.truncated,
            "nodes": [
                {
                    "id": node.id,
                    "kind": node.kind,
                    "label": node.label,
                    "detail": node.detail,
                    "hop": node.hop,
                    "withheld": node.withheld,
                    "hub_links": node.hub_links,
                }
                for node in self.nodes
            ],
            "edges": [
                {
                    "id": edge.id,
                    "source": edge.source,
                    "target": edge.target,
                    "type": edge.type,
                    "type_label": edge.type_label,
                    "nature": edge.nature,
                    "reliability": edge.reliability,
                    "valid_from": edge.valid_from.isoformat(),
                    "valid_to": edge.valid_to.isoformat() if edge.valid_to else None,
                    "purpose": edge.purpose,
                }
                for edge in self.edges
            ],
        }


def initials(given: str, family: str) -> str:
    letters = [part[0].upper() for part in (*given.split(), *family.split()) if part and part[0].isalpha()]
    return ".".join(letters[:1] + letters[-1:]) + "." if letters else "?"


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _people(user: User, person_ids: set[int], today: dt.date) -> tuple[dict[int, tuple[str, str, bool]], set[int]]:
    """person id → (label, detail, withheld); and the ids seen only through break-glass. Three or four queries."""
    in_scope = set(people_in_scope(user).filter(pk__in=person_ids).values_list("pk", flat=True))
    granted = set(break_glass_person_ids(user) & person_ids) - in_scope
    visible = in_scope | granted
    born = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "date_of_birth"))
    names: dict[int, tuple[str, str]] = {}
    for person_id, kind, given, family in PersonName.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "kind", "given_name", "family_name"
    ):
        if kind == PersonName.Kind.LEGAL or person_id not in names:
            names[person_id] = (given, family)
    labels: dict[int, tuple[str, str, bool]] = {}
    for person_id in person_ids:
        given, family = names.get(person_id, ("", ""))
        birth = born.get(person_id)
        if person_id in visible:
            full = " ".join(part for part in (given, family) if part) or f"Person {person_id}"
            labels[person_id] = (full, f"Age {age_on(birth, today)}" if birth else "Age not known", False)
        elif birth is not None and age_on(birth, today) >= ADULT_AGE:
            labels[person_id] = (ADULT_LABEL, NOT_OPEN, True)
        else:
            labels[person_id] = (initials(given, family), f"Young person. {NOT_OPEN}", True)
    return labels, granted


def _object_visible(user: User, service_id: int) -> bool:
    if scope_for(user) == Scope.ALL:
        return True
    service = user.service
    return service is not None and service.pk == service_id


def purpose_limited_graph(user: User, hood: Neighbourhood) -> MapGraph:
    """The neighbourhood labelled for this viewer (module docstring). A handful of queries, none per node."""
    rows = list(
        Node.objects.filter(pk__in=list(hood.hops)).values_list(
            "pk", "kind", "person_id", "context_id", "object_of_interest_id"
        )
    )
    today = timezone.localdate()
    person_ids = {person for _, kind, person, _, _ in rows if kind == Node.Kind.PERSON and person is not None}
    context_ids = {context for _, kind, _, context, _ in rows if kind == Node.Kind.CONTEXT and context is not None}
    object_ids = {obj for _, kind, _, _, obj in rows if kind == Node.Kind.OBJECT and obj is not None}
    people, granted = _people(user, person_ids, today)
    visible_contexts = set(contexts_visible_to(user).filter(pk__in=context_ids).values_list("pk", flat=True))
    contexts = {
        pk: (name, kind)
        for pk, name, kind in Context.objects.filter(pk__in=context_ids).values_list("pk", "name", "kind")
    }
    objects = {
        pk: (kind, value, service_id)
        for pk, kind, value, service_id in ObjectOfInterest.objects.filter(pk__in=object_ids).values_list(
            "pk", "kind", "value", "service_id"
        )
    }
    can_edit = has_permission(user, Permission.EDIT_NETWORK)
    in_scope = (
        person_ids & set(people_in_scope(user).filter(pk__in=person_ids).values_list("pk", flat=True))
        if can_edit
        else set()
    )

    # One reverse() each, not one a node (2,000 reverse() calls cost ~0.4 s): the id is the path's last part.
    person_base = reverse("network:person_map", kwargs={"person_id": 1}).removesuffix("1/")
    context_base = reverse("network:context_map", kwargs={"context_id": 1}).removesuffix("1/")
    nodes: list[MapNode] = []
    withheld: dict[int, bool] = {}
    editable_end: set[int] = set()  # node pks whose links this viewer may correct and end
    named: set[int] = set()
    for pk, kind, person_id, context_id, object_id in rows:
        hop = hood.hops[pk]
        hub = hood.hubs.get(pk)
        if kind == Node.Kind.PERSON and person_id is not None:
            label, detail, hidden = people[person_id]
            url = "" if hidden else f"{person_base}{person_id}/"
            if not hidden:
                named.add(person_id)
            if person_id in in_scope:
                editable_end.add(pk)
        elif kind == Node.Kind.CONTEXT and context_id is not None:
            name, context_kind = contexts[context_id]
            kind_label = str(CONTEXT_KINDS.get(context_kind, context_kind))
            hidden = context_id not in visible_contexts
            label = f"A {kind_label.lower()}" if hidden else name
            detail = f"{kind_label}. {NOT_OPEN}" if hidden else kind_label
            url = "" if hidden else f"{context_base}{context_id}/"
            if not hidden:
                editable_end.add(pk)
        else:
            object_kind, value, service_id = objects[object_id] if object_id is not None else ("", "", 0)
            kind_label = str(OBJECT_KINDS.get(object_kind, object_kind))
            hidden = not _object_visible(user, service_id)
            label = f"A {kind_label.lower()}" if hidden else value
            detail = f"{kind_label}. {NOT_OPEN}" if hidden else kind_label
            url = ""
        if hub is not None and pk == hood.centre:
            detail = f"{detail}. {hub:,} links: too many to draw, only the first {len(hood.edges):,} are shown"
        elif hub is not None:
            detail = f"{detail}. {hub:,} links: too many to draw, not expanded"
        withheld[pk] = hidden
        nodes.append(MapNode(f"n{pk}", str(kind), label, detail, hop, hidden, hub, url))
    nodes.sort(key=lambda node: (node.hop, node.withheld, node.label.lower(), node.id))
    edges = [
        MapEdge(
            id=f"l{edge.id}",
            link_id=edge.id,
            source=f"n{edge.a}",
            target=f"n{edge.b}",
            type=edge.type,
            type_label=str(TYPE_LABELS.get(edge.type, edge.type)),
            nature=edge.nature,
            reliability=edge.reliability,
            valid_from=edge.valid_from,
            valid_to=edge.valid_to,
            # Free text may name someone: shown only when the viewer may see both ends.
            purpose="" if withheld[edge.a] or withheld[edge.b] else edge.purpose,
            editable=can_edit and (edge.a in editable_end or edge.b in editable_end),
        )
        for edge in hood.edges
    ]
    return MapGraph(
        centre=f"n{hood.centre}",
        nodes=nodes,
        edges=edges,
        truncated=hood.truncated,
        named_person_ids=named,
        break_glass_person_ids=named & granted,
    )


# --- links and centres, fetched with the user -------------------------------------------------------------------


def get_link_for_user(user: User, link_id: int, *, write: bool = False) -> Link:
    """The link, if one of its ends is a person in the user's scope (break-glass is for reading, not changing) or a
    context they may see; and, with `write=True`, if they may edit the network and, when an end is a person, one
    person end is in their scope (a context end is not enough to change a child's link). Otherwise Http404."""
    permission = Permission.EDIT_NETWORK if write else Permission.VIEW_NETWORK
    if not has_permission(user, permission):
        raise Http404("No link found")
    link = Link.objects.select_related("a", "b").filter(pk=link_id).first()
    if link is None:
        raise Http404("No link found")
    person_ids = [node.person_id for node in (link.a, link.b) if node.person_id is not None]
    context_ids = [node.context_id for node in (link.a, link.b) if node.context_id is not None]
    if person_ids and people_in_scope(user).filter(pk__in=person_ids).exists():
        return link
    if write and person_ids:
        raise Http404("No link found")  # a child's link is changed from the child's side, as it is added
    if context_ids and contexts_visible_to(user).filter(pk__in=context_ids).exists():
        return link
    raise Http404("No link found")


def get_context_for_user(user: User, context_id: int) -> Context:
    if not has_permission(user, Permission.VIEW_NETWORK):
        raise Http404("No context found")
    found = contexts_visible_to(user).filter(pk=context_id).first()
    if found is None:
        raise Http404("No context found")
    return found
