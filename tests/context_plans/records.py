"""Context weightings, a plan with a guardian, a conference — about Test Child (Pod A's case) — and a plan on the
context case of tests/contexts/records.py: the records the context_plans tests and the permission matrix open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from safecontext.context_plans import actions
from safecontext.context_plans.cleaning import EntryInput
from safecontext.context_plans.models import (
    ContextConference,
    ContextPlan,
    ContextWeighting,
    Partner,
    PlanAction,
    PlanGoal,
)
from safecontext.contexts import actions as context_actions
from safecontext.contexts.models import Context
from tests.conftest import World
from tests.contexts.records import make_context_records

PARK = "Matrix Park"


@dataclass
class PlanRecords:
    park: Context
    earlier: ContextWeighting
    weighting: ContextWeighting
    guardian: Partner
    plan: ContextPlan
    goal: PlanGoal
    plan_action: PlanAction
    conference: ContextConference
    case_plan: ContextPlan  # on the context case (Level 2)


def make_plan_records(world: World) -> PlanRecords:
    existing = ContextPlan.objects.filter(person=world.child).first()
    if existing is not None:
        weightings = list(ContextWeighting.objects.filter(person=world.child).order_by("recorded_on", "id"))
        return PlanRecords(
            Context.objects.get(name=PARK),
            weightings[0],
            weightings[-1],
            Partner.objects.get(name="Pat Warden"),
            existing,
            existing.goals.get(),
            existing.actions.get(),
            existing.conferences.get(),
            ContextPlan.objects.get(context_case__isnull=False),
        )
    worker = world.users["allocated_worker"]
    today = timezone.localdate()
    park = context_actions.create_context(service=world.child.service, kind=Context.Kind.PLACE, name=PARK, by=worker)
    earlier = actions.record_weighting(
        subject=world.child,
        entries=[EntryInput("Matrix Park", park, 70), EntryInput("Home", None, 30)],
        rationale="Most harm happens in the park after school",
        recorded_on=today - dt.timedelta(days=60),
        by=worker,
    )
    weighting = actions.record_weighting(
        subject=world.child,
        entries=[EntryInput("The park", park, 50), EntryInput("Home", None, 20), EntryInput("Bus 7", None, 30)],
        rationale="The bus route is now where he is approached",
        recorded_on=today - dt.timedelta(days=1),
        by=worker,
    )
    guardian = actions.add_partner(
        service_id=world.child.service_id,
        values={"kind": "guardian", "name": "Pat Warden", "role": "Park warden", "contact": "01632 960001",
                "consents_to_contact": True},
        contexts=[park],
        by=worker,
    )  # fmt: skip
    plan = actions.create_plan(
        subject=world.child,
        title="Safer after school",
        weighting=weighting,
        targets_first=weighting.entries.get(label="The park"),
        review_on=today + dt.timedelta(days=42),
        by=worker,
    )
    goal = actions.add_goal(
        plan=plan,
        statement="Young people say they feel safe walking through the park after school",
        what_will_show_it="Young people use the main path, not the underpass",
        how_we_will_know="The warden and the youth worker ask them every fortnight",
        by=worker,
    )
    conference = actions.record_conference(
        plan=plan,
        held_on=today,
        chair=world.users["manager"],
        attendee_users=[worker],
        attendee_partners=[guardian],
        decisions="The warden will walk the path at 3.30pm on school days",
        by=worker,
    )
    plan_action = actions.add_plan_action(
        plan=plan,
        description="Walk the main path at 3.30pm on school days",
        owner_partner=guardian,
        due_on=today + dt.timedelta(days=14),
        goal=goal,
        conference=conference,
        by=worker,
    )
    context_records = make_context_records(world)
    case_plan = actions.create_plan(
        subject=context_records.case,
        title="A group that looks out for each other",
        weighting=None,
        targets_first=None,
        targets_first_label="Matrix Close group",
        review_on=today + dt.timedelta(days=42),
        by=worker,
    )
    return PlanRecords(park, earlier, weighting, guardian, plan, goal, plan_action, conference, case_plan)
