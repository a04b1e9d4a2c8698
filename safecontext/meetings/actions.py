"""Every write to a meeting: creating one, its agenda, attendees, per-item decisions, actions and the outcome.

Each action is atomic and writes its AuditEvent in the same transaction (a failed audit write rolls the change
back). Bad input raises ValidationError with a field → messages dict, so a page can show every problem at once.

Two people can have a meeting open at once (a chair and a minute-taker at the daily triage meeting). The writes
that *replace* something — an item's decision, the meeting's outcome — carry the meeting version they started from
and raise MeetingChanged instead of silently overwriting a colleague's words. Writes that only add (an attendee, an
action, an agenda item) cannot lose anyone's work, so they neither check nor move the version: adding an action
while a colleague types a decision must not make the decision conflict.

Restricted information (police-sourced) is only written by someone allowed to read it, and its text never goes into
the audit trail (which other people read): the audit event says that it changed, not what it says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from safecontext.access.scope import can_see_restricted_information
from safecontext.audit.actions import record_change
from safecontext.core.actions_base import action
from safecontext.core.validation import ValidationErrors
from safecontext.meetings.models import AgendaItem, Attendee, Meeting, MeetingAction

if TYPE_CHECKING:
    from safecontext.accounts.models import Service, User
    from safecontext.contexts.models import Context
    from safecontext.front_door.models import Referral
    from safecontext.people.models import Person

LONG_TEXT = 10_000  # a decision, notes, minutes: generous, but a pasted report belongs in a document
SHORT_TEXT = 200  # names and agencies (the model's column width)
DESCRIPTION_TEXT = 2_000
# An action's due date more than a year after the meeting is almost certainly a typing slip (2062 for 2026).
LATEST_DUE_DAYS = 366
# Kinds whose record asks for the Working Together decision: a section 47 enquiry or not.
OUTCOME_KINDS = frozenset({Meeting.Kind.STRATEGY_DISCUSSION, Meeting.Kind.COMPLEX_STRATEGY})
RESTRICTED_IN_AUDIT = "(restricted information: not copied into the audit trail)"


@dataclass(frozen=True)
class Difference:
    label: str
    theirs: str  # saved now
    yours: str  # what the stale edit tried to save


class MeetingChanged(Exception):
    """Someone saved the meeting after this editor loaded it: their words must not be silently overwritten."""

    def __init__(self, *, meeting: Meeting, current_version: int, differences: list[Difference]) -> None:
        super().__init__(f"meeting {meeting.pk} has changed since it was loaded (now version {current_version})")
        self.meeting = meeting
        self.current_version = current_version
        self.differences = differences


def _text(value: object, *, field: str, label: str, max_length: int, errors: ValidationErrors, multiline: bool) -> str:
    """Trimmed text; one line unless `multiline`. Control characters (other than line breaks and tabs in long text)
    are refused: they are never typed, only pasted from something broken."""
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(field, f"{label} must be text")
        return ""
    cleaned = value.replace("\r\n", "\n").strip() if multiline else " ".join(value.split())
    allowed = {"\n", "\t"} if multiline else set()
    if any(not (ch.isprintable() or ch in allowed) for ch in cleaned):
        errors.add(field, f"{label} must not include control characters")
    elif len(cleaned) > max_length:
        errors.add(field, f"{label} must be {max_length:,} characters or fewer")
    return cleaned


def _lock(meeting: Meeting) -> Meeting:
    """The meeting's row, locked until the transaction ends (PostgreSQL; SQLite's IMMEDIATE transactions already
    serialise writers), so two edits cannot interleave between the version check and the save."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _check_version(current: Meeting, expected_version: int, differences: list[Difference]) -> None:
    """Refuse a stale edit that would change what a colleague saved. A stale edit that changes nothing loses
    nothing, so it passes (and then saves nothing)."""
    if current.version != expected_version and differences:
        raise MeetingChanged(meeting=current, current_version=current.version, differences=differences)


def _bump(current: Meeting, original: Meeting) -> None:
    current.version += 1
    current.save(update_fields=["version"])
    original.version = current.version


def agency_of(user: User) -> str:
    """The agency a user attends or acts for: their own (partner agencies record it), else their service's name."""
    if user.agency:
        return user.agency
    service = user.service
    return service.name if service else ""


# --- creating meetings and agendas ------------------------------------------------------------------------------


@action
def create_meeting(
    *, service: Service, kind: str, scheduled_for: dt.datetime, due_by: dt.datetime | None = None, by: User
) -> Meeting:
    errors = ValidationErrors()
    if kind not in Meeting.Kind.values:
        errors.add("kind", "Select the kind of meeting")
    if not isinstance(scheduled_for, dt.datetime) or timezone.is_naive(scheduled_for):
        errors.add("scheduled_for", "The meeting needs a date and time")
    errors.raise_if_any()
    meeting = Meeting.objects.create(service=service, kind=kind, scheduled_for=scheduled_for, due_by=due_by)
    record_change(
        by=by,
        action="meeting.created",
        target=meeting,
        after={"kind": kind, "service_id": service.pk, "scheduled_for": scheduled_for, "due_by": due_by},
    )
    return meeting


@action
def add_agenda_item(
    *,
    meeting: Meeting,
    by: User,
    referral: Referral | None = None,
    child: Person | None = None,
    context: Context | None = None,
) -> AgendaItem:
    """Put a referral, a child or a context on the agenda, last. Idempotent: the same item twice is one item."""
    if referral is None and child is None and context is None:
        raise ValidationError({"item": ["An agenda item must be about a referral, a child or a context"]})
    existing = AgendaItem.objects.filter(meeting=meeting, referral=referral, child=child, context=context).first()
    if existing:
        return existing
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting, referral=referral, child=child, context=context, position=last + 1
    )
    record_change(
        by=by,
        action="meeting.item_added",
        target=meeting,
        after={
            "item_id": item.pk,
            "referral_id": referral.pk if referral else None,
            "child_id": child.pk if child else None,
            "context_id": context.pk if context else None,
            "position": item.position,
        },
    )
    return item


# --- attendees and actions (additions: no version check) --------------------------------------------------------


@action
def add_attendee(*, meeting: Meeting, by: User, user: User | None = None, name: str = "", agency: str = "") -> Attendee:
    """Someone at the meeting: a SafeContext user (who can then open the meeting), or a named person and agency."""
    errors = ValidationErrors()
    name = _text(name, field="name", label="Name", max_length=SHORT_TEXT, errors=errors, multiline=False)
    agency = _text(agency, field="agency", label="Agency", max_length=SHORT_TEXT, errors=errors, multiline=False)
    if user is not None:
        if not user.is_active:
            errors.add("username", "This user's account is closed: they cannot attend")
        name = name or user.display_name
        agency = agency or agency_of(user)
        if Attendee.objects.filter(meeting=meeting, user=user).exists():
            errors.add("username", f"{user.display_name} is already an attendee")
    if not name and "name" not in errors.by_field:
        errors.add("name", "Enter the attendee's name, or their SafeContext username")
    if not agency and "agency" not in errors.by_field:
        errors.add("agency", "Enter the agency the attendee is from")
    if user is None and name and Attendee.objects.filter(meeting=meeting, name__iexact=name, agency__iexact=agency):
        errors.add("name", f"{name} ({agency}) is already an attendee")
    errors.raise_if_any()
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError({"name": ["This meeting was cancelled: attendees cannot be added"]})
    try:
        with transaction.atomic():
            attendee = Attendee.objects.create(meeting=meeting, user=user, name=name, agency=agency)
    except IntegrityError:
        raise ValidationError({"username": [f"{name} is already an attendee"]}) from None
    record_change(
        by=by,
        action="meeting.attendee_added",
        target=meeting,
        after={"attendee_id": attendee.pk, "user_id": user.pk if user else None, "name": name, "agency": agency},
    )
    return attendee


@action
def add_meeting_action(
    *,
    meeting: Meeting,
    description: str,
    due_on: dt.date | None,
    by: User,
    owner: User | None = None,
    owner_name: str = "",
    owner_agency: str = "",
    item: AgendaItem | None = None,
) -> MeetingAction:
    """An action agreed at the meeting: what, who (a user, or a named person and agency) and by when."""
    errors = ValidationErrors()
    description = _text(
        description, field="description", label="The action", max_length=DESCRIPTION_TEXT, errors=errors, multiline=True
    )
    if not description and "description" not in errors.by_field:
        errors.add("description", "Enter what needs to be done")
    owner_name = _text(
        owner_name, field="owner_name", label="Owner's name", max_length=SHORT_TEXT, errors=errors, multiline=False
    )
    owner_agency = _text(
        owner_agency,
        field="owner_agency",
        label="Owner's agency",
        max_length=SHORT_TEXT,
        errors=errors,
        multiline=False,
    )
    if owner is not None:
        if not owner.is_active:
            errors.add("owner", "This user's account is closed: choose someone else")
        # The agency they came to the meeting for, as recorded there; else their own.
        attending_for = Attendee.objects.filter(meeting=meeting, user=owner).values_list("agency", flat=True).first()
        owner_name, owner_agency = "", owner_agency or attending_for or agency_of(owner)
    elif not owner_name and "owner_name" not in errors.by_field:
        errors.add("owner", "Choose who will do this, or enter their name and agency")
    elif not owner_agency and "owner_agency" not in errors.by_field:
        errors.add("owner_agency", "Enter the agency of the person who will do this")
    meeting_day = timezone.localdate(meeting.scheduled_for)
    if due_on is None:
        errors.add("due_on", "Enter the date the action is due")
    elif isinstance(due_on, dt.datetime) or not isinstance(due_on, dt.date):
        errors.add("due_on", "The due date must be a real date")
    elif due_on < meeting_day:
        errors.add("due_on", f"The due date must be on or after the day of the meeting, {meeting_day:%-d %B %Y}")
    elif due_on > meeting_day + dt.timedelta(days=LATEST_DUE_DAYS):
        errors.add("due_on", "The due date must be within a year of the meeting")
    if item is not None and item.meeting_id != meeting.pk:
        errors.add("item", "Choose an item on this meeting's agenda")
    errors.raise_if_any()
    assert due_on is not None
    created = MeetingAction.objects.create(
        meeting=meeting,
        item=item,
        description=description,
        owner=owner,
        owner_name=owner_name,
        owner_agency=owner_agency,
        due_on=due_on,
    )
    record_change(
        by=by,
        action="meeting.action_added",
        target=meeting,
        after={
            "action_id": created.pk,
            "item_id": item.pk if item else None,
            "description": description,
            "owner_id": owner.pk if owner else None,
            "owner_name": owner_name,
            "owner_agency": owner_agency,
            "due_on": due_on,
        },
    )
    return created


# --- decisions and outcomes (replacements: version checked) -----------------------------------------------------


def _restricted_allowed(value: str | None, *, by: User, field: str, errors: ValidationErrors) -> str | None:
    if value is None:
        return None
    if not can_see_restricted_information(by):
        errors.add(field, "You cannot record restricted information")
        return None
    return _text(
        value, field=field, label="Restricted information", max_length=LONG_TEXT, errors=errors, multiline=True
    )


@action
def record_item_decision(
    *,
    item: AgendaItem,
    decision: str,
    expected_version: int,
    by: User,
    restricted_information: str | None = None,
) -> AgendaItem:
    """What the meeting decided about one agenda item. `restricted_information=None` leaves it as it is (someone
    who cannot read it must not be able to wipe it); "" clears it."""
    errors = ValidationErrors()
    decision = _text(
        decision, field="decision", label="The decision", max_length=LONG_TEXT, errors=errors, multiline=True
    )
    if not decision and "decision" not in errors.by_field:
        errors.add("decision", "Enter what the meeting decided about this item")
    restricted = _restricted_allowed(restricted_information, by=by, field="restricted_information", errors=errors)
    errors.raise_if_any()

    meeting = _lock(item.meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError({"decision": ["This meeting was cancelled: decisions cannot be recorded"]})
    current = AgendaItem.objects.get(pk=item.pk)
    differences = []
    if current.decision != decision:
        differences.append(Difference("Decision", current.decision or "Not recorded", decision))
    if restricted is not None and current.restricted_information != restricted:
        differences.append(Difference("Restricted information", "Changed", "Your version"))
    _check_version(meeting, expected_version, differences)

    before = {"decision": current.decision, "decided_by_id": current.decided_by_id}
    restricted_changed = restricted is not None and restricted != current.restricted_information
    if current.decision == decision and not restricted_changed:
        return current  # nothing to save: no new version, no audit event
    current.decision = decision
    current.decided_by = by
    if restricted is not None:
        current.restricted_information = restricted
    current.save(update_fields=["decision", "decided_by", "restricted_information"])
    _bump(meeting, item.meeting)
    item.decision, item.decided_by, item.restricted_information = (
        current.decision,
        by,
        current.restricted_information,
    )
    after: dict[str, object] = {"item_id": current.pk, "decision": decision, "decided_by_id": by.pk}
    if restricted_changed:
        after["restricted_information"] = RESTRICTED_IN_AUDIT
    record_change(by=by, action="meeting.item_decided", target=meeting, before=before, after=after)
    return current


@action
def record_outcome(
    *,
    meeting: Meeting,
    outcome: str,
    notes: str,
    expected_version: int,
    by: User,
    restricted_minutes: str | None = None,
    chair: User | None = None,
) -> Meeting:
    """Mark the meeting held and record what it decided. A strategy discussion or complex strategy meeting decides
    whether to start a section 47 enquiry (Working Together 2023, ch.3): the outcome is required, and "other" needs
    notes saying what. A daily triage meeting records its decisions per item, so it takes notes only."""
    errors = ValidationErrors()
    notes = _text(notes, field="notes", label="Notes", max_length=LONG_TEXT, errors=errors, multiline=True)
    outcome = outcome or ""
    if meeting.kind in OUTCOME_KINDS:
        if outcome not in Meeting.Outcome.values:
            errors.add("outcome", "Select the outcome: a section 47 enquiry, no section 47 enquiry, or other")
        elif outcome == Meeting.Outcome.OTHER and not notes and "notes" not in errors.by_field:
            errors.add("notes", "Say what the meeting decided")
    elif outcome:
        errors.add("outcome", "A daily triage meeting records a decision for each item, not an overall outcome")
    restricted = _restricted_allowed(restricted_minutes, by=by, field="restricted_minutes", errors=errors)
    if chair is not None and not chair.is_active:
        errors.add("chair", "This user's account is closed: choose who chaired the meeting")
    errors.raise_if_any()

    current = _lock(meeting)
    if current.status == Meeting.Status.CANCELLED:
        raise ValidationError({"outcome": ["This meeting was cancelled: it cannot be marked as held"]})
    outcome_labels = dict(Meeting.Outcome.choices)
    differences = []
    if current.outcome != outcome:
        differences.append(
            Difference(
                "Outcome",
                str(outcome_labels.get(current.outcome, "Not recorded")),
                str(outcome_labels.get(outcome, "None")),
            )
        )
    if current.outcome_notes != notes:
        differences.append(Difference("Notes", current.outcome_notes or "Not recorded", notes or "None"))
    if restricted is not None and current.restricted_minutes != restricted:
        differences.append(Difference("Restricted minutes", "Changed", "Your version"))
    if chair is not None and current.chair_id != chair.pk:
        theirs = current.chair.display_name if current.chair else "Not recorded"
        differences.append(Difference("Chair", theirs, chair.display_name))
    _check_version(current, expected_version, differences)
    if current.status == Meeting.Status.HELD and not differences:
        return current  # already recorded exactly so: no new version, no audit event

    before = {
        "status": current.status,
        "outcome": current.outcome,
        "outcome_notes": current.outcome_notes,
        "chair_id": current.chair_id,
    }
    restricted_changed = restricted is not None and restricted != current.restricted_minutes
    current.status = Meeting.Status.HELD
    current.outcome = outcome
    current.outcome_notes = notes
    if restricted is not None:
        current.restricted_minutes = restricted
    if chair is not None:
        current.chair = chair
    current.version += 1
    current.save(update_fields=["status", "outcome", "outcome_notes", "restricted_minutes", "chair", "version"])
    meeting.status, meeting.outcome, meeting.outcome_notes = current.status, outcome, notes
    meeting.restricted_minutes, meeting.chair, meeting.version = (
        current.restricted_minutes,
        current.chair,
        current.version,
    )
    after: dict[str, object] = {
        "status": current.status,
        "outcome": outcome,
        "outcome_notes": notes,
        "chair_id": current.chair_id,
    }
    if restricted_changed:
        after["restricted_minutes"] = RESTRICTED_IN_AUDIT
    record_change(by=by, action="meeting.outcome_recorded", target=current, before=before, after=after)
    return current
