"""Complex strategy meeting proposals: kept when the linked-young-people check suggests one, then accepted or
declined by a named practitioner (DESIGN.md: decision support, never an automated decision).

Seed 002 (Birmingham's Empower-U hub): "a complex strategy meeting will be held when multiple young people are
identified". The check (front_door/queries/linked.py) suggests one when three or more young people, this child
included, are linked through the same context or adult of concern; `propose_complex_strategy` keeps it, once per
referral and shared node.

When is the meeting? The seed sets no timescale. We chose: **due by the end of the fifth working day** after the
decision to hold it (counted as front_door/timescales.py counts every front-door timescale: the decision day is
working day 1 when it is made before the 17:00 cut-off), and **provisionally booked for 10:00 on the second working
day after the decision**, which leaves a working day to invite the police, schools and health, and still leaves three
working days' slack before the due date if the partners cannot make it. A complex strategy meeting is a strategy
meeting about several children at once: the strategy discussion for one child at high risk is due within one working
day (docs/adr/0011), and five working days is the most a cluster of children at risk should wait for a
coordinated plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from safecontext.audit.actions import record_change
from safecontext.core.actions_base import action
from safecontext.front_door import timescales
from safecontext.front_door.models import ComplexStrategyProposal, Referral
from safecontext.meetings import actions as meeting_actions
from safecontext.meetings.models import Meeting
from safecontext.people.models import Person

if TYPE_CHECKING:
    from safecontext.accounts.models import User
    from safecontext.network.models import Node

MINIMUM_YOUNG_PEOPLE = 3
MEETING_DUE_WORKING_DAYS = 5
MEETING_BOOKED_AFTER_WORKING_DAYS = 2
MEETING_TIME = dt.time(10, 0)
REASON_MAX_LENGTH = 5_000
OPEN_REFERRAL_STATUSES = (Referral.Status.AWAITING_SCREENING, Referral.Status.SCREENED)


class ProposalAlreadyDecided(Exception):
    """Someone accepted or declined this proposal first; the second decision is refused, not applied."""

    def __init__(self, proposal: ComplexStrategyProposal) -> None:
        super().__init__(f"proposal {proposal.pk} is already {proposal.status}")
        self.proposal = proposal


def complex_strategy_timing(decided_at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """(provisional start, due by) for a complex strategy meeting decided at `decided_at` (module docstring)."""
    due_by = timescales.decision_due(decided_at, working_days=MEETING_DUE_WORKING_DAYS)
    day = timezone.localdate(decided_at)
    for _ in range(MEETING_BOOKED_AFTER_WORKING_DAYS):
        day = timescales.next_working_day(day)
    booked = dt.datetime.combine(day, MEETING_TIME, tzinfo=ZoneInfo(timescales.LONDON))
    return booked, max(due_by, booked)


@action
def propose_complex_strategy(
    *, referral: Referral, through_node: Node, young_people: Iterable[int | Person], by: User
) -> ComplexStrategyProposal:
    """Keep the suggestion of a complex strategy meeting for these young people, linked through `through_node`.

    Idempotent, one per referral and node: asked again it returns the same proposal; while it is still undecided,
    young people linked since are added (never removed — a proposal does not silently lose a child). A decided
    proposal is left as decided.
    """
    ids = sorted({person if isinstance(person, int) else person.pk for person in young_people})
    if len(ids) < MINIMUM_YOUNG_PEOPLE:
        raise ValidationError(
            {
                "young_people": [
                    f"A complex strategy meeting is proposed for {MINIMUM_YOUNG_PEOPLE} or more young people"
                ]
            }
        )
    found = set(Person.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if len(found) != len(ids):
        raise ValidationError({"young_people": ["One of these young people does not exist"]})

    existing = ComplexStrategyProposal.objects.select_for_update().filter(referral=referral, through_node=through_node)
    proposal = existing.first()
    if proposal is None:
        try:
            with transaction.atomic():
                proposal = ComplexStrategyProposal.objects.create(referral=referral, through_node=through_node)
        except IntegrityError:
            # Proposed by a colleague's check in the same moment: theirs stands.
            return ComplexStrategyProposal.objects.get(referral=referral, through_node=through_node)
        proposal.young_people.set(ids)
        record_change(
            by=by,
            action="complex_strategy_proposal.proposed",
            target=proposal,
            after={"referral_id": referral.pk, "through_node_id": through_node.pk, "young_people": ids},
            reason="Suggested by the linked young people check: three or more young people linked through one "
            "context or adult of concern",
        )
        return proposal
    if proposal.status != ComplexStrategyProposal.Status.PROPOSED:
        return proposal
    current = set(proposal.young_people.values_list("pk", flat=True))
    added = sorted(set(ids) - current)
    if added:
        proposal.young_people.add(*added)
        record_change(
            by=by,
            action="complex_strategy_proposal.young_people_added",
            target=proposal,
            before={"young_people": sorted(current)},
            after={"young_people": sorted(current | set(added))},
        )
    return proposal


def _lock_undecided(proposal: ComplexStrategyProposal) -> ComplexStrategyProposal:
    current = ComplexStrategyProposal.objects.select_for_update().select_related("referral").get(pk=proposal.pk)
    if current.status != ComplexStrategyProposal.Status.PROPOSED:
        raise ProposalAlreadyDecided(current)
    return current


@action
def accept_complex_strategy(*, proposal: ComplexStrategyProposal, by: User, now: dt.datetime | None = None) -> Meeting:
    """Hold the complex strategy meeting: create it (timing in the module docstring) with an agenda item for the
    shared context (when it is one), for the referral, and for every linked young person — this referral's child(ren)
    included — each with their own open referral where they have one. The practitioner who accepted attends."""
    current = _lock_undecided(proposal)
    referral = current.referral
    decided_at = now or timezone.now()
    scheduled_for, due_by = complex_strategy_timing(decided_at)
    meeting = meeting_actions.create_meeting(
        service=referral.service,
        kind=Meeting.Kind.COMPLEX_STRATEGY,
        scheduled_for=scheduled_for,
        due_by=due_by,
        by=by,
    )
    meeting_actions.add_attendee(meeting=meeting, user=by, by=by)

    young_people = list(current.young_people.order_by("pk"))
    subject_ids = set(referral.children.values_list("pk", flat=True))
    # Each other young person's most recent open referral, so the meeting sees why they are known (one query).
    their_referrals: dict[int, Referral] = {}
    others = [person.pk for person in young_people if person.pk not in subject_ids]
    if others:
        for child_id, other in _open_referrals_of(others, exclude=referral.pk):
            their_referrals[child_id] = other  # oldest first, so the newest stays

    # What links them comes first: the shared context (with this referral, when the referral is about it).
    through = current.through_node
    if referral.about == Referral.About.CONTEXT:
        if through.context_id is not None and through.context_id != referral.subject_context_id:
            meeting_actions.add_agenda_item(meeting=meeting, context=through.context, by=by)
        meeting_actions.add_agenda_item(meeting=meeting, referral=referral, context=referral.subject_context, by=by)
    elif through.context_id is not None:
        meeting_actions.add_agenda_item(meeting=meeting, context=through.context, by=by)
    # This referral's child(ren) first, then the others in the order they were linked (by id).
    young_people.sort(key=lambda person: (person.pk not in subject_ids, person.pk))
    for person in young_people:
        if person.pk in subject_ids:
            item_referral: Referral | None = referral
        else:
            item_referral = their_referrals.get(person.pk)
        meeting_actions.add_agenda_item(meeting=meeting, referral=item_referral, child=person, by=by)

    before = {"status": current.status}
    current.status = ComplexStrategyProposal.Status.ACCEPTED
    current.decided_by = by
    current.decided_at = decided_at
    current.meeting = meeting
    current.save(update_fields=["status", "decided_by", "decided_at", "meeting"])
    _refresh(proposal, current)
    record_change(
        by=by,
        action="complex_strategy_proposal.accepted",
        target=current,
        before=before,
        after={"status": current.status, "meeting_id": meeting.pk, "young_people": [p.pk for p in young_people]},
    )
    return meeting


def _open_referrals_of(person_ids: list[int], *, exclude: int) -> list[tuple[int, Referral]]:
    """(child id, referral) for each child's open referrals, oldest first, so the last one kept is the newest."""
    through = Referral.children.through
    rows = (
        through.objects.filter(person_id__in=person_ids, referral__status__in=OPEN_REFERRAL_STATUSES)
        .exclude(referral_id=exclude)
        .select_related("referral")
        .order_by("referral__received_at", "referral_id")
    )
    return [(row.person_id, row.referral) for row in rows]


@action
def decline_complex_strategy(*, proposal: ComplexStrategyProposal, reason: str, by: User) -> ComplexStrategyProposal:
    """Decide not to hold the meeting. The reason is required: declining a suggestion about children at risk is a
    decision someone must be able to read and question later."""
    cleaned = reason.replace("\r\n", "\n").strip() if isinstance(reason, str) else ""
    if not cleaned:
        raise ValidationError({"reason": ["Enter why a complex strategy meeting is not needed"]})
    if len(cleaned) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": [f"The reason must be {REASON_MAX_LENGTH:,} characters or fewer"]})
    if any(not (ch.isprintable() or ch in "\n\t") for ch in cleaned):
        raise ValidationError({"reason": ["The reason must not include control characters"]})
    current = _lock_undecided(proposal)
    before = {"status": current.status}
    current.status = ComplexStrategyProposal.Status.DECLINED
    current.decided_by = by
    current.decided_at = timezone.now()
    current.decline_reason = cleaned
    current.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    _refresh(proposal, current)
    record_change(
        by=by,
        action="complex_strategy_proposal.declined",
        target=current,
        before=before,
        after={"status": current.status},
        reason=cleaned,
    )
    return current


def _refresh(proposal: ComplexStrategyProposal, current: ComplexStrategyProposal) -> None:
    for field in ("status", "decided_by", "decided_at", "decline_reason", "meeting"):
        setattr(proposal, field, getattr(current, field))
