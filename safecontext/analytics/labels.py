"""Purpose-limited labels for the people, contexts and objects analytics shows.

Analytics looks across a whole service, so most people on an analytics page are outside the viewer's own work. A
person is named only when the viewer's scope reaches them (`people_in_scope`: break-glass opens one record for
reading, it does not widen lists — docs/adr/0006); anyone else is shown by initials only, with no name, age, date
of birth or address, so a manager can see that a cluster holds a young person known to another team, and ask,
without learning who. Every person a page names is recorded as seen (AccessEvent kind "list"): `Labels.named`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from safecontext.access.scope import people_in_scope
from safecontext.contexts.models import Context
from safecontext.network.models import Node, ObjectOfInterest
from safecontext.people.models import PersonName

if TYPE_CHECKING:
    from safecontext.accounts.models import User

_CONTEXT_KINDS = dict(Context.Kind.choices)
_OBJECT_KINDS = dict(ObjectOfInterest.Kind.choices)


@dataclass(frozen=True)
class Label:
    text: str
    kind: str  # "person", "context" or "object"
    person_id: int | None = None  # set only for a person the viewer may open (the page links to them)
    withheld: bool = False


def initials(given: str, family: str) -> str:
    """ "Asif Rahimi" → "A. R."; a missing part is left out; no name at all → "?"."""
    letters = [part.strip()[0].upper() for part in (given, family) if part and part.strip()]
    return " ".join(f"{letter}." for letter in letters) or "?"


@dataclass
class Labels:
    by_node: dict[int, Label] = field(default_factory=dict)
    named: set[int] = field(default_factory=set)  # person ids shown by name

    def __getitem__(self, node_id: int) -> Label:
        return self.by_node.get(node_id, Label(f"Node {node_id}", "unknown"))


def person_labels(*, user: User, person_ids: Iterable[int]) -> tuple[dict[int, Label], set[int]]:
    """person id → label (name when in scope, initials otherwise), and the ids shown by name."""
    ids = set(person_ids)
    if not ids:
        return {}, set()
    visible = set(people_in_scope(user).filter(pk__in=ids).values_list("pk", flat=True))
    names: dict[int, tuple[str, str]] = {}
    for person_id, kind, given, family in PersonName.objects.filter(person_id__in=ids).values_list(
        "person_id", "kind", "given_name", "family_name"
    ):
        if kind == PersonName.Kind.LEGAL or person_id not in names:
            names[person_id] = (given, family)
    labels: dict[int, Label] = {}
    for person_id in ids:
        given, family = names.get(person_id, ("", ""))
        if person_id in visible:
            full = " ".join(part for part in (given, family) if part) or f"Person {person_id}"
            labels[person_id] = Label(full, "person", person_id=person_id)
        else:
            labels[person_id] = Label(initials(given, family), "person", withheld=True)
    return labels, visible & ids


def node_labels(*, user: User, node_ids: Iterable[int]) -> Labels:
    """Labels for network nodes: people as `person_labels`, contexts by name and kind, objects by kind and value."""
    result = Labels()
    rows = list(
        Node.objects.filter(pk__in=set(node_ids)).values_list(
            "pk",
            "kind",
            "person_id",
            "context__name",
            "context__kind",
            "object_of_interest__kind",
            "object_of_interest__value",
        )
    )
    people, named = person_labels(user=user, person_ids=[row[2] for row in rows if row[2] is not None])
    result.named = named
    for pk, kind, person_id, name, context_kind, object_kind, value in rows:
        if kind == Node.Kind.PERSON and person_id is not None:
            result.by_node[pk] = people[person_id]
        elif kind == Node.Kind.CONTEXT:
            result.by_node[pk] = Label(f"{name} ({str(_CONTEXT_KINDS.get(context_kind, context_kind)).lower()})", kind)
        else:
            result.by_node[pk] = Label(f"{_OBJECT_KINDS.get(object_kind, object_kind)} {value}", "object")
    return result
