"""Labels for the linked-young-people check (queries/linked.py) and the proposals built from it (queries/proposals.py):
people's names where the user's scope reaches them and the withheld wording everywhere else, the names of contexts
and objects, and each route written out in words ("Test Child —spends time at→ Bus route 7 ←spends time at— Jordan").

Privacy (the rule in linked.py's docstring): a person is named only when `people_in_scope` reaches them; `_Labeller`
remembers everyone it named, so the view can record an AccessEvent for each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from safecontext.access.scope import people_in_scope
from safecontext.contexts.models import Context
from safecontext.front_door import linking
from safecontext.front_door.linking import NodeKind
from safecontext.network.models import Link, Node, ObjectOfInterest
from safecontext.people.models import PersonName

if TYPE_CHECKING:
    from safecontext.accounts.models import User

WITHHELD_YOUNG_PERSON = "A young person known to another team (SafeContext number withheld)"
WITHHELD_PERSON = "a person known to another team (name withheld)"
_TYPE_LABELS = {value: str(label).lower() for value, label in Link.Type.choices}
_CONTEXT_KINDS = dict(Context.Kind.choices)
_OBJECT_KINDS = dict(ObjectOfInterest.Kind.choices)


@dataclass(frozen=True)
class PersonLabel:
    name: str
    withheld: bool
    date_of_birth: dt.date | None = None
    date_of_birth_estimated: bool = False


def context_label(name: str, kind: str) -> str:
    """ "Bus route 7 (place or neighbourhood)": a context's name and its kind, as every label of a context reads."""
    return f"{name} ({str(_CONTEXT_KINDS.get(kind, kind)).lower()})"


def person_labels(*, user: User, person_ids: Iterable[int]) -> dict[int, PersonLabel]:
    """Names for the people the user's scope reaches; the withheld wording for everyone else (two queries)."""
    ids = set(person_ids)
    if not ids:
        return {}
    visible = {
        pk: (born, estimated)
        for pk, born, estimated in people_in_scope(user)
        .filter(pk__in=ids)
        .values_list("pk", "date_of_birth", "date_of_birth_estimated")
    }
    names: dict[int, str] = {}
    for person_id, kind, given, family in PersonName.objects.filter(person_id__in=list(visible)).values_list(
        "person_id", "kind", "given_name", "family_name"
    ):
        full = " ".join(part for part in (given, family) if part)
        if kind == PersonName.Kind.LEGAL or person_id not in names:
            names[person_id] = full
    labels: dict[int, PersonLabel] = {}
    for pk in ids:
        if pk in visible:
            born, estimated = visible[pk]
            labels[pk] = PersonLabel(names.get(pk) or f"Person {pk}", False, born, estimated)
        else:
            labels[pk] = PersonLabel(WITHHELD_YOUNG_PERSON, True)
    return labels


def node_labels(node_pks: Iterable[int]) -> dict[int, str]:
    """ "Bus route 7 (place or neighbourhood)", "Phone number 07700 900123" for context and object nodes (one query).
    People are labelled by `person_labels`, which knows what the user may see."""
    pks = list(set(node_pks))
    labels: dict[int, str] = {}
    for pk, kind, name, context_kind, object_kind, value in Node.objects.filter(pk__in=pks).values_list(
        "pk", "kind", "context__name", "context__kind", "object_of_interest__kind", "object_of_interest__value"
    ):
        if kind == Node.Kind.CONTEXT:
            labels[pk] = context_label(name, context_kind)
        elif kind == Node.Kind.OBJECT:
            labels[pk] = f"{_OBJECT_KINDS.get(object_kind, object_kind)} {value}"
    return labels


class _Labeller:
    def __init__(
        self, *, people: Mapping[int, PersonLabel], nodes: Mapping[int, str], node_pk: Mapping[linking.Node, int]
    ) -> None:
        self.people, self.nodes, self.node_pk = people, nodes, node_pk
        self.named: set[int] = set()

    def person(self, person_id: int, *, in_a_path: bool = False) -> str:
        label = self.people.get(person_id)
        if label is None or label.withheld:
            return WITHHELD_PERSON if in_a_path else WITHHELD_YOUNG_PERSON
        self.named.add(person_id)
        return label.name

    def node(self, node: linking.Node, *, adults: AbstractSet[int] = frozenset()) -> str:
        if node.kind is NodeKind.PERSON:
            name = self.person(node.id, in_a_path=True)
            return f"{name} (adult of concern)" if node.id in adults else name
        return self.nodes.get(node.id, f"{node.kind.value} {node.id}")

    def path(self, path: linking.Path, *, adults: AbstractSet[int]) -> str:
        if not path:
            return ""
        parts = [self.node(path[0].from_node)]
        for step in path:
            label = _TYPE_LABELS.get(step.type, step.type)
            arrow = f"—{label}→" if step.forward else f"←{label}—"
            target = step.to_node
            middle = target.kind is not NodeKind.PERSON or target.id in adults
            parts.append(f"{arrow} {self.node(target, adults=adults) if middle else self.person(target.id)}")
        return " ".join(parts)
