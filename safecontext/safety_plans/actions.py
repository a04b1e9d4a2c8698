"""Writes for safety_plans: every change goes through an @action here and is audited.

`save_safety_plan` creates the plan on its first save and writes a new version on every later save that changes
something. The editor names the version they started from; if someone saved since, `SafetyPlanConflict` carries
the differences and nothing is written (DESIGN.md: no silent overwrite of a colleague's edit).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from safecontext.audit.actions import record_change
from safecontext.cases.models import Case
from safecontext.core.actions_base import action
from safecontext.core.validation import ValidationErrors
from safecontext.people.actions import FieldDifference
from safecontext.safety_plans.models import CONTENT_FIELDS, TEXT_FIELDS, SafetyPlan, SafetyPlanVersion

if TYPE_CHECKING:
    from safecontext.accounts.models import User

MAX_TEXT = 5000
MAX_ROWS = 8
# A phone number as a family writes it: digits, spaces, a leading +, brackets and dashes.
PHONE = re.compile(r"^\+?[0-9 ()-]{3,20}$")
REQUIRED = {
    "worries": "Say what everyone is worried about",
    "safety_goals": "Write at least one safety goal",
}


class SafetyPlanConflict(Exception):
    """The plan was saved by someone else after the editor opened it."""

    def __init__(self, *, plan: SafetyPlan, differences: list[FieldDifference]) -> None:
        super().__init__(f"safety plan {plan.pk} has changed since it was loaded (now version {plan.version})")
        self.plan = plan
        self.current_version = plan.version
        self.differences = differences


def display(field: str, value: Any) -> str:
    """A content value as text (conflict pages and the version history)."""
    if field == "contingencies":
        return "\n".join(f"If {row['if']} then {row['then']}" for row in value or []) or "Not recorded"
    if field == "contacts":
        return (
            "\n".join(
                ", ".join(part for part in (row["name"], row["role"], row["phone"]) if part) for row in value or []
            )
            or "Not recorded"
        )
    if field == "review_on":
        if isinstance(value, str) and value:
            value = dt.date.fromisoformat(value)
        return f"{value.day} {value:%B %Y}" if isinstance(value, dt.date) else "Not recorded"
    return str(value or "") or "Not recorded"


def _clean_rows(rows: object, keys: tuple[str, ...]) -> list[dict[str, str]]:
    cleaned: list[dict[str, str]] = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, Mapping):
            continue
        values = {key: " ".join(str(row.get(key) or "").split()) for key in keys}
        if any(values.values()):
            cleaned.append(values)
    return cleaned


def clean_content(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise a plan's content, raising ValidationError (field → messages) with every problem."""
    errors = ValidationErrors()
    content: dict[str, Any] = {}
    for field in TEXT_FIELDS:
        text = str(values.get(field) or "").strip()
        if len(text) > MAX_TEXT:
            errors.add(field, f"Use {MAX_TEXT} characters or fewer")
        content[field] = text
    for field, message in REQUIRED.items():
        if not content[field]:
            errors.add(field, message)

    contingencies = _clean_rows(values.get("contingencies"), ("if", "then"))
    for number, row in enumerate(contingencies, start=1):
        if not row["if"]:
            errors.add(f"if_{number}", f"Contingency {number}: say what might happen (the 'if')")
        if not row["then"]:
            errors.add(f"then_{number}", f"Contingency {number}: say what everyone will do (the 'then')")
    if not contingencies:
        errors.add("if_1", "Write at least one contingency: if something goes wrong, then what happens")
    contacts = _clean_rows(values.get("contacts"), ("name", "role", "phone"))
    for number, row in enumerate(contacts, start=1):
        if not row["name"]:
            errors.add(f"name_{number}", f"Contact {number}: enter a name")
        if not PHONE.match(row["phone"]):
            errors.add(f"phone_{number}", f"Contact {number}: enter a phone number, like 01632 960 001")
    if len(contingencies) > MAX_ROWS or len(contacts) > MAX_ROWS:
        errors.add("__all__", f"A plan holds up to {MAX_ROWS} contingencies and {MAX_ROWS} contacts")
    content["contingencies"] = contingencies
    content["contacts"] = contacts

    review_on = values.get("review_on")
    if isinstance(review_on, dt.datetime) or not isinstance(review_on, dt.date):
        errors.add("review_on", "Enter the date the plan will be reviewed")
        review_on = None
    elif review_on < timezone.localdate():
        errors.add("review_on", "The review date must be today or in the future")
    elif review_on > timezone.localdate() + dt.timedelta(days=366):
        errors.add("review_on", "Review the plan within a year")
    content["review_on"] = review_on
    errors.raise_if_any()
    return content


def _jsonable(content: Mapping[str, Any]) -> dict[str, Any]:
    return {field: value.isoformat() if isinstance(value, dt.date) else value for field, value in content.items()}


@action
def save_safety_plan(*, by: User, case: Case, values: Mapping[str, Any], version: int | None) -> SafetyPlan:
    """Create or update the case's safety plan. `version` is the plan version the editor started from (None for a
    new plan). Raises ValidationError, or SafetyPlanConflict when the plan changed since `version`."""
    content = clean_content(values)
    plan = SafetyPlan.objects.select_for_update().filter(case=case).first()
    if plan is None:
        plan = SafetyPlan(case=case, version=1, updated_by=by, **content)
        plan.save()
        changed = list(CONTENT_FIELDS)
        before: dict[str, Any] = {}
    else:
        before = plan.content()
        changed = [field for field in CONTENT_FIELDS if before[field] != content[field]]
        if version != plan.version:
            differences = [
                FieldDifference(
                    field, CONTENT_FIELDS[field], display(field, before[field]), display(field, content[field])
                )
                for field in changed
            ]
            raise SafetyPlanConflict(plan=plan, differences=differences)
        if not changed:
            return plan
        for field in changed:
            setattr(plan, field, content[field])
        plan.version += 1
        plan.updated_by = by
        plan.save()
    SafetyPlanVersion.objects.create(
        plan=plan, number=plan.version, content=_jsonable(content), saved_by=by, changed_fields=changed
    )
    record_change(
        by=by,
        action="safety_plan.created" if plan.version == 1 else "safety_plan.updated",
        target=plan,
        before={field: before[field] for field in changed if field in before},
        after={**{field: content[field] for field in changed}, "version": plan.version, "case_id": case.pk},
    )
    return plan
