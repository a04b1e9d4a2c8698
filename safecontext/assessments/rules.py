"""Pure rules for a single assessment's dates (no Django): the order the CIN census expects and no future dates.

Each check returns field → messages so a form can show every problem at once, next to its field. The census checks
these too (e.g. an assessment authorised before it started fails validation); catching them at entry saves a data
officer chasing them in April.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

DATE_LABELS: dict[str, str] = {
    "started_on": "Start date",
    "authorised_on": "Authorisation date",
    "cin_plan_start": "Child in need plan start date",
    "cin_plan_end": "Child in need plan end date",
    "s47_started_on": "Section 47 enquiry start date",
    "icpc_on": "Initial child protection conference date",
    "cp_plan_start": "Child protection plan start date",
    "cp_plan_end": "Child protection plan end date",
}

# The single assessment replaced initial and core assessments in 2013 (Working Together 2013); anything much older is
# a typing mistake (a year of 1026 for 2026).
EARLIEST = dt.date(2000, 1, 1)

# (earlier, later): the later date may not come before the earlier one.
ORDER: tuple[tuple[str, str], ...] = (
    ("started_on", "authorised_on"),
    ("cin_plan_start", "cin_plan_end"),
    ("cp_plan_start", "cp_plan_end"),
    ("s47_started_on", "icpc_on"),
    ("icpc_on", "cp_plan_start"),
)


def check_dates(dates: Mapping[str, dt.date | None], *, today: dt.date) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if dates.get("started_on") is None:
        add("started_on", "Enter the start date")
    for field, value in dates.items():
        if value is not None and value > today:
            add(field, f"{DATE_LABELS.get(field, field)} must be today or in the past")
        elif value is not None and value < EARLIEST:
            add(field, f"{DATE_LABELS.get(field, field)} must be after {EARLIEST.day} {EARLIEST:%B %Y}")
    for earlier, later in ORDER:
        first, second = dates.get(earlier), dates.get(later)
        if first is not None and second is not None and second < first:
            add(later, f"{DATE_LABELS[later]} must be the same as or after the {DATE_LABELS[earlier].lower()}")
    for end, start in (("cin_plan_end", "cin_plan_start"), ("cp_plan_end", "cp_plan_start")):
        if dates.get(end) is not None and dates.get(start) is None:
            add(end, f"Enter the {DATE_LABELS[start].lower()} before an end date")
    return problems


def check_section_47(*, s47_started_on: dt.date | None, s47_outcome: str) -> dict[str, list[str]]:
    """An outcome belongs to an enquiry that started."""
    if s47_outcome and s47_started_on is None:
        return {"s47_started_on": ["Enter the section 47 enquiry start date for its outcome"]}
    return {}
