"""Checking a referral before anything is written: the inputs the intake action takes, and every rule they must meet.

Every problem is collected and raised together as one ValidationError (field → messages), so a form shows them all
at once. Field names are the action's arguments; a mention's or a new child's fields are numbered
("mentions.2.as_written", "new_children.0.given_name") so the page can put each message beside its row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.access.scope import contexts_visible_to, people_in_scope
from safecontext.contexts.actions import clean_context_fields
from safecontext.contexts.models import Context
from safecontext.core.validation import ValidationErrors
from safecontext.front_door import timescales
from safecontext.front_door.codes import LawfulBasis, ReferralSource
from safecontext.front_door.models import Mention, Referral
from safecontext.network.actions import clean_object_value
from safecontext.network.models import Link, ObjectOfInterest
from safecontext.people.actions import clean_person_fields
from safecontext.people.models import Person

if TYPE_CHECKING:
    from safecontext.accounts.models import Service, User

# A referral can be recorded a little after it arrived (a phone call written up later), but one dated more than a
# year ago is a historical record or a typing slip ("2015" for "2025"), not a referral awaiting a decision.
OLDEST_RECEIVED = dt.timedelta(days=365)
# Clocks differ by a little between the referrer, the practitioner's computer and the server.
CLOCK_TOLERANCE = dt.timedelta(minutes=5)
CONCERNS_MAX_LENGTH = 20_000
NOTES_MAX_LENGTH = 5_000
TEXT_MAX_LENGTH = 200
SUBMISSION_TOKEN_MAX_LENGTH = 64
PURPOSE = "front door referral"
NO_SUBJECT = "Choose the child or children, or the context, this referral is about"

PERSON_ROLES = frozenset({Mention.Role.PEER, Mention.Role.ADULT_OF_CONCERN})
# For these link types the mentioned person is the one doing it: "adult —exploits→ child",
# "aunt —protective adult of→ child", "mother —parent or carer of→ child".
MENTIONED_PERSON_FIRST = frozenset({Link.Type.EXPLOITS, Link.Type.PROTECTIVE_ADULT, Link.Type.PARENT})


@dataclass(frozen=True)
class NewPerson:
    """A child to create with the referral (the practitioner chose "none of these — create a new record")."""

    given_name: str
    family_name: str
    date_of_birth: dt.date | None = None


@dataclass(frozen=True)
class NewContext:
    """A context to match by name or create: the subject of a referral about a context."""

    kind: str  # Context.Kind
    name: str


@dataclass(frozen=True)
class MentionInput:
    """One thing the referrer named. `as_written` is kept exactly as they put it. Give an existing record's id, or
    the fields of a new one; the new-record fields default to `as_written` (a person's name is split at its last
    space: "Jay Smith" → Jay / Smith; a single word is a given name)."""

    role: str  # Mention.Role
    as_written: str
    link_type: str = ""  # Link.Type; blank: the usual link for what it is (default_link_type)
    nature: str = Link.Nature.UNKNOWN
    existing_person_id: int | None = None
    existing_context_id: int | None = None
    existing_object_id: int | None = None
    given_name: str = ""
    family_name: str = ""
    date_of_birth: dt.date | None = None
    context_kind: str = ""  # Context.Kind, for a context
    context_name: str = ""
    object_kind: str = ""  # ObjectOfInterest.Kind, for an object
    object_value: str = ""


def default_link_type(*, role: str, kind: str = "", subject_context_kind: str | None = None) -> str:
    """The link a mention makes when the practitioner does not choose one. `kind` is the mentioned context's kind;
    `subject_context_kind` is set when the referral is about a context rather than children."""
    if role in PERSON_ROLES:
        if subject_context_kind == Context.Kind.PEER_GROUP:
            return Link.Type.MEMBER_OF
        if subject_context_kind == Context.Kind.SCHOOL and role == Mention.Role.PEER:
            return Link.Type.ATTENDS
        if subject_context_kind is not None:
            return Link.Type.FREQUENTS
        return Link.Type.ASSOCIATES
    if role == Mention.Role.CONTEXT and subject_context_kind is None:
        by_kind: dict[str, str] = {
            Context.Kind.PEER_GROUP: Link.Type.MEMBER_OF,
            Context.Kind.SCHOOL: Link.Type.ATTENDS,
        }
        return by_kind.get(kind, Link.Type.FREQUENTS)
    return Link.Type.MENTIONED_WITH


# --- validation -------------------------------------------------------------------------------------------------


def clean_text(
    value: object,
    *,
    field: str,
    label: str,
    errors: ValidationErrors,
    max_length: int,
    required: bool,
    multiline: bool = False,
) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.add(field, f"{label} must be text")
        return ""
    if multiline:
        cleaned = "\n".join(line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        cleaned = cleaned.strip()
        allowed = {"\n", "\t"}
    else:
        cleaned = " ".join(value.split())
        allowed = set()
    if required and not cleaned:
        errors.add(field, f"Enter {label[0].lower()}{label[1:]}")
    elif any(not ch.isprintable() and ch not in allowed for ch in cleaned):
        errors.add(field, f"{label} must not include control characters")
    elif len(cleaned) > max_length:
        errors.add(field, f"{label} must be {max_length:,} characters or fewer")
    return cleaned


def check_received_at(received_at: object, errors: ValidationErrors) -> dt.datetime | None:
    if not isinstance(received_at, dt.datetime) or timezone.is_naive(received_at):
        errors.add("received_at", "Enter the date and time the referral was received")
        return None
    now = timezone.now()
    if received_at > now + CLOCK_TOLERANCE:
        errors.add("received_at", "The date and time the referral was received must be now or in the past")
        return None
    if received_at < now - OLDEST_RECEIVED:
        errors.add("received_at", "The referral must have been received in the last 12 months")
        return None
    return received_at


def split_name(as_written: str) -> tuple[str, str]:
    words = as_written.split()
    if len(words) < 2:
        return as_written, ""
    return " ".join(words[:-1]), words[-1]


@dataclass
class ResolvedMention:
    """A mention checked and ready to write: exactly one of the existing record or the new-record fields."""

    mention: MentionInput
    as_written: str
    link_type: str
    person: Person | None = None
    new_person: dict[str, Any] | None = None
    context: Context | None = None
    new_context: tuple[str, str] | None = None
    obj: ObjectOfInterest | None = None
    new_object: tuple[str, str] | None = None


def resolve_mention(
    index: int,
    mention: MentionInput,
    *,
    service: Service,
    by: User,
    child_ids: set[int],
    subject_context: Context | None,
    subject_context_kind: str | None,
    errors: ValidationErrors,
) -> ResolvedMention | None:
    prefix = f"mentions.{index}."
    before = len(errors.by_field)
    if mention.role not in Mention.Role.values:
        errors.add(f"{prefix}role", "Choose what was mentioned: a peer, an adult of concern, a context or an object")
        return None
    as_written = clean_text(
        mention.as_written,
        field=f"{prefix}as_written",
        label="What the referrer wrote",
        errors=errors,
        max_length=TEXT_MAX_LENGTH,
        required=True,
    )
    if mention.link_type and mention.link_type not in Link.Type.values:
        errors.add(f"{prefix}link_type", "Choose how they are linked from the list")
    if mention.nature not in Link.Nature.values:
        errors.add(f"{prefix}nature", "Choose whether the link is protective, harmful or not known")
    given_ids = [
        field
        for field, value in (
            ("existing_person_id", mention.existing_person_id),
            ("existing_context_id", mention.existing_context_id),
            ("existing_object_id", mention.existing_object_id),
        )
        if value is not None
    ]
    resolved = ResolvedMention(mention=mention, as_written=as_written, link_type=mention.link_type)
    wanted = {
        Mention.Role.PEER: "existing_person_id",
        Mention.Role.ADULT_OF_CONCERN: "existing_person_id",
        Mention.Role.CONTEXT: "existing_context_id",
        Mention.Role.OBJECT: "existing_object_id",
    }[Mention.Role(mention.role)]
    for field in given_ids:
        if field != wanted:
            errors.add(f"{prefix}{field}", "This kind of record cannot be matched to what was mentioned")

    if mention.role in PERSON_ROLES:
        if mention.existing_person_id is not None:
            person = (
                people_in_scope(by).filter(service=service, pk=mention.existing_person_id).first()
                if isinstance(mention.existing_person_id, int)
                else None
            )
            if person is None:
                errors.add(f"{prefix}existing_person_id", "The person chosen was not found")
            elif person.pk in child_ids:
                errors.add(f"{prefix}existing_person_id", "This is a child the referral is about")
            resolved.person = person
        elif as_written:
            given, family = mention.given_name, mention.family_name
            if not given and not family:
                given, family = split_name(as_written)
            try:
                resolved.new_person = clean_person_fields(
                    {"given_name": given, "family_name": family, "date_of_birth": mention.date_of_birth}
                )
            except ValidationError as error:
                errors.take(error, prefix=prefix)
        kind = ""
    elif mention.role == Mention.Role.CONTEXT:
        if mention.existing_context_id is not None:
            context = (
                contexts_visible_to(by).filter(service=service, pk=mention.existing_context_id).first()
                if isinstance(mention.existing_context_id, int)
                else None
            )
            if context is None:
                errors.add(f"{prefix}existing_context_id", "The context chosen was not found")
            elif subject_context is not None and context.pk == subject_context.pk:
                errors.add(f"{prefix}existing_context_id", "This is the context the referral is about")
            resolved.context = context
            kind = context.kind if context else ""
        else:
            try:
                resolved.new_context = clean_context_fields(
                    kind=mention.context_kind, name=mention.context_name or as_written, field_prefix="context_"
                )
            except ValidationError as error:
                errors.take(error, prefix=prefix)
            kind = mention.context_kind
    else:
        if mention.existing_object_id is not None:
            obj = (
                ObjectOfInterest.objects.filter(service=service, pk=mention.existing_object_id).first()
                if isinstance(mention.existing_object_id, int)
                else None
            )
            if obj is None:
                errors.add(f"{prefix}existing_object_id", "The vehicle, phone or handle chosen was not found")
            resolved.obj = obj
        else:
            try:
                resolved.new_object = (
                    mention.object_kind,
                    clean_object_value(
                        mention.object_kind,
                        mention.object_value or as_written,
                        kind_field="object_kind",
                        value_field="object_value",
                    )[0],
                )
            except ValidationError as error:
                errors.take(error, prefix=prefix)
        kind = mention.object_kind
    if not resolved.link_type:
        resolved.link_type = default_link_type(role=mention.role, kind=kind, subject_context_kind=subject_context_kind)
    return resolved if len(errors.by_field) == before else None


@dataclass
class CheckedReferral:
    """A referral's values after every check: what the action writes."""

    received_at: dt.datetime
    decision_due_at: dt.datetime
    referrer: dict[str, str]
    concerns: str
    consent_notes: str
    children: list[Person]
    new_children: list[dict[str, Any]]
    subject_context: Context | None
    new_subject_context: tuple[str, str] | None
    mentions: list[ResolvedMention]


def check_referral(
    *,
    service: Service,
    received_at: object,
    source: str,
    referrer_name: str,
    referrer_agency: str,
    referrer_contact: str,
    about: str,
    children: Sequence[Person],
    new_children: Sequence[NewPerson],
    subject_context: Context | None,
    new_subject_context: NewContext | None,
    concerns: str,
    lawful_basis: str,
    consent_notes: str,
    restricted: object,
    mentions: Sequence[MentionInput],
    submission_token: str,
    by: User,
) -> CheckedReferral:
    """Every rule a referral must meet, checked without writing anything; ValidationError with every problem."""
    errors = ValidationErrors()
    if len(submission_token) > SUBMISSION_TOKEN_MAX_LENGTH or any(not ch.isprintable() for ch in submission_token):
        errors.add("submission_token", "The form's submission token is not valid. Reload the page")
    received = check_received_at(received_at, errors)
    decision_due_at = None
    if received is not None:
        try:
            decision_due_at = timescales.decision_due(received)
        except timescales.OutsideCalendarError as error:
            errors.add("received_at", str(error))
    if source not in ReferralSource.values:
        errors.add("source", "Choose the source of the referral from the list")
    if lawful_basis not in LawfulBasis.values:
        errors.add("lawful_basis", "Choose the lawful basis for recording this referral")
    if about not in Referral.About.values:
        errors.add("about", "Choose whether the referral is about children or a context")
    if not isinstance(restricted, bool):
        errors.add("restricted", "Say whether the referral holds restricted police information")
    referrer = {
        field: clean_text(
            value,
            field=field,
            label=label,
            errors=errors,
            max_length=TEXT_MAX_LENGTH,
            required=field == "referrer_name",
        )
        for field, value, label in (
            ("referrer_name", referrer_name, "The referrer's name"),
            ("referrer_agency", referrer_agency, "The referrer's agency"),
            ("referrer_contact", referrer_contact, "The referrer's contact details"),
        )
    }
    concerns = clean_text(
        concerns,
        field="concerns",
        label="The concerns, in the referrer's words",
        errors=errors,
        max_length=CONCERNS_MAX_LENGTH,
        required=True,
        multiline=True,
    )
    consent_notes = clean_text(
        consent_notes,
        field="consent_notes",
        label="Consent notes",
        errors=errors,
        max_length=NOTES_MAX_LENGTH,
        required=False,
        multiline=True,
    )

    # The subject: children, or a context — never both, never neither.
    unique_children = list({child.pk: child for child in children}.values())
    new_child_values: list[dict[str, Any]] = []
    subject_context_kind: str | None = None
    new_context_values: tuple[str, str] | None = None
    if about == Referral.About.CHILDREN:
        if subject_context is not None or new_subject_context is not None:
            errors.add("subject_context", "A referral about children has no context as its subject")
        if not unique_children and not new_children:
            errors.add("children", NO_SUBJECT)
        in_scope = set(
            people_in_scope(by)
            .filter(service=service, pk__in=[child.pk for child in unique_children])
            .values_list("pk", flat=True)
        )
        if any(child.pk not in in_scope for child in unique_children):
            errors.add("children", "A child chosen was not found")
        for index, new_child in enumerate(new_children):
            try:
                new_child_values.append(
                    clean_person_fields(
                        {
                            "given_name": new_child.given_name,
                            "family_name": new_child.family_name,
                            "date_of_birth": new_child.date_of_birth,
                        }
                    )
                )
            except ValidationError as error:
                errors.take(error, prefix=f"new_children.{index}.")
    elif about == Referral.About.CONTEXT:
        if unique_children or new_children:
            errors.add("children", "A referral about a context has no children as its subject")
        if subject_context is not None and new_subject_context is not None:
            errors.add("subject_context", "Choose an existing context or name a new one, not both")
        elif subject_context is not None:
            if not contexts_visible_to(by).filter(service=service, pk=subject_context.pk).exists():
                errors.add("subject_context", "The context chosen was not found")
            subject_context_kind = subject_context.kind
        elif new_subject_context is not None:
            try:
                new_context_values = clean_context_fields(
                    kind=new_subject_context.kind, name=new_subject_context.name, field_prefix="new_subject_context."
                )
                subject_context_kind = new_context_values[0]
            except ValidationError as error:
                errors.take(error)
        else:
            errors.add("subject_context", NO_SUBJECT)

    child_ids = {child.pk for child in unique_children}
    resolved = [
        resolve_mention(
            index,
            mention,
            service=service,
            by=by,
            child_ids=child_ids,
            subject_context=subject_context,
            subject_context_kind=subject_context_kind,
            errors=errors,
        )
        for index, mention in enumerate(mentions)
    ]
    errors.raise_if_any()
    assert received is not None and decision_due_at is not None  # checked above: errors would have been raised

    errors.raise_if_any()
    assert received is not None and decision_due_at is not None  # or errors would have been raised
    return CheckedReferral(
        received_at=received,
        decision_due_at=decision_due_at,
        referrer=referrer,
        concerns=concerns,
        consent_notes=consent_notes,
        children=unique_children,
        new_children=new_child_values,
        subject_context=subject_context if about == Referral.About.CONTEXT else None,
        new_subject_context=new_context_values,
        mentions=[item for item in resolved if item is not None],
    )
