"""The people and contexts a note could be suggesting as links, and which of them it names (rules/mentions.py).

Candidates: the people involved in the case and the people one step further out in the young person's network
(friends of friends), and the contexts of the child's service — each minus those the young person is already linked
to, because a suggestion is only useful for a link that is not there yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from safecontext.access.scope import people_visible_to
from safecontext.cases.rules.mentions import Candidate, find_mentions
from safecontext.contexts.models import Context
from safecontext.network.models import Link, Node
from safecontext.people.models import PersonName

if TYPE_CHECKING:
    from safecontext.cases.models import CaseNote

# Bounds the second-step people considered, so a hub in the network cannot make saving a note slow.
MAX_PEOPLE = 500


def _neighbours(node_ids: set[int]) -> set[int]:
    if not node_ids:
        return set()
    current = Q(valid_to__isnull=True)
    rows = Link.objects.filter(current & (Q(a_id__in=node_ids) | Q(b_id__in=node_ids))).values_list("a_id", "b_id")
    return {node for pair in rows[: MAX_PEOPLE * 4] for node in pair} - node_ids


def mentions_in(note: CaseNote) -> list[tuple[int | None, int | None, str]]:
    """(person_id, context_id, mentioned_as) for each candidate the note names."""
    case = note.case
    child_node = Node.objects.filter(person_id=case.subject_id).values_list("pk", flat=True).first()
    linked = _neighbours({child_node}) if child_node else set()
    second = _neighbours(linked | ({child_node} if child_node else set())) if linked else set()
    linked_people = set(Node.objects.filter(pk__in=linked, kind=Node.Kind.PERSON).values_list("person_id", flat=True))
    linked_contexts = set(
        Node.objects.filter(pk__in=linked, kind=Node.Kind.CONTEXT).values_list("context_id", flat=True)
    )
    people = set(case.involvements.values_list("person_id", flat=True))
    people |= set(
        Node.objects.filter(pk__in=list(second)[:MAX_PEOPLE], kind=Node.Kind.PERSON).values_list("person_id", flat=True)
    )
    people -= linked_people | {case.subject_id}
    # Only people the note's writer may open: a suggestion must not confirm that someone outside their scope exists.
    people = set(people_visible_to(note.author).filter(pk__in=people).values_list("pk", flat=True))
    names: dict[int, list[str]] = {}
    for person_id, given, family in PersonName.objects.filter(person_id__in=people).values_list(
        "person_id", "given_name", "family_name"
    ):
        names.setdefault(person_id, []).extend([f"{given} {family}".strip(), given])
    candidates = [Candidate(f"person:{person_id}", tuple(found)) for person_id, found in sorted(names.items())]
    contexts = Context.objects.filter(service_id=case.subject.service_id).exclude(pk__in=linked_contexts)
    candidates += [Candidate(f"context:{pk}", (name,)) for pk, name in contexts.values_list("pk", "name")]
    own_names = [
        text
        for given, family in PersonName.objects.filter(person_id=case.subject_id).values_list(
            "given_name", "family_name"
        )
        for text in (f"{given} {family}".strip(), given, family)
    ]
    found = find_mentions([note.summary, note.own_words, note.who_was_seen], candidates, ignore=own_names)
    results: list[tuple[int | None, int | None, str]] = []
    for mention in found:
        kind, _, pk = mention.key.partition(":")
        results.append(
            (int(pk), None, mention.mentioned_as) if kind == "person" else (None, int(pk), mention.mentioned_as)
        )
    return results
