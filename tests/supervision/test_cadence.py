"""The supervision chain (issue 6, seed 004): cadence per role, overdue supervision routed to the supervisor's own
manager, a broken chain reported rather than crashed on, and the share of each team supervised on time."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from safecontext.supervision.rules.cadence import (
    DEFAULT_CADENCE_DAYS,
    CadenceRules,
    ChainMember,
    ChainProblemKind,
    SessionHeld,
    TeamCadence,
    cadence_met_by_team,
    next_supervision_due,
    overdue_supervision,
)

START = date(2026, 1, 5)
TODAY = date(2026, 3, 2)

# Head of service (1) supervises team manager (2), who supervises social workers (3, 4); the head of service is
# supervised by the director (5), who is supervised by an external supervisor (6) at the top of the chain.
HEAD, MANAGER, WORKER_A, WORKER_B, DIRECTOR, EXTERNAL = 1, 2, 3, 4, 5, 6


def member(user_id: int, supervisor_id: int | None, *, role: str = "social_worker", team: str | None = "North",
           since: date = START) -> ChainMember:  # fmt: skip
    return ChainMember(user_id, f"Person {user_id}", role, supervisor_id, since, team)


def chain() -> list[ChainMember]:
    return [
        member(HEAD, DIRECTOR, role="head_of_service", team=None),
        member(MANAGER, HEAD, role="team_manager"),
        member(WORKER_A, MANAGER),
        member(WORKER_B, MANAGER),
        member(DIRECTOR, EXTERNAL, role="head_of_service", team=None),
        member(EXTERNAL, None, role="head_of_service", team=None),
    ]


def on_time_for_everyone() -> list[SessionHeld]:
    return [SessionHeld(user_id, TODAY - timedelta(days=7)) for user_id in range(1, 7)]


def test_default_cadence_is_four_weeks() -> None:
    assert DEFAULT_CADENCE_DAYS == 28
    assert CadenceRules().days_for("social_worker") == 28
    assert CadenceRules().days_for("head_of_service") == 28


def test_next_supervision_is_due_a_cadence_after_the_last() -> None:
    assert next_supervision_due(date(2026, 2, 2), 28) == date(2026, 3, 2)
    assert next_supervision_due(date(2026, 2, 2), 42) == date(2026, 3, 16)


@pytest.mark.parametrize("days", [0, -1, True, 2.5])
def test_a_cadence_must_be_a_positive_whole_number_of_days(days: object) -> None:
    with pytest.raises(ValueError, match="whole number of days"):
        next_supervision_due(START, days)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="whole number of days"):
        CadenceRules(by_role={"team_manager": days})  # type: ignore[dict-item]


def test_nobody_overdue_when_everyone_was_supervised_recently() -> None:
    report = overdue_supervision(chain(), on_time_for_everyone(), today=TODAY)
    assert report.by_recipient == {}
    # The external supervisor at the top has no supervisor: reported, never a crash.
    assert [(p.kind, p.user_ids) for p in report.problems] == [(ChainProblemKind.NO_SUPERVISOR, (EXTERNAL,))]


def test_overdue_worker_is_listed_for_the_supervisors_own_manager() -> None:
    sessions = [s for s in on_time_for_everyone() if s.supervisee_id != WORKER_A]
    sessions.append(SessionHeld(WORKER_A, date(2026, 1, 26)))
    report = overdue_supervision(chain(), sessions, today=TODAY)
    # Worker A's supervisor is the team manager; the team manager's manager is the head of service.
    assert list(report.by_recipient) == [HEAD]
    [overdue] = report.by_recipient[HEAD]
    assert (overdue.supervisee_id, overdue.supervisor_id) == (WORKER_A, MANAGER)
    assert overdue.last_session == date(2026, 1, 26)
    assert overdue.due == date(2026, 2, 23)
    assert overdue.days_overdue == 7


def test_managers_and_heads_of_service_are_in_the_chain_too() -> None:
    sessions = [s for s in on_time_for_everyone() if s.supervisee_id not in (MANAGER, HEAD)]
    report = overdue_supervision(chain(), sessions, today=TODAY)
    # The manager's supervisor is the head of service, whose manager is the director; the head of service's
    # supervisor is the director, whose manager is the external supervisor.
    assert {recipient: [o.supervisee_id for o in items] for recipient, items in report.by_recipient.items()} == {
        DIRECTOR: [MANAGER],
        EXTERNAL: [HEAD],
    }


def test_due_on_the_day_is_not_yet_overdue() -> None:
    sessions = [SessionHeld(WORKER_A, TODAY - timedelta(days=28))]
    report = overdue_supervision([member(WORKER_A, MANAGER), member(MANAGER, HEAD), member(HEAD, None)], sessions,
                                 today=TODAY)  # fmt: skip
    assert report.by_recipient == {}


def test_with_no_session_the_clock_runs_from_the_start_of_the_arrangement() -> None:
    people = [member(WORKER_A, MANAGER, since=date(2026, 2, 16)), member(MANAGER, HEAD), member(HEAD, None)]
    sessions = [SessionHeld(MANAGER, TODAY), SessionHeld(HEAD, TODAY)]
    assert overdue_supervision(people, sessions, today=TODAY).by_recipient == {}
    [overdue] = overdue_supervision(people, sessions, today=date(2026, 3, 17)).by_recipient[HEAD]
    assert (overdue.last_session, overdue.due, overdue.days_overdue) == (None, date(2026, 3, 16), 1)


def test_a_new_supervisor_gives_a_full_cadence_from_the_change() -> None:
    # Last session was long ago with a previous supervisor; the new arrangement began a week ago.
    people = [member(WORKER_A, MANAGER, since=TODAY - timedelta(days=7)), member(MANAGER, HEAD), member(HEAD, None)]
    sessions = [SessionHeld(WORKER_A, date(2025, 11, 3)), SessionHeld(MANAGER, TODAY), SessionHeld(HEAD, TODAY)]
    assert overdue_supervision(people, sessions, today=TODAY).by_recipient == {}


def test_sessions_booked_for_later_do_not_count() -> None:
    people = [member(WORKER_A, MANAGER), member(MANAGER, HEAD), member(HEAD, None)]
    sessions = [SessionHeld(WORKER_A, TODAY + timedelta(days=3)), SessionHeld(MANAGER, TODAY), SessionHeld(HEAD, TODAY)]
    [overdue] = overdue_supervision(people, sessions, today=TODAY).by_recipient[HEAD]
    assert overdue.supervisee_id == WORKER_A and overdue.last_session is None


def test_cadence_is_configurable_per_role() -> None:
    rules = CadenceRules(by_role={"head_of_service": 42})
    people = [member(HEAD, DIRECTOR, role="head_of_service"), member(DIRECTOR, EXTERNAL), member(EXTERNAL, None)]
    sessions = [SessionHeld(HEAD, TODAY - timedelta(days=35)), SessionHeld(DIRECTOR, TODAY)]
    assert overdue_supervision(people, sessions, today=TODAY, rules=rules).by_recipient == {}
    assert list(overdue_supervision(people, sessions, today=TODAY).by_recipient) == [EXTERNAL]


def test_a_persons_own_cadence_wins_over_their_roles() -> None:
    rules = CadenceRules(by_role={"social_worker": 14})
    own = ChainMember(WORKER_A, "Person 3", "social_worker", MANAGER, START, "North", cadence_days=42)
    people = [own, member(MANAGER, HEAD), member(HEAD, None)]
    sessions = [SessionHeld(WORKER_A, TODAY - timedelta(days=35)), SessionHeld(MANAGER, TODAY)]
    assert rules.days_for_member(own) == 42
    assert overdue_supervision(people, sessions, today=TODAY, rules=rules).by_recipient == {}
    with pytest.raises(ValueError, match="whole number of days"):
        ChainMember(WORKER_A, "Person 3", "social_worker", MANAGER, START, cadence_days=0)


def test_an_unknown_supervisor_is_reported_and_not_routed() -> None:
    people = [member(WORKER_A, 99), member(MANAGER, None)]
    report = overdue_supervision(people, [], today=TODAY)
    assert report.by_recipient == {}
    kinds = {(p.kind, p.user_ids) for p in report.problems}
    assert (ChainProblemKind.UNKNOWN_SUPERVISOR, (WORKER_A,)) in kinds
    assert any("user 99" in p.message for p in report.problems)


def test_overdue_with_nobody_above_the_supervisor_is_reported_not_dropped() -> None:
    people = [member(WORKER_A, MANAGER, since=date(2025, 12, 1)), member(MANAGER, None)]
    report = overdue_supervision(people, [], today=TODAY)
    assert report.by_recipient == {}
    [no_one] = [p for p in report.problems if p.kind is ChainProblemKind.NO_ONE_TO_TELL]
    assert no_one.user_ids == (WORKER_A, MANAGER)
    assert "Person 3's supervision was due on 29 December 2025" in no_one.message


def test_a_loop_in_the_chain_is_reported_once_and_does_not_hang() -> None:
    # 3 → 4 → 5 → 3, with 7 hanging off the loop.
    people = [member(3, 4), member(4, 5), member(5, 3), member(7, 3)]
    report = overdue_supervision(people, [], today=TODAY)
    cycles = [p for p in report.problems if p.kind is ChainProblemKind.CYCLE]
    assert [c.user_ids for c in cycles] == [(3, 4, 5)]
    assert "Person 3 → Person 4 → Person 5 → Person 3" in cycles[0].message
    # Routing still works inside a loop of three: 7's supervisor is 3, whose manager is 4.
    assert [o.supervisee_id for o in report.by_recipient[4]] == [5, 7]


def test_someone_supervising_themselves_is_a_loop_with_no_one_to_tell() -> None:
    report = overdue_supervision([member(3, 3)], [], today=TODAY)
    assert report.by_recipient == {}
    assert {p.kind for p in report.problems} == {ChainProblemKind.CYCLE, ChainProblemKind.NO_ONE_TO_TELL}


def test_the_same_person_twice_is_bad_data() -> None:
    with pytest.raises(ValueError, match="appears twice"):
        overdue_supervision([member(3, None), member(3, None)], [], today=TODAY)


# --- cadence met per team ---------------------------------------------------------------------------------------


def test_cadence_met_share_per_team_over_a_period() -> None:
    people = [
        member(WORKER_A, MANAGER, team="North"),
        member(WORKER_B, MANAGER, team="North"),
        member(MANAGER, HEAD, team="South", role="team_manager"),
        member(HEAD, None, team=None, role="head_of_service"),
    ]
    sessions = [
        # Worker A: every four weeks exactly, always on time.
        *(SessionHeld(WORKER_A, START + timedelta(days=28 * n)) for n in range(4)),
        # Worker B: a 35-day gap in February.
        SessionHeld(WORKER_B, START),
        SessionHeld(WORKER_B, date(2026, 2, 2)),
        SessionHeld(WORKER_B, date(2026, 3, 9)),
        # Manager: on time throughout.
        *(SessionHeld(MANAGER, START + timedelta(days=21 * n)) for n in range(5)),
        # Head of service: a session in January, then none until after the period.
        SessionHeld(HEAD, START),
    ]
    result = cadence_met_by_team(people, sessions, period_start=date(2026, 2, 1), period_end=date(2026, 3, 31))
    assert result == [TeamCadence("North", 1, 2), TeamCadence("South", 1, 1), TeamCadence(None, 0, 1)]
    assert result[0].share == Fraction(1, 2)


def test_a_gap_before_the_period_does_not_count_against_it() -> None:
    people = [member(WORKER_A, MANAGER)]
    sessions = [SessionHeld(WORKER_A, START), SessionHeld(WORKER_A, date(2026, 3, 2))]  # a gap in Jan-Feb
    [row] = cadence_met_by_team(people, sessions, period_start=date(2026, 3, 2), period_end=date(2026, 3, 30))
    assert (row.met, row.counted) == (1, 1)


def test_people_who_joined_after_the_period_are_not_counted() -> None:
    people = [member(WORKER_A, MANAGER), member(WORKER_B, MANAGER, since=date(2026, 5, 1))]
    sessions = [SessionHeld(WORKER_A, date(2026, 2, 2))]
    [row] = cadence_met_by_team(people, sessions, period_start=date(2026, 2, 1), period_end=date(2026, 2, 28))
    assert (row.met, row.counted) == (1, 1)


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="ends"):
        cadence_met_by_team([], [], period_start=TODAY, period_end=START)
