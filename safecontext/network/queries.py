"""Reads of the network.

Links carry no scope of their own: a link is shown as part of the record it came from (a referral, a note, a
meeting), which the caller has already fetched through access/scope.py. So these functions take that source, never
a bare id typed by a user.
"""

from __future__ import annotations

from django.db.models import QuerySet

from safecontext.network.models import Link, Node


def _with_ends(links: QuerySet[Link]) -> QuerySet[Link]:
    return links.select_related(
        "a__person", "a__context", "a__object_of_interest", "b__person", "b__context", "b__object_of_interest"
    ).prefetch_related("a__person__names", "b__person__names")


def links_from_source(*, source_kind: str, source_id: int) -> list[Link]:
    """The links recorded from one referral, note or meeting, in the order they were made."""
    return list(_with_ends(Link.objects.filter(source_kind=source_kind, source_id=source_id)).order_by("id"))


def node_label(node: Node) -> str:
    """What a node stands for, in words: a person's name, a context's name, an object's kind and value."""
    if node.person is not None:
        return node.person.display_name
    if node.context is not None:
        return f"{node.context.name} ({node.context.get_kind_display().lower()})"
    if node.object_of_interest is not None:
        return str(node.object_of_interest)
    return str(node)
