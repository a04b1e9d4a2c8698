"""Referrals in the JSON API: record one, read one, list them (by status, overdue).

Thin, as the pages are: referrals are fetched through access/scope.py (404 when not visible, the same as an id that
does not exist), every person shown is recorded with record_access before the response is built, and recording
goes through front_door/actions/intake.py, which validates and audits it. The schemas carry the shape checks (code
lists, lengths, no control characters, strict types); the rules — a subject, a received time neither in the future
nor over a year old, which records a mention may name — answer 422 from the action, as on the page.

An API client cannot be shown duplicate candidates mid-request, so it says what the practitioner decided: existing
people by id (`children`, `existing_person_id`), or new ones by name (`new_children`, a mention's name fields).
"""

import datetime as dt
import re
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import BeforeValidator, ConfigDict, StrictBool, StrictInt, StringConstraints, WithJsonSchema

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import get_referral_for_user
from safecontext.accounts.models import User
from safecontext.api_schemas import NO_CONTROL_CHARACTERS, ErrorOut, IsoDate, ValidationErrorOut
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.contexts.models import Context
from safecontext.contexts.queries import get_context_for_user
from safecontext.core.http import token_user
from safecontext.front_door.actions import intake as actions
from safecontext.front_door.codes import LawfulBasis, ReferralSource
from safecontext.front_door.models import Mention, Referral
from safecontext.front_door.queries import intake as queries
from safecontext.network.models import Link, Node, ObjectOfInterest
from safecontext.people.models import Person

router = Router(tags=["referrals"])

ReferralId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The referral's id")]
Id = Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]
# Free text that may run over several lines: tabs and line breaks are allowed, other control characters are not.
MULTILINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def _text(max_length: int, *, min_length: int = 0, pattern: str = NO_CONTROL_CHARACTERS) -> StringConstraints:
    return StringConstraints(min_length=min_length, max_length=max_length, pattern=pattern)


def _codes(values: list[str]) -> WithJsonSchema:
    # Django's TextChoices named "Kind", "Role", "Type"… would collide as OpenAPI components: written inline.
    return WithJsonSchema({"type": "string", "enum": values})


Line = Annotated[str, _text(200)]
Name = Annotated[str, _text(100)]
Source = Annotated[ReferralSource, _codes(ReferralSource.values)]
Basis = Annotated[LawfulBasis, _codes(LawfulBasis.values)]
About = Annotated[Referral.About, _codes(Referral.About.values)]
Status_ = Annotated[Referral.Status, _codes(Referral.Status.values)]
MentionRole = Annotated[Mention.Role, _codes(Mention.Role.values)]
LinkType = Annotated[Link.Type, _codes(Link.Type.values)]
LinkNature = Annotated[Link.Nature, _codes(Link.Nature.values)]
ContextKind = Annotated[Context.Kind, _codes(Context.Kind.values)]
ObjectKind = Annotated[ObjectOfInterest.Kind, _codes(ObjectOfInterest.Kind.values)]
NodeKind = Annotated[Node.Kind, _codes(Node.Kind.values)]

_ISO_DATETIME = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2})?$"
)


def _iso_datetime_only(value: Any) -> Any:
    # As for dates (api_schemas.IsoDate): pydantic would read a bare number as seconds since 1970.
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATETIME.match(value):
        return value
    raise ValueError("Enter a date and time as YYYY-MM-DDTHH:MM, with an offset such as Z or +01:00 if you have one")


IsoDateTime = Annotated[dt.datetime, BeforeValidator(_iso_datetime_only)]


class _In(Schema):
    model_config = ConfigDict(extra="forbid")


# --- requests ----------------------------------------------------------------------------------------------------


class NewPersonIn(_In):
    given_name: Name = Field(description="A given name or a family name is needed")
    family_name: Name
    date_of_birth: IsoDate | None = Field(None, description="Today or earlier, and after 1 January 1900")


class NewContextIn(_In):
    kind: ContextKind
    name: Annotated[str, _text(200, min_length=1)] = Field(
        description="Matched to an existing context of this kind by name, or created"
    )


class MentionIn(_In):
    """Something the referrer named. For a person (peer, adult of concern) give `existing_person_id`, or the new
    person's name (default: `as_written` split at its last space). For a context give `existing_context_id`, or
    `context_kind` (and `context_name`, default `as_written`), matched by name or created. For an object give
    `existing_object_id`, or `object_kind` (and `object_value`, default `as_written`), matched by its normalised
    value or created."""

    role: MentionRole
    as_written: Annotated[str, _text(200, min_length=1)]
    link_type: LinkType | None = Field(None, description="Leave out for the usual link for what it is")
    nature: LinkNature = Link.Nature.UNKNOWN
    existing_person_id: Id | None = None
    existing_context_id: Id | None = None
    existing_object_id: Id | None = None
    given_name: Name = ""
    family_name: Name = ""
    date_of_birth: IsoDate | None = None
    context_kind: ContextKind | None = None
    context_name: Line = ""
    object_kind: ObjectKind | None = None
    object_value: Line = ""


class ReferralIn(_In):
    received_at: IsoDateTime = Field(
        description="When the referral arrived: not in the future, and within the last 12 months. "
        "Without an offset it is read as UK time."
    )
    source: Source = Field(description="DfE Children in Need census source of referral (N00152)")
    referrer_name: Annotated[str, _text(200, min_length=1)]
    referrer_agency: Line = ""
    referrer_contact: Line = ""
    about: About
    children: list[Id] = Field(
        default_factory=list, max_length=6, description="Existing people in your scope: the children it is about"
    )
    new_children: list[NewPersonIn] = Field(default_factory=list, max_length=6)
    subject_context_id: Id | None = Field(None, description="For a referral about a context: an existing context")
    new_subject_context: NewContextIn | None = None
    concerns: Annotated[str, _text(20_000, min_length=1, pattern=MULTILINE)] = Field(
        description="In the referrer's own words"
    )
    lawful_basis: Basis
    consent_notes: Annotated[str, _text(5_000, pattern=MULTILINE)] = ""
    restricted: StrictBool = Field(False, description="Holds police information only some may read")
    mentions: list[MentionIn] = Field(default_factory=list, max_length=30)
    idempotency_key: Annotated[str, _text(64, pattern=r"^[A-Za-z0-9_.:-]*$")] = Field(
        "", description="Send the same key again (after a timeout, say) and the referral already recorded is returned"
    )


class ListQuery(_In):
    status: Status_ | None = None
    overdue: bool | None = Field(None, description="true: awaiting screening past the due time; false: the rest")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=100_000)


# --- responses ---------------------------------------------------------------------------------------------------


class ChildOut(Schema):
    id: int
    display_name: str


class ContextOut(Schema):
    id: int
    kind: ContextKind
    name: str


class MentionOut(Schema):
    id: int
    role: MentionRole
    as_written: str
    record: str = Field(description="What it was matched to or created as")
    node_kind: NodeKind
    person_id: int | None
    context_id: int | None
    object_id: int | None
    link_type: LinkType
    created_new_record: bool
    links: list[str]


class ReferralOut(Schema):
    """Restricted (police) information is withheld from anyone without permission to read it: `concerns` and
    `consent_notes` read "Restricted information" and `mentions` is empty."""

    id: int
    version: int
    status: Status_
    received_at: dt.datetime
    decision_due_at: dt.datetime
    overdue: bool
    source: Source
    referrer_name: str
    referrer_agency: str
    referrer_contact: str
    about: About
    children: list[ChildOut]
    subject_context: ContextOut | None
    restricted: bool
    concerns: str
    lawful_basis: Basis
    consent_notes: str
    mentions: list[MentionOut]
    recorded_at: dt.datetime


class ReferralBriefOut(Schema):
    id: int
    status: Status_
    received_at: dt.datetime
    decision_due_at: dt.datetime
    overdue: bool
    source: Source
    about: About
    children: list[ChildOut]
    subject_context: ContextOut | None
    restricted: bool


class ReferralListOut(Schema):
    count: int = Field(description="How many are in this page of results")
    results: list[ReferralBriefOut]


# --- routes ------------------------------------------------------------------------------------------------------

LIST: dict[int, Any] = {401: ErrorOut, 422: ValidationErrorOut, 503: ErrorOut}
READ: dict[int, Any] = {**LIST, 404: ErrorOut}
CREATE: dict[int, Any] = {**LIST, 400: ErrorOut, 403: ErrorOut}


def _record_read(request: HttpRequest, user: User, person_ids: list[int]) -> None:
    """Every person shown is recorded before the response is built. Never as break-glass: they are seen as part of
    a referral the user's own scope reaches, whatever grants the user also holds."""
    record_access(by=user, person_ids=person_ids, kind=AccessEvent.Kind.API, path=request.get_full_path())


def _shown(request: HttpRequest, user: User, referral: Referral) -> dict[str, Any]:
    shown = queries.referral_shown(referral=referral, user=user)
    _record_read(request, user, shown.shown_person_ids)
    return queries.referral_summary(shown)


def _people(user: User, ids: list[int]) -> list[Person]:
    people = [queries.person_for_intake(user=user, person_id=person_id) for person_id in dict.fromkeys(ids)]
    if any(person is None for person in people):
        raise ValidationError({"children": ["A child chosen was not found"]})
    return [person for person in people if person is not None]


def _received(value: dt.datetime) -> dt.datetime:
    # A time without an offset is what a UK practitioner's clock said.
    return timezone.make_aware(value) if timezone.is_naive(value) else value


@router.post(
    "",
    response={201: ReferralOut, 200: ReferralOut, **CREATE},
    url_name="referral_create",
    operation_id="referral_create",
)
def create(request: HttpRequest, payload: ReferralIn) -> Status[dict[str, Any]]:
    """Record a referral. Needs the record-referrals permission (403 without it: no record is involved). With an
    `idempotency_key` you have sent before, nothing new is recorded and the earlier referral is returned (200)."""
    user = token_user(request)
    if not has_permission(user, Permission.RECORD_REFERRALS) or user.service is None:
        raise HttpError(403, "You do not have permission to record referrals.")
    earlier = queries.referral_for_submission(user=user, token=payload.idempotency_key)
    if earlier is not None:
        return Status(200, _shown(request, user, earlier))
    subject_context = None
    if payload.subject_context_id is not None:
        subject_context = get_context_for_user(user, payload.subject_context_id)
        if subject_context is None:
            raise ValidationError({"subject_context_id": ["The context chosen was not found"]})
    try:
        referral = actions.record_referral(
            service=user.service,
            received_at=_received(payload.received_at),
            source=payload.source,
            referrer_name=payload.referrer_name,
            referrer_agency=payload.referrer_agency,
            referrer_contact=payload.referrer_contact,
            about=payload.about,
            children=_people(user, payload.children),
            new_children=[actions.NewPerson(**child.model_dump()) for child in payload.new_children],
            subject_context=subject_context,
            new_subject_context=(
                actions.NewContext(kind=payload.new_subject_context.kind, name=payload.new_subject_context.name)
                if payload.new_subject_context is not None
                else None
            ),
            concerns=payload.concerns,
            lawful_basis=payload.lawful_basis,
            consent_notes=payload.consent_notes,
            restricted=payload.restricted,
            mentions=[
                actions.MentionInput(
                    **{
                        **mention.model_dump(),
                        "link_type": mention.link_type or "",
                        "context_kind": mention.context_kind or "",
                        "object_kind": mention.object_kind or "",
                    }
                )
                for mention in payload.mentions
            ],
            submission_token=payload.idempotency_key,
            by=user,
        )
    except actions.DuplicateSubmission as duplicate:
        return Status(200, _shown(request, user, get_referral_for_user(user, duplicate.referral_id)))
    return Status(201, _shown(request, user, referral))


@router.get(
    "/{referral_id}", response={200: ReferralOut, **READ}, url_name="referral_detail", operation_id="referral_detail"
)
def detail(request: HttpRequest, referral_id: ReferralId) -> dict[str, Any]:
    """One referral. 404 when it does not exist or is not yours to see (the two are indistinguishable)."""
    user = token_user(request)
    referral = get_referral_for_user(user, referral_id)
    return _shown(request, user, referral)


@router.get("", response={200: ReferralListOut, **READ}, url_name="referrals_list", operation_id="referrals_list")
def referral_list(request: HttpRequest, params: Query[ListQuery]) -> dict[str, Any]:
    """The referrals in your scope, the soonest decision first. Every child listed is recorded as seen."""
    unknown = sorted(set(request.GET) - set(ListQuery.model_fields))
    if unknown:
        # A misspelt filter must not silently widen the list.
        raise ValidationError({name: ["This is not a parameter of this list"] for name in unknown})
    user = token_user(request)
    if not has_permission(user, Permission.VIEW_REFERRALS):
        raise Http404("Not found")  # as the pages answer: a list this role has no business with does not exist
    referrals = queries.referrals_for_user(
        user=user,
        status=params.status or "",
        overdue=params.overdue,
        limit=params.limit,
        offset=params.offset,
    )
    children = {referral.pk: sorted(referral.children.all(), key=lambda child: child.pk) for referral in referrals}
    _record_read(request, user, [child.pk for kids in children.values() for child in kids])
    now = timezone.now()
    return {
        "count": len(referrals),
        "results": [
            {
                "id": referral.pk,
                "status": referral.status,
                "received_at": referral.received_at,
                "decision_due_at": referral.decision_due_at,
                "overdue": queries.is_overdue(referral, now=now),
                "source": referral.source,
                "about": referral.about,
                "children": [{"id": child.pk, "display_name": child.display_name} for child in children[referral.pk]],
                "subject_context": (
                    {
                        "id": referral.subject_context.pk,
                        "kind": referral.subject_context.kind,
                        "name": referral.subject_context.name,
                    }
                    if referral.subject_context is not None
                    else None
                ),
                "restricted": referral.restricted,
            }
            for referral in referrals
        ],
    }
