"""context_plans in the JSON API (read only). Same scope and audit as the pages: a child or plan outside the
caller's scope answers 404 with the same body as one that does not exist, and a child's weightings or plan are
recorded as seen (AccessEvent) before the response is built."""

import datetime as dt
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Path, Router, Schema

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import get_person_for_user
from safecontext.api_schemas import ErrorOut, ValidationErrorOut
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.context_plans import queries
from safecontext.context_plans.models import ContextWeighting
from safecontext.core.http import token_user

router = Router(tags=["context_plans"])

PersonId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The young person's id")]
PlanId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The context plan's id")]
READ: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut, 503: ErrorOut}


class ContextWeightingEntryOut(Schema):
    label: str
    context_id: int | None
    weight: int


class ContextWeightingOut(Schema):
    id: int
    recorded_on: dt.date
    rationale: str
    recorded_by: str
    entries: list[ContextWeightingEntryOut]


class ContextPlanGoalOut(Schema):
    id: int
    statement: str
    what_will_show_it: str
    how_we_will_know: str
    measured_by: list[str]


class ContextPlanActionOut(Schema):
    id: int
    description: str
    owner_kind: str
    owner: str
    due_on: dt.date
    status: str
    goal_id: int | None
    conference_id: int | None


class ContextPlanOut(Schema):
    id: int
    person_id: int | None
    context_case_id: int | None
    title: str
    targets_first: str
    targets_first_context_id: int | None
    weighting_id: int | None
    review_on: dt.date
    status: str
    version: int
    goals: list[ContextPlanGoalOut]
    actions: list[ContextPlanActionOut]


def _weighting(weighting: ContextWeighting) -> dict[str, Any]:
    return {
        "id": weighting.pk,
        "recorded_on": weighting.recorded_on,
        "rationale": weighting.rationale,
        "recorded_by": weighting.recorded_by.get_full_name() or weighting.recorded_by.username,
        "entries": [
            {"label": entry.label, "context_id": entry.context_id, "weight": entry.weight}
            for entry in weighting.entries.all()
        ],
    }


@router.get(
    "/people/{person_id}/weightings",
    response={200: list[ContextWeightingOut], **READ},
    url_name="context_weightings_for_person",
    operation_id="context_weightings_for_person",
)
def weightings_for_person(request: HttpRequest, person_id: PersonId) -> list[dict[str, Any]]:
    """A young person's context weightings, newest first (every weighting is kept)."""
    user = token_user(request)
    if not has_permission(user, Permission.VIEW_CONTEXT_CASES):
        raise Http404("Not found")
    person = get_person_for_user(user, person_id)
    record_access(by=user, person_ids=[person.pk], kind=AccessEvent.Kind.API, path=request.get_full_path())
    return [_weighting(weighting) for weighting in queries.weightings_for(person)]


@router.get(
    "/plans/{plan_id}",
    response={200: ContextPlanOut, **READ},
    url_name="context_plan_detail",
    operation_id="context_plan_detail",
)
def plan_detail(request: HttpRequest, plan_id: PlanId) -> dict[str, Any]:
    """One context plan with its goals and actions. 404 when it does not exist or is not yours to see."""
    user = token_user(request)
    if not has_permission(user, Permission.VIEW_CONTEXT_CASES):
        raise Http404("Not found")
    plan = queries.get_plan_for_user(user, plan_id)
    if plan.person_id is not None:
        record_access(by=user, person_ids=[plan.person_id], kind=AccessEvent.Kind.API, path=request.get_full_path())
    return {
        "id": plan.pk,
        "person_id": plan.person_id,
        "context_case_id": plan.context_case_id,
        "title": plan.title,
        "targets_first": plan.targets_first_label,
        "targets_first_context_id": plan.targets_first_context_id,
        "weighting_id": plan.weighting_id,
        "review_on": plan.review_on,
        "status": plan.status,
        "version": plan.version,
        "goals": [
            {
                "id": goal.pk,
                "statement": goal.statement,
                "what_will_show_it": goal.what_will_show_it,
                "how_we_will_know": goal.how_we_will_know,
                "measured_by": goal.question_keys,
            }
            for goal in queries.goals_of(plan)
        ],
        "actions": [
            {
                "id": item.pk,
                "description": item.description,
                "owner_kind": item.owner_kind,
                "owner": item.owner_name,
                "due_on": item.due_on,
                "status": item.status,
                "goal_id": item.goal_id,
                "conference_id": item.conference_id,
            }
            for item in queries.actions_of(plan)
        ],
    }
