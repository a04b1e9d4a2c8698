"""Writes for assessments: every change goes through an @action here and is audited.

Bad input raises ValidationError with field → messages (the page and the API share these rules). An edit names the
version it started from; a stale edit raises AssessmentEditConflict with the differences instead of overwriting a
colleague's change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from safecontext.access.permissions import Permission, has_permission
from safecontext.assessments import factors, rules
from safecontext.assessments.models import AssessmentFactor, Outcome, Participation, Section47Outcome, SingleAssessment
from safecontext.audit.actions import record_change
from safecontext.cases.models import Case
from safecontext.core.actions_base import action
from safecontext.core.validation import ValidationErrors
from safecontext.people.actions import FieldDifference

if TYPE_CHECKING:
    from safecontext.accounts.models import User

FIELD_LABELS: dict[str, str] = {
    **rules.DATE_LABELS,
    "summary": "Summary of the assessment",
    "outcome": "Outcome",
    "s47_outcome": "Section 47 enquiry outcome",
    "factor_codes": "Factors identified",
}
DATE_FIELDS = tuple(rules.DATE_LABELS)
SUMMARY_MAX = 20_000
WORDS_MAX = 10_000


ONLY_MANAGERS_AUTHORISE = "Only a team manager can authorise an assessment: leave the date blank and ask your manager"


class AssessmentEditConflict(Exception):
    """Someone saved this assessment after the editor loaded it: their edit must not be silently overwritten."""

    def __init__(self, *, current_version: int, differences: list[FieldDifference]) -> None:
        super().__init__(f"the assessment has changed since it was loaded (now version {current_version})")
        self.current_version = current_version
        self.differences = differences


def _text(value: object, *, field: str, max_length: int, errors: ValidationErrors, required: bool = False) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        errors.add(field, f"{FIELD_LABELS.get(field, field)} must be text")
    elif required and not text:
        errors.add(field, f"Enter {FIELD_LABELS.get(field, field).lower()}")
    elif len(text) > max_length:
        errors.add(field, f"{FIELD_LABELS.get(field, field)} must be {max_length:,} characters or fewer")
    return text


def clean_assessment(
    values: Mapping[str, Any],
    *,
    version: str = factors.CURRENT_VERSION,
    by: User | None = None,
    authorised_before: dt.date | None = None,
) -> dict[str, Any]:
    """Check every field at once; return the stored forms. Raises ValidationError (field → messages). With `by`,
    also check that a change to the authorisation date is theirs to make (a manager's decision)."""
    errors = ValidationErrors()
    cleaned: dict[str, Any] = {}
    for field in DATE_FIELDS:
        value = values.get(field)
        if value is not None and (isinstance(value, dt.datetime) or not isinstance(value, dt.date)):
            errors.add(field, f"{rules.DATE_LABELS[field]} must be a real date")
            value = None
        cleaned[field] = value
    for field, problems in rules.check_dates(cleaned, today=timezone.localdate()).items():
        for problem in problems:
            errors.add(field, problem)
    cleaned["summary"] = _text(values.get("summary"), field="summary", max_length=SUMMARY_MAX, errors=errors)
    for field, choices, message in (
        ("outcome", Outcome, "Choose an outcome from the list"),
        ("s47_outcome", Section47Outcome, "Choose a section 47 enquiry outcome from the list"),
    ):
        choice = values.get(field) or ""
        if choice not in choices.values and choice != "":
            errors.add(field, message)
            choice = ""
        cleaned[field] = choice
    for field, problems in rules.check_section_47(
        s47_started_on=cleaned["s47_started_on"], s47_outcome=cleaned["s47_outcome"]
    ).items():
        for problem in problems:
            errors.add(field, problem)
    raw_codes = values.get("factor_codes") or []
    codes = sorted(dict.fromkeys(str(code).strip().upper() for code in raw_codes), key=_code_order(version))
    for problem in factors.check_codes(codes, version):
        errors.add("factor_codes", problem)
    if cleaned["authorised_on"] is not None and not codes:
        errors.add("factor_codes", "Choose the factors identified (or 'No factors identified') before authorising")
    if cleaned["authorised_on"] is not None and not cleaned["outcome"]:
        errors.add("outcome", "Choose the outcome before authorising")
    cleaned["factor_codes"] = codes
    changing = cleaned["authorised_on"] != authorised_before
    if by is not None and changing and not has_permission(by, Permission.MANAGE_CASES):
        errors.add("authorised_on", ONLY_MANAGERS_AUTHORISE)
    errors.raise_if_any()
    return cleaned


def _code_order(version: str) -> Any:
    order = {factor.code: index for index, factor in enumerate(factors.factor_list(version).factors)}
    return lambda code: (order.get(code, len(order)), code)


def _snapshot(assessment: SingleAssessment) -> dict[str, Any]:
    values: dict[str, Any] = {field: getattr(assessment, field) for field in FIELD_LABELS if field != "factor_codes"}
    values["factor_codes"] = list(assessment.factors.values_list("code", flat=True)) if assessment.pk else []
    return values


def display_value(field: str, value: object) -> str:
    if value is None or value == "" or value == []:
        return "Not recorded"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if field == "outcome":
        return str(Outcome(str(value)).label)
    if field == "s47_outcome":
        return str(Section47Outcome(str(value)).label)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


@action
def start_assessment(*, case: Case, by: User, values: Mapping[str, Any]) -> SingleAssessment:
    if case.status != Case.Status.OPEN:
        errors = ValidationErrors()
        errors.add("__all__", "This case is closed: open it again before starting an assessment")
        errors.raise_if_any()
    cleaned = clean_assessment(values, by=by)
    codes = cleaned.pop("factor_codes")
    assessment = SingleAssessment.objects.create(
        case=case,
        created_by=by,
        factor_list_version=factors.CURRENT_VERSION,
        authorised_by=by if cleaned["authorised_on"] else None,
        **cleaned,
    )
    AssessmentFactor.objects.bulk_create([AssessmentFactor(assessment=assessment, code=code) for code in codes])
    record_change(by=by, action="assessments.start", target=assessment, after=_snapshot(assessment))
    return assessment


@action
def update_assessment(
    *, assessment: SingleAssessment, by: User, values: Mapping[str, Any], expected_version: int
) -> SingleAssessment:
    current = SingleAssessment.objects.select_for_update().get(pk=assessment.pk)
    before = _snapshot(current)
    stale = current.version != expected_version
    # A stale edit is a conflict first: whether its authorisation date is theirs to change is judged against what
    # they saw, which is no longer what is saved.
    cleaned = clean_assessment(
        values,
        version=current.factor_list_version,
        by=None if stale else by,
        authorised_before=current.authorised_on,
    )
    if stale:
        differences = [
            FieldDifference(
                field=field,
                label=FIELD_LABELS[field],
                theirs=display_value(field, before[field]),
                yours=display_value(field, cleaned[field]),
            )
            for field in FIELD_LABELS
            if before[field] != cleaned[field]
        ]
        raise AssessmentEditConflict(current_version=current.version, differences=differences)
    authorisation_changed = cleaned["authorised_on"] != current.authorised_on
    codes = cleaned.pop("factor_codes")
    for field, value in cleaned.items():
        setattr(current, field, value)
    if authorisation_changed:
        current.authorised_by = by if current.authorised_on else None
    current.version += 1
    current.save()
    if codes != before["factor_codes"]:
        current.factors.all().delete()
        AssessmentFactor.objects.bulk_create([AssessmentFactor(assessment=current, code=code) for code in codes])
    after = _snapshot(current)
    changed = [field for field in FIELD_LABELS if before[field] != after[field]]
    record_change(
        by=by,
        action="assessments.update",
        target=current,
        before={field: before[field] for field in changed},
        after={field: after[field] for field in changed},
    )
    return current


@action
def record_participation(
    *, case: Case, by: User, kind: str, occurred_on: dt.date | None, what_happened: str, their_words: str
) -> Participation:
    errors = ValidationErrors()
    if kind not in Participation.Kind.values:
        errors.add("kind", "Choose inform, involve, invest or influence")
    if occurred_on is None:
        errors.add("occurred_on", "Enter the date")
    elif occurred_on > timezone.localdate():
        errors.add("occurred_on", "The date must be today or in the past")
    what = what_happened.strip() if isinstance(what_happened, str) else ""
    if not what:
        errors.add("what_happened", "Describe what happened")
    elif len(what) > WORDS_MAX:
        errors.add("what_happened", f"What happened must be {WORDS_MAX:,} characters or fewer")
    # Their words are kept exactly as typed (only the surrounding blank space trimmed): they are not ours to tidy.
    words = their_words.strip() if isinstance(their_words, str) else ""
    if len(words) > WORDS_MAX:
        errors.add("their_words", f"Their words must be {WORDS_MAX:,} characters or fewer")
    errors.raise_if_any()
    assert occurred_on is not None
    entry = Participation.objects.create(
        case=case, kind=kind, occurred_on=occurred_on, what_happened=what, their_words=words, recorded_by=by
    )
    record_change(
        by=by,
        action="assessments.record_participation",
        target=entry,
        after={"case": case.pk, "kind": kind, "occurred_on": occurred_on, "what_happened": what, "their_words": words},
    )
    return entry
