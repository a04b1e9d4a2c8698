"""The supervision chain read from the database and judged by the pure cadence rules (rules/cadence.py): each
person's next due date, the overdue list routed to each supervisor's own manager, and cadence met per team.

Reads only: who supervises whom (`User.supervisor`), each person's cadence (`SupervisionCadence`) and the dates of
the sessions they took part in. No reflective content is read here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Max
from django.utils import timezone

from safecontext.access.permissions import Scope, scope_for
from safecontext.accounts.models import User
from safecontext.audit.models import AuditEvent
from safecontext.supervision.actions import MAX_CADENCE_DAYS
from safecontext.supervision.models import GroupAttendee, SupervisionCadence, SupervisionSession
from safecontext.supervision.rules.cadence import (
    DEFAULT_RULES,
    ChainMember,
    ChainProblemKind,
    Overdue,
    SessionHeld,
    cadence_met_by_team,
    next_supervision_due,
    overdue_supervision,
)

DASHBOARD_PERIOD = dt.timedelta(weeks=12)


@dataclass(frozen=True)
class Chain:
    members: list[ChainMember]
    sessions: list[SessionHeld]
    users: dict[int, User]
    supervised_outside: dict[int, str]

    def last_session(self, user_id: int, today: dt.date) -> dt.date | None:
        dates = [s.held_on for s in self.sessions if s.supervisee_id == user_id and s.held_on <= today]
        return max(dates, default=None)


def load_chain() -> Chain:
    """Every active user, with the start of their current arrangement and their sessions."""
    users = {user.pk: user for user in User.objects.filter(is_active=True).select_related("team__service")}
    cadences = {cadence.user_id: cadence for cadence in SupervisionCadence.objects.filter(user_id__in=users)}
    # A change of supervisor restarts the clock: the latest audited change per user.
    changed = dict(
        AuditEvent.objects.filter(
            action="account.access_changed", target_type="accounts.user", after__has_key="supervisor_id"
        )
        .values("target_id")
        .annotate(last=Max("at"))
        .values_list("target_id", "last")
    )
    members = []
    for user in users.values():
        cadence = cadences.get(user.pk)
        changed_at = changed.get(str(user.pk))
        if cadence and cadence.since and (changed_at is None or changed_at <= cadence.updated_at):
            since = cadence.since
        else:
            since = timezone.localdate(user.date_joined)
            if changed_at is not None:
                since = max(since, timezone.localdate(changed_at))
        members.append(
            ChainMember(
                user_id=user.pk,
                name=user.display_name,
                role=user.role,
                supervisor_id=user.supervisor_id,
                since=since,
                team=user.team.name if user.team else None,
                cadence_days=cadence.cadence_days if cadence else None,
            )
        )
    sessions = _sessions_held(timezone.localdate())
    outside = {
        user_id: cadence.supervised_outside for user_id, cadence in cadences.items() if cadence.supervised_outside
    }
    return Chain(sorted(members, key=lambda m: m.user_id), sessions, users, outside)


def _sessions_held(today: dt.date) -> list[SessionHeld]:
    """Who took part in a session when: every session since the start of the dashboard's period less the longest
    cadence (what the cadence judgements can turn on), and each person's latest session whenever it was."""
    window = today - DASHBOARD_PERIOD - dt.timedelta(days=MAX_CADENCE_DAYS + 1)
    one_to_one = SupervisionSession.objects.exclude(supervisee__isnull=True)
    group = GroupAttendee.objects.all()
    rows = list(one_to_one.filter(held_on__gte=window).values_list("supervisee_id", "held_on"))
    rows += one_to_one.values("supervisee_id").annotate(last=Max("held_on")).values_list("supervisee_id", "last")
    rows += group.filter(session__held_on__gte=window).values_list("user_id", "session__held_on")
    rows += group.values("user_id").annotate(last=Max("session__held_on")).values_list("user_id", "last")
    return [SessionHeld(user_id, held_on) for user_id, held_on in set(rows)]


@dataclass(frozen=True)
class SuperviseeRow:
    user: User
    cadence_days: int
    last_session: dt.date | None
    next_due: dt.date
    overdue: bool


def supervisees_of(user: User, *, today: dt.date | None = None, chain: Chain | None = None) -> list[SuperviseeRow]:
    """The people this user supervises, with when each is next due."""
    today = today or timezone.localdate()
    chain = chain or load_chain()
    rows = []
    for member in chain.members:
        if member.supervisor_id != user.pk:
            continue
        last = chain.last_session(member.user_id, today)
        days = DEFAULT_RULES.days_for_member(member)
        due = next_supervision_due(member.since if last is None else max(last, member.since), days)
        rows.append(SuperviseeRow(chain.users[member.user_id], days, last, due, today > due))
    return sorted(rows, key=lambda row: (row.next_due, row.user.last_name))


def my_next_supervision(
    user: User, *, today: dt.date | None = None, chain: Chain | None = None
) -> SuperviseeRow | None:
    """When this user's own next supervision is due; None if they have no supervisor in SafeContext."""
    if user.supervisor is None:
        return None
    rows = supervisees_of(user.supervisor, today=today, chain=chain)
    return next((row for row in rows if row.user.pk == user.pk), None)


@dataclass(frozen=True)
class OverdueRow:
    name: str
    team: str
    supervisor_name: str
    last_session: dt.date | None
    due: dt.date
    days_overdue: int
    reported_to: str


@dataclass(frozen=True)
class TeamRow:
    team: str
    met: int
    counted: int

    @property
    def percent(self) -> int:
        return round(Fraction(self.met, self.counted) * 100)


@dataclass(frozen=True)
class Dashboard:
    period_start: dt.date
    period_end: dt.date
    teams: list[TeamRow]
    reported_to_you: list[OverdueRow]
    service_wide: bool  # a head of service sees the whole service; a manager their own team
    overdue_elsewhere: list[OverdueRow]  # overdue in the viewer's service (or team), reported to someone else
    problems: list[str]


def supervision_dashboard(user: User, *, today: dt.date | None = None) -> Dashboard:
    """The supervision dashboard for a manager or head of service: cadence met per team in their service over the
    last 12 weeks, the overdue supervision reported to them (their supervisees' supervisees), and — for a head of
    service — all overdue supervision and chain problems in the service. Counts, names and dates only."""
    today = today or timezone.localdate()
    chain = load_chain()
    service_wide = scope_for(user) in {Scope.SERVICE, Scope.ALL}
    service_id = user.team.service_id if user.team else None

    def in_service(user_id: int) -> bool:
        other = chain.users[user_id]
        return other.team is not None and other.team.service_id == service_id

    def in_view(user_id: int) -> bool:
        other = chain.users[user_id]
        return in_service(user_id) if service_wide else other.team_id is not None and other.team_id == user.team_id

    report = overdue_supervision(chain.members, chain.sessions, today=today)
    start = today - DASHBOARD_PERIOD
    teams = cadence_met_by_team(
        # People supervised outside SafeContext (the Director) have no sessions here to count.
        [m for m in chain.members if in_service(m.user_id) and m.user_id not in chain.supervised_outside],
        chain.sessions,
        period_start=start,
        period_end=today,
    )

    def row(overdue_item: Overdue, recipient_id: int) -> OverdueRow:
        supervisee = chain.users[overdue_item.supervisee_id]
        return OverdueRow(
            name=supervisee.display_name,
            team=supervisee.team.name if supervisee.team else "No team",
            supervisor_name=chain.users[overdue_item.supervisor_id].display_name,
            last_session=overdue_item.last_session,
            due=overdue_item.due,
            days_overdue=overdue_item.days_overdue,
            reported_to=chain.users[recipient_id].display_name,
        )

    mine = [row(item, user.pk) for item in report.by_recipient.get(user.pk, ())]
    everyone = [
        row(item, recipient)
        for recipient, items in report.by_recipient.items()
        for item in items
        if in_view(item.supervisee_id) and recipient != user.pk
    ]
    problems = [
        problem.message
        for problem in report.problems
        if not (problem.kind == ChainProblemKind.NO_SUPERVISOR and problem.user_ids[0] in chain.supervised_outside)
        and any(in_view(user_id) for user_id in problem.user_ids)
    ]
    return Dashboard(
        period_start=start,
        period_end=today,
        teams=[TeamRow(team.team or "No team", team.met, team.counted) for team in teams],
        reported_to_you=mine,
        service_wide=service_wide,
        overdue_elsewhere=sorted(everyone, key=lambda r: (-r.days_overdue, r.name)),
        problems=problems,
    )
