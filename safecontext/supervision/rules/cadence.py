"""The supervision chain and its cadence: when each person's next supervision is due, who should hear that it is
overdue, and how many people in a team had supervision on time over a period.

Source: seed 004 (the PSDP briefing on relationship-based practice): supervisors need "containing" supervision too,
the "golden thread all the way through an organisation". Issue 6: "every user, managers and heads of service
included, has a supervisor and a cadence (default every 4 weeks for practitioners); overdue supervision is listed
for the supervisor's own manager".

Rules (docs/adr/0016-supervision-and-sharing-rules.md):
- The next session is due `cadence_days` calendar days after the last one; it is on time on any moment of its due
  date and overdue from the day after. Supervision is an internal arrangement, so calendar days, not working days.
- The clock runs from the later of the last session and the day the current arrangement began
  (`ChainMember.since`): someone new, or newly with this supervisor, gets a full cadence for their first session.
- Overdue supervision goes to the supervisor's own manager (the supervisor's supervisor): the person who can help
  the supervisor make the time, rather than the supervisor who already knows.
- A broken chain is reported, never crashed on: someone with no supervisor, a supervisor who is not in the chain
  (left, or mistyped), and loops (A supervises B, B supervises A).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType

# Issue 6: "default every 4 weeks for practitioners". Managers and heads of service get the same default unless a
# council says otherwise: seed 004 asks for containing supervision at every level, not less of it higher up.
DEFAULT_CADENCE_DAYS = 28


def _check_days(what: str, days: int) -> None:
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError(f"Supervision cadence for {what}: a whole number of days, 1 or more (got {days!r})")


@dataclass(frozen=True)
class CadenceRules:
    """Days between supervision sessions, by role (the `accounts.roles.Role` values). A role not listed gets
    `default_days`."""

    default_days: int = DEFAULT_CADENCE_DAYS
    by_role: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_days("default", self.default_days)
        for role, days in self.by_role.items():
            _check_days(f"role {role!r}", days)
        object.__setattr__(self, "by_role", MappingProxyType(dict(self.by_role)))

    def days_for(self, role: str) -> int:
        return self.by_role.get(role, self.default_days)

    def days_for_member(self, member: ChainMember) -> int:
        """The member's own cadence if they have one, else their role's."""
        return member.cadence_days if member.cadence_days is not None else self.days_for(member.role)


DEFAULT_RULES = CadenceRules()


@dataclass(frozen=True)
class ChainMember:
    """One person in the supervision chain. `since` is when their current supervision arrangement began: the next
    session is due a cadence after the later of it and their last session."""

    user_id: int
    name: str
    role: str
    supervisor_id: int | None
    since: date
    team: str | None = None
    # This person's own cadence, when it differs from their role's (configurable per supervisee).
    cadence_days: int | None = None

    def __post_init__(self) -> None:
        if self.cadence_days is not None:
            _check_days(f"user {self.user_id}", self.cadence_days)


@dataclass(frozen=True)
class SessionHeld:
    """A supervision session the supervisee attended (one-to-one, group or peer all count towards the cadence)."""

    supervisee_id: int
    held_on: date


@dataclass(frozen=True)
class Overdue:
    supervisee_id: int
    supervisor_id: int
    last_session: date | None  # None: no session yet, the due date counts from `ChainMember.since`
    due: date
    days_overdue: int


class ChainProblemKind(StrEnum):
    NO_SUPERVISOR = "no_supervisor"
    UNKNOWN_SUPERVISOR = "unknown_supervisor"
    CYCLE = "cycle"
    NO_ONE_TO_TELL = "no_one_to_tell"


@dataclass(frozen=True)
class ChainProblem:
    kind: ChainProblemKind
    user_ids: tuple[int, ...]
    message: str


@dataclass(frozen=True)
class OverdueReport:
    # Keyed by the user id of the supervisor's own manager; each list in supervisee id order.
    by_recipient: Mapping[int, tuple[Overdue, ...]]
    problems: tuple[ChainProblem, ...]


def next_supervision_due(last_session_date: date, cadence_days: int) -> date:
    """The date the next supervision is due: `cadence_days` calendar days after the last session."""
    _check_days("cadence", cadence_days)
    return last_session_date + timedelta(days=cadence_days)


def overdue_supervision(
    chain: Sequence[ChainMember],
    sessions: Iterable[SessionHeld],
    *,
    today: date,
    rules: CadenceRules = DEFAULT_RULES,
) -> OverdueReport:
    """Everyone whose supervision is overdue on `today`, grouped by who should hear about it: their supervisor's own
    manager. Problems in the chain are reported alongside, and an overdue supervision with nobody to route it to
    (the supervisor has no manager, or the chain loops back to the supervisee) is reported as a problem rather than
    dropped."""
    members = _index(chain)
    problems = _chain_problems(members)
    last = _last_sessions(sessions, today=today)

    routed: dict[int, list[Overdue]] = {}
    for member in sorted(members.values(), key=lambda m: m.user_id):
        # No supervisor, or one not in the chain: already a chain problem; there is no one whose manager to tell.
        if member.supervisor_id is None or member.supervisor_id not in members:
            continue
        last_session = last.get(member.user_id)
        start = member.since if last_session is None else max(last_session, member.since)
        due = next_supervision_due(start, rules.days_for_member(member))
        if today <= due:
            continue
        overdue = Overdue(member.user_id, member.supervisor_id, last_session, due, (today - due).days)
        recipient = members[member.supervisor_id].supervisor_id
        if recipient is None or recipient not in members or recipient == member.user_id:
            supervisor = members[member.supervisor_id]
            problems.append(
                ChainProblem(
                    ChainProblemKind.NO_ONE_TO_TELL,
                    (member.user_id, supervisor.user_id),
                    f"{member.name}'s supervision was due on {_long(due)} and is overdue, but {supervisor.name} has "
                    "no manager in the supervision chain to tell",
                )
            )
            continue
        routed.setdefault(recipient, []).append(overdue)

    return OverdueReport(
        by_recipient=MappingProxyType({key: tuple(items) for key, items in sorted(routed.items())}),
        problems=tuple(problems),
    )


@dataclass(frozen=True)
class TeamCadence:
    team: str | None
    met: int  # people whose supervision was never overdue during the period
    counted: int  # people in the chain for at least part of the period

    @property
    def share(self) -> Fraction:
        return Fraction(self.met, self.counted)


def cadence_met_by_team(
    chain: Sequence[ChainMember],
    sessions: Iterable[SessionHeld],
    *,
    period_start: date,
    period_end: date,
    rules: CadenceRules = DEFAULT_RULES,
) -> list[TeamCadence]:
    """Per team (sorted by name, people with no team last), how many people had their supervision on time on every
    day of the period, out of everyone counted. Someone whose arrangement began after the period is not counted;
    one who began during it is judged from that day. Teams with nobody counted are left out."""
    if period_end < period_start:
        raise ValueError(f"The period ends ({period_end}) before it starts ({period_start})")
    members = _index(chain)
    held: dict[int, list[date]] = {}
    for session in sessions:
        held.setdefault(session.supervisee_id, []).append(session.held_on)

    tally: dict[str | None, list[int]] = {}
    for member in members.values():
        if member.since > period_end:
            continue
        met = _never_overdue(
            member.since, sorted(held.get(member.user_id, [])), rules.days_for_member(member), period_start, period_end
        )
        counts = tally.setdefault(member.team, [0, 0])
        counts[0] += int(met)
        counts[1] += 1
    ordered = sorted(tally.items(), key=lambda item: (item[0] is None, item[0] or ""))
    return [TeamCadence(team, met, counted) for team, (met, counted) in ordered]


def _never_overdue(since: date, held: list[date], days: int, start: date, end: date) -> bool:
    # The last session on or before the start of the period (or the arrangement's start) sets the first due date;
    # each later session in the period must fall on or before the due date set by the one before it.
    anchor = since
    for day in held:
        if since <= day <= start:
            anchor = max(anchor, day)
    for day in held:
        if start < day <= end and day >= anchor:
            if day > anchor + timedelta(days=days):
                return False
            anchor = day
    return end <= anchor + timedelta(days=days)


def _index(chain: Sequence[ChainMember]) -> dict[int, ChainMember]:
    members: dict[int, ChainMember] = {}
    for member in chain:
        if member.user_id in members:
            raise ValueError(f"User {member.user_id} appears twice in the supervision chain")
        members[member.user_id] = member
    return members


def _last_sessions(sessions: Iterable[SessionHeld], *, today: date) -> dict[int, date]:
    # Sessions booked for later do not count until they have happened.
    last: dict[int, date] = {}
    for session in sessions:
        if session.held_on <= today and session.held_on > last.get(session.supervisee_id, date.min):
            last[session.supervisee_id] = session.held_on
    return last


def _chain_problems(members: Mapping[int, ChainMember]) -> list[ChainProblem]:
    problems: list[ChainProblem] = []
    for member in sorted(members.values(), key=lambda m: m.user_id):
        if member.supervisor_id is None:
            problems.append(
                ChainProblem(
                    ChainProblemKind.NO_SUPERVISOR,
                    (member.user_id,),
                    f"{member.name} has no supervisor: everyone, managers and heads of service included, needs one",
                )
            )
        elif member.supervisor_id not in members:
            problems.append(
                ChainProblem(
                    ChainProblemKind.UNKNOWN_SUPERVISOR,
                    (member.user_id,),
                    f"{member.name}'s supervisor (user {member.supervisor_id}) is not in the supervision chain",
                )
            )
    seen_cycles: set[frozenset[int]] = set()
    for member in sorted(members.values(), key=lambda m: m.user_id):
        cycle = _cycle_from(member.user_id, members)
        if cycle is not None and frozenset(cycle) not in seen_cycles:
            seen_cycles.add(frozenset(cycle))
            names = " → ".join(members[user_id].name for user_id in (*cycle, cycle[0]))
            problems.append(
                ChainProblem(
                    ChainProblemKind.CYCLE,
                    cycle,
                    f"The supervision chain goes round in a loop ({names}, each supervised by the next): somebody "
                    "in it needs a supervisor outside the loop",
                )
            )
    return problems


def _cycle_from(start: int, members: Mapping[int, ChainMember]) -> tuple[int, ...] | None:
    """The loop reached by following supervisors up from `start`, beginning at its lowest user id; None if the walk
    reaches the top of the chain or leaves it."""
    path: list[int] = []
    position: dict[int, int] = {}
    current: int | None = start
    while current is not None and current in members:
        if current in position:
            loop = path[position[current] :]
            lowest = loop.index(min(loop))
            return tuple(loop[lowest:] + loop[:lowest])
        position[current] = len(path)
        path.append(current)
        current = members[current].supervisor_id
    return None


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
