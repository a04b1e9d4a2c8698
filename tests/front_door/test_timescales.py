"""Working-day timescales: weekends, bank holidays (incl. the special days of 2020, 2022 and 2023 and weekend
substitutes), the cut-off, London time, and the errors for dates the shipped data does not cover."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from safecontext.front_door import timescales
from safecontext.front_door.timescales import (
    BankHolidayFileError,
    OutsideCalendarError,
    add_working_days,
    counting_day,
    decision_due,
    default_bank_holidays,
    is_overdue,
    is_working_day,
    load_bank_holidays,
    next_working_day,
    working_days_between,
)

LONDON = ZoneInfo("Europe/London")


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def end_of(day: date) -> datetime:
    return datetime.combine(day, time.max, tzinfo=LONDON)


# --- the shipped data, checked against the statutory pattern worked out independently ---------------------------


def easter_sunday(year: int) -> date:
    # The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


def first_monday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def last_monday(year: int, month: int) -> date:
    day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return day - timedelta(days=day.weekday())


def statutory_pattern(year: int) -> set[date]:
    days = {easter_sunday(year) - timedelta(days=2), easter_sunday(year) + timedelta(days=1)}
    days |= {first_monday(year, 5), last_monday(year, 5), last_monday(year, 8)}
    new_year = date(year, 1, 1)
    days.add(new_year if new_year.weekday() < 5 else first_monday(year, 1))
    christmas, boxing = date(year, 12, 25), date(year, 12, 26)
    if christmas.weekday() < 4:  # Monday to Thursday: both on the day
        days |= {christmas, boxing}
    elif christmas.weekday() == 4:  # Friday: Boxing Day (Saturday) moves to Monday 28th
        days |= {christmas, date(year, 12, 28)}
    elif christmas.weekday() == 5:  # Saturday: Monday 27th and Tuesday 28th
        days |= {date(year, 12, 27), date(year, 12, 28)}
    else:  # Sunday: Boxing Day on Monday 26th, Christmas moves to Tuesday 27th
        days |= {boxing, date(year, 12, 27)}
    return days


SPECIAL_CHANGES = {
    # 2020: the early May bank holiday moved from Monday 4 to Friday 8 May for the 75th anniversary of VE day.
    2020: ({date(2020, 5, 4)}, {date(2020, 5, 8)}),
    # 2022: the spring bank holiday moved to Thursday 2 June, plus the Platinum Jubilee on Friday 3 June and the
    # State Funeral of Queen Elizabeth II on Monday 19 September.
    2022: ({date(2022, 5, 30)}, {date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19)}),
    # 2023: the Coronation of King Charles III, Monday 8 May.
    2023: (set(), {date(2023, 5, 8)}),
}


@pytest.mark.parametrize("year", range(2018, 2031))
def test_the_shipped_file_matches_the_statutory_pattern_and_the_special_days(year: int) -> None:
    removed, added = SPECIAL_CHANGES.get(year, (set(), set()))
    expected = (statutory_pattern(year) - removed) | added
    shipped = {day for day in default_bank_holidays().dates if day.year == year}
    assert shipped == expected


def test_the_shipped_file_says_where_it_came_from_and_when_to_refresh_it() -> None:
    raw = json.loads(timescales.BANK_HOLIDAYS_FILE.read_text())
    assert "gov.uk" in raw["_comment"] and "REFRESH YEARLY" in raw["_comment"]
    assert "holidays" in raw["_comment"]
    assert raw["coverage"] == {"first": "2018-01-01", "last": "2030-12-31"}
    assert raw["division"] == "england-and-wales"


# --- working days ---------------------------------------------------------------------------------------------------


def test_weekends_are_not_working_days() -> None:
    assert is_working_day(date(2024, 6, 14))  # Friday
    assert not is_working_day(date(2024, 6, 15))  # Saturday
    assert not is_working_day(date(2024, 6, 16))  # Sunday
    assert is_working_day(date(2024, 6, 17))  # Monday
    assert add_working_days(date(2024, 6, 14), 1) == date(2024, 6, 17)
    assert add_working_days(date(2024, 6, 14), 5) == date(2024, 6, 21)


def test_n_zero_is_the_counting_day_itself() -> None:
    assert add_working_days(date(2024, 6, 14), 0) == date(2024, 6, 14)
    assert add_working_days(date(2024, 6, 15), 0) == date(2024, 6, 17)  # Saturday counts from Monday


def test_easter() -> None:
    # 2024: Good Friday 29 March, Easter Monday 1 April.
    assert not is_working_day(date(2024, 3, 29))
    assert not is_working_day(date(2024, 4, 1))
    assert add_working_days(date(2024, 3, 28), 1) == date(2024, 4, 2)
    assert working_days_between(date(2024, 3, 28), date(2024, 4, 2)) == 1


def test_christmas_and_new_year_at_a_weekend_have_substitute_days() -> None:
    # Christmas 2021 fell on a Saturday: Monday 27 and Tuesday 28 December were the bank holidays; New Year's Day
    # 2022 was also a Saturday: Monday 3 January.
    for day in (date(2021, 12, 27), date(2021, 12, 28), date(2022, 1, 3)):
        assert not is_working_day(day), day
    assert add_working_days(date(2021, 12, 24), 1) == date(2021, 12, 29)
    assert add_working_days(date(2021, 12, 31), 1) == date(2022, 1, 4)
    # Christmas 2022 fell on a Sunday: Boxing Day Monday 26, Christmas substitute Tuesday 27.
    assert add_working_days(date(2022, 12, 23), 1) == date(2022, 12, 28)
    # Boxing Day 2020 fell on a Saturday: Monday 28 December.
    assert not is_working_day(date(2020, 12, 28))
    # And into the future: 2027 is like 2021.
    assert add_working_days(date(2027, 12, 24), 1) == date(2027, 12, 29)


def test_2020_ve_day_moved_the_early_may_bank_holiday() -> None:
    assert is_working_day(date(2020, 5, 4))  # the usual first Monday was worked
    assert not is_working_day(date(2020, 5, 8))
    assert add_working_days(date(2020, 5, 7), 1) == date(2020, 5, 11)


def test_2022_jubilee_and_state_funeral() -> None:
    assert is_working_day(date(2022, 5, 30))  # the usual last Monday of May was worked
    assert not is_working_day(date(2022, 6, 2))
    assert not is_working_day(date(2022, 6, 3))
    assert add_working_days(date(2022, 6, 1), 1) == date(2022, 6, 6)
    assert not is_working_day(date(2022, 9, 19))
    assert add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)


def test_2023_coronation() -> None:
    assert not is_working_day(date(2023, 5, 1))  # early May bank holiday
    assert not is_working_day(date(2023, 5, 8))  # Coronation
    assert working_days_between(date(2023, 4, 28), date(2023, 5, 12)) == 8


def test_the_cut_off_moves_the_counting_day() -> None:
    monday = date(2024, 6, 17)
    assert counting_day(datetime(2024, 6, 17, 16, 59), cut_off=time(17, 0)) == monday
    assert counting_day(datetime(2024, 6, 17, 17, 0), cut_off=time(17, 0)) == date(2024, 6, 18)  # at the cut-off
    assert counting_day(datetime(2024, 6, 17, 23, 0), cut_off=None) == monday
    assert add_working_days(datetime(2024, 6, 14, 18, 0), 0, cut_off=time(17, 0)) == monday
    assert add_working_days(datetime(2024, 6, 14, 18, 0), 1, cut_off=time(15, 0)) == date(2024, 6, 18)


def test_working_days_between_agrees_with_add_working_days() -> None:
    rng = random.Random(2023)
    first = date(2018, 1, 1).toordinal()
    for _ in range(500):
        start = date.fromordinal(rng.randrange(first, first + 365 * 12))
        if not is_working_day(start):
            continue
        n = rng.randrange(0, 60)
        end = add_working_days(start, n)
        assert working_days_between(start, end) == n
        assert working_days_between(end, start) == -n


def test_working_days_between_counts_after_the_first_date_up_to_and_including_the_second() -> None:
    assert working_days_between(date(2024, 6, 14), date(2024, 6, 14)) == 0
    assert working_days_between(date(2024, 6, 14), date(2024, 6, 16)) == 0  # Friday to Sunday
    assert working_days_between(date(2024, 6, 15), date(2024, 6, 17)) == 1  # Saturday to Monday
    # Christmas 2024 to New Year 2025: 23, 24, 27, 30, 31 Dec and 2, 3 Jan.
    assert working_days_between(date(2024, 12, 20), date(2025, 1, 3)) == 7
    # A whole year: 2024 has 262 weekdays (a leap year starting on a Monday) and 8 bank holidays on weekdays.
    assert working_days_between(date(2023, 12, 31), date(2024, 12, 31)) == 254


def test_next_working_day_is_strictly_after() -> None:
    assert next_working_day(date(2024, 6, 17)) == date(2024, 6, 18)
    assert next_working_day(date(2024, 5, 3)) == date(2024, 5, 7)  # over the early May bank holiday


# --- the screening decision --------------------------------------------------------------------------------------


def test_received_friday_evening_is_due_by_the_end_of_monday() -> None:
    due = decision_due(london(2024, 6, 14, 18, 0))
    assert due == end_of(date(2024, 6, 17))
    assert due.tzinfo is not None and due.utcoffset() == timedelta(hours=1)  # British Summer Time


def test_received_friday_evening_before_a_bank_holiday_monday_is_due_on_tuesday() -> None:
    assert decision_due(london(2024, 5, 3, 18, 0)) == end_of(date(2024, 5, 7))  # early May bank holiday
    assert decision_due(london(2024, 8, 23, 18, 0)) == end_of(date(2024, 8, 27))  # summer bank holiday


def test_received_on_a_working_day_before_the_cut_off_is_due_the_same_day() -> None:
    assert decision_due(london(2024, 6, 17, 10, 0)) == end_of(date(2024, 6, 17))
    assert decision_due(london(2024, 6, 17, 10, 0), working_days=2) == end_of(date(2024, 6, 18))
    assert decision_due(london(2024, 6, 17, 16, 0), cut_off=time(15, 0)) == end_of(date(2024, 6, 18))
    assert decision_due(london(2024, 6, 17, 23, 0), cut_off=None) == end_of(date(2024, 6, 17))


def test_received_at_the_weekend_is_due_on_monday() -> None:
    assert decision_due(london(2024, 6, 15, 11, 0)) == end_of(date(2024, 6, 17))
    assert decision_due(london(2024, 6, 16, 23, 59)) == end_of(date(2024, 6, 17))


def test_the_cut_off_is_read_in_london_time() -> None:
    # 16:30 UTC is 17:30 in British Summer Time (after the cut-off) but 16:30 in winter (before it).
    assert decision_due(datetime(2024, 6, 17, 16, 30, tzinfo=UTC)) == end_of(date(2024, 6, 18))
    assert decision_due(datetime(2024, 1, 15, 16, 30, tzinfo=UTC)) == end_of(date(2024, 1, 15))
    # 23:30 UTC on Friday is 00:30 on Saturday in London.
    assert decision_due(datetime(2024, 6, 14, 23, 30, tzinfo=UTC)) == end_of(date(2024, 6, 17))


def test_overdue() -> None:
    due = decision_due(london(2024, 6, 14, 18, 0))
    assert not is_overdue(due, london(2024, 6, 17, 23, 0))
    assert not is_overdue(due, due)
    assert is_overdue(due, london(2024, 6, 18, 0, 0))
    assert is_overdue(due, datetime(2024, 6, 17, 23, 0, tzinfo=UTC))  # midnight in London


# --- errors ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(2017, 12, 29), date(2031, 1, 2)])
def test_dates_outside_the_data_are_refused_not_guessed(day: date) -> None:
    with pytest.raises(OutsideCalendarError, match=r"outside the bank holiday data.*Refresh"):
        is_working_day(day)
    with pytest.raises(ValueError, match="outside the bank holiday data"):
        working_days_between(date(2024, 1, 2), day)


def test_counting_past_the_end_of_the_data_is_refused() -> None:
    with pytest.raises(OutsideCalendarError):
        add_working_days(date(2030, 12, 31), 1)
    with pytest.raises(OutsideCalendarError):
        decision_due(london(2030, 12, 31, 18, 0))


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        decision_due(datetime(2024, 6, 14, 18, 0))
    with pytest.raises(ValueError, match="1 or more"):
        decision_due(london(2024, 6, 14, 18, 0), working_days=0)
    with pytest.raises(ValueError, match="0 or more"):
        add_working_days(date(2024, 6, 14), -1)
    with pytest.raises(ValueError, match="whole number"):
        add_working_days(date(2024, 6, 14), True)
    with pytest.raises(TypeError, match="must be a date"):
        is_working_day(datetime(2024, 6, 14, 10, 0))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Unknown time zone"):
        decision_due(london(2024, 6, 14, 18, 0), tz="Europe/Atlantis")
    with pytest.raises(ValueError, match="must not carry a time zone"):
        decision_due(london(2024, 6, 14, 18, 0), cut_off=time(17, 0, tzinfo=UTC))
    with pytest.raises(ValueError, match="timezone-aware"):
        is_overdue(london(2024, 6, 14, 18, 0), datetime(2024, 6, 14, 19, 0))


def write(tmp_path: Path, doc: object) -> Path:
    path = tmp_path / "bank-holidays.json"
    path.write_text(json.dumps(doc) if not isinstance(doc, str) else doc)
    return path


GOOD = {
    "coverage": {"first": "2024-01-01", "last": "2024-12-31"},
    "events": [{"date": "2024-12-25", "title": "Christmas Day"}],
}


def test_the_shipped_file_loads_cleanly() -> None:
    calendar = load_bank_holidays(timescales.BANK_HOLIDAYS_FILE)
    assert calendar == default_bank_holidays()
    assert (calendar.first, calendar.last) == (date(2018, 1, 1), date(2030, 12, 31))
    assert len(calendar.dates) == 13 * 8 + 3  # eight a year, plus the Jubilee, the State Funeral, the Coronation


def test_a_minimal_file_can_stand_in_for_the_shipped_one(tmp_path: Path) -> None:
    calendar = load_bank_holidays(write(tmp_path, GOOD))
    assert not is_working_day(date(2024, 12, 25), bank_holidays=calendar)
    assert is_working_day(date(2024, 12, 26), bank_holidays=calendar)  # not listed in this file
    with pytest.raises(OutsideCalendarError):
        is_working_day(date(2025, 1, 2), bank_holidays=calendar)


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ("{not json", "not valid JSON at line 1"),
        ([], "JSON object at the top level"),
        ({**GOOD, "coverage": None}, "'coverage' must be an object"),
        ({**GOOD, "coverage": {"first": "2024-01-01", "last": "2024-13-01"}}, "coverage.last: '2024-13-01' is not a"),
        ({**GOOD, "events": []}, "'events' must be a non-empty list"),
        ({**GOOD, "events": [{"date": "2024-02-30", "title": "x"}]}, r"events\[0\].date: '2024-02-30' is not a real"),
        ({**GOOD, "events": [{"date": "2024-12-25", "title": ""}]}, r"events\[0\].title"),
        ({**GOOD, "events": [{"date": "2024-12-28", "title": "x"}]}, "is a weekend; list the substitute weekday"),
        ({**GOOD, "events": GOOD["events"] * 2}, r"events\[1\].date: 2024-12-25 is listed twice"),
        ({**GOOD, "events": [{"date": "2025-01-01", "title": "x"}]}, "outside the coverage"),
        ({**GOOD, "coverage": {"first": "2024-12-31", "last": "2024-01-01"}}, "starts .* after it ends"),
    ],
)
def test_malformed_files_are_refused_with_the_field_named(tmp_path: Path, doc: object, message: str) -> None:
    path = write(tmp_path, doc)
    with pytest.raises(BankHolidayFileError, match=message) as error:
        load_bank_holidays(path)
    assert str(path) in str(error.value)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BankHolidayFileError, match="file not found"):
        load_bank_holidays(tmp_path / "nope.json")
