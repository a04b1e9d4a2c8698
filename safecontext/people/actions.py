"""Every write to a person record. Each action is atomic and writes its AuditEvent in the same transaction, so a
failed audit write (AuditWriteFailed) rolls the change back and fails the request (DESIGN.md, non-negotiables).

Bad input raises django.core.exceptions.ValidationError with a field → messages dict, whichever door it came in by
(page or API): the rules live here once. Edits carry the version they started from; an edit from an older version
raises EditConflict with the difference instead of overwriting a colleague's change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.audit.actions import record_change
from safecontext.core.actions_base import action
from safecontext.core.validation import ValidationErrors
from safecontext.people import identifiers
from safecontext.people.codes import Ethnicity, Sex
from safecontext.people.models import Address, Person, PersonName

if TYPE_CHECKING:
    from safecontext.accounts.models import Service, User

EDITABLE_FIELDS: dict[str, str] = {
    "given_name": "Given name",
    "family_name": "Family name",
    "date_of_birth": "Date of birth",
    "date_of_birth_estimated": "Date of birth is estimated",
    "sex": "Sex",
    "ethnicity": "Ethnicity",
    "la_child_id": "LA child ID",
    "nhs_number": "NHS number",
    "upn": "Unique pupil number",
}
# The legal name lives on PersonName (so aliases and previous names sit beside it); the rest on Person.
NAME_FIELDS = ("given_name", "family_name")
PERSON_FIELDS = tuple(field for field in EDITABLE_FIELDS if field not in NAME_FIELDS)

# The identifier columns' lengths (people/models.py): an LA child ID longer than this cannot be stored.
IDENTIFIER_MAX_LENGTHS = {"la_child_id": 20, "nhs_number": 10, "upn": 13}
EARLIEST_DATE_OF_BIRTH = dt.date(1900, 1, 1)
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class FieldDifference:
    field: str
    label: str
    theirs: str  # the value saved now, as display text
    yours: str  # the value the stale edit tried to save, as display text


class EditConflict(Exception):
    """Someone saved this person after the editor loaded it: their edit must not be silently overwritten."""

    def __init__(self, *, person: Person, current_version: int, differences: list[FieldDifference]) -> None:
        super().__init__(f"person {person.pk} has been changed since it was loaded (now version {current_version})")
        self.person = person
        self.current_version = current_version
        self.differences = differences


def display_value(field: str, value: object) -> str:
    """A saved or attempted value as a person reads it (conflict pages, audit views)."""
    if value is None or value == "":
        return NOT_RECORDED
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if field == "sex" and value in Sex.values:
        return str(Sex(value).label)
    if field == "ethnicity" and value in Ethnicity.values:
        return str(Ethnicity(value).label)
    if field == "nhs_number":
        return identifiers.format_nhs_number(str(value))
    return str(value)


# --- validation -------------------------------------------------------------------------------------------------


def _clean_text(value: object, *, field: str, label: str, max_length: int, errors: ValidationErrors) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(field, f"{label} must be text")
        return ""
    cleaned = " ".join(value.split())
    if any(not ch.isprintable() for ch in cleaned):
        errors.add(field, f"{label} must not include control characters")
    elif len(cleaned) > max_length:
        errors.add(field, f"{label} must be {max_length} characters or fewer")
    return cleaned


def _clean_date(value: object, *, field: str, label: str, errors: ValidationErrors) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        errors.add(field, f"{label} must be a real date")
        return None
    if value > timezone.localdate():
        errors.add(field, f"{label} must be today or in the past")
    elif value < EARLIEST_DATE_OF_BIRTH:
        errors.add(field, f"{label} must be after 1 January 1900")
    return value


def _clean_identifier(value: object, *, field: str, label: str, errors: ValidationErrors) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(field, f"{label} must be text")
        return ""
    cleaner = {
        "nhs_number": identifiers.clean_nhs_number,
        "upn": identifiers.clean_upn,
        "la_child_id": identifiers.clean_la_child_id,
    }[field]
    try:
        cleaned = cleaner(value)
    except identifiers.IdentifierError as error:
        errors.add(field, str(error))
        return ""
    max_length = IDENTIFIER_MAX_LENGTHS[field]
    if len(cleaned) > max_length:
        errors.add(field, f"{label} must be {max_length} characters or fewer")
    return cleaned


def _clean_fields(values: Mapping[str, object], errors: ValidationErrors) -> dict[str, Any]:
    """Check and normalise the editable fields present in `values` (the stored forms: "943 476 5919" → digits)."""
    cleaned: dict[str, Any] = {}
    for field, value in values.items():
        label = EDITABLE_FIELDS[field]
        if field in NAME_FIELDS:
            cleaned[field] = _clean_text(value, field=field, label=label, max_length=100, errors=errors)
        elif field == "date_of_birth":
            cleaned[field] = _clean_date(value, field=field, label=label, errors=errors)
        elif field == "date_of_birth_estimated":
            if not isinstance(value, bool):
                errors.add(field, "Say whether the date of birth is estimated")
            cleaned[field] = bool(value)
        elif field == "sex":
            if value not in Sex.values:
                errors.add(field, "Select the person's sex from the list")
            cleaned[field] = value
        elif field == "ethnicity":
            if value not in Ethnicity.values:
                errors.add(field, "Select the person's ethnicity from the list")
            cleaned[field] = value
        else:
            cleaned[field] = _clean_identifier(value, field=field, label=label, errors=errors)
    return cleaned


def _check_whole_record(values: Mapping[str, Any], errors: ValidationErrors) -> None:
    if not values.get("given_name") and not values.get("family_name"):
        errors.add("given_name", "Enter a given name or a family name")
    if values.get("date_of_birth_estimated") and values.get("date_of_birth") is None:
        errors.add("date_of_birth", "Enter the estimated date of birth, or say it is not estimated")


def clean_person_fields(values: Mapping[str, object]) -> dict[str, Any]:
    """Check a whole new person's fields without saving anything (the create page uses it to look for possible
    existing records before creating). Raises ValidationError with every problem; returns the stored forms."""
    unknown = sorted(set(values) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationError({field: ["This field cannot be set here"] for field in unknown})
    errors = ValidationErrors()
    cleaned = _clean_fields(values, errors)
    _check_whole_record(cleaned, errors)
    errors.raise_if_any()
    return cleaned


# --- actions ----------------------------------------------------------------------------------------------------


@action
def create_person(
    *,
    service: Service,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date | None = None,
    date_of_birth_estimated: bool = False,
    sex: str = Sex.NOT_KNOWN,
    ethnicity: str = Ethnicity.NOBT,
    la_child_id: str = "",
    nhs_number: str = "",
    upn: str = "",
    by: User,
) -> Person:
    values = clean_person_fields(
        {
            "given_name": given_name,
            "family_name": family_name,
            "date_of_birth": date_of_birth,
            "date_of_birth_estimated": date_of_birth_estimated,
            "sex": sex,
            "ethnicity": ethnicity,
            "la_child_id": la_child_id,
            "nhs_number": nhs_number,
            "upn": upn,
        }
    )
    person = Person.objects.create(
        service=service, held_by_team_id=by.team_id, **{field: values[field] for field in PERSON_FIELDS}
    )
    PersonName.objects.create(
        person=person, kind=PersonName.Kind.LEGAL, given_name=values["given_name"], family_name=values["family_name"]
    )
    record_change(by=by, action="person.created", target=person, after={"service_id": service.pk, **values})
    return person


def _saved_values(person: Person, legal: PersonName | None) -> dict[str, Any]:
    values: dict[str, Any] = {field: getattr(person, field) for field in PERSON_FIELDS}
    values["given_name"] = legal.given_name if legal else ""
    values["family_name"] = legal.family_name if legal else ""
    return values


def _lock(person: Person) -> Person:
    """The person's row, locked until the action's transaction ends, so two edits cannot interleave."""
    return Person.objects.select_for_update().get(pk=person.pk)


def _bump_version(locked: Person, original: Person) -> None:
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    original.version = locked.version


@action
def update_person(*, person: Person, changes: dict[str, object], expected_version: int, by: User) -> Person:
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationError({field: ["This field cannot be changed here"] for field in unknown})
    errors = ValidationErrors()
    attempted = _clean_fields(changes, errors)
    errors.raise_if_any()

    current = _lock(person)
    legal = PersonName.objects.filter(person=current, kind=PersonName.Kind.LEGAL).order_by("id").first()
    saved = _saved_values(current, legal)
    _check_whole_record({**saved, **attempted}, errors)
    errors.raise_if_any()

    if current.version != expected_version:
        raise EditConflict(
            person=current,
            current_version=current.version,
            differences=[
                FieldDifference(
                    field=field,
                    label=label,
                    theirs=display_value(field, saved[field]),
                    yours=display_value(field, attempted[field]),
                )
                for field, label in EDITABLE_FIELDS.items()
                if field in attempted and attempted[field] != saved[field]
            ],
        )

    changed = {field: value for field, value in attempted.items() if value != saved[field]}
    if not changed:
        return current  # nothing to save: no new version, no audit event
    for field in PERSON_FIELDS:
        if field in changed:
            setattr(current, field, changed[field])
    if any(field in changed for field in NAME_FIELDS):
        if legal is None:
            legal = PersonName(person=current, kind=PersonName.Kind.LEGAL)
        legal.given_name = attempted.get("given_name", saved["given_name"])
        legal.family_name = attempted.get("family_name", saved["family_name"])
        legal.save()
    current.version += 1
    current.save()
    person.version = current.version
    record_change(
        by=by,
        action="person.updated",
        target=current,
        before={field: saved[field] for field in changed},
        after=changed,
    )
    return current


@action
def add_name(*, person: Person, kind: str, given_name: str, family_name: str, by: User) -> PersonName:
    errors = ValidationErrors()
    if kind not in PersonName.Kind.values:
        errors.add("kind", "Select what kind of name this is")
    elif kind == PersonName.Kind.LEGAL:
        errors.add("kind", "A person has one legal name: change it by editing the person's details")
    given = _clean_text(given_name, field="given_name", label="Given name", max_length=100, errors=errors)
    family = _clean_text(family_name, field="family_name", label="Family name", max_length=100, errors=errors)
    if not given and not family:
        errors.add("given_name", "Enter a given name or a family name")
    errors.raise_if_any()

    current = _lock(person)
    if PersonName.objects.filter(
        person=current, kind=kind, given_name__iexact=given, family_name__iexact=family
    ).exists():
        errors.add("given_name", "This person already has this name")
        errors.raise_if_any()
    name = PersonName.objects.create(person=current, kind=kind, given_name=given, family_name=family)
    _bump_version(current, person)
    record_change(
        by=by,
        action="person.name_added",
        target=current,
        after={"name_id": name.pk, "kind": kind, "given_name": given, "family_name": family},
    )
    return name


@action
def add_address(
    *,
    person: Person,
    line_1: str,
    line_2: str = "",
    town: str = "",
    postcode: str = "",
    restricted: bool = False,
    start_date: dt.date | None = None,
    by: User,
) -> Address:
    errors = ValidationErrors()
    values: dict[str, Any] = {
        "line_1": _clean_text(line_1, field="line_1", label="Address line 1", max_length=200, errors=errors),
        "line_2": _clean_text(line_2, field="line_2", label="Address line 2", max_length=200, errors=errors),
        "town": _clean_text(town, field="town", label="Town or city", max_length=100, errors=errors),
        "postcode": "",
        "restricted": bool(restricted),
        "start_date": _clean_date(start_date, field="start_date", label="Date they moved in", errors=errors),
    }
    if not values["line_1"] and "line_1" not in errors.by_field:
        errors.add("line_1", "Enter address line 1, typically the building and street")
    try:
        values["postcode"] = identifiers.clean_postcode(postcode if isinstance(postcode, str) else "")
    except identifiers.IdentifierError as error:
        errors.add("postcode", str(error))
    if not isinstance(restricted, bool):
        errors.add("restricted", "Say whether the address is restricted")
    errors.raise_if_any()

    current = _lock(person)
    address = Address.objects.create(person=current, **values)
    _bump_version(current, person)
    record_change(by=by, action="person.address_added", target=current, after={"address_id": address.pk, **values})
    return address
