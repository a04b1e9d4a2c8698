"""Reads for safety_plans, always scoped through access/scope.py (via the case)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from safecontext.cases.models import Case
from safecontext.cases.queries import get_case_for_user as _get_case_for_user
from safecontext.safety_plans.models import SafetyPlan, SafetyPlanVersion

if TYPE_CHECKING:
    from safecontext.accounts.models import User


def get_case_for_user(user: User, case_id: int, *, write: bool = False) -> Case:
    """The case (404 unless the user may see it, and record casework on it with `write=True`)."""
    return _get_case_for_user(user, case_id, write=write)


def plan_for_case(case: Case) -> SafetyPlan | None:
    return SafetyPlan.objects.select_related("updated_by").filter(case=case).first()


def versions_of(plan: SafetyPlan) -> list[SafetyPlanVersion]:
    return list(plan.versions.select_related("saved_by").order_by("-number"))


def get_version(case: Case, version_id: int) -> SafetyPlanVersion:
    try:
        return SafetyPlanVersion.objects.select_related("saved_by", "plan").get(pk=version_id, plan__case=case)
    except SafetyPlanVersion.DoesNotExist:
        raise Http404("No safety plan version found") from None


def plans_past_review(cases: QuerySet[Case], *, today: dt.date) -> list[SafetyPlan]:
    """Safety plans of these (already scoped) cases whose review date has passed, most overdue first — for My work
    and supervision prompts."""
    return list(
        SafetyPlan.objects.filter(case__in=cases, case__status=Case.Status.OPEN, review_on__lt=today)
        .select_related("case__subject")
        .order_by("review_on", "pk")
    )
