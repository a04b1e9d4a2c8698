"""Writes to the network: nodes on demand, objects of interest matched by their normalised value, and dated links.

A `Node` is an index entry (docs/adr/0012-network-nodes.md): it says nothing beyond "this person, context or object
can be linked", so creating one is not audited on its own — the link that first uses it is. An object of interest
and a link are information someone recorded, and each writes its audit event in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from safecontext.audit.actions import record_change
from safecontext.core.actions_base import action
from safecontext.network.models import Link, LinkRevision, Node, ObjectOfInterest

if TYPE_CHECKING:
    from safecontext.accounts.models import Service, User
    from safecontext.contexts.models import Context
    from safecontext.people.models import Person

OBJECT_VALUE_MAX_LENGTH = 200
PURPOSE_MAX_LENGTH = 200
REASON_MAX_LENGTH = 500
# What a correction may change. The ends (a, b) are not among them: a link recorded between the wrong people is
# ended ("recorded in error") and a new one added, so nobody reads a corrected link as if it always joined the new pair.
CORRECTABLE_FIELDS = ("type", "nature", "reliability", "valid_from", "valid_to", "purpose")


def normalise_object_value(kind: str, value: str) -> str:
    """The form two mentions of the same object share, whatever the spacing or case the referrer used:
    a vehicle registration as upper-case letters and digits ("ab12 cde" → "AB12CDE"), a phone number as digits
    with a UK +44 written as the leading 0 ("+44 7700 900123" → "07700900123"), an online handle in lower case
    without its @ ("@TinyG" → "tinyg")."""
    text = value.strip()
    if kind == ObjectOfInterest.Kind.VEHICLE:
        return re.sub(r"[^A-Za-z0-9]", "", text).upper()
    if kind == ObjectOfInterest.Kind.PHONE:
        digits = re.sub(r"\D", "", text)
        # The same mobile is written "07700 900123", "+44 7700 900123" and "+44 (0)7700 900123": a UK number is
        # 0 and 10 digits, so the country code (and the bracketed 0 some people keep) becomes the leading 0.
        if digits.startswith("440") and len(digits) == 13:
            digits = digits[2:]
        elif digits.startswith("44") and len(digits) == 12:
            digits = "0" + digits[2:]
        return digits
    if kind == ObjectOfInterest.Kind.ONLINE_HANDLE:
        return "".join(text.lower().lstrip("@").split())
    raise ValueError(f"unknown kind of object: {kind!r}")


def clean_object_value(
    kind: str, value: str, *, kind_field: str = "kind", value_field: str = "value"
) -> tuple[str, str]:
    """The value as recorded (whitespace tidied) and its normalised form; ValidationError when nothing is left."""
    if kind not in ObjectOfInterest.Kind.values:
        raise ValidationError({kind_field: ["Choose whether it is a vehicle, a phone number or an online handle"]})
    recorded = " ".join(value.split()) if isinstance(value, str) else ""
    if len(recorded) > OBJECT_VALUE_MAX_LENGTH:
        raise ValidationError({value_field: [f"The value must be {OBJECT_VALUE_MAX_LENGTH} characters or fewer"]})
    if any(not ch.isprintable() for ch in recorded):
        raise ValidationError({value_field: ["The value must not include control characters"]})
    normalised = normalise_object_value(kind, recorded)
    if not normalised:
        label = ObjectOfInterest.Kind(kind).label.lower()
        raise ValidationError({value_field: [f"Enter the {label} as the referrer gave it"]})
    return recorded, normalised


@action
def object_for_value(*, service: Service, kind: str, value: str, by: User) -> tuple[ObjectOfInterest, bool]:
    """The service's record of this vehicle, phone or handle, matched by its normalised value — or a new one.
    Returns (object, created). Matching is automatic because an object has no other identity: "AB12 CDE" written
    by a school and "ab12cde" written by the police are the same car, and seeing that is the point."""
    recorded, normalised = clean_object_value(kind, value)
    found = ObjectOfInterest.objects.filter(service=service, kind=kind, normalised=normalised).first()
    if found is not None:
        return found, False
    created = ObjectOfInterest.objects.create(service=service, kind=kind, value=recorded, normalised=normalised)
    record_change(
        by=by,
        action="object_of_interest.created",
        target=created,
        after={"service_id": service.pk, "kind": kind, "value": recorded, "normalised": normalised},
    )
    return created, True


@action
def node_for_person(*, person: Person) -> Node:
    """The person's node, created the first time they are linked."""
    node, _ = Node.objects.get_or_create(person=person, defaults={"kind": Node.Kind.PERSON})
    return node


@action
def node_for_context(*, context: Context) -> Node:
    node, _ = Node.objects.get_or_create(context=context, defaults={"kind": Node.Kind.CONTEXT})
    return node


@action
def node_for_object(*, obj: ObjectOfInterest) -> Node:
    node, _ = Node.objects.get_or_create(object_of_interest=obj, defaults={"kind": Node.Kind.OBJECT})
    return node


@action
def record_link(
    *,
    a: Node,
    b: Node,
    type: str,
    nature: str = Link.Nature.UNKNOWN,
    reliability: str = Link.Reliability.UNTESTED,
    source_kind: str,
    source_id: int | None,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    purpose: str,
    by: User,
) -> Link:
    """A dated, typed link `a —type→ b` with where it came from, who recorded it and why."""
    errors: dict[str, list[str]] = {}
    if a.pk == b.pk:
        errors.setdefault("b", []).append("A link joins two different people, contexts or objects")
    for field, value, choices in (
        ("type", type, Link.Type),
        ("nature", nature, Link.Nature),
        ("reliability", reliability, Link.Reliability),
        ("source_kind", source_kind, Link.SourceKind),
    ):
        if value not in choices.values:
            errors.setdefault(field, []).append(f"Choose the link's {field.replace('_', ' ')} from the list")
    if valid_to is not None and valid_to < valid_from:
        errors.setdefault("valid_to", []).append("The link cannot end before it starts")
    purpose = " ".join(purpose.split())
    if len(purpose) > PURPOSE_MAX_LENGTH:
        errors.setdefault("purpose", []).append(f"The purpose must be {PURPOSE_MAX_LENGTH} characters or fewer")
    if errors:
        raise ValidationError(errors)
    link = Link.objects.create(
        a=a,
        b=b,
        type=type,
        nature=nature,
        reliability=reliability,
        source_kind=source_kind,
        source_id=source_id,
        valid_from=valid_from,
        valid_to=valid_to,
        purpose=purpose,
        recorded_by=by,
    )
    record_change(
        by=by,
        action="link.recorded",
        target=link,
        after={
            "a": a.pk,
            "b": b.pk,
            "type": type,
            "nature": nature,
            "reliability": reliability,
            "source_kind": source_kind,
            "source_id": source_id,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "purpose": purpose,
        },
    )
    return link


def _link_errors(
    *, type: str, nature: str, reliability: str, valid_from: dt.date, valid_to: dt.date | None, purpose: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field, value, choices in (("type", type, Link.Type), ("nature", nature, Link.Nature)):
        if value not in choices.values:
            errors.setdefault(field, []).append(f"Choose the link's {field} from the list")
    if reliability not in Link.Reliability.values:
        errors.setdefault("reliability", []).append("Choose how reliable the source is from the list")
    if valid_to is not None and valid_to < valid_from:
        errors.setdefault("valid_to", []).append("The link cannot end before it starts")
    if len(purpose) > PURPOSE_MAX_LENGTH:
        errors.setdefault("purpose", []).append(f"The purpose must be {PURPOSE_MAX_LENGTH} characters or fewer")
    if any(not ch.isprintable() for ch in purpose):
        errors.setdefault("purpose", []).append("The purpose must not include control characters")
    return errors


def _clean_reason(reason: str, errors: dict[str, list[str]], *, what: str) -> str:
    cleaned = " ".join(reason.split()) if isinstance(reason, str) else ""
    if not cleaned:
        errors.setdefault("reason", []).append(f"Say why the link is being {what}")
    elif len(cleaned) > REASON_MAX_LENGTH:
        errors.setdefault("reason", []).append(f"The reason must be {REASON_MAX_LENGTH} characters or fewer")
    elif any(not ch.isprintable() for ch in cleaned):
        errors.setdefault("reason", []).append("The reason must not include control characters")
    return cleaned


@dataclass(frozen=True)
class LinkDifference:
    field: str
    label: str
    theirs: str
    yours: str


class LinkEditConflict(Exception):
    """Someone corrected or ended this link after the editor loaded it: their change must not be overwritten."""

    def __init__(self, *, link: Link, differences: list[LinkDifference]) -> None:
        super().__init__(f"link {link.pk} has been changed since it was loaded (now version {link.version})")
        self.link = link
        self.current_version = link.version
        self.differences = differences


FIELD_LABELS = {
    "type": "Type",
    "nature": "Nature",
    "reliability": "Reliability",
    "valid_from": "Valid from",
    "valid_to": "Valid to",
    "purpose": "Purpose",
}


def display_link_value(field: str, value: object) -> str:
    if value is None or value == "":
        return "Not recorded"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    choices = {"type": Link.Type, "nature": Link.Nature, "reliability": Link.Reliability}.get(field)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return str(value)


def _values(link: Link) -> dict[str, Any]:
    return {field: getattr(link, field) for field in CORRECTABLE_FIELDS}


def _locked(link: Link, version: int, attempted: dict[str, Any]) -> Link:
    """The link re-read under a row lock; LinkEditConflict if it moved on since `version` was shown."""
    current = Link.objects.select_for_update().get(pk=link.pk)
    if current.version != version:
        differences = [
            LinkDifference(
                field,
                FIELD_LABELS[field],
                display_link_value(field, getattr(current, field)),
                display_link_value(field, value),
            )
            for field, value in attempted.items()
            if getattr(current, field) != value
        ]
        raise LinkEditConflict(link=current, differences=differences)
    return current


@action
def add_link(
    *,
    a: Node,
    b: Node,
    type: str,
    nature: str,
    reliability: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    purpose: str,
    source_kind: str = Link.SourceKind.DIRECT,
    source_id: int | None = None,
    by: User,
) -> Link:
    """A link added by a practitioner from a network page (the caller has checked both ends are theirs to see and
    that they hold EDIT_NETWORK). The same checks and audit as any recorded link."""
    return record_link(
        a=a,
        b=b,
        type=type,
        nature=nature,
        reliability=reliability,
        source_kind=source_kind,
        source_id=source_id,
        valid_from=valid_from,
        valid_to=valid_to,
        purpose=purpose,
        by=by,
    )


@action
def correct_link(
    *,
    link: Link,
    version: int,
    type: str,
    nature: str,
    reliability: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    purpose: str,
    reason: str,
    by: User,
) -> Link:
    """Correct what a link says. The earlier values are kept as a `LinkRevision` (and in the audit event); the link
    keeps its id and goes up a version. Raises ValidationError for bad values, LinkEditConflict for a stale form."""
    purpose = " ".join(purpose.split()) if isinstance(purpose, str) else ""
    errors = _link_errors(
        type=type, nature=nature, reliability=reliability, valid_from=valid_from, valid_to=valid_to, purpose=purpose
    )
    reason = _clean_reason(reason, errors, what="corrected")
    attempted = {
        "type": type,
        "nature": nature,
        "reliability": reliability,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "purpose": purpose,
    }
    if errors:
        raise ValidationError(errors)
    current = _locked(link, version, attempted)
    before = _values(current)
    if before == attempted:
        raise ValidationError({"__all__": ["Nothing has changed: change at least one detail to correct the link"]})
    LinkRevision.objects.create(
        link=current,
        change=LinkRevision.Change.CORRECTED,
        version=current.version,
        before=_jsonable(before),
        after=_jsonable(attempted),
        reason=reason,
        by=by,
    )
    for field, value in attempted.items():
        setattr(current, field, value)
    current.version += 1
    current.save(update_fields=[*CORRECTABLE_FIELDS, "version"])
    record_change(by=by, action="link.corrected", target=current, before=before, after=attempted, reason=reason)
    return current


@action
def end_link(*, link: Link, version: int, valid_to: dt.date, reason: str, by: User) -> Link:
    """End a link on `valid_to` (the last day it held). An ended link stays in the record and on maps filtered to a
    date it was valid on. Raises ValidationError / LinkEditConflict as `correct_link` does."""
    errors: dict[str, list[str]] = {}
    reason = _clean_reason(reason, errors, what="ended")
    current = _locked(link, version, {"valid_to": valid_to})
    if current.valid_to is not None:
        errors.setdefault("valid_to", []).append("This link has already ended: correct it to change its end date")
    elif valid_to < current.valid_from:
        errors.setdefault("valid_to", []).append("The link cannot end before it starts")
    if errors:
        raise ValidationError(errors)
    before = _values(current)
    LinkRevision.objects.create(
        link=current,
        change=LinkRevision.Change.ENDED,
        version=current.version,
        before=_jsonable(before),
        after=_jsonable({"valid_to": valid_to}),
        reason=reason,
        by=by,
    )
    current.valid_to = valid_to
    current.version += 1
    current.save(update_fields=["valid_to", "version"])
    record_change(
        by=by,
        action="link.ended",
        target=current,
        before={"valid_to": None},
        after={"valid_to": valid_to},
        reason=reason,
    )
    return current


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in values.items()}
