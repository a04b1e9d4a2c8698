"""assessments in the JSON API. Same scope and audit as the pages: the case is fetched through the user's scope
(404 when not visible, the same body as an id that does not exist) and the read is recorded before the answer."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Router, Schema

from safecontext.access.permissions import Permission
from safecontext.api_schemas import ErrorOut
from safecontext.assessments import factors, queries
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.http import require_permission, token_user

router = Router(tags=["assessments"])

CaseId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The case's id")]
READ: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class FactorOut(Schema):
    code: str
    label: str
    extra_familial: bool


class AssessmentOut(Schema):
    id: int
    started_on: dt.date
    authorised_on: dt.date | None
    factor_list_version: str
    factors: list[FactorOut]
    outcome: str
    summary: str
    cin_plan_start: dt.date | None
    cin_plan_end: dt.date | None
    s47_started_on: dt.date | None
    s47_outcome: str
    icpc_on: dt.date | None
    cp_plan_start: dt.date | None
    cp_plan_end: dt.date | None
    version: int


class AssessmentsOut(Schema):
    case_id: int
    assessments: list[AssessmentOut]


class ParticipationOut(Schema):
    id: int
    kind: str
    occurred_on: dt.date
    what_happened: str
    their_words: str
    recorded_by: str


class ParticipationListOut(Schema):
    case_id: int
    entries: list[ParticipationOut]


class FactorListOut(Schema):
    version: str
    title: str
    factors: list[FactorOut]


@router.get(
    "/factors",
    response={200: FactorListOut, 401: ErrorOut, 404: ErrorOut},
    url_name="assessment_factors",
    operation_id="assessment_factors",
)
def factor_codes(request: HttpRequest) -> dict[str, Any]:
    """The DfE assessment factor codes the current assessments use (reference data, nobody's record)."""
    require_permission(token_user(request), Permission.VIEW_CASES)
    current = factors.factor_list()
    return {
        "version": current.version,
        "title": current.title,
        "factors": [
            {"code": factor.code, "label": factor.label, "extra_familial": factor.extra_familial}
            for factor in current.factors
        ],
    }


def _record_read(request: HttpRequest, person_id: int) -> None:
    record_access(by=token_user(request), person_ids=[person_id], kind=AccessEvent.Kind.API, path=request.path)


@router.get(
    "/case/{case_id}",
    response={200: AssessmentsOut, **READ},
    url_name="assessments_for_case",
    operation_id="assessments_for_case",
)
def assessments_for_case(request: HttpRequest, case_id: CaseId) -> dict[str, Any]:
    """A case's single assessments with their DfE factor codes and census dates."""
    case = queries.get_case_for_user(token_user(request), case_id)
    _record_read(request, case.subject_id)
    assessments = []
    for assessment in queries.assessments_for_case(case):
        row = {field: getattr(assessment, field) for field in AssessmentOut.model_fields if field != "factors"}
        row["factors"] = [vars(factor) for factor in queries.factors_of(assessment)]
        assessments.append(row)
    return {"case_id": case.pk, "assessments": assessments}


@router.get(
    "/case/{case_id}/participation",
    response={200: ParticipationListOut, **READ},
    url_name="participation_for_case",
    operation_id="participation_for_case",
)
def participation_for_case(request: HttpRequest, case_id: CaseId) -> dict[str, Any]:
    """A case's participation record (the 4 I's), with the young person's words as they said them."""
    case = queries.get_case_for_user(token_user(request), case_id)
    _record_read(request, case.subject_id)
    entries = [
        {
            "id": entry.pk,
            "kind": entry.kind,
            "occurred_on": entry.occurred_on,
            "what_happened": entry.what_happened,
            "their_words": entry.their_words,
            "recorded_by": entry.recorded_by.display_name,
        }
        for entry in queries.participation_for_case(case)
    ]
    return {"case_id": case.pk, "entries": entries}
