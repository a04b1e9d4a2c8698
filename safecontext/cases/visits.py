"""When each case's next statutory visit is due (rules/visit_cadence.py), from the last note that saw the child.

The cadence is configurable: `SAFECONTEXT_VISIT_CADENCE` maps case levels to working days (None: no cadence),
defaulting to child protection 10 and child in need 20 working days.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.conf import settings

from safecontext.cases.models import Case
from safecontext.cases.rules.visit_cadence import DEFAULT_CADENCE, VisitRules, next_visit_due
from safecontext.front_door.timescales import OutsideCalendarError


def visit_rules() -> VisitRules:
    return VisitRules(dict(DEFAULT_CADENCE) | dict(getattr(settings, "SAFECONTEXT_VISIT_CADENCE", {})))


class VisitStatus(NamedTuple):
    last_visit: dt.date | None
    due: dt.date | None  # None: the level has no statutory cadence (or the date is outside the calendar data)
    overdue: bool
    days_overdue: int


def visit_status(
    case: Case, last_visit: dt.date | None, *, today: dt.date, rules: VisitRules | None = None
) -> VisitStatus:
    """A case with no visit yet counts from the day it opened (visit_cadence.py)."""
    try:
        due = next_visit_due(last_visit or case.opened_on, case.level, rules=rules or visit_rules())
    except OutsideCalendarError:
        due = None
    overdue = due is not None and due < today
    return VisitStatus(last_visit, due, overdue, (today - due).days if overdue and due else 0)
