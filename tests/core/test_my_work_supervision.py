"""An action agreed in supervision lands on its owner's My work page, and only theirs (issue 6)."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import World
from tests.supervision.records import MARKER, make_supervision_records


def test_the_owner_sees_the_action_on_my_work_without_the_reflection(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_supervision_records(world)
    page = client_for("allocated_worker").get(reverse("core:home")).content.decode()
    assert "Actions from supervision" in page
    assert "Book a joint visit with the school nurse" in page
    assert reverse("supervision:action_done", args=[records.action.pk]) in page
    assert MARKER not in page


def test_a_colleague_does_not_see_it(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    make_supervision_records(world)
    page = client_for("same_team_colleague").get(reverse("core:home")).content.decode()
    assert "Book a joint visit with the school nurse" not in page
