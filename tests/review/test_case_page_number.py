"""Review: the case page's ?page= number went unbounded into the notes query's OFFSET; a page number past what the
database's integers hold was a 500 ("datatype mismatch" on SQLite, out of range on PostgreSQL). It is capped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safecontext.cases.models import Case
from tests.conftest import World


@pytest.mark.parametrize("page", ["99999999999999999999", "9223372036854775807", "461168601842738790"])
def test_a_huge_page_number_is_an_empty_page_not_a_500(world: World, client_for, page: str) -> None:  # type: ignore[no-untyped-def]
    case = Case.objects.get(subject=world.child)
    response = client_for("allocated_worker").get(reverse("cases:detail", kwargs={"case_id": case.pk}), {"page": page})
    assert response.status_code == 200
