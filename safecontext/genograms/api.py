"""genograms in the JSON API. Same scope and audit as the pages: the case is fetched through the user's scope (404
when not visible, the same body as an id that does not exist) and the read is recorded before the answer."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Router, Schema

from safecontext.api_schemas import ErrorOut
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.http import token_user
from safecontext.genograms import queries

router = Router(tags=["genograms"])

CaseId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The case's id")]
READ: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class AnnotationOut(Schema):
    aspect: str
    text: str


class MemberOut(Schema):
    id: int
    person_id: int | None
    name: str
    sex: str
    birth_year: int | None
    deceased: bool
    death_year: int | None
    is_subject: bool
    generation: int
    annotations: list[AnnotationOut]
    version: int


class RelationOut(Schema):
    id: int
    kind: str
    from_member_id: int
    to_member_id: int


class FamilyCopyOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int
    uploaded_at: dt.datetime


class GenogramOut(Schema):
    case_id: int
    members: list[MemberOut]
    relations: list[RelationOut]
    family_copies: list[FamilyCopyOut]
    svg: str


@router.get(
    "/case/{case_id}",
    response={200: GenogramOut, **READ},
    url_name="genogram_for_case",
    operation_id="genogram_for_case",
)
def genogram_for_case(request: HttpRequest, case_id: CaseId) -> dict[str, Any]:
    """A case's cultural genogram: members with their identity notes, relationships, and the SVG drawing."""
    user = token_user(request)
    case = queries.get_case_for_user(user, case_id)
    genogram = queries.genogram_of(case)
    members = queries.members_of(genogram)
    relations = queries.relations_of(genogram)
    linked = [member.person_id for member in members if member.person_id]
    record_access(by=user, person_ids=[case.subject_id, *linked], kind=AccessEvent.Kind.API, path=request.path)
    rows = queries.member_rows(members, relations)
    return {
        "case_id": case.pk,
        "members": [
            {
                "id": row.member.pk,
                "person_id": row.member.person_id,
                "name": row.member.name,
                "sex": row.member.sex,
                "birth_year": row.member.birth_year,
                "deceased": row.member.deceased,
                "death_year": row.member.death_year,
                "is_subject": row.member.is_subject,
                "generation": row.generation,
                "annotations": [{"aspect": a.aspect, "text": a.text} for a in row.member.annotations.all()],
                "version": row.member.version,
            }
            for row in rows
        ],
        "relations": [
            {"id": rel.pk, "kind": rel.kind, "from_member_id": rel.from_member_id, "to_member_id": rel.to_member_id}
            for rel in relations
        ],
        "family_copies": [
            {
                "id": copy.pk,
                "filename": copy.filename,
                "content_type": copy.content_type,
                "size": copy.size,
                "uploaded_at": copy.uploaded_at,
            }
            for copy in queries.copies_of(genogram)
        ],
        "svg": queries.render_svg(case, members, relations),
    }
