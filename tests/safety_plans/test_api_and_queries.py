"""The safety plan in the API (scoped, read recorded) and the plans past their review date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from safecontext.accounts.tokens import issue_api_token
from safecontext.audit.models import AccessEvent
from safecontext.cases.models import Case
from safecontext.safety_plans.queries import plans_past_review
from tests.conftest import World
from tests.safety_plans.plans import make_plan


@pytest.fixture
def case(world: World) -> Case:
    return Case.objects.get(subject=world.child)


def _api(world: World, persona: str) -> Client:
    user = world.users[persona]
    return Client(headers={"Authorization": f"Bearer {issue_api_token(user=user, days=1, by=user)}"})


def test_the_api_answers_the_plan_and_records_the_read(world: World, case: Case) -> None:
    client = _api(world, "allocated_worker")
    assert client.get(f"/api/safety-plans/case/{case.pk}").json()["plan"] is None
    make_plan(case, by=world.users["allocated_worker"])
    make_plan(case, by=world.users["allocated_worker"], safety_goals="Home by 10pm")
    body = client.get(f"/api/safety-plans/case/{case.pk}").json()
    assert body["plan"]["version"] == 2 and body["plan"]["safety_goals"] == "Home by 10pm"
    assert [saved["number"] for saved in body["versions"]] == [2, 1]
    assert AccessEvent.objects.filter(person_id=world.child.pk, kind=AccessEvent.Kind.API).count() == 2


def test_the_api_answers_404_outside_scope(world: World, case: Case) -> None:
    response = _api(world, "other_team_worker").get(f"/api/safety-plans/case/{case.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_plans_past_review_are_listed_most_overdue_first(world: World, case: Case) -> None:
    plan = make_plan(case, by=world.users["allocated_worker"])
    today = timezone.localdate()
    assert plans_past_review(Case.objects.all(), today=today) == []
    later = plan.review_on + dt.timedelta(days=1)
    assert plans_past_review(Case.objects.all(), today=later) == [plan]
    assert plans_past_review(Case.objects.exclude(pk=case.pk), today=later) == []
