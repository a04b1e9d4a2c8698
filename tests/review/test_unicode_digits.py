"""Review: ids and row numbers checked with str.isdigit() accept Unicode digits such as "²", which int() refuses —
a 500 instead of the form again. Each must be a 4xx (or the page) instead."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safecontext.cases.models import Case
from tests.conftest import World


def test_analytics_around_with_a_superscript_digit_is_a_form_error(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("manager").get(reverse("analytics:around"), {"context": "²"})
    assert response.status_code == 400


def test_safety_plan_edit_with_a_superscript_row_number_is_not_a_500(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    case = Case.objects.get(subject=world.child)
    response = client_for("allocated_worker").post(f"/safety-plans/case/{case.pk}/edit/", {"name_²": "Mum"})
    assert response.status_code in {200, 302, 400}


@pytest.mark.parametrize("value", ["²", " ³ "])
def test_who_knows_copy_with_a_superscript_share_id_is_a_form_error(world: World, client_for, value: str) -> None:  # type: ignore[no-untyped-def]
    url = reverse("sharing:who_knows_pdf", kwargs={"person_id": world.child.pk})
    response = client_for("allocated_worker").post(url, {"sharing_record": value})
    assert response.status_code == 400
