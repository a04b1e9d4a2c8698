"""Visit cadence by case level in England and Wales working days (child protection every 10, child in need every
20 by default): weekends, bank holidays, weekend visits, levels without a cadence and a council's own rules.
Expected dates below were counted by hand against the 2026 calendar."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from safecontext.cases.rules.visit_cadence import (
    DEFAULT_CADENCE,
    DEFAULT_RULES,
    CaseLevel,
    VisitRules,
    is_visit_overdue,
    next_visit_due,
)
from safecontext.front_door.timescales import BankHolidays, OutsideCalendarError

CP, CIN = CaseLevel.CHILD_PROTECTION, CaseLevel.CHILD_IN_NEED


def test_defaults() -> None:
    assert DEFAULT_CADENCE == {
        CP: 10,
        CIN: 20,
        CaseLevel.EARLY_HELP: None,
        CaseLevel.CONTEXT_LEVEL_1: None,
    }
    assert DEFAULT_RULES.cadence_for("child_protection") == 10


@pytest.mark.parametrize(
    ("visited", "level", "due"),
    [
        # Mon 9 Mar 2026: two clear working weeks.
        (date(2026, 3, 9), CP, date(2026, 3, 23)),
        (date(2026, 3, 9), CIN, date(2026, 4, 8)),  # crosses Good Friday 3 Apr and Easter Monday 6 Apr
        # Fri 27 Mar: Mon 30 (1) ... Thu 2 Apr (4), Good Friday and Easter Monday skipped, Tue 7 (5) ... Tue 14 (10).
        (date(2026, 3, 27), CP, date(2026, 4, 14)),
        # A visit on Good Friday itself: Tue 7 Apr is day 1.
        (date(2026, 4, 3), CP, date(2026, 4, 20)),
        # Fri 18 Dec: Christmas Day, the Boxing Day substitute (Mon 28) and New Year's Day are skipped.
        (date(2026, 12, 18), CP, date(2027, 1, 6)),
        (date(2026, 12, 24), CIN, date(2027, 1, 26)),
    ],
)
def test_next_visit_due_counts_working_days_around_weekends_and_bank_holidays(
    visited: date, level: CaseLevel, due: date
) -> None:
    assert next_visit_due(visited, level) == due


@pytest.mark.parametrize("visited", [date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 8)])
def test_a_weekend_visit_earns_no_extra_day(visited: date) -> None:
    # Friday, Saturday and Sunday visits all make Monday 9 March day 1, so the next visit is due Friday 20 March.
    assert next_visit_due(visited, CP) == date(2026, 3, 20)


def test_a_visit_on_a_bank_holiday_counts_from_the_next_working_day() -> None:
    # Mon 31 Aug 2026 (summer bank holiday): Tue 1 Sep is day 1, so day 10 is Mon 14 Sep.
    assert next_visit_due(date(2026, 8, 31), CP) == date(2026, 9, 14)


@pytest.mark.parametrize("level", [CaseLevel.EARLY_HELP, CaseLevel.CONTEXT_LEVEL_1])
def test_levels_without_a_statutory_cadence_are_never_due_or_overdue(level: CaseLevel) -> None:
    assert next_visit_due(date(2026, 1, 5), level) is None
    assert not is_visit_overdue(date(2026, 1, 5), level, today=date(2026, 11, 25))


def test_overdue_from_the_day_after_the_due_date() -> None:
    visited = date(2026, 3, 9)  # due Mon 23 Mar
    assert not is_visit_overdue(visited, CP, today=date(2026, 3, 9))
    assert not is_visit_overdue(visited, CP, today=date(2026, 3, 23))
    assert is_visit_overdue(visited, CP, today=date(2026, 3, 24))
    assert not is_visit_overdue(visited, CIN, today=date(2026, 3, 24))


def test_a_council_sets_its_own_cadence() -> None:
    rules = VisitRules({"child_protection": 5, "child_in_need": 15, "early_help": 30, "context_level_1": None})
    assert next_visit_due(date(2026, 3, 9), CP, rules=rules) == date(2026, 3, 16)
    assert next_visit_due(date(2026, 3, 9), CaseLevel.EARLY_HELP, rules=rules) == date(2026, 4, 22)
    assert is_visit_overdue(date(2026, 3, 9), CP, today=date(2026, 3, 17), rules=rules)
    assert next_visit_due(date(2026, 3, 9), CaseLevel.CONTEXT_LEVEL_1, rules=rules) is None


def test_a_one_working_day_cadence() -> None:
    rules = VisitRules({"daily": 1})
    assert next_visit_due(date(2026, 3, 6), "daily", rules=rules) == date(2026, 3, 9)
    assert next_visit_due(date(2026, 3, 9), "daily", rules=rules) == date(2026, 3, 10)


def test_rules_are_copied_so_a_later_change_to_the_mapping_does_not_move_deadlines() -> None:
    mapping: dict[str, int | None] = {"child_protection": 10}
    rules = VisitRules(mapping)
    mapping["child_protection"] = 40
    assert rules.cadence_for("child_protection") == 10


@pytest.mark.parametrize("days", [0, -5, 2.5, True, "10"])
def test_a_cadence_that_is_not_a_whole_number_of_working_days_is_refused(days: object) -> None:
    with pytest.raises(ValueError, match="whole number of working days"):
        VisitRules({"child_protection": days})  # type: ignore[dict-item]


def test_an_unknown_level_is_an_error_not_silently_unvisited() -> None:
    with pytest.raises(ValueError, match=r"No visit rule for case level 'looked_after'.*child_in_need"):
        next_visit_due(date(2026, 3, 9), "looked_after")
    with pytest.raises(ValueError, match="No visit rule"):
        is_visit_overdue(date(2026, 3, 9), "looked_after", today=date(2026, 3, 9))


def test_a_date_outside_the_bank_holiday_data_is_refused_not_guessed() -> None:
    with pytest.raises(OutsideCalendarError):
        next_visit_due(date(2030, 12, 24), CP)
    with pytest.raises(OutsideCalendarError):
        next_visit_due(date(2017, 6, 1), CP)


def test_a_datetime_is_refused_so_its_time_and_zone_are_not_silently_dropped() -> None:
    with pytest.raises(TypeError, match="must be a date"):
        next_visit_due(datetime(2026, 3, 9, 10, 0), CP)


def test_a_council_calendar_with_a_local_closure_day() -> None:
    calendar = BankHolidays(first=date(2026, 1, 1), last=date(2026, 12, 31), dates=frozenset({date(2026, 3, 10)}))
    # Tue 10 Mar closed: Mon 9's 10th working day moves from Mon 23 to Tue 24 Mar.
    assert next_visit_due(date(2026, 3, 9), CP, bank_holidays=calendar) == date(2026, 3, 24)
    assert not is_visit_overdue(date(2026, 3, 9), CP, today=date(2026, 3, 24), bank_holidays=calendar)
