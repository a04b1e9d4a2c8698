"""The network's records for the generated matrices (tests/access/matrix_plugins.py): a place in Test Child's
service, linked to Test Child, and that link."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import people_in_scope
from safecontext.contexts.actions import create_context
from safecontext.contexts.models import Context
from safecontext.network.actions import node_for_context, node_for_person, record_link
from safecontext.network.models import Link

if TYPE_CHECKING:
    from tests.conftest import World

PLACE = "Matrix Park"
CONTEXT_PAGES = {"network:context_map", "network:context_graph", "api:network_context_graph"}


def record_ids(world: World) -> dict[str, int]:
    by = world.users["manager"]
    place = Context.objects.filter(name=PLACE, service=world.child.service).first()
    if place is None:
        place = create_context(service=world.child.service, kind="place", name=PLACE, by=by)
    link = Link.objects.filter(a__person=world.child, b__context=place).first()
    if link is None:
        link = record_link(
            a=node_for_person(person=world.child),
            b=node_for_context(context=place),
            type="frequents",
            source_kind="direct",
            source_id=None,
            valid_from=dt.date(2026, 1, 1),
            purpose="safety planning",
            by=by,
        )
    return {"context_id": place.pk, "link_id": link.pk}


def expected_status(name: str, persona: str, world: World) -> set[int] | None:
    user = world.users[persona]
    if name in CONTEXT_PAGES or name == "network:context_add_link":
        # Contexts are seen by the service's members who work with referrals (access/scope.contexts_visible_to).
        return {200} if has_permission(user, Permission.VIEW_REFERRALS) else {404}
    if name in {"network:correct_link", "network:end_link"}:
        # Test Child's link to Matrix Park: changed only by someone with Test Child in their own scope (the context
        # end, seen service-wide, is not enough: tests/review/test_network_link_scope.py).
        return {200} if people_in_scope(user).filter(pk=world.child.pk).exists() else {404}
    return None
