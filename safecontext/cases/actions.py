"""Writes for cases: every change goes through an @action here and is audited in the same transaction.

Bad input raises ValidationError (field → messages), whichever door it came in by. Edits carry the version they were
loaded from; a stale edit of a note raises NoteEditConflict with the differences instead of overwriting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.access.scope import people_in_scope
from safecontext.audit.actions import record_change
from safecontext.cases import closure_reasons
from safecontext.cases.models import (
    Allocation,
    Case,
    CaseInvolvement,
    CaseNote,
    CaseNoteVersion,
    Relationship,
    StageChange,
    SuggestedLink,
)
from safecontext.cases.rules.relationship_stages import Stage, check_transition
from safecontext.cases.rules.visit_cadence import CaseLevel
from safecontext.core.actions_base import action
from safecontext.core.validation import ValidationErrors
from safecontext.people.actions import FieldDifference

if TYPE_CHECKING:
    from safecontext.accounts.models import Team, User
    from safecontext.front_door.models import Referral
    from safecontext.network.models import Link
    from safecontext.people.models import Person

REASON_MAX_LENGTH = 2000
NOTE_TEXT_MAX_LENGTH = 20000


class NoteEditConflict(Exception):
    """Someone saved the note after this editor loaded it: their edit must not be silently overwritten."""

    def __init__(self, *, note: CaseNote, current_version: int, differences: list[FieldDifference]) -> None:
        super().__init__(f"case note {note.pk} has been changed since it was loaded (now version {current_version})")
        self.note = note
        self.current_version = current_version
        self.differences = differences


def _text(
    value: object,
    *,
    field: str,
    label: str,
    errors: ValidationErrors,
    required: bool = False,
    max_length: int = REASON_MAX_LENGTH,
) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        errors.add(field, f"Enter {label}")
    elif len(text) > max_length:
        errors.add(field, f"{label[0].upper()}{label[1:]} must be {max_length} characters or fewer")
    return text


def _stale(case: Case, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != case.version:
        raise ValidationError(
            "Someone changed this case after you opened the page. Nothing was saved: reload the page and try again"
        )


# --- opening, allocation, level and closure ---------------------------------------------------------------------


@action
def open_case(
    *,
    subject: Person,
    team: Team,
    level: str,
    opened_on: dt.date,
    worker: User | None = None,
    referral: Referral | None = None,
    reason: str = "",
    by: User,
) -> Case:
    """Open a case for a child: from a screened referral about them, or directly by a manager."""
    errors = ValidationErrors()
    if level not in CaseLevel:
        errors.add("level", "Choose the level of the case")
    if referral is not None:
        if referral.status != referral.Status.SCREENED:
            errors.add("referral", "A case is opened from a referral once it has been screened")
        elif not referral.children.filter(pk=subject.pk).exists():
            errors.add("referral", "The referral is not about this child")
    if team.service_id != subject.service_id:
        errors.add("team", "Choose a team in the child's service")
    if worker is not None and worker.team_id != team.pk:
        errors.add("worker", "Choose a worker in the team that holds the case")
    if opened_on > timezone.localdate():
        errors.add("opened_on", "The case cannot open in the future")
    if Case.objects.filter(subject=subject, status=Case.Status.OPEN).exists():
        errors.add("subject", "This child already has an open case")
    reason = _text(reason, field="reason", label="the reason", errors=errors, required=worker is not None)
    errors.raise_if_any()
    case = Case.objects.create(
        subject=subject, team=team, level=level, opened_on=opened_on, referral=referral, allocated_worker=worker
    )
    CaseInvolvement.objects.create(case=case, person=subject, relationship=CaseInvolvement.Relationship.SUBJECT)
    if worker is not None:
        Allocation.objects.create(
            case=case, worker=worker, team=team, from_date=opened_on, reason=reason, recorded_by=by
        )
        _start_relationship(case=case, worker=worker, person=subject, on=opened_on, by=by)
    record_change(
        by=by,
        action="case.opened",
        target=case,
        after={
            "subject_id": subject.pk,
            "team_id": team.pk,
            "level": level,
            "opened_on": opened_on,
            "worker_id": worker.pk if worker else None,
            "referral_id": referral.pk if referral else None,
        },
        reason=reason,
    )
    return case


@action
def allocate_case(
    *, case: Case, worker: User, on: dt.date, reason: str, expected_version: int | None, by: User
) -> Allocation:
    """Allocate or reallocate the case to `worker` from `on`, with a reason (every change keeps its reason).
    The previous allocation ends that day; the new worker's relationship with the young person starts at stage 1."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    _stale(current, expected_version)
    errors = ValidationErrors()
    reason = _text(reason, field="reason", label="the reason for the change", errors=errors, required=True)
    if current.status != Case.Status.OPEN:
        errors.add("__all__", "The case is closed")
    if worker.team is None or worker.team.service_id != current.team.service_id:
        errors.add("worker", "Choose a worker in this service")
    if current.allocated_worker_id == worker.pk:
        errors.add("worker", "The case is already allocated to this worker")
    previous = current.allocations.filter(to_date__isnull=True).order_by("-from_date").first()
    if on < current.opened_on or (previous is not None and on < previous.from_date):
        errors.add("on", "The allocation cannot start before the case opened or before the current allocation")
    if on > timezone.localdate():
        errors.add("on", "The allocation cannot start in the future")
    errors.raise_if_any()
    assert worker.team is not None
    before = {"worker_id": current.allocated_worker_id, "team_id": current.team_id}
    if previous is not None:
        previous.to_date = on
        previous.save(update_fields=["to_date"])
    allocation = Allocation.objects.create(
        case=current, worker=worker, team=worker.team, from_date=on, reason=reason, recorded_by=by
    )
    current.allocated_worker = worker
    current.team = worker.team
    current.version += 1
    current.save(update_fields=["allocated_worker", "team", "version"])
    if not current.relationships.filter(worker=worker, person_id=current.subject_id, ended_on__isnull=True).exists():
        _start_relationship(case=current, worker=worker, person=current.subject, on=on, by=by)
    record_change(
        by=by,
        action="case.allocated",
        target=current,
        before=before,
        after={"worker_id": worker.pk, "team_id": worker.team_id, "from_date": on},
        reason=reason,
    )
    case.version, case.allocated_worker, case.team = current.version, worker, worker.team
    return allocation


@action
def change_level(*, case: Case, level: str, reason: str, expected_version: int | None, by: User) -> Case:
    current = Case.objects.select_for_update().get(pk=case.pk)
    _stale(current, expected_version)
    errors = ValidationErrors()
    if level not in CaseLevel:
        errors.add("level", "Choose the level of the case")
    elif level == current.level:
        errors.add("level", "The case is already at this level")
    reason = _text(reason, field="reason", label="the reason for the change", errors=errors, required=True)
    errors.raise_if_any()
    before = current.level
    current.level = level
    current.version += 1
    current.save(update_fields=["level", "version"])
    record_change(
        by=by,
        action="case.level_changed",
        target=current,
        before={"level": before},
        after={"level": level},
        reason=reason,
    )
    case.level, case.version = level, current.version
    return current


@action
def close_case(*, case: Case, reason_code: str, on: dt.date, expected_version: int | None, by: User) -> Case:
    """Close with a DfE reason-for-closure code; the allocation and the worker's relationships end that day."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    _stale(current, expected_version)
    codes = closure_reasons.current()
    errors = ValidationErrors()
    if current.status != Case.Status.OPEN:
        errors.add("__all__", "The case is already closed")
    if reason_code not in codes.labels:
        errors.add("reason_code", "Choose the reason for closure")
    if on < current.opened_on:
        errors.add("on", "The case cannot close before it opened")
    if on > timezone.localdate():
        errors.add("on", "The case cannot close in the future")
    if current.allocations.filter(from_date__gt=on).exists():
        errors.add("on", "The case cannot close before its latest allocation started")
    errors.raise_if_any()
    current.allocations.filter(to_date__isnull=True).update(to_date=on)
    current.relationships.filter(ended_on__isnull=True).update(ended_on=on)
    current.status = Case.Status.CLOSED
    current.closed_on = on
    current.closure_reason = reason_code
    current.closure_reason_list_version = codes.version
    current.version += 1
    current.save()
    record_change(
        by=by,
        action="case.closed",
        target=current,
        before={"status": Case.Status.OPEN},
        after={"status": current.status, "closed_on": on, "closure_reason": reason_code, "list": codes.version},
    )
    return current


# --- relationships and their stages -----------------------------------------------------------------------------


def _start_relationship(*, case: Case, worker: User, person: Person, on: dt.date, by: User) -> Relationship:
    with_whom = Relationship.With.YOUNG_PERSON if person.pk == case.subject_id else Relationship.With.FAMILY
    relationship = Relationship.objects.create(
        case=case, worker=worker, person=person, with_whom=with_whom, stage=Stage.BUILDING, stage_since=on
    )
    StageChange.objects.create(relationship=relationship, stage=Stage.BUILDING, from_date=on, recorded_by=by)
    record_change(
        by=by,
        action="relationship.started",
        target=relationship,
        after={"case_id": case.pk, "worker_id": worker.pk, "person_id": person.pk, "from_date": on},
    )
    return relationship


@action
def start_relationship(*, case: Case, worker: User, person: Person, on: dt.date, by: User) -> Relationship:
    """Record a worker's relationship with the young person or a family member on the case, at stage 1."""
    errors = ValidationErrors()
    if not case.involvements.filter(person=person).exists():
        errors.add("person", "Choose someone involved in the case")
    if worker.team is None or worker.team.service_id != case.team.service_id:
        errors.add("worker", "Choose a worker in this service")
    if case.relationships.filter(worker=worker, person=person, ended_on__isnull=True).exists():
        errors.add("person", "This worker's relationship with this person is already recorded")
    if on > timezone.localdate():
        errors.add("on", "The relationship cannot start in the future")
    errors.raise_if_any()
    return _start_relationship(case=case, worker=worker, person=person, on=on, by=by)


@action
def change_stage(
    *,
    relationship: Relationship,
    stage: int,
    on: dt.date,
    reason: str = "",
    planned_end_date: dt.date | None = None,
    by: User,
) -> Relationship:
    """Move the relationship to another stage (relationship_stages.check_transition decides what is allowed)."""
    current = Relationship.objects.select_for_update().get(pk=relationship.pk)
    errors = ValidationErrors()
    if current.ended_on is not None:
        errors.add("__all__", "This relationship has ended")
    if on < current.stage_since:
        errors.add("on", "The change cannot be dated before the current stage began")
    if on > timezone.localdate():
        errors.add("on", "The change cannot be dated in the future")
    if planned_end_date is not None and planned_end_date < on:
        errors.add("planned_end_date", "The planned end date cannot be before the change")
    try:
        new = Stage(stage)
        check_transition(Stage(current.stage), new, reason=reason or None, planned_end_date=planned_end_date)
    except ValueError as error:
        errors.add("stage", str(error).replace("Unknown relationship stage", "Choose a stage:"))
    errors.raise_if_any()
    before = {"stage": current.stage, "planned_end_date": current.planned_end_date}
    StageChange.objects.create(relationship=current, stage=new, from_date=on, reason=reason.strip(), recorded_by=by)
    current.stage, current.stage_since = new, on
    if planned_end_date is not None:
        current.planned_end_date = planned_end_date
    current.version += 1
    current.save()
    record_change(
        by=by,
        action="relationship.stage_changed",
        target=current,
        before=before,
        after={"stage": int(new), "from_date": on, "planned_end_date": current.planned_end_date},
        reason=reason.strip(),
    )
    return current


@action
def plan_ending(
    *,
    relationship: Relationship,
    planned_end_date: dt.date | None,
    last_review_date: dt.date | None,
    last_visit_date: dt.date | None,
    ending_letter: str,
    by: User,
) -> Relationship:
    """The planned ending (seed 001): when the last review and visit will be, and the letter the young person keeps."""
    current = Relationship.objects.select_for_update().get(pk=relationship.pk)
    errors = ValidationErrors()
    ending_letter = _text(
        ending_letter, field="ending_letter", label="the letter", errors=errors, max_length=NOTE_TEXT_MAX_LENGTH
    )
    if planned_end_date is None:
        errors.add("planned_end_date", "Enter the planned end date")
    else:
        for field, value, label in (
            ("last_review_date", last_review_date, "The last review"),
            ("last_visit_date", last_visit_date, "The last visit"),
        ):
            if value is not None and value > planned_end_date:
                errors.add(field, f"{label} must be on or before the planned end date")
    errors.raise_if_any()
    fields = ["planned_end_date", "last_review_date", "last_visit_date", "ending_letter"]
    before = {field: getattr(current, field) for field in fields}
    current.planned_end_date = planned_end_date
    current.last_review_date = last_review_date
    current.last_visit_date = last_visit_date
    current.ending_letter = ending_letter
    current.version += 1
    current.save()
    after = {field: getattr(current, field) for field in fields[:3]} | {"ending_letter_written": bool(ending_letter)}
    record_change(
        by=by,
        action="relationship.ending_planned",
        target=current,
        before=before | {"ending_letter": bool(before["ending_letter"])},
        after=after,
    )
    return current


# --- case notes ------------------------------------------------------------------------------------------------

NOTE_FIELDS: dict[str, str] = {
    "kind": "Kind of contact",
    "happened_on": "Date",
    "who_was_seen": "Who was seen",
    "child_seen": "The young person was seen",
    "seen_alone": "Seen alone",
    "summary": "What happened",
    "own_words": "The young person's own words",
    "restricted": "Restricted section",
}
TEXT_FIELDS = ("summary", "own_words", "restricted")


def clean_note(values: Mapping[str, Any], *, case: Case) -> dict[str, Any]:
    errors = ValidationErrors()
    cleaned: dict[str, Any] = {}
    if values.get("kind") not in CaseNote.Kind.values:
        errors.add("kind", "Choose the kind of contact")
    cleaned["kind"] = values.get("kind")
    happened_on = values.get("happened_on")
    if not isinstance(happened_on, dt.date):
        errors.add("happened_on", "Enter the date it happened")
    elif happened_on > timezone.localdate():
        errors.add("happened_on", "The date cannot be in the future")
    elif happened_on < case.opened_on:
        errors.add("happened_on", "The date cannot be before the case opened")
    cleaned["happened_on"] = happened_on
    cleaned["who_was_seen"] = _text(
        values.get("who_was_seen"), field="who_was_seen", label="who was seen", errors=errors, max_length=300
    )
    cleaned["child_seen"] = bool(values.get("child_seen"))
    cleaned["seen_alone"] = bool(values.get("seen_alone"))
    if cleaned["seen_alone"] and not cleaned["child_seen"]:
        errors.add("seen_alone", "The young person can only be seen alone if they were seen")
    cleaned["summary"] = _text(
        values.get("summary"),
        field="summary",
        label="what happened",
        errors=errors,
        required=True,
        max_length=NOTE_TEXT_MAX_LENGTH,
    )
    for field, label in (("own_words", "the young person's words"), ("restricted", "the restricted section")):
        cleaned[field] = _text(
            values.get(field), field=field, label=label, errors=errors, max_length=NOTE_TEXT_MAX_LENGTH
        )
    errors.raise_if_any()
    return cleaned


def _stage_for(case: Case, by: User) -> int | None:
    """The note carries the writer's relationship stage with the young person (or the allocated worker's)."""
    relationships = case.relationships.filter(person_id=case.subject_id, ended_on__isnull=True)
    mine = relationships.filter(worker=by).values_list("stage", flat=True).first()
    if mine is not None:
        return mine
    return relationships.filter(worker_id=case.allocated_worker_id).values_list("stage", flat=True).first()


def _suggest(note: CaseNote) -> int:
    from safecontext.cases.suggestions import mentions_in

    added = 0
    existing = set(note.suggestions.values_list("person_id", "context_id"))
    for person_id, context_id, mentioned_as in mentions_in(note):
        if (person_id, context_id) in existing:
            continue
        SuggestedLink.objects.create(note=note, person_id=person_id, context_id=context_id, mentioned_as=mentioned_as)
        added += 1
    return added


@action
def record_note(*, case: Case, values: Mapping[str, Any], by: User) -> CaseNote:
    cleaned = clean_note(values, case=case)
    note = CaseNote.objects.create(case=case, author=by, stage=_stage_for(case, by), **cleaned)
    suggested = _suggest(note)
    record_change(
        by=by,
        action="case_note.recorded",
        target=note,
        after=_audit_values(cleaned) | {"case_id": case.pk, "suggested_links": suggested},
    )
    return note


def _audit_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """What the audit keeps of a note: the facts, and whether each text was written, not the text itself (the note
    and its versions hold the words; the audit log should not become a second copy of them)."""
    return {field: (bool(value) if field in TEXT_FIELDS else value) for field, value in values.items()}


@action
def edit_note(*, note: CaseNote, values: Mapping[str, Any], expected_version: int, by: User) -> CaseNote:
    current = CaseNote.objects.select_for_update().get(pk=note.pk)
    cleaned = clean_note(values, case=note.case)
    saved = {field: getattr(current, field) for field in NOTE_FIELDS}
    if current.version != expected_version:
        raise NoteEditConflict(
            note=current,
            current_version=current.version,
            differences=[
                FieldDifference(field=field, label=label, theirs=_shown(saved[field]), yours=_shown(cleaned[field]))
                for field, label in NOTE_FIELDS.items()
                if cleaned[field] != saved[field]
            ],
        )
    changed = {field: value for field, value in cleaned.items() if value != saved[field]}
    if not changed:
        return current
    CaseNoteVersion.objects.create(
        note=current,
        version=current.version,
        values={field: (value.isoformat() if isinstance(value, dt.date) else value) for field, value in saved.items()},
        edited_by=by,
        edited_at=timezone.now(),
    )
    for field, value in changed.items():
        setattr(current, field, value)
    current.version += 1
    current.save()
    suggested = _suggest(current)
    record_change(
        by=by,
        action="case_note.edited",
        target=current,
        before=_audit_values({field: saved[field] for field in changed}),
        after=_audit_values(changed) | {"version": current.version, "suggested_links": suggested},
    )
    note.version = current.version
    return current


def _shown(value: object) -> str:
    if value is None or value == "":
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return str(CaseNote.Kind(value).label) if value in CaseNote.Kind.values else str(value)


# --- suggested links --------------------------------------------------------------------------------------------

ACCEPT_TYPES = {
    "person": ("associates", "friend", "sibling", "parent", "protective_adult", "exploits", "mentioned_with"),
    "context": ("frequents", "attends", "member_of", "harmed_at", "mentioned_with"),
}


@action
def accept_suggestion(*, suggestion: SuggestedLink, link_type: str, nature: str, by: User) -> Link:
    """Record the suggested link in the young person's network, its source this note."""
    from safecontext.network import actions as network
    from safecontext.network.models import Link

    current = SuggestedLink.objects.select_for_update().select_related("note__case__subject").get(pk=suggestion.pk)
    errors = ValidationErrors()
    if current.status != SuggestedLink.Status.PENDING:
        errors.add("__all__", "This suggestion has already been decided")
    if link_type not in ACCEPT_TYPES["person" if current.person_id else "context"]:
        errors.add("link_type", "Choose how they are linked")
    if nature not in Link.Nature.values:
        errors.add("nature", "Choose whether the link is protective, harmful or not known")
    # Suggestions name only people the note's writer may open; whoever accepts writes to that person's network too,
    # so they must reach them in their own scope (emergency access reads, it never writes).
    if current.person_id is not None and not people_in_scope(by).filter(pk=current.person_id).exists():
        errors.add("__all__", "You can't link this person: they are not in your caseload's scope. Ask their worker.")
    errors.raise_if_any()
    note = current.note
    child = network.node_for_person(person=note.case.subject)
    if current.person is not None:
        other = network.node_for_person(person=current.person)
    else:
        assert current.context is not None
        other = network.node_for_context(context=current.context)
    link = network.add_link(
        a=child,
        b=other,
        type=link_type,
        nature=nature,
        reliability=Link.Reliability.UNTESTED,  # named in conversation: recorded as said, not yet corroborated
        source_kind=Link.SourceKind.CASE_NOTE,
        source_id=note.pk,
        valid_from=note.happened_on,
        purpose=f"Mentioned in a case note ({note.get_kind_display().lower()}) on case {note.case_id}",
        by=by,
    )
    current.status = SuggestedLink.Status.ACCEPTED
    current.decided_by, current.decided_at, current.link = by, timezone.now(), link
    current.save()
    record_change(
        by=by,
        action="suggested_link.accepted",
        target=current,
        before={"status": "pending"},
        after={"status": current.status, "link_id": link.pk, "type": link_type, "nature": nature},
    )
    return link


@action
def decline_suggestion(*, suggestion: SuggestedLink, reason: str, by: User) -> SuggestedLink:
    """Decline a suggestion: it is kept, with who declined it, when and why, so it is not offered again."""
    current = SuggestedLink.objects.select_for_update().get(pk=suggestion.pk)
    errors = ValidationErrors()
    if current.status != SuggestedLink.Status.PENDING:
        errors.add("__all__", "This suggestion has already been decided")
    reason = _text(reason, field="reason", label="the reason", errors=errors, max_length=500)
    errors.raise_if_any()
    current.status = SuggestedLink.Status.DECLINED
    current.decided_by, current.decided_at, current.decline_reason = by, timezone.now(), reason
    current.save()
    record_change(
        by=by,
        action="suggested_link.declined",
        target=current,
        before={"status": "pending"},
        after={"status": current.status},
        reason=reason,
    )
    return current


def stuck_threshold() -> dt.timedelta:
    """How long a relationship may stay at stage 1 before supervision is prompted (setting, default 6 weeks)."""
    return dt.timedelta(weeks=getattr(settings, "SAFECONTEXT_STUCK_AT_BUILDING_WEEKS", 6))
