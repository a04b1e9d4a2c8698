"""Working-day timescales for the front door: when a screening decision is due, and whether it is overdue.

Pure functions, no ORM and no network. Bank holidays in England and Wales come from a data file shipped with the
project (`data/bank-holidays-england-and-wales.json`, refreshed yearly from gov.uk); a date outside the years it
covers raises `OutsideCalendarError` instead of being guessed, because a wrongly counted deadline for a child at risk
is worse than a loud failure that someone fixes by refreshing the file.

How days are counted (docs/adr/0011-front-door-rules.md):
- A working day is Monday to Friday and not a bank holiday.
- A referral counts as received on the day it arrives if that is a working day and it arrives before the cut-off
  time; otherwise it counts from the next working day. That day is working day 1.
- "Within n working days" means by the end of working day n, in London time.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LONDON = "Europe/London"
BANK_HOLIDAYS_FILE = Path(__file__).parent / "data" / "bank-holidays-england-and-wales.json"

# The front door's working day ends at its cut-off, but timeliness is reported by date (the decision date against
# the due date), so a decision is on time if it is made at any moment of the due date.
END_OF_DAY = time.max


class OutsideCalendarError(ValueError):
    """The date is outside the years the bank holiday data covers; refresh the data file."""


class BankHolidayFileError(ValueError):
    """The bank holiday data file is missing or malformed; the message names the file and the field."""


@dataclass(frozen=True)
class BankHolidays:
    """Bank holidays over a stated range of dates. Only dates inside [first, last] can be counted."""

    first: date
    last: date
    dates: frozenset[date]
    source: str = ""
    # Bank holidays that fall on a weekday, sorted, so a range of dates is counted with two binary searches.
    _weekday_dates: tuple[date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise BankHolidayFileError(f"Coverage starts ({self.first}) after it ends ({self.last})")
        outside = sorted(day for day in self.dates if not self.first <= day <= self.last)
        if outside:
            raise BankHolidayFileError(
                f"Bank holiday {outside[0].isoformat()} is outside the coverage {self.first} to {self.last}"
            )
        object.__setattr__(self, "_weekday_dates", tuple(sorted(day for day in self.dates if day.weekday() < 5)))

    def check_covers(self, day: date) -> None:
        if not self.first <= day <= self.last:
            raise OutsideCalendarError(
                f"{day.isoformat()} is outside the bank holiday data, which covers {self.first.isoformat()} to "
                f"{self.last.isoformat()}. Refresh {BANK_HOLIDAYS_FILE.name} from https://www.gov.uk/bank-holidays"
            )

    def is_working_day(self, day: date) -> bool:
        self.check_covers(day)
        return day.weekday() < 5 and day not in self.dates

    def weekday_holidays_in(self, after: date, up_to: date) -> int:
        """How many weekday bank holidays fall in (after, up_to]."""
        return bisect.bisect_right(self._weekday_dates, up_to) - bisect.bisect_right(self._weekday_dates, after)


def load_bank_holidays(path: Path) -> BankHolidays:
    """Read and check a bank holiday file (gov.uk's event shape plus a stated coverage)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BankHolidayFileError(f"{path}: file not found") from None
    except json.JSONDecodeError as error:
        raise BankHolidayFileError(f"{path}: not valid JSON at line {error.lineno}: {error.msg}") from None
    if not isinstance(raw, dict):
        raise BankHolidayFileError(f"{path}: expected a JSON object at the top level")
    coverage = raw.get("coverage")
    if not isinstance(coverage, dict):
        raise BankHolidayFileError(f"{path}: 'coverage' must be an object with 'first' and 'last' dates")
    first = _parse_date(coverage.get("first"), f"{path}: coverage.first")
    last = _parse_date(coverage.get("last"), f"{path}: coverage.last")
    events = raw.get("events")
    if not isinstance(events, list) or not events:
        raise BankHolidayFileError(f"{path}: 'events' must be a non-empty list")
    dates: set[date] = set()
    for index, event in enumerate(events):
        where = f"{path}: events[{index}]"
        if not isinstance(event, dict):
            raise BankHolidayFileError(f"{where}: expected an object with 'date' and 'title'")
        day = _parse_date(event.get("date"), f"{where}.date")
        if not isinstance(event.get("title"), str) or not event["title"].strip():
            raise BankHolidayFileError(f"{where}.title: every bank holiday needs a title")
        if day in dates:
            raise BankHolidayFileError(f"{where}.date: {day.isoformat()} is listed twice")
        if day.weekday() >= 5:
            # gov.uk lists the substitute weekday, never the weekend date; a weekend here means a substitute
            # day was probably missed.
            raise BankHolidayFileError(f"{where}.date: {day.isoformat()} is a weekend; list the substitute weekday")
        dates.add(day)
    source = raw.get("source", "")
    try:
        return BankHolidays(first=first, last=last, dates=frozenset(dates), source=str(source))
    except BankHolidayFileError as error:
        raise BankHolidayFileError(f"{path}: {error}") from None


@cache
def default_bank_holidays() -> BankHolidays:
    return load_bank_holidays(BANK_HOLIDAYS_FILE)


def is_working_day(day: date, *, bank_holidays: BankHolidays | None = None) -> bool:
    _require_date(day, "day")
    return (bank_holidays or default_bank_holidays()).is_working_day(day)


def next_working_day(day: date, *, bank_holidays: BankHolidays | None = None) -> date:
    """The first working day strictly after `day`."""
    _require_date(day, "day")
    calendar = bank_holidays or default_bank_holidays()
    candidate = date.fromordinal(day.toordinal() + 1)
    while not calendar.is_working_day(candidate):
        candidate = date.fromordinal(candidate.toordinal() + 1)
    return candidate


def counting_day(
    received: date | datetime, *, cut_off: time | None = None, bank_holidays: BankHolidays | None = None
) -> date:
    """The working day a referral counts as received on (working day 1 of any timescale).

    A datetime is read at its own wall-clock time: convert it to London time first (`decision_due` does). Arriving
    exactly at the cut-off counts as after it: the front door has closed for the day.
    """
    calendar = bank_holidays or default_bank_holidays()
    if isinstance(received, datetime):
        day = received.date()
        late = cut_off is not None and received.time() >= _naive_time(cut_off)
    else:
        day, late = received, False
    if late or not calendar.is_working_day(day):
        return next_working_day(day, bank_holidays=calendar)
    return day


def add_working_days(
    start: date | datetime, n: int, *, cut_off: time | None = None, bank_holidays: BankHolidays | None = None
) -> date:
    """The working day n working days after the day `start` counts from (n = 0 gives that day itself).

    Received on a non-working day, or on or after `cut_off`, the count starts from the next working day.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"The number of working days must be a whole number, 0 or more (got {n!r})")
    calendar = bank_holidays or default_bank_holidays()
    day = counting_day(start, cut_off=cut_off, bank_holidays=calendar)
    for _ in range(n):
        day = next_working_day(day, bank_holidays=calendar)
    return day


def decision_due(
    received_at: datetime,
    *,
    working_days: int = 1,
    cut_off: time | None = time(17, 0),
    tz: str = LONDON,
    bank_holidays: BankHolidays | None = None,
) -> datetime:
    """When the screening decision on a referral received at `received_at` is due: the end of working day
    `working_days` in London time, timezone-aware.

    Working Together to Safeguard Children 2023 (DfE), ch.3 "Providing help, support and protection", on referrals
    to local authority children's social care: within one working day of a referral being received, the local
    authority should decide about next steps and the type of response required, and acknowledge receipt to the
    referrer. (Chapter 2 of the 2023 edition is multi-agency safeguarding arrangements; the 2018 edition had this in
    chapter 1.) Received Friday 18:00 (after the cut-off), the
    decision is due by the end of Monday — or Tuesday when Monday is a bank holiday.
    """
    _require_aware(received_at, "received_at")
    if isinstance(working_days, bool) or not isinstance(working_days, int) or working_days < 1:
        raise ValueError(f"working_days must be a whole number, 1 or more (got {working_days!r})")
    zone = _zone(tz)
    local = received_at.astimezone(zone)
    day = add_working_days(local, working_days - 1, cut_off=cut_off, bank_holidays=bank_holidays)
    return datetime.combine(day, END_OF_DAY, tzinfo=zone)


def working_days_between(a: date, b: date, *, bank_holidays: BankHolidays | None = None) -> int:
    """How many working days fall after `a` up to and including `b`; negative when `b` is before `a`.

    So for a working day `a`, `working_days_between(a, add_working_days(a, n)) == n`.
    """
    _require_date(a, "a")
    _require_date(b, "b")
    if b < a:
        return -working_days_between(b, a, bank_holidays=bank_holidays)
    calendar = bank_holidays or default_bank_holidays()
    calendar.check_covers(a)
    calendar.check_covers(b)
    weekdays = _weekdays_through(b.toordinal()) - _weekdays_through(a.toordinal())
    return weekdays - calendar.weekday_holidays_in(a, b)


def is_overdue(due: datetime, now: datetime) -> bool:
    """A deadline is overdue once `now` is past it (both timezone-aware, so London clock changes can't skew it)."""
    _require_aware(due, "due")
    _require_aware(now, "now")
    return now > due


def _weekdays_through(ordinal: int) -> int:
    # Day 1 of the proleptic Gregorian calendar (1 January 0001) is a Monday, so every block of 7 days from it holds
    # 5 weekdays and a part-week of r days holds min(r, 5).
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


def _parse_date(value: object, where: str) -> date:
    if not isinstance(value, str):
        raise BankHolidayFileError(f"{where}: expected a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BankHolidayFileError(f"{where}: {value!r} is not a real date written YYYY-MM-DD") from None


def _require_date(value: object, name: str) -> None:
    # datetime is a subclass of date; a datetime here would silently drop its time and zone.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a date (got {type(value).__name__}); convert datetimes to London time first")


def _require_aware(value: object, name: str) -> None:
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime (got {type(value).__name__})")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware: a naive time is ambiguous across British Summer Time")


def _naive_time(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("The cut-off is a wall-clock time in London and must not carry a time zone")
    return value


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"Unknown time zone {name!r}") from None
