"""People in the JSON API: search, read, create, edit (with a version check), names, addresses, who viewed.

Thin routes, as the pages are: every person is fetched through access/scope.py (404 when not visible, with the same
body as an id that does not exist), every read is recorded with record_access *before* the response is built, and
every write goes through people/actions.py, which audits it. The schemas carry the validation the actions rely on
(lengths, code lists, dates, no control characters), so /api/openapi.json describes what the API really accepts.
"""

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import CharField, Model
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, StrictBool, StrictInt, StringConstraints, WithJsonSchema

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import get_person_for_user
from safecontext.accounts.models import User
from safecontext.api_schemas import NO_CONTROL_CHARACTERS, ErrorOut, IsoDate, ValidationErrorOut
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.http import token_user
from safecontext.people import actions, queries
from safecontext.people.codes import Ethnicity, Sex
from safecontext.people.models import Address, Person, PersonName

router = Router(tags=["people"])

# Ids are positive and fit a 64-bit database integer; a larger number is a 422, not a database overflow (500).
PersonId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The person's id")]


def _text(max_length: int, *, pattern: str = NO_CONTROL_CHARACTERS) -> StringConstraints:
    return StringConstraints(max_length=max_length, pattern=pattern)


def _column_length(model: type[Model], field: str) -> int:
    column = model._meta.get_field(field)
    assert isinstance(column, CharField) and column.max_length is not None
    return column.max_length


# Lengths are the database columns' (people/models.py); the actions check the same and more (people/actions.py).
NamePart = Annotated[str, _text(_column_length(PersonName, "given_name"))]
AddressLine = Annotated[str, _text(_column_length(Address, "line_1"))]
Town = Annotated[str, _text(_column_length(Address, "town"))]
LaChildId = Annotated[str, _text(_column_length(Person, "la_child_id"))]
# Identifiers may be typed as people read them ("943 476 5919", "bn1 1aa"): spaces and hyphens are allowed and
# removed; the check digits are verified by people/identifiers.py (422 when they do not match).
NhsNumber = Annotated[str, _text(20, pattern=r"^[0-9 -]*$")]
Upn = Annotated[str, _text(20, pattern=r"^[A-Za-z0-9 -]*$")]
Postcode = Annotated[str, _text(_column_length(Address, "postcode"), pattern=r"^[A-Za-z0-9 ]*$")]
SearchText = Annotated[str, _text(200)]
# Django's TextChoices are all called "Kind" here (PersonName.Kind, AccessEvent.Kind): as OpenAPI components they
# would collide, so their code lists are written inline.
NameKind = Annotated[PersonName.Kind, WithJsonSchema({"type": "string", "enum": PersonName.Kind.values})]
AccessKind = Annotated[AccessEvent.Kind, WithJsonSchema({"type": "string", "enum": AccessEvent.Kind.values})]
# A person has one legal name, changed by editing the person (PATCH); other names are added here.
OtherNameKind = Literal["alias", "nickname", "previous"]


def _optional(description: str = "") -> Any:
    """A field that may be left out, but not sent as null (null is not one of its values)."""
    return Field(None, description=description, json_schema_extra=_drop_default)


def _drop_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


class _In(Schema):
    # Request bodies refuse unknown fields: a misspelt field is an error, not silently ignored.
    model_config = ConfigDict(extra="forbid")


# --- responses ---------------------------------------------------------------------------------------------------


class NameOut(Schema):
    kind: NameKind
    given_name: str
    family_name: str


class AddressOut(Schema):
    """A restricted address shown to someone without the restricted-addresses permission is only
    `{"restricted": true}` with every other field null: not even the town (a refuge's town can be enough)."""

    restricted: bool
    id: int | None = None
    line_1: str | None = None
    line_2: str | None = None
    town: str | None = None
    postcode: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class PersonOut(Schema):
    id: int
    version: int = Field(description="Send this back with an edit; it goes up by one with every change")
    display_name: str
    names: list[NameOut]
    date_of_birth: dt.date | None
    date_of_birth_estimated: bool
    sex: Sex
    ethnicity: Ethnicity
    la_child_id: str
    nhs_number: str
    upn: str
    addresses: list[AddressOut]


class PersonBriefOut(Schema):
    id: int
    display_name: str
    aliases: list[str]
    date_of_birth: dt.date | None
    date_of_birth_estimated: bool
    sex: Sex


class PersonMatchOut(Schema):
    person: PersonBriefOut
    score: float = Field(ge=0, le=1)
    reasons: list[str] = Field(description="Why this person matched, in words (e.g. 'sounds like the family name')")


class SearchOut(Schema):
    count: int
    results: list[PersonMatchOut]


class ViewerOut(Schema):
    at: dt.datetime
    username: str
    name: str
    role: str
    kind: AccessKind
    via_break_glass: bool


class DifferenceOut(Schema):
    field: str
    label: str
    theirs: str = Field(description="The value saved now, as display text")
    yours: str = Field(description="The value your edit tried to save, as display text")


class ConflictOut(Schema):
    detail: str
    current_version: int
    differences: list[DifferenceOut]


# --- requests ----------------------------------------------------------------------------------------------------


class SearchQuery(_In):
    text: SearchText = Field("", description="Name, alias or identifier; typos and sound-alike spellings match")
    date_of_birth: IsoDate | None = Field(
        None, description="From 1 January 1900 to today; also matches the day and month swapped"
    )
    limit: int = Field(25, ge=1, le=100)


DATE_OF_BIRTH = "Today or earlier, and after 1 January 1900"


class PersonIn(_In):
    given_name: NamePart = Field(description="A given name or a family name is needed")
    family_name: NamePart
    date_of_birth: IsoDate | None = Field(None, description=DATE_OF_BIRTH)
    date_of_birth_estimated: StrictBool = False
    sex: Sex = Sex.NOT_KNOWN
    ethnicity: Ethnicity = Ethnicity.NOBT
    la_child_id: LaChildId = ""
    nhs_number: NhsNumber = Field("", description="10 digits, the last a check digit; spaces are ignored")
    upn: Upn = Field("", description="13 characters, the first a check letter; spaces are ignored")


class PersonChangesIn(_In):
    """Only the fields sent are changed. "" clears a text field; null clears the date of birth."""

    given_name: NamePart = _optional()
    family_name: NamePart = _optional()
    date_of_birth: IsoDate | None = Field(None, description=DATE_OF_BIRTH)
    date_of_birth_estimated: StrictBool = _optional()
    sex: Sex = _optional()
    ethnicity: Ethnicity = _optional()
    la_child_id: LaChildId = _optional()
    nhs_number: NhsNumber = _optional("10 digits, the last a check digit; spaces are ignored")
    upn: Upn = _optional("13 characters, the first a check letter; spaces are ignored")


class PersonUpdateIn(_In):
    version: StrictInt = Field(ge=1, le=2**31 - 1, description="The version you read; if it is stale, 409")
    changes: PersonChangesIn


class NameIn(_In):
    kind: OtherNameKind = "alias"
    given_name: NamePart = Field(description="A given name or a family name is needed")
    family_name: NamePart


class AddressIn(_In):
    line_1: AddressLine = Field(min_length=1)
    line_2: AddressLine = ""
    town: Town = ""
    postcode: Postcode = Field("", description="A UK postcode, like BN1 1AA")
    restricted: StrictBool = Field(False, description="Hide the address from anyone without permission to see it")
    start_date: IsoDate | None = Field(None, description="The date they moved in: today or earlier")


# --- routes ------------------------------------------------------------------------------------------------------

# Every status a route can answer is declared, so the OpenAPI document is a complete contract. 400 is a body that
# is not JSON; 422 is JSON that breaks the rules; 503 is an audit write that failed (so nothing was shown or saved).
LIST: dict[int, Any] = {401: ErrorOut, 422: ValidationErrorOut, 503: ErrorOut}
READ: dict[int, Any] = {**LIST, 404: ErrorOut}
CREATE: dict[int, Any] = {**LIST, 400: ErrorOut, 403: ErrorOut}
WRITE: dict[int, Any] = {**READ, 400: ErrorOut}


def _record_read(
    request: HttpRequest, user: User, person_ids: list[int], *, via_break_glass: frozenset[int] = frozenset()
) -> None:
    """Every person shown through the API is recorded before the response is built (no event, no data)."""
    record_access(
        by=user,
        person_ids=person_ids,
        kind=AccessEvent.Kind.API,
        path=request.get_full_path(),
        break_glass_person_ids=via_break_glass,
    )


def _summary(request: HttpRequest, user: User, person: Person) -> dict[str, Any]:
    # Flag the read as break-glass only when the grant is what let the user see this person.
    in_scope = queries.is_in_scope(user=user, person_id=person.pk)
    _record_read(request, user, [person.pk], via_break_glass=frozenset() if in_scope else frozenset({person.pk}))
    return queries.person_summary(person, user=user)


@router.get("", response={200: SearchOut, **LIST}, url_name="people_search", operation_id="people_search")
def search(request: HttpRequest, params: Query[SearchQuery]) -> dict[str, Any]:
    """Search the people in your scope by name, alias and date of birth. Every result is recorded as seen."""
    _refuse_unknown_parameters(request, SearchQuery)
    _refuse_impossible_date_of_birth(params.date_of_birth)
    user = token_user(request)
    matches = queries.search_people(user=user, text=params.text, date_of_birth=params.date_of_birth, limit=params.limit)
    _record_read(request, user, [match.person.pk for match in matches])
    return {
        "count": len(matches),
        "results": [
            {
                "person": {
                    "id": match.person.pk,
                    "display_name": match.person.display_name,
                    "aliases": [alias.full_name for alias in match.person.aliases],
                    "date_of_birth": match.person.date_of_birth,
                    "date_of_birth_estimated": match.person.date_of_birth_estimated,
                    "sex": match.person.sex,
                },
                "score": match.score,
                "reasons": list(match.reasons),
            }
            for match in matches
        ],
    }


@router.post("", response={201: PersonOut, **CREATE}, url_name="person_create", operation_id="person_create")
def create(request: HttpRequest, payload: PersonIn) -> Status[dict[str, Any]]:
    """Add a person to your service. Needs the create-people permission (403 without it: no record is involved)."""
    user = token_user(request)
    if not has_permission(user, Permission.CREATE_PEOPLE) or user.service is None:
        raise HttpError(403, "You do not have permission to add people.")
    person = actions.create_person(service=user.service, **payload.model_dump(), by=user)
    return Status(201, _summary(request, user, person))


@router.get("/{person_id}", response={200: PersonOut, **READ}, url_name="person_detail", operation_id="person_detail")
def detail(request: HttpRequest, person_id: PersonId) -> dict[str, Any]:
    """One person. 404 when the person does not exist or is not yours to see (the two are indistinguishable)."""
    user = token_user(request)
    person = get_person_for_user(user, person_id)
    return _summary(request, user, person)


@router.patch(
    "/{person_id}",
    response={200: PersonOut, 409: ConflictOut, **WRITE},
    url_name="person_update",
    operation_id="person_update",
)
def update(request: HttpRequest, person_id: PersonId, payload: PersonUpdateIn) -> dict[str, Any]:
    """Change a person. Send the version you read: if someone changed the record since, nothing is saved and the
    409 answer lists each difference (theirs and yours) with the current version."""
    user = token_user(request)
    person = get_person_for_user(user, person_id, write=True)
    try:
        person = actions.update_person(
            person=person,
            changes=payload.changes.model_dump(exclude_unset=True),
            expected_version=payload.version,
            by=user,
        )
    except ValidationError as error:
        raise _under("changes", error) from None
    return _summary(request, user, person)


@router.post(
    "/{person_id}/names", response={201: PersonOut, **WRITE}, url_name="person_add_name", operation_id="person_add_name"
)
def add_name(request: HttpRequest, person_id: PersonId, payload: NameIn) -> Status[dict[str, Any]]:
    """Add an alias, nickname or previous name."""
    user = token_user(request)
    person = get_person_for_user(user, person_id, write=True)
    actions.add_name(person=person, **payload.model_dump(), by=user)
    return Status(201, _summary(request, user, get_person_for_user(user, person_id)))


@router.post(
    "/{person_id}/addresses",
    response={201: PersonOut, **WRITE},
    url_name="person_add_address",
    operation_id="person_add_address",
)
def add_address(request: HttpRequest, person_id: PersonId, payload: AddressIn) -> Status[dict[str, Any]]:
    """Add an address. A restricted address is hidden from anyone without the restricted-addresses permission."""
    user = token_user(request)
    person = get_person_for_user(user, person_id, write=True)
    actions.add_address(person=person, **payload.model_dump(), by=user)
    return Status(201, _summary(request, user, get_person_for_user(user, person_id)))


@router.get(
    "/{person_id}/viewers",
    response={200: list[ViewerOut], **READ},
    url_name="person_viewers",
    operation_id="person_viewers",
)
def viewers(request: HttpRequest, person_id: PersonId) -> list[dict[str, Any]]:
    """Who has viewed this person, newest first. Needs the who-viewed permission; without it the answer is 404,
    as for any record you may not see."""
    user = token_user(request)
    person = get_person_for_user(user, person_id)
    if not has_permission(user, Permission.VIEW_WHO_VIEWED):
        raise Http404("No person found")
    _record_read(request, user, [person.pk])
    events = queries.viewers_of(person_id=person.pk)
    names = queries.viewer_names(events)
    return [
        {
            "at": event.at,
            "username": event.actor_username,
            "name": names.get(event.actor_id or 0, event.actor_username),
            "role": event.actor_role,
            "kind": event.kind,
            "via_break_glass": event.via_break_glass,
        }
        for event in events
    ]


def _refuse_unknown_parameters(request: HttpRequest, schema: type[Schema]) -> None:
    # A misspelt filter ("dob=") must not be dropped silently: the search would quietly be wider than asked for.
    unknown = sorted(set(request.GET) - set(schema.model_fields))
    if unknown:
        raise ValidationError({name: ["This is not a parameter of this search"] for name in unknown})


def _refuse_impossible_date_of_birth(date_of_birth: dt.date | None) -> None:
    # No one on record was born before 1900 or after today (people/actions.py refuses such dates), so a search for
    # one is a typo to point out, not a search to run: the tolerant date matching cannot start from year 1 or 9999.
    if date_of_birth is not None and not actions.EARLIEST_DATE_OF_BIRTH <= date_of_birth <= timezone.localdate():
        raise ValidationError({"date_of_birth": ["Date of birth must be after 1 January 1900 and not in the future"]})


def _under(prefix: str, error: ValidationError) -> ValidationError:
    """The action names fields as the model does; the request nests them under `changes`, so the errors do too."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {
            (field if field == "__all__" else f"{prefix}.{field}"): messages
            for field, messages in error.message_dict.items()
        }
    )
