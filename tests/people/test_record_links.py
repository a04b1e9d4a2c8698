"""The person page leads on to the child's cases and the other areas' pages about them, by role."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import World


def test_a_manager_sees_the_case_and_may_open_another(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("manager").get(reverse("people:detail", args=[world.child.pk])).content.decode()
    case = world.child.cases_as_subject.get()
    assert reverse("cases:detail", args=[case.pk]) in page
    assert reverse("cases:open", args=[world.child.pk]) in page
    assert reverse("network:person_map", args=[world.child.pk]) in page
    assert reverse("sharing:who_knows", args=[world.child.pk]) in page


def test_a_social_worker_is_not_offered_to_open_a_case(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("allocated_worker").get(reverse("people:detail", args=[world.child.pk])).content.decode()
    assert reverse("cases:open", args=[world.child.pk]) not in page
    assert reverse("network:person_map", args=[world.child.pk]) in page


def test_a_data_officer_sees_the_case_but_no_practice_pages(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("data_officer").get(reverse("people:detail", args=[world.child.pk])).content.decode()
    assert reverse("cases:detail", args=[world.child.cases_as_subject.get().pk]) in page
    assert reverse("network:person_map", args=[world.child.pk]) not in page
    assert reverse("cases:open", args=[world.child.pk]) not in page
