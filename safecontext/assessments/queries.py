"""Reads for assessments, always scoped through access/scope.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import cases_visible_to
from safecontext.assessments import factors
from safecontext.assessments.models import Participation, SingleAssessment
from safecontext.cases.models import Case

# Case pages fetch the case as the casework pages do: one scope rule, 404 when not visible.
from safecontext.cases.queries import get_case_for_user as get_case_for_user

if TYPE_CHECKING:
    from safecontext.accounts.models import User


def get_assessment_for_user(user: User, assessment_id: int, *, write: bool = False) -> SingleAssessment:
    needed = Permission.RECORD_CASEWORK if write else Permission.VIEW_CASES
    if not has_permission(user, needed):
        raise Http404("No assessment found")
    try:
        return (
            SingleAssessment.objects.filter(case__in=cases_visible_to(user))
            .select_related("case", "case__subject", "created_by")
            .prefetch_related("factors")
            .get(pk=assessment_id)
        )
    except SingleAssessment.DoesNotExist:
        raise Http404("No assessment found") from None


def assessments_for_case(case: Case) -> QuerySet[SingleAssessment]:
    return case.single_assessments.select_related("created_by", "authorised_by").prefetch_related("factors")


def participation_for_case(case: Case) -> QuerySet[Participation]:
    return case.participation.select_related("recorded_by")


@dataclass(frozen=True)
class FactorShown:
    code: str
    label: str
    extra_familial: bool


def factors_of(assessment: SingleAssessment) -> list[FactorShown]:
    """The assessment's factors with their labels from the list version it was recorded against."""
    known = factors.factor_list(assessment.factor_list_version).by_code()
    shown = []
    for row in assessment.factors.all():
        factor = known.get(row.code)
        shown.append(
            FactorShown(
                code=row.code,
                label=factor.label if factor else "Code no longer in the list",
                extra_familial=bool(factor and factor.extra_familial),
            )
        )
    return shown


def latest_context_weighting(case: Case) -> Any | None:
    """The child's latest context weighting (context_plans, issue 4), when that area provides one."""
    try:
        from safecontext.context_plans import queries as context_plan_queries
    except ImportError:  # pragma: no cover - the area is always installed; its query may not exist yet
        return None
    latest = getattr(context_plan_queries, "latest_weighting_for_person", None)
    if latest is None:
        return None
    return latest(case.subject)
