"""Statutory visit cadence: when the next visit to a child is due, by the level of the case, in working days.

Defaults (issue 5, configurable per council): child protection every 10 working days, child in need every 20
working days. These are common local-authority standards rather than a national rule: Working Together to Safeguard
Children 2023 sets no national visiting frequency for these children, leaving it to the child's plan and local
procedures, so a council passes its own `VisitRules`.
Early help and the context-linked Level 1 work have no statutory cadence by default.

How days are counted (docs/adr/0014-casework-rules.md): the next visit is due by the end of the n-th working day
after the last visit, using the front door's England and Wales working-day calendar
(`safecontext/front_door/timescales.py`). The visit day itself is day 0, whether or not it is a working day, so a
weekend visit earns no extra day: at 10 working days, a visit on Friday 6, Saturday 7 or Sunday 8 March 2026 makes
the next one due by Friday 20 March. A case with no visit yet counts from the day the case started at its level:
pass that date as `last_visit_date`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from safecontext.front_door.timescales import BankHolidays, add_working_days, next_working_day


class CaseLevel(StrEnum):
    EARLY_HELP = "early_help"
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION = "child_protection"
    # Level 1 of the contextual safeguarding work: the young person is linked to a context being worked with.
    CONTEXT_LEVEL_1 = "context_level_1"


# Working days between visits; None means the level has no statutory cadence.
DEFAULT_CADENCE: Mapping[str, int | None] = MappingProxyType(
    {
        CaseLevel.CHILD_PROTECTION: 10,
        CaseLevel.CHILD_IN_NEED: 20,
        CaseLevel.EARLY_HELP: None,
        CaseLevel.CONTEXT_LEVEL_1: None,
    }
)


@dataclass(frozen=True)
class VisitRules:
    """Working days allowed between visits, by case level. Every level a case can have must be listed (None for
    "no statutory cadence"), so a level missing from a council's rules is an error rather than silently unvisited."""

    every_working_days: Mapping[str, int | None] = field(default_factory=lambda: DEFAULT_CADENCE)

    def __post_init__(self) -> None:
        for level, days in self.every_working_days.items():
            if days is None:
                continue
            if isinstance(days, bool) or not isinstance(days, int) or days < 1:
                raise ValueError(f"Visits for {level!r}: the cadence must be a whole number of working days, 1 or more")
        object.__setattr__(self, "every_working_days", MappingProxyType(dict(self.every_working_days)))

    def cadence_for(self, level: str) -> int | None:
        try:
            return self.every_working_days[level]
        except KeyError:
            known = ", ".join(sorted(str(known) for known in self.every_working_days))
            raise ValueError(f"No visit rule for case level {level!r} (rules cover: {known})") from None


DEFAULT_RULES = VisitRules()


def next_visit_due(
    last_visit_date: date,
    level: str,
    *,
    rules: VisitRules = DEFAULT_RULES,
    bank_holidays: BankHolidays | None = None,
) -> date | None:
    """The date by which the next visit is due (a working day), or None when the level has no statutory cadence.

    A date outside the bank holiday data raises `OutsideCalendarError` rather than being guessed.
    """
    days = rules.cadence_for(level)
    if days is None:
        return None
    # The first working day strictly after the visit is day 1, whether the visit was on a working day or a weekend.
    first = next_working_day(last_visit_date, bank_holidays=bank_holidays)
    return add_working_days(first, days - 1, bank_holidays=bank_holidays)


def is_visit_overdue(
    last_visit_date: date,
    level: str,
    *,
    today: date,
    rules: VisitRules = DEFAULT_RULES,
    bank_holidays: BankHolidays | None = None,
) -> bool:
    """Whether the next visit is overdue on `today`: a visit is on time on any moment of its due date, so it is
    overdue from the day after. Never overdue for a level without a statutory cadence."""
    due = next_visit_due(last_visit_date, level, rules=rules, bank_holidays=bank_holidays)
    return due is not None and today > due
