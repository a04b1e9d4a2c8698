"""safety_plans in the JSON API. Same scope and audit as the pages: the case is fetched through its scope (404 when
not visible, with the same body as a case that does not exist) and the read is recorded before the answer is built.
The family PDF is not offered here: it is an outbound document and goes through the page, which asks for its share.
"""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Router

from safecontext.api_schemas import ErrorOut, ValidationErrorOut
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.http import token_user
from safecontext.safety_plans import queries
from safecontext.safety_plans.models import CONTENT_FIELDS

router = Router(tags=["safety_plans"])

CaseId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The case's id")]
READ: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut, 503: ErrorOut}


@router.get(
    "/case/{case_id}",
    response={200: dict[str, Any], **READ},
    url_name="safety_plan_for_case",
    operation_id="safety_plan_for_case",
)
def for_case(request: HttpRequest, case_id: CaseId) -> dict[str, Any]:
    """The case's current safety plan (`plan` is null before the first save) and its version history."""
    user = token_user(request)
    case = queries.get_case_for_user(user, case_id)
    record_access(by=user, person_ids=[case.subject_id], kind=AccessEvent.Kind.API, path=request.get_full_path())
    plan = queries.plan_for_case(case)
    if plan is None:
        return {"case_id": case.pk, "plan": None, "versions": []}
    content = plan.content()
    content["review_on"] = plan.review_on.isoformat() if plan.review_on else None
    return {
        "case_id": case.pk,
        "plan": {"version": plan.version, **{field: content[field] for field in CONTENT_FIELDS}},
        "versions": [
            {"number": saved.number, "saved_at": saved.saved_at.isoformat(), "changed_fields": saved.changed_fields}
            for saved in queries.versions_of(plan)
        ],
    }
