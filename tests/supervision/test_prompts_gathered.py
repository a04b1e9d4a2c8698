"""Prompts gathered from a supervisee's cases for their session (supervision/prompts.py over rules/prompts.py)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from safecontext.accounts.actions import change_user_access
from safecontext.cases.models import Allocation, Case, Relationship, StageChange
from safecontext.context_plans.models import ContextPlan
from safecontext.core.actions_base import inside_action
from safecontext.network.models import Link, Node
from safecontext.supervision import actions
from safecontext.supervision.models import SupervisionSession
from safecontext.supervision.prompts import prompts_for
from safecontext.supervision.rules.prompts import PromptKind
from tests import factories
from tests.conftest import World, signed_in_client

TODAY = timezone.localdate()


def _days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def _a_case_that_needs_reflection(world: World) -> Case:
    worker, manager = world.users["allocated_worker"], world.users["manager"]
    case = Case.objects.get(subject=world.child)
    with inside_action():
        Case.objects.filter(pk=case.pk).update(level="child_protection", opened_on=_days_ago(90))
        relationship = Relationship.objects.create(
            case=case,
            worker=worker,
            person=world.child,
            with_whom=Relationship.With.YOUNG_PERSON,
            stage=1,
            stage_since=_days_ago(60),
        )
        StageChange.objects.create(relationship=relationship, stage=1, from_date=_days_ago(60), recorded_by=manager)
        team = case.team
        Allocation.objects.create(
            case=case,
            worker=manager,
            team=team,
            from_date=_days_ago(90),
            to_date=_days_ago(10),
            reason="Opened",
            recorded_by=manager,
        )
        Allocation.objects.create(
            case=case, worker=worker, team=team, from_date=_days_ago(10), reason="Handover", recorded_by=manager
        )
        place = factories.make_person("Harm", "Adult", date_of_birth=None)
        Link.objects.create(
            a=Node.objects.create(kind=Node.Kind.PERSON, person=place),
            b=Node.objects.create(kind=Node.Kind.PERSON, person=world.child),
            type=Link.Type.EXPLOITS,
            nature=Link.Nature.HARMFUL,
            source_kind=Link.SourceKind.DIRECT,
            valid_from=_days_ago(5),
        )
        ContextPlan.objects.create(
            service=world.child.service,
            person=world.child,
            title="Safer evenings",
            targets_first_label="The park",
            review_on=_days_ago(3),
            created_by=manager,
        )
    return case


def test_each_kind_of_prompt_is_gathered_from_the_case(world: World) -> None:
    case = _a_case_that_needs_reflection(world)
    worker = world.users["allocated_worker"]
    change_user_access(user=worker, supervisor=world.users["manager"], by=None)
    actions.record_session(
        kind=SupervisionSession.Kind.ONE_TO_ONE, held_on=_days_ago(30), supervisee=worker, by=world.users["manager"]
    )
    prompts = prompts_for(worker)
    assert [(prompt.case_id, prompt.kind) for prompt in prompts] == [
        (case.pk, PromptKind.STUCK_AT_BUILDING),
        (case.pk, PromptKind.WORKER_CHANGED),
        (case.pk, PromptKind.VISIT_OVERDUE),
        (case.pk, PromptKind.NEW_HARMFUL_LINKS),
        (case.pk, PromptKind.PLAN_PAST_REVIEW),
    ]
    assert all("Test" not in prompt.text and "Child" not in prompt.text for prompt in prompts)  # names no one


def test_what_came_before_the_last_session_is_not_new(world: World) -> None:
    _a_case_that_needs_reflection(world)
    worker = world.users["allocated_worker"]
    change_user_access(user=worker, supervisor=world.users["manager"], by=None)
    actions.record_session(
        kind=SupervisionSession.Kind.ONE_TO_ONE, held_on=TODAY, supervisee=worker, by=world.users["manager"]
    )
    kinds = {prompt.kind for prompt in prompts_for(worker, today=TODAY + dt.timedelta(days=1))}
    assert PromptKind.WORKER_CHANGED not in kinds and PromptKind.NEW_HARMFUL_LINKS not in kinds
    assert PromptKind.STUCK_AT_BUILDING in kinds  # still stuck: raised again until it moves


def test_the_prompts_show_on_the_session_for_the_two_people_in_it(world: World) -> None:
    _a_case_that_needs_reflection(world)
    worker, manager = world.users["allocated_worker"], world.users["manager"]
    change_user_access(user=worker, supervisor=manager, by=None)
    session = actions.record_session(
        kind=SupervisionSession.Kind.ONE_TO_ONE, held_on=TODAY, supervisee=worker, by=manager
    )
    clients = {user.username: signed_in_client(user) for user in (manager, worker)}
    for client in clients.values():
        body = client.get(reverse("supervision:session", args=[session.pk])).content.decode()
        assert "Prompts gathered for this session" in body and "stage 1, building relationships" in body
    form = clients[manager.username].get(reverse("supervision:add_discussion", args=[session.pk])).content.decode()
    assert "A visit is overdue" in form


def test_the_supervision_page_gathers_prompts_for_each_supervisees_next_session(world: World) -> None:
    _a_case_that_needs_reflection(world)
    worker, manager = world.users["allocated_worker"], world.users["manager"]
    change_user_access(user=worker, supervisor=manager, by=None)
    body = signed_in_client(manager).get(reverse("supervision:index")).content.decode()
    assert "5 prompts" in body and "for Allocated_worker Tester" in body
    own = signed_in_client(worker).get(reverse("supervision:index")).content.decode()
    assert "Prompts for your next supervision" in own and "A visit is overdue" in own
