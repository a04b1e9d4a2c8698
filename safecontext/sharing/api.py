"""sharing in the JSON API. Same scope and audit as the pages.

`GET /api/sharing/person/{person_id}/records` lists the sharing records about a person (as the page does).
`GET /api/sharing/person/{person_id}/export?sharing_record=N` exports a person's record as JSON. An export is an
outbound document: without a sharing record about that person (a share, naming "information from the record") it
is refused with 400 and the same message the pages give; with one, the export is linked to it and audited
(sharing/outbound.py), and an EXPORT AccessEvent is written before the response is built.
"""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.errors import HttpError

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import get_person_for_user
from safecontext.api_schemas import ErrorOut, ValidationErrorOut
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.http import token_user
from safecontext.people.queries import person_summary
from safecontext.sharing import queries
from safecontext.sharing.models import SharingRecord
from safecontext.sharing.outbound import SharingRecordRequired, authorise_outbound
from safecontext.sharing.rules import ItemKind

router = Router(tags=["sharing"])

PersonId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The person's id")]
SharingRecordId = Annotated[
    int | None, Query(ge=1, le=2**63 - 1, description="The sharing record that allows this export")
]
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut, 503: ErrorOut}


@router.get(
    "/person/{person_id}/export",
    response={200: dict[str, Any], **ERRORS},
    url_name="sharing_person_export",
    operation_id="sharing_person_export",
)
def person_export(request: HttpRequest, person_id: PersonId, sharing_record: SharingRecordId = None) -> dict[str, Any]:
    """Export one person's record. Needs `sharing_record`: a share about this person that includes information
    from the record. 404 when the person is not yours to see; 400 without a valid sharing record."""
    user = token_user(request)
    if not has_permission(user, Permission.RECORD_SHARING):
        raise HttpError(404, "Not found.")
    person = get_person_for_user(user, person_id)
    try:
        document = authorise_outbound(
            by=user,
            person=person,
            sharing_record_id=sharing_record,
            kind="person_export",
            description="Person record exported through the API",
            item=ItemKind.RECORD,
            path=request.get_full_path(),
        )
    except SharingRecordRequired as refused:
        raise HttpError(400, refused.user_message) from None
    return {
        "person": person_summary(person, user=user),
        "sharing_record_id": document.sharing_record_id,
        "outbound_document_id": document.pk,
    }


def _record_out(record: SharingRecord, *, others: int) -> dict[str, Any]:
    return {
        "id": record.pk,
        "decision": record.decision,
        "items": record.items,
        "items_detail": record.items_detail,
        "agency": record.agency,
        "recipient_person": record.recipient_person,
        "purpose": record.purpose,
        "purpose_detail": record.purpose_detail,
        "lawful_basis": record.lawful_basis,
        "consent": record.consent,
        "consent_reason": record.consent_reason,
        "young_person_told": record.young_person_told,
        "family_told": record.family_told,
        "not_told_reason": record.not_told_reason,
        "decision_maker": record.decision_maker,
        "decided_on": record.decided_on.isoformat(),
        "reason_not_shared": record.reason_not_shared,
        "also_about_other_young_people": others,
    }


@router.get(
    "/person/{person_id}/records",
    response={200: dict[str, Any], **ERRORS},
    url_name="sharing_records_for_person",
    operation_id="sharing_records_for_person",
)
def records_for_person(request: HttpRequest, person_id: PersonId) -> dict[str, Any]:
    """The shares and decisions not to share about one person, newest first. Other young people a record is also
    about are counted, never named. 404 when the person is not yours to see."""
    user = token_user(request)
    if not has_permission(user, Permission.VIEW_CASES):
        raise HttpError(404, "Not found.")
    person = get_person_for_user(user, person_id)
    record_access(by=user, person_ids=[person.pk], kind=AccessEvent.Kind.API, path=request.get_full_path())
    records = queries.records_about(person)
    return {
        "person_id": person.pk,
        "records": [_record_out(record, others=len(queries.subject_ids_of(record)) - 1) for record in records],
    }
