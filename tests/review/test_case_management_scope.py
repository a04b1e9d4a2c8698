"""Allocating, re-levelling and closing a case belong to the team that holds it: a manager who can read another
team's case (as a member of its professional network) may not reallocate or close it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safecontext.cases.models import Case, CaseNetworkMember
from safecontext.core.actions_base import inside_action
from tests.conftest import World

MANAGE_PAGES = ["cases:allocate", "cases:level", "cases:close"]


@pytest.fixture
def pod_b_case_with_the_pod_a_manager_in_its_network(world: World) -> Case:
    case = Case.objects.get(subject=world.other_child)
    with inside_action():
        CaseNetworkMember.objects.create(case=case, user=world.users["manager"])
    return case


@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_another_teams_manager_in_the_network_reads_but_cannot_manage(
    name: str, pod_b_case_with_the_pod_a_manager_in_its_network: Case, client_for
) -> None:  # type: ignore[no-untyped-def]
    case = pod_b_case_with_the_pod_a_manager_in_its_network
    client = client_for("manager")
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert client.get(reverse(name, args=[case.pk])).status_code == 404
    assert client.post(reverse(name, args=[case.pk]), {"reason": "Taking it over"}).status_code == 404
    assert Case.objects.get(pk=case.pk).allocated_worker_id == case.allocated_worker_id


@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_the_holding_teams_manager_manages(name: str, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    case = Case.objects.get(subject=world.child)
    assert client_for("manager").get(reverse(name, args=[case.pk])).status_code == 200
