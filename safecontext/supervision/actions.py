"""Writes for supervision: every change goes through an @action here and is audited.

Audit events for a case discussion name the reflective fields that were written, never what they say: the audit
trail is read by people (data officers, auditors) who must not read a worker's reflections
(docs/adr/0025-supervision-records.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.access.permissions import Permission, has_permission
from safecontext.accounts.models import User
from safecontext.audit.actions import record_change
from safecontext.cases.models import Case
from safecontext.core.actions_base import action
from safecontext.core.validation import ValidationErrors
from safecontext.supervision.models import (
    REFLECTIVE_FIELDS,
    CaseDiscussion,
    GroupAttendee,
    SupervisionAction,
    SupervisionCadence,
    SupervisionSession,
)
from safecontext.supervision.queries import cases_to_discuss, owners_for

MAX_TEXT = 20_000
MAX_CADENCE_DAYS = 365


def _text(errors: ValidationErrors, field: str, value: str, *, required: str = "") -> str:
    value = value.strip()
    if required and not value:
        errors.add(field, required)
    if len(value) > MAX_TEXT:
        errors.add(field, f"This must be {MAX_TEXT:,} characters or fewer")
    return value


def _service_id(user: User) -> int | None:
    return user.team.service_id if user.team else None


def may_set_cadence(*, by: User, user: User) -> bool:
    """A person's supervisor, or their supervisor's own manager, sets how often they are supervised."""
    if user.supervisor_id is None:
        return False
    if user.supervisor_id == by.pk:
        return True
    supervisor = user.supervisor
    return supervisor is not None and supervisor.supervisor_id == by.pk


@action
def set_cadence(
    *,
    user: User,
    cadence_days: int,
    supervised_outside: str = "",
    since: dt.date | None = None,
    by: User | None,
) -> SupervisionCadence:
    """How often `user` is supervised (in days). `since`: when their current arrangement began, if before their
    account existed (history brought over; the demo). `by=None` only for the system (the demo load)."""
    if by is not None and not may_set_cadence(by=by, user=user):
        raise ValidationError("Only this person's supervisor, or their supervisor's manager, can set their cadence")
    errors = ValidationErrors()
    if not 1 <= cadence_days <= MAX_CADENCE_DAYS:
        errors.add("cadence_days", f"Enter a number of days between 1 and {MAX_CADENCE_DAYS}")
    supervised_outside = supervised_outside.strip()
    if len(supervised_outside) > 200:
        errors.add("supervised_outside", "This must be 200 characters or fewer")
    if since is not None and since > timezone.localdate():
        errors.add("since", "The arrangement must have begun today or earlier")
    errors.raise_if_any()
    cadence, created = SupervisionCadence.objects.get_or_create(
        user=user, defaults={"cadence_days": cadence_days, "supervised_outside": supervised_outside}
    )
    before = (
        {}
        if created
        else {
            "cadence_days": cadence.cadence_days,
            "supervised_outside": cadence.supervised_outside,
            "since": cadence.since,
        }
    )
    cadence.cadence_days = cadence_days
    cadence.supervised_outside = supervised_outside
    if since is not None:
        cadence.since = since
    cadence.save()
    record_change(
        by=by,
        action="supervision.cadence_set",
        target=cadence,
        before=before,
        after={
            "user": user.pk,
            "cadence_days": cadence_days,
            "supervised_outside": supervised_outside,
            "since": cadence.since,
        },
    )
    return cadence


@action
def record_session(
    *,
    kind: str,
    held_on: dt.date,
    supervisee: User | None = None,
    attendees: Sequence[User] = (),
    themes: str = "",
    by: User,
) -> SupervisionSession:
    """A supervision session that has happened. One-to-one: with one's own supervisee. Peer: with a colleague in the
    same service. Group: attendees and themes only — a group session never holds case detail."""
    errors = ValidationErrors()
    if not has_permission(by, Permission.SUPERVISE):
        raise ValidationError("Your role does not hold supervision sessions")
    if kind not in SupervisionSession.Kind.values:
        errors.add("kind", "Select the kind of session")
    if held_on > timezone.localdate():
        errors.add("held_on", "The date of the session must be today or in the past")
    themes = _text(
        errors,
        "themes",
        themes,
        required="Enter the themes talked about" if kind == SupervisionSession.Kind.GROUP else "",
    )
    if kind == SupervisionSession.Kind.GROUP:
        people = list(dict.fromkeys(attendees))
        if not people:
            errors.add("attendees", "Select who attended")
        if any(person.pk == by.pk for person in people):
            errors.add("attendees", "You facilitated the session: select the others who attended")
        if any(_service_id(person) != _service_id(by) for person in people):
            errors.add("attendees", "Attendees must work in your service")
        supervisee = None
    elif kind in SupervisionSession.Kind.values:
        people = []
        themes = ""
        if supervisee is None:
            errors.add("supervisee", "Select who was supervised")
        elif supervisee.pk == by.pk:
            errors.add("supervisee", "You cannot supervise yourself")
        elif kind == SupervisionSession.Kind.ONE_TO_ONE and supervisee.supervisor_id != by.pk:
            errors.add("supervisee", "One-to-one supervision is with someone you supervise")
        elif kind == SupervisionSession.Kind.PEER and _service_id(supervisee) != _service_id(by):
            errors.add("supervisee", "Peer supervision is with a colleague in your service")
    errors.raise_if_any()
    session = SupervisionSession.objects.create(
        kind=kind, supervisor=by, supervisee=supervisee, held_on=held_on, themes=themes
    )
    GroupAttendee.objects.bulk_create([GroupAttendee(session=session, user=person) for person in people])
    record_change(
        by=by,
        action="supervision.session_recorded",
        target=session,
        after={
            "kind": kind,
            "held_on": held_on,
            "supervisor": by.pk,
            "supervisee": supervisee.pk if supervisee else None,
            "attendees": [person.pk for person in people],
            # Group themes are reflective too: say that they were written, not what they say.
            "themes_written": bool(themes),
        },
    )
    return session


@dataclass(frozen=True)
class AgreedAction:
    description: str
    owner: User | None
    due_on: dt.date | None
    row: int | None = None  # the form row it came from, so an error lands on it


@action
def add_case_discussion(
    *,
    session: SupervisionSession,
    case: Case,
    decisions: str,
    practice_discussion: str = "",
    feelings_and_impact: str = "",
    hypotheses: str = "",
    parallel_processes: str = "",
    actions: Sequence[AgreedAction] = (),
    by: User,
) -> CaseDiscussion:
    """One case discussed in a one-to-one or peer session, recorded by whoever held it: the reflective content (for
    the two of them), the decisions, and the actions agreed (which go to their owners' lists)."""
    if by.pk != session.supervisor_id:
        raise ValidationError("Only the person who held this session can record its case discussions")
    if session.kind == SupervisionSession.Kind.GROUP or session.supervisee is None:
        raise ValidationError("Group reflective sessions record themes, never case detail")
    errors = ValidationErrors()
    if not cases_to_discuss(session.supervisee).filter(pk=case.pk).exists():
        errors.add("case", "Select one of the cases the supervisee works on")
    elif session.discussions.filter(case=case).exists():
        errors.add("case", "This case has already been discussed in this session: one entry per case")
    reflective = {
        "practice_discussion": _text(errors, "practice_discussion", practice_discussion),
        "feelings_and_impact": _text(errors, "feelings_and_impact", feelings_and_impact),
        "hypotheses": _text(errors, "hypotheses", hypotheses),
        "parallel_processes": _text(errors, "parallel_processes", parallel_processes),
    }
    decisions = _text(errors, "decisions", decisions, required="Enter what was decided")
    allowed_owners = {owner.pk for owner in owners_for(session, case)}
    for index, agreed in enumerate(actions):
        prefix = f"action_{index if agreed.row is None else agreed.row}_"
        _text(errors, f"{prefix}description", agreed.description, required="Enter what needs to be done")
        if agreed.owner is None:
            errors.add(f"{prefix}owner", "Select who will do it")
        elif agreed.owner.pk not in allowed_owners:
            errors.add(f"{prefix}owner", "The owner must be the supervisee, the supervisor or the case's worker")
        if agreed.due_on is None:
            errors.add(f"{prefix}due_on", "Enter the due date")
        elif agreed.due_on < session.held_on:
            errors.add(f"{prefix}due_on", "The due date must be on or after the day of the session")
    errors.raise_if_any()
    discussion = CaseDiscussion.objects.create(session=session, case=case, decisions=decisions, **reflective)
    record_change(
        by=by,
        action="supervision.case_discussed",
        target=discussion,
        after={
            "session": session.pk,
            "case": case.pk,
            "decisions": decisions,
            "reflective_fields_written": [field for field in REFLECTIVE_FIELDS if reflective[field]],
        },
    )
    for agreed in actions:
        assert agreed.owner is not None and agreed.due_on is not None  # validated above
        created = SupervisionAction.objects.create(
            discussion=discussion, description=agreed.description.strip(), owner=agreed.owner, due_on=agreed.due_on
        )
        record_change(
            by=by,
            action="supervision.action_agreed",
            target=created,
            after={
                "case": case.pk,
                "description": created.description,
                "owner": agreed.owner.pk,
                "due_on": agreed.due_on,
            },
        )
    return discussion


@action
def mark_action_done(*, supervision_action: SupervisionAction, by: User) -> SupervisionAction:
    # Locked and read again, so two clicks of "mark done" record it once.
    supervision_action = SupervisionAction.objects.select_for_update().get(pk=supervision_action.pk)
    if supervision_action.owner_id != by.pk:
        raise ValidationError("Only the owner of an action can mark it done")
    if supervision_action.done_at is not None:
        raise ValidationError("This action is already done")
    supervision_action.done_at = timezone.now()
    supervision_action.done_by = by
    supervision_action.save(update_fields=["done_at", "done_by"])
    record_change(
        by=by,
        action="supervision.action_done",
        target=supervision_action,
        before={"done_at": None},
        after={"done_at": supervision_action.done_at},
    )
    return supervision_action
