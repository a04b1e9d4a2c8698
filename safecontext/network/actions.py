"""Writes to the network: nodes on demand, objects of interest matched by their normalised value, and dated links.

A `Node` is an index entry (docs/adr/0012-network-nodes.md): it says nothing beyond "this person, context or object
can be linked", so creating one is not audited on its own — the link that first uses it is. An object of interest
and a link are information someone recorded, and each writes its audit event in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from safecontext.audit.actions import record_change
from safecontext.core.actions_base import action
from safecontext.network.models import Link, Node, ObjectOfInterest

if TYPE_CHECKING:
    from safecontext.accounts.models import Service, User
    from safecontext.contexts.models import Context
    from safecontext.people.models import Person

OBJECT_VALUE_MAX_LENGTH = 200
PURPOSE_MAX_LENGTH = 200


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
