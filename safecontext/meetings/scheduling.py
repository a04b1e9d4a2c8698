"""Putting referrals on meetings: the daily triage meeting for a slot, and strategy discussions.

The front door's routing (front_door/routing.py) says *where* a screened referral goes; these actions make it so.
Each is an `@action` (atomic, audited) and can run on its own or inside a larger action such as screening a
referral, whose transaction it then joins: a screening that fails leaves no meeting or agenda item behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Max

from safecontext.audit.actions import record_change
from safecontext.core.actions_base import action
from safecontext.meetings.models import AgendaItem, Meeting

if TYPE_CHECKING:
    from safecontext.accounts.models import Service, User
    from safecontext.contexts.models import Context
    from safecontext.front_door.models import Referral
    from safecontext.people.models import Person


@action
def triage_meeting_for_slot(*, service: Service, scheduled_for: dt.datetime, by: User) -> Meeting:
    """The service's daily triage meeting at `scheduled_for`, created the first time anything is put on it.

    Two practitioners screening at the same moment may both find no meeting for the slot. The database allows one
    (constraint one_triage_meeting_per_slot), so the second insert fails; get_or_create then reads the first one's
    meeting instead, inside a savepoint so the surrounding screening carries on.
    """
    meeting, created = Meeting.objects.get_or_create(
        service=service,
        kind=Meeting.Kind.DAILY_TRIAGE,
        scheduled_for=scheduled_for,
        defaults={"due_by": scheduled_for},
    )
    if created:
        record_change(
            by=by,
            action="meeting.created",
            target=meeting,
            after={"service_id": service.pk, "kind": meeting.kind, "scheduled_for": scheduled_for},
            reason="Daily triage meeting created for its first agenda item",
        )
    return meeting


@action
def create_strategy_discussion(
    *, service: Service, requested_at: dt.datetime, due_by: dt.datetime | None, reason: str, by: User
) -> Meeting:
    """Request a multi-agency strategy discussion. It is not yet arranged: `scheduled_for` starts as the moment it
    was requested, and `due_by` says when it must have been held (Working Together 2023, ch.3)."""
    meeting = Meeting.objects.create(
        service=service, kind=Meeting.Kind.STRATEGY_DISCUSSION, scheduled_for=requested_at, due_by=due_by
    )
    record_change(
        by=by,
        action="meeting.created",
        target=meeting,
        after={"service_id": service.pk, "kind": meeting.kind, "scheduled_for": requested_at, "due_by": due_by},
        reason=reason,
    )
    return meeting


@action
def add_referral_to_agenda(
    *,
    meeting: Meeting,
    referral: Referral,
    children: Iterable[Person] = (),
    context: Context | None = None,
    by: User,
) -> list[AgendaItem]:
    """Put a referral on a meeting's agenda: one item per child (each carrying the referral, so those at the meeting
    see what brought the child there), or one item for the referral's context when it is about a context."""
    # Lock the meeting so two items added at once do not take the same position.
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    last = AgendaItem.objects.filter(meeting=locked).aggregate(last=Max("position"))["last"] or 0
    subjects: list[tuple[Person | None, Context | None]] = [(child, None) for child in children]
    if not subjects:
        subjects = [(None, context)]
    items = []
    for offset, (child, item_context) in enumerate(subjects, start=1):
        item = AgendaItem.objects.create(
            meeting=locked, referral=referral, child=child, context=item_context, position=last + offset
        )
        record_change(
            by=by,
            action="meeting.item_added",
            target=item,
            after={
                "meeting_id": locked.pk,
                "referral_id": referral.pk,
                "child_id": child.pk if child else None,
                "context_id": item_context.pk if item_context else None,
                "position": item.position,
            },
        )
        items.append(item)
    return items
