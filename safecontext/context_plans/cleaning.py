"""Shared input checks for context_plans actions (text, dates, a partner's details, stale edits), and how a
weighting becomes the pure rules' plain data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from safecontext.context_plans.models import Partner
from safecontext.contexts.models import Context
from safecontext.contexts.queries import name_key
from safecontext.contexts.rules import Problem
from safecontext.contexts.rules.weighting import WeightEntry, Weighting
from safecontext.core.validation import ValidationErrors
from safecontext.people.actions import FieldDifference

NOT_RECORDED = "Not recorded"


def clean_text(
    value: object, *, field: str, label: str, errors: ValidationErrors, max_length: int = 5000, required: bool = True
) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.add(field, f"{label} must be text")
        return ""
    multiline = max_length > 300
    cleaned = value.strip() if multiline else " ".join(value.split())
    if required and not cleaned:
        errors.add(field, f"Enter {label[0].lower()}{label[1:]}")
    elif any(not ch.isprintable() and ch not in "\r\n\t" for ch in cleaned):
        errors.add(field, f"{label} must not include control characters")
    elif len(cleaned) > max_length:
        errors.add(field, f"{label} must be {max_length} characters or fewer")
    return cleaned


def clean_date(
    value: object, *, field: str, label: str, errors: ValidationErrors, not_after: dt.date | None = None
) -> dt.date | None:
    if value is None or value == "":
        errors.add(field, f"Enter {label[0].lower()}{label[1:]}")
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        errors.add(field, f"{label} must be a real date")
        return None
    if not_after is not None and value > not_after:
        errors.add(field, f"{label} must be today or in the past")
    return value


def add_problems(errors: ValidationErrors, problems: Iterable[Problem]) -> None:
    for problem in problems:
        errors.add(problem.field, problem.message)


@dataclass(frozen=True)
class EntryInput:
    """One box as the form sends it: its name, the context it is linked to (if any) and its weight."""

    label: str
    context: Context | None
    weight: int


class EntryKeys:
    """The pure rules identify a box by an int context id. A box linked to a Context uses its id; a box that is only
    named gets a negative id per distinct name (case and punctuation ignored), shared across the weightings being
    compared, so "the park" in March and "The Park" in June are one context."""

    def __init__(self) -> None:
        self._by_name: dict[str, int] = {}

    def key(self, label: str, context_id: int | None) -> int:
        if context_id is not None:
            return context_id
        name = name_key(label) or label.strip().lower()
        if name not in self._by_name:
            self._by_name[name] = -(len(self._by_name) + 1)
        return self._by_name[name]


def rule_entries(entries: Iterable[EntryInput], keys: EntryKeys) -> list[WeightEntry]:
    return [
        WeightEntry(keys.key(entry.label, entry.context.pk if entry.context else None), entry.label, entry.weight)
        for entry in entries
    ]


def rule_weighting(recorded_on: dt.date, rationale: str, entries: Iterable[EntryInput], keys: EntryKeys) -> Weighting:
    return Weighting(recorded_on, tuple(rule_entries(entries, keys)), rationale)


# --- edits and the partners register -------------------------------------------------------------------------


class EditConflict(Exception):
    """Someone saved this record after the editor loaded it: their change must not be silently overwritten."""

    def __init__(self, *, current_version: int, differences: list[FieldDifference]) -> None:
        super().__init__(f"changed since it was loaded (now version {current_version})")
        self.current_version = current_version
        self.differences = differences


def display(value: object) -> str:
    if value is None or value == "":
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def check_version(
    current: Any, expected_version: int, changes: Mapping[str, object], labels: Mapping[str, str]
) -> None:
    if current.version == expected_version:
        return
    differences = [
        FieldDifference(field, labels[field], display(getattr(current, field)), display(value))
        for field, value in changes.items()
        if getattr(current, field) != value
    ]
    raise EditConflict(current_version=current.version, differences=differences)


def clean_partner(values: Mapping[str, object], contexts: Sequence[Context], service_id: int) -> dict[str, Any]:
    errors = ValidationErrors()
    kind = values.get("kind")
    if kind not in Partner.Kind.values:
        errors.add("kind", "Choose whether they are a guardian or a partner agency or service")
    cleaned: dict[str, Any] = {
        "kind": kind,
        "name": clean_text(values.get("name"), field="name", label="Their name", errors=errors, max_length=200),
        "role": clean_text(
            values.get("role"), field="role", label="Their role, for example park warden", errors=errors, max_length=200
        ),
        "organisation": clean_text(
            values.get("organisation"), field="organisation", label="Organisation", errors=errors, max_length=200,
            required=False,
        ),
        "contact": clean_text(
            values.get("contact"), field="contact", label="Contact details", errors=errors, max_length=300,
            required=False,
        ),
        "consents_to_contact": bool(values.get("consents_to_contact")),
        "active": bool(values.get("active", True)),
    }  # fmt: skip
    if cleaned["contact"] and not cleaned["consents_to_contact"]:
        errors.add("consents_to_contact", "Keep contact details only for someone who has agreed to be contacted")
    if any(context.service_id != service_id for context in contexts):
        errors.add("contexts", "Choose contexts from this service")
    errors.raise_if_any()
    return cleaned
