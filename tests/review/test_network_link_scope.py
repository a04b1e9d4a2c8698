"""Review: a link between a child and a context could be corrected or ended by anyone in the service holding
EDIT_NETWORK, because the context end (seen service-wide) was enough. Changing a link changes the child's network
record: like adding one, it needs a person end in the user's own scope; otherwise 404, and nothing changes."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from safecontext.network.models import Link
from tests.conftest import World
from tests.network.helpers import link, place


def _ended(day: dt.date) -> dict[str, str]:
    return {
        "version": "1",
        "reason": "Moved away",
        "valid_to_day": str(day.day),
        "valid_to_month": str(day.month),
        "valid_to_year": str(day.year),
    }


def test_another_team_cannot_end_or_correct_a_childs_link_to_a_context(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    park = place(world.child, "Review Park", by=world.users["manager"])
    made = link(world.child, park, by=world.users["allocated_worker"], type="frequents")
    outsider = client_for("other_team_worker")
    for name in ("network:correct_link", "network:end_link"):
        assert outsider.get(reverse(name, kwargs={"link_id": made.pk})).status_code == 404
    response = outsider.post(reverse("network:end_link", kwargs={"link_id": made.pk}), _ended(dt.date(2026, 8, 1)))
    assert response.status_code == 404
    made.refresh_from_db()
    assert made.valid_to is None and made.version == 1
    assert Link.objects.filter(pk=made.pk, valid_to__isnull=True).exists()


def test_the_childs_own_worker_still_ends_it(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    park = place(world.child, "Review Park", by=world.users["manager"])
    made = link(world.child, park, by=world.users["allocated_worker"], type="frequents")
    response = client_for("allocated_worker").post(
        reverse("network:end_link", kwargs={"link_id": made.pk}), _ended(dt.date(2026, 8, 1))
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.valid_to == dt.date(2026, 8, 1)
