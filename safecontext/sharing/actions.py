"""Writes for sharing: every change goes through an @action here and is audited.

A sharing record is written once (`record_sharing`): it is the record of a decision, so it is not edited afterwards.
The one later change is recording that the young person or family has now been told (`record_told`), which is what
brings a share onto the young person's "who knows what about me" list (rules.who_knows_what_lines).
Outbound documents are authorised in `outbound.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.audit.actions import record_change
from safecontext.core.actions_base import action
from safecontext.core.validation import ValidationErrors
from safecontext.people.models import Person
from safecontext.sharing import rules
from safecontext.sharing.models import SharingRecord, SharingSubject

if TYPE_CHECKING:
    from safecontext.accounts.models import User

TEXT_FIELDS = {
    "items_detail": 2000,
    "agency": 200,
    "recipient_person": 200,
    "purpose_detail": 2000,
    "consent_reason": 2000,
    "not_told_reason": 2000,
    "decision_maker": 200,
    "reason_not_shared": 2000,
}
AUDITED_FIELDS = (
    "decision",
    "items",
    "agency",
    "recipient_person",
    "purpose",
    "lawful_basis",
    "consent",
    "young_person_told",
    "family_told",
    "decision_maker",
    "decided_on",
)


def _enum[E: Enum](enum: type[E], value: object, field: str, errors: ValidationErrors) -> E | None:
    if value in (None, ""):
        return None
    try:
        return enum(value)
    except ValueError:
        errors.add(field, "Choose one of the options")
        return None


def _text(value: object, field: str, errors: ValidationErrors) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(field, "Enter text")
        return ""
    text = value.strip()
    if len(text) > TEXT_FIELDS[field]:
        errors.add(field, f"Use {TEXT_FIELDS[field]} characters or fewer")
    return text


def _bool(value: object) -> bool | None:
    if isinstance(value, bool) or value is None:
        return value
    return {"yes": True, "true": True, "no": False, "false": False}.get(str(value).lower())


def clean_sharing_values(values: Mapping[str, Any], *, subject_ids: Sequence[int]) -> rules.SharingRecord:
    """Turn form or API input into the rules' record, raising ValidationError (field → messages) with every
    problem at once."""
    errors = ValidationErrors()
    raw_items = values.get("items") or []
    if isinstance(raw_items, str):
        raw_items = [raw_items]
    items: list[rules.ItemKind] = []
    for raw in raw_items:
        item = _enum(rules.ItemKind, raw, "items", errors)
        if item is not None and item not in items:
            items.append(item)
    decided_on = values.get("decided_on")
    if isinstance(decided_on, dt.datetime) or not isinstance(decided_on, dt.date):
        errors.add("decided_on", "Enter the date of the decision")
        decided_on = timezone.localdate()
    record = rules.SharingRecord(
        subject_ids=tuple(subject_ids),
        decision=_enum(rules.Decision, values.get("decision"), "decision", errors) or rules.Decision.SHARED,
        items=tuple(items),
        agency=_text(values.get("agency"), "agency", errors),
        recipient_person=_text(values.get("recipient_person"), "recipient_person", errors),
        purpose=_enum(rules.Purpose, values.get("purpose"), "purpose", errors),
        lawful_basis=_enum(rules.LawfulBasis, values.get("lawful_basis"), "lawful_basis", errors),
        consent=_enum(rules.ConsentStatus, values.get("consent"), "consent", errors),
        young_person_told=_bool(values.get("young_person_told")),
        family_told=_bool(values.get("family_told")),
        decision_maker=_text(values.get("decision_maker"), "decision_maker", errors),
        decided_on=decided_on,
        items_detail=_text(values.get("items_detail"), "items_detail", errors),
        purpose_detail=_text(values.get("purpose_detail"), "purpose_detail", errors),
        consent_reason=_text(values.get("consent_reason"), "consent_reason", errors),
        not_told_reason=_text(values.get("not_told_reason"), "not_told_reason", errors),
        reason_not_shared=_text(values.get("reason_not_shared"), "reason_not_shared", errors),
    )
    already = set(errors.by_field)
    for problem in rules.validate_sharing_record(record, today=timezone.localdate()):
        if problem.severity is rules.Severity.ERROR and problem.field not in already:
            errors.add(problem.field, problem.message)
    errors.raise_if_any()
    return record


@action
def record_sharing(*, by: User, subjects: Sequence[Person], values: Mapping[str, Any]) -> SharingRecord:
    """Record a share, or a decision not to share, about `subjects` (people the caller has already checked the user
    may see). Raises ValidationError listing every problem."""
    if not subjects:
        raise ValidationError({"subject_ids": ["Say which young person or people the information is about"]})
    clean = clean_sharing_values(values, subject_ids=[person.pk for person in subjects])
    shared = clean.decision is rules.Decision.SHARED
    assert clean.purpose is not None and clean.lawful_basis is not None and clean.consent is not None
    assert clean.young_person_told is not None and clean.family_told is not None
    record = SharingRecord.objects.create(
        service=subjects[0].service,
        team=by.team,
        decision=clean.decision.value,
        items=[item.value for item in clean.items],
        items_detail=clean.items_detail,
        agency=clean.agency,
        recipient_person=clean.recipient_person,
        purpose=clean.purpose.value,
        purpose_detail=clean.purpose_detail,
        lawful_basis=clean.lawful_basis.value,
        consent=clean.consent.value,
        consent_reason=clean.consent_reason,
        young_person_told=clean.young_person_told,
        family_told=clean.family_told,
        not_told_reason=clean.not_told_reason,
        decision_maker=clean.decision_maker,
        decided_on=clean.decided_on,
        reason_not_shared="" if shared else clean.reason_not_shared,
        recorded_by=by,
    )
    SharingSubject.objects.bulk_create(SharingSubject(sharing_record=record, person=person) for person in subjects)
    record_change(
        by=by,
        action="sharing.recorded" if shared else "sharing.decided_not_to_share",
        target=record,
        after={**{field: getattr(record, field) for field in AUDITED_FIELDS}, "subject_ids": list(clean.subject_ids)},
    )
    return record


@action
def record_told(*, by: User, record: SharingRecord, young_person_told: bool, family_told: bool) -> SharingRecord:
    """Record that the young person and/or family have now been told about a share. Telling cannot be undone."""
    locked = SharingRecord.objects.select_for_update().get(pk=record.pk)
    before = {"young_person_told": locked.young_person_told, "family_told": locked.family_told}
    locked.young_person_told = locked.young_person_told or young_person_told
    locked.family_told = locked.family_told or family_told
    after = {"young_person_told": locked.young_person_told, "family_told": locked.family_told}
    if after == before:
        return locked
    locked.save(update_fields=["young_person_told", "family_told"])
    record_change(by=by, action="sharing.told", target=locked, before=before, after=after)
    return locked
