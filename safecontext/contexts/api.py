"""Context cases in the JSON API (read only). Same scope and audit as the pages: a case outside the caller's scope
answers 404 with the same body as one that does not exist; members are named only when the caller may open their
record, and each member named is recorded as seen (AccessEvent) before the response is built."""

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Schema

from safecontext.access.permissions import Permission, has_permission
from safecontext.api_schemas import ErrorOut, ValidationErrorOut
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.contexts import queries
from safecontext.contexts.models import ContextCase
from safecontext.core.http import token_user

router = Router(tags=["contexts"])

ContextCaseId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The context case's id")]
LIST: dict[int, Any] = {401: ErrorOut, 422: ValidationErrorOut, 503: ErrorOut}
READ: dict[int, Any] = {**LIST, 404: ErrorOut}


class ContextCaseSummaryOut(Schema):
    id: int
    context_id: int
    context_name: str
    context_kind: str
    status: str
    opened_on: dt.date
    closed_on: dt.date | None
    wellbeing_level: int | None
    team: str
    lead_worker: str | None


class ContextCaseListOut(Schema):
    count: int
    results: list[ContextCaseSummaryOut]


class ContextCaseMemberOut(Schema):
    person_id: int
    name: str
    joined_on: dt.date
    left_on: dt.date | None


class ContextCaseAssessmentOut(Schema):
    id: int
    questionnaire_kind: str
    questionnaire_version: str
    assessed_on: dt.date
    review_of_id: int | None
    answers: dict[str, int | None]


class ContextCaseDetailOut(ContextCaseSummaryOut):
    summary: str
    address: str
    postcode: str
    latitude: str | None
    longitude: str | None
    area_points: list[str]
    area_description: str
    closure_reason: str
    version: int
    members: list[ContextCaseMemberOut]
    members_not_shown: int
    assessments: list[ContextCaseAssessmentOut]


class ContextCaseQuestionChangeOut(Schema):
    key: str
    text: str
    section_key: str
    baseline: int | None
    latest: int | None
    change: str
    reason: str


class ContextCaseComparisonOut(Schema):
    baseline_id: int | None
    latest_id: int | None
    headline: str
    questions: list[ContextCaseQuestionChangeOut]


class ContextCaseListQuery(Schema):
    status: Literal["", "open", "closed"] = ""
    kind: Literal["", "place", "peer_group", "school", "online"] = ""


def _summary(case: ContextCase) -> dict[str, Any]:
    return {
        "id": case.pk,
        "context_id": case.context_id,
        "context_name": case.context.name,
        "context_kind": case.context.kind,
        "status": case.status,
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "wellbeing_level": case.wellbeing_level,
        "team": case.team.name,
        "lead_worker": case.lead_worker.display_name if case.lead_worker else None,
    }


@router.get(
    "/cases",
    response={200: ContextCaseListOut, **LIST},
    url_name="context_cases_list",
    operation_id="context_cases_list",
)
def case_list(request: HttpRequest, params: Query[ContextCaseListQuery]) -> dict[str, Any]:
    """The context cases in your scope, newest first. Lists no people."""
    unknown = sorted(set(request.GET) - set(ContextCaseListQuery.model_fields))
    if unknown:
        raise ValidationError({name: ["This is not a parameter of this list"] for name in unknown})
    user = token_user(request)
    if not has_permission(user, Permission.VIEW_CONTEXT_CASES):
        raise Http404("Not found")
    cases = queries.context_case_list(user, status=params.status, kind=params.kind)
    return {"count": len(cases), "results": [_summary(case) for case in cases]}


@router.get(
    "/cases/{context_case_id}",
    response={200: ContextCaseDetailOut, **READ},
    url_name="context_case_detail",
    operation_id="context_case_detail",
)
def case_detail(request: HttpRequest, context_case_id: ContextCaseId) -> dict[str, Any]:
    """One context case. 404 when it does not exist or is not yours to see (the two are indistinguishable)."""
    user = token_user(request)
    if not has_permission(user, Permission.VIEW_CONTEXT_CASES):
        raise Http404("Not found")
    case = queries.get_context_case_for_user(user, context_case_id)
    members = queries.members_for(user, case)
    record_access(by=user, person_ids=members.person_ids, kind=AccessEvent.Kind.API, path=request.get_full_path())
    return {
        **_summary(case),
        "summary": case.summary,
        "address": case.address,
        "postcode": case.postcode,
        "latitude": str(case.latitude) if case.latitude is not None else None,
        "longitude": str(case.longitude) if case.longitude is not None else None,
        "area_points": case.area_points.splitlines(),
        "area_description": case.area_description,
        "closure_reason": case.closure_reason,
        "version": case.version,
        "members": [
            {
                "person_id": member.person_id,
                "name": member.person.display_name,
                "joined_on": member.joined_on,
                "left_on": member.left_on,
            }
            for member in members.shown
        ],
        "members_not_shown": members.hidden_current + members.hidden_past,
        "assessments": [
            {
                "id": assessment.pk,
                "questionnaire_kind": assessment.questionnaire_kind,
                "questionnaire_version": assessment.questionnaire_version,
                "assessed_on": assessment.assessed_on,
                "review_of_id": assessment.review_of_id,
                "answers": assessment.answers,
            }
            for assessment in queries.assessments_for(case)
        ],
    }


@router.get(
    "/cases/{context_case_id}/comparison",
    response={200: ContextCaseComparisonOut, **READ},
    url_name="context_case_comparison",
    operation_id="context_case_comparison",
)
def case_comparison(request: HttpRequest, context_case_id: ContextCaseId) -> dict[str, Any]:
    """The baseline assessment against the latest review, per question. Empty before a review is recorded."""
    user = token_user(request)
    if not has_permission(user, Permission.VIEW_CONTEXT_CASES):
        raise Http404("Not found")
    case = queries.get_context_case_for_user(user, context_case_id)
    compared = queries.assessment_comparison(case)
    if compared is None:
        return {"baseline_id": None, "latest_id": None, "headline": "No review yet", "questions": []}
    return {
        "baseline_id": compared.baseline.pk,
        "latest_id": compared.latest.pk,
        "headline": compared.summary.text,
        "questions": [
            {
                "key": row.key,
                "text": row.text,
                "section_key": row.section_key,
                "baseline": row.baseline,
                "latest": row.latest,
                "change": str(row.change),
                "reason": row.reason,
            }
            for section in compared.sections
            for row in section.questions
        ],
    }
