"""supervision in the JSON API. Same scope and audit as the pages.

Only what was decided and the actions agreed: no route returns reflective content (the practice discussion,
feelings and impact, hypotheses, parallel processes), which stays between supervisor and supervisee on the pages
(docs/adr/0025-supervision-records.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Router, Schema

from safecontext.api_schemas import ErrorOut, ValidationErrorOut
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.cases.queries import get_case_for_user
from safecontext.core.http import token_user
from safecontext.supervision import queries

router = Router(tags=["supervision"])

CaseId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The case's id")]
READ: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut, 503: ErrorOut}


class OpenActionOut(Schema):
    id: int
    description: str
    due_on: dt.date
    overdue: bool
    agreed_on: dt.date
    case_id: int
    case_label: str


class OversightActionOut(Schema):
    description: str
    owner: str
    due_on: dt.date
    done_on: dt.date | None


class OversightOut(Schema):
    held_on: dt.date
    kind: str
    supervisor: str
    supervisee: str
    decisions: str
    actions: list[OversightActionOut]


@router.get(
    "/actions",
    response={200: list[OpenActionOut], **READ},
    url_name="supervision_my_actions",
    operation_id="supervision_my_actions",
)
def my_actions(request: HttpRequest) -> list[dict[str, Any]]:
    """Your open actions from supervision, soonest due first."""
    user = token_user(request)
    open_actions = queries.open_actions_for(user)
    record_access(
        by=user,
        person_ids=[item.person_id for item in open_actions if item.person_id is not None],
        kind=AccessEvent.Kind.API,
        path=request.get_full_path(),
    )
    return [
        {
            "id": item.action_id,
            "description": item.description,
            "due_on": item.due_on,
            "overdue": item.overdue,
            "agreed_on": item.agreed_on,
            "case_id": item.case_id,
            "case_label": item.case_label,
        }
        for item in open_actions
    ]


@router.get(
    "/cases/{case_id}/oversight",
    response={200: list[OversightOut], **READ},
    url_name="supervision_case_oversight",
    operation_id="supervision_case_oversight",
)
def case_oversight(request: HttpRequest, case_id: CaseId) -> list[dict[str, Any]]:
    """Management oversight of a case from supervision: what was decided and the actions agreed. 404 when the case
    does not exist or is not yours to see."""
    user = token_user(request)
    case = get_case_for_user(user, case_id, with_names=False)
    entries = queries.oversight_for_case(case)
    record_access(by=user, person_ids=[case.subject_id], kind=AccessEvent.Kind.API, path=request.get_full_path())
    return [
        {
            "held_on": entry.held_on,
            "kind": entry.kind,
            "supervisor": entry.supervisor_name,
            "supervisee": entry.supervisee_name,
            "decisions": entry.decisions,
            "actions": [
                {"description": a.description, "owner": a.owner_name, "due_on": a.due_on, "done_on": a.done_on}
                for a in entry.actions
            ],
        }
        for entry in entries
    ]
