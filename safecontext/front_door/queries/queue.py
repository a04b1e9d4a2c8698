"""The front door's work queues (issue 3, capability 8): every referral in the user's scope, filterable by status,
due, extra-familial risk and route; and the overdue queue. Always through access.scope.referrals_visible_to, so a
referral outside scope is never listed, counted or hinted at.

What is "due" on a referral is the front door's next deadline for it:
- awaiting screening: the screening decision (`decision_due_at`, one working day from receipt);
- screened and routed to a strategy discussion or the daily triage meeting: that meeting (`next_step_due_at`),
  until every such meeting it is on has been held or cancelled;
- otherwise nothing: early help, signposting and social care assessment are handed on, and their timescales
  belong to the work that follows, not to the front door's queue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Case, DateTimeField, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from safecontext.access.scope import referrals_visible_to
from safecontext.front_door.models import Referral, ScreeningDecision
from safecontext.front_door.routing import RouteKind
from safecontext.meetings.models import AgendaItem, Meeting

if TYPE_CHECKING:
    from collections.abc import Iterable

    from safecontext.accounts.models import User


class Due(StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    LATER = "later"

    @property
    def label(self) -> str:
        return {Due.OVERDUE: "Overdue", Due.TODAY: "Due today", Due.LATER: "Due later"}[self]


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters; an empty value means "any". Values are checked: an unknown one raises ValueError."""

    status: str = ""
    due: str = ""
    risk: str = ""
    route: str = ""

    def __post_init__(self) -> None:
        allowed = {
            "status": Referral.Status.values,
            "due": [d.value for d in Due],
            "risk": ScreeningDecision.Risk.values,
            "route": [r.value for r in RouteKind],
        }
        for name, values in allowed.items():
            value = getattr(self, name)
            if value and value not in values:
                raise ValueError(f"Unknown {name} filter {value!r}: choose one of {', '.join(values)}")


_MEETING_ROUTES = (RouteKind.STRATEGY_DISCUSSION.value, RouteKind.TRIAGE_MEETING.value)


def _with_due(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """Annotate `due_at`: the front door's next deadline on each referral, or null when nothing is due."""
    meeting_pending = Exists(
        AgendaItem.objects.filter(
            referral=OuterRef("pk"),
            meeting__status=Meeting.Status.SCHEDULED,
            meeting__kind__in=[Meeting.Kind.DAILY_TRIAGE, Meeting.Kind.STRATEGY_DISCUSSION],
        )
    )
    return referrals.annotate(
        due_at=Case(
            When(status=Referral.Status.AWAITING_SCREENING, then=F("decision_due_at")),
            When(
                Q(status=Referral.Status.SCREENED, screening__route__in=_MEETING_ROUTES) & meeting_pending,
                then=F("screening__next_step_due_at"),
            ),
            default=Value(None),
            output_field=DateTimeField(),
        )
    )


def end_of_today(now: dt.datetime) -> dt.datetime:
    """The last moment of `now`'s date in the service's time zone (London): the edge of "due today"."""
    local = timezone.localtime(now)
    return local.replace(hour=23, minute=59, second=59, microsecond=999999)


def _display(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.select_related("screening", "subject_context").prefetch_related("children__names")


def front_door_queue(
    *, user: User, filters: QueueFilters | None = None, now: dt.datetime | None = None
) -> QuerySet[Referral]:
    """Referrals in the user's scope, most pressing first: the earliest deadline, then those with none, oldest
    received first."""
    filters = filters or QueueFilters()
    now = now or timezone.now()
    referrals = _with_due(referrals_visible_to(user))
    if filters.status:
        referrals = referrals.filter(status=filters.status)
    if filters.risk:
        referrals = referrals.filter(screening__extra_familial_risk=filters.risk)
    if filters.route:
        referrals = referrals.filter(screening__route=filters.route)
    # `due_at` is an annotation, which the type checker's model of Referral cannot see: hence Q objects.
    match filters.due:
        case Due.OVERDUE:
            referrals = referrals.filter(Q(due_at__lt=now))
        case Due.TODAY:
            referrals = referrals.filter(Q(due_at__gte=now) & Q(due_at__lte=end_of_today(now)))
        case Due.LATER:
            referrals = referrals.filter(Q(due_at__gt=end_of_today(now)))
    return _display(referrals).order_by(F("due_at").asc(nulls_last=True), "received_at", "id")


def overdue_referrals(*, user: User, now: dt.datetime | None = None) -> QuerySet[Referral]:
    """Referrals in scope still awaiting screening after their decision was due, the longest overdue first."""
    now = now or timezone.now()
    referrals = referrals_visible_to(user).filter(status=Referral.Status.AWAITING_SCREENING, decision_due_at__lt=now)
    return _display(_with_due(referrals)).order_by("decision_due_at", "received_at", "id")


def children_on(referrals: Iterable[Referral]) -> list[int]:
    """The ids of every child named on these referrals (for the access log: a list shows their names)."""
    return [child.pk for referral in referrals for child in referral.children.all()]
