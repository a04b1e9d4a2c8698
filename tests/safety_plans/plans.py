"""Safety plans for tests, written through the real action."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from safecontext.accounts.models import User
from safecontext.cases.models import Case
from safecontext.safety_plans.actions import save_safety_plan
from safecontext.safety_plans.models import SafetyPlan


def plan_values(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "worries": "Goes missing overnight after football",
        "young_person_words": "I just want to be with my mates",
        "safety_goals": "Home by 9pm on school nights",
        "family_actions": "Mum texts at 8.30pm",
        "network_actions": "Coach drops him home after training",
        "guardian_actions": "The shop keeper calls Mum if he is there after 9",
        "professional_actions": "Worker visits every Tuesday",
        "warning_signs": "New phone, new trainers, staying out late",
        "who_took_part": "Test, Mum and the worker",
        "contingencies": [{"if": "he is not home by 9pm", "then": "Mum rings him and then 101 by 10pm"}],
        "contacts": [{"name": "Mum", "role": "Mother", "phone": "01632 960 001"}],
        "review_on": timezone.localdate() + dt.timedelta(days=28),
    }
    return values | changes


def make_plan(case: Case, *, by: User, **changes: Any) -> SafetyPlan:
    existing = SafetyPlan.objects.filter(case=case).first()
    return save_safety_plan(
        by=by, case=case, values=plan_values(**changes), version=existing.version if existing else None
    )
