"""Writes to contexts. A context named in a referral is matched to the service's existing one of the same kind and
name (see contexts/queries.name_key) or created, so that separate referrals naming one park meet at one record."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.access.permissions import Permission, has_permission
from safecontext.audit.actions import record_change
from safecontext.contexts import questionnaires
from safecontext.contexts.models import (
    Context,
    ContextAssessment,
    ContextCase,
    ContextCaseMember,
    EvidenceSource,
    LeadAllocation,
    WellbeingLevel,
    YoungPeoplesWords,
)
from safecontext.contexts.queries import context_named, name_key
from safecontext.contexts.questionnaires import Questionnaire
from safecontext.contexts.rules import location
from safecontext.core.actions_base import action
from safecontext.core.validation import ValidationErrors
from safecontext.people.actions import FieldDifference

if TYPE_CHECKING:
    from safecontext.accounts.models import Service, Team, User
    from safecontext.front_door.models import Referral
    from safecontext.people.models import Person

NAME_MAX_LENGTH = 200


def clean_context_fields(*, kind: str, name: str, field_prefix: str = "") -> tuple[str, str]:
    """The kind and the tidied name; ValidationError naming `<prefix>kind` / `<prefix>name` otherwise."""
    errors: dict[str, list[str]] = {}
    if kind not in Context.Kind.values:
        errors[f"{field_prefix}kind"] = ["Choose whether it is a place, a peer group, a school or an online space"]
    cleaned = " ".join(name.split())
    if not cleaned or not name_key(cleaned):
        errors[f"{field_prefix}name"] = ["Enter the context's name, for example the place or group as it is known"]
    elif len(cleaned) > NAME_MAX_LENGTH:
        errors[f"{field_prefix}name"] = [f"The context's name must be {NAME_MAX_LENGTH} characters or fewer"]
    elif any(not ch.isprintable() for ch in cleaned):
        errors[f"{field_prefix}name"] = ["The context's name must not include control characters"]
    if errors:
        raise ValidationError(errors)
    return kind, cleaned


@action
def create_context(*, service: Service, kind: str, name: str, by: User) -> Context:
    kind, name = clean_context_fields(kind=kind, name=name)
    context = Context.objects.create(service=service, kind=kind, name=name, name_key=name_key(name))
    record_change(
        by=by,
        action="context.created",
        target=context,
        after={"service_id": service.pk, "kind": kind, "name": name, "name_key": context.name_key},
    )
    return context


@action
def context_for_name(*, service: Service, kind: str, name: str, by: User) -> tuple[Context, bool]:
    """The service's context of this kind and name, or a new one: (context, created)."""
    kind, name = clean_context_fields(kind=kind, name=name)
    existing = context_named(service=service, kind=kind, name=name)
    if existing is not None:
        return existing, False
    return create_context(service=service, kind=kind, name=name, by=by), True


# --- Level 2 context cases (issue 4) ------------------------------------------------------------------------------


class ContextCaseEditConflict(Exception):
    """Someone saved this context case after the editor loaded it: their edit must not be silently overwritten."""

    def __init__(self, *, context_case: ContextCase, current_version: int, differences: list[FieldDifference]) -> None:
        super().__init__(f"context case {context_case.pk} was changed since it was loaded (now {current_version})")
        self.context_case = context_case
        self.current_version = current_version
        self.differences = differences


# The fields `update_context_case` may change, with their labels for conflict pages and audit.
EDITABLE_CASE_FIELDS = {
    "wellbeing_level": "Context well-being level",
    "summary": "Why this context is a case",
    "address": "Address",
    "postcode": "Postcode",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "area_points": "Area (corners)",
    "area_description": "Area (description)",
}
POSTCODE_PATTERN = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}")
TEXT_LIMITS = {"summary": 5000, "address": 300, "area_description": 2000}


def _clean_case_fields(values: dict[str, object], errors: ValidationErrors) -> dict[str, object]:
    """The location, level and summary, tidied; problems go to `errors` under the form's field names."""
    cleaned: dict[str, object] = {}
    if "wellbeing_level" in values:
        level = values["wellbeing_level"]
        if level in {None, ""}:
            cleaned["wellbeing_level"] = None
        else:
            try:
                cleaned["wellbeing_level"] = WellbeingLevel(int(str(level)))
            except ValueError:
                errors.add("wellbeing_level", "Choose a well-being level from 1 to 4")
    for field, limit in TEXT_LIMITS.items():
        if field in values:
            text = str(values[field] or "").strip()
            if len(text) > limit:
                errors.add(field, f"{EDITABLE_CASE_FIELDS[field]} must be {limit} characters or fewer")
            cleaned[field] = text
    if "postcode" in values:
        postcode = " ".join(str(values["postcode"] or "").upper().split())
        if postcode and not POSTCODE_PATTERN.fullmatch(postcode):
            errors.add("postcode", "Enter a real postcode, like BN7 3ZB")
        elif postcode and " " not in postcode:
            postcode = f"{postcode[:-3]} {postcode[-3:]}"
        cleaned["postcode"] = postcode
    if "latitude" in values or "longitude" in values:
        try:
            point = location.parse_point(str(values.get("latitude") or ""), str(values.get("longitude") or ""))
        except location.LocationError as error:
            errors.add("latitude", str(error))
        else:
            cleaned["latitude"], cleaned["longitude"] = point if point else (None, None)
    if "area_points" in values:
        try:
            cleaned["area_points"] = location.format_area(location.parse_area(str(values["area_points"] or "")))
        except location.LocationError as error:
            errors.add("area_points", str(error))
    return cleaned


def _check_lead(lead_worker: User | None, context: Context, errors: ValidationErrors) -> None:
    if lead_worker is None:
        return
    service = lead_worker.service
    if (
        not lead_worker.is_active
        or service is None
        or service.pk != context.service_id
        or not has_permission(lead_worker, Permission.MANAGE_CONTEXT_CASES)
    ):
        errors.add("lead_worker", "Choose a lead who works in this service and can lead context cases")


@action
def open_context_case(
    *,
    context: Context,
    team: Team,
    lead_worker: User | None,
    opened_on: dt.date,
    by: User,
    referral: Referral | None = None,
    details: dict[str, object] | None = None,
) -> ContextCase:
    """Open Level 2 work on a context, directly or from a referral about it. `details`: EDITABLE_CASE_FIELDS."""
    errors = ValidationErrors()
    cleaned = _clean_case_fields(details or {}, errors)
    if team.service_id != context.service_id:
        errors.add("team", "Choose a team in the context's service")
    _check_lead(lead_worker, context, errors)
    if referral is not None and (referral.about != "context" or referral.subject_context_id != context.pk):
        errors.add("referral", "That referral is not about this context")
    if opened_on > timezone.localdate():
        errors.add("opened_on", "The date the case opened must be today or in the past")
    errors.raise_if_any()
    case = ContextCase.objects.create(
        context=context, team=team, lead_worker=lead_worker, opened_on=opened_on, referral=referral, **cleaned
    )
    if lead_worker is not None:
        LeadAllocation.objects.create(
            context_case=case,
            lead_worker=lead_worker,
            team=team,
            reason="Lead when the case opened",
            allocated_at=timezone.now(),
            allocated_by=by,
        )
    record_change(
        by=by,
        action="context_case.opened",
        target=case,
        after={
            "context_id": context.pk,
            "team_id": team.pk,
            "lead_worker_id": lead_worker.pk if lead_worker else None,
            "referral_id": referral.pk if referral else None,
            "opened_on": opened_on,
            **cleaned,
        },
    )
    return case


def _lock(context_case: ContextCase) -> ContextCase:
    return ContextCase.objects.select_for_update().select_related("context").get(pk=context_case.pk)


def _display(field: str, value: object) -> str:
    if value is None or value == "":
        return "Not recorded"
    if field == "wellbeing_level":
        return str(WellbeingLevel(int(str(value))).label)
    return str(value)


@action
def update_context_case(
    *, context_case: ContextCase, changes: dict[str, object], expected_version: int, by: User
) -> ContextCase:
    unknown = sorted(set(changes) - set(EDITABLE_CASE_FIELDS))
    if unknown:
        raise ValidationError({field: ["This field cannot be changed here"] for field in unknown})
    errors = ValidationErrors()
    attempted = _clean_case_fields(changes, errors)
    errors.raise_if_any()
    current = _lock(context_case)
    saved = {field: getattr(current, field) for field in attempted}
    if current.version != expected_version:
        raise ContextCaseEditConflict(
            context_case=current,
            current_version=current.version,
            differences=[
                FieldDifference(
                    field, EDITABLE_CASE_FIELDS[field], _display(field, saved[field]), _display(field, value)
                )
                for field, value in attempted.items()
                if value != saved[field]
            ],
        )
    changed = {field: value for field, value in attempted.items() if value != saved[field]}
    if not changed:
        return current
    for field, value in changed.items():
        setattr(current, field, value)
    current.version += 1
    current.save()
    context_case.version = current.version
    record_change(
        by=by,
        action="context_case.updated",
        target=current,
        before={field: saved[field] for field in changed},
        after=changed,
    )
    return current


@action
def allocate_lead(*, context_case: ContextCase, lead_worker: User, reason: str, by: User) -> ContextCase:
    """A new lead (and their team holds the case). The reason is kept in the allocation history."""
    current = _lock(context_case)
    errors = ValidationErrors()
    reason = reason.strip()
    if not reason:
        errors.add("reason", "Say why the lead is changing")
    if current.status != ContextCase.Status.OPEN:
        errors.add("lead_worker", "A closed case cannot be given a new lead")
    if lead_worker.pk == current.lead_worker_id:
        errors.add("lead_worker", "Choose someone other than the current lead")
    _check_lead(lead_worker, current.context, errors)
    if lead_worker.team is None:
        errors.add("lead_worker", "The lead must belong to a team")
    errors.raise_if_any()
    assert lead_worker.team is not None
    before = {"lead_worker_id": current.lead_worker_id, "team_id": current.team_id}
    current.lead_worker = lead_worker
    current.team = lead_worker.team
    current.version += 1
    current.save()
    context_case.version = current.version
    LeadAllocation.objects.create(
        context_case=current,
        lead_worker=lead_worker,
        team=lead_worker.team,
        reason=reason,
        allocated_at=timezone.now(),
        allocated_by=by,
    )
    record_change(
        by=by,
        action="context_case.lead_allocated",
        target=current,
        before=before,
        after={"lead_worker_id": lead_worker.pk, "team_id": lead_worker.team.pk},
        reason=reason,
    )
    return current


@action
def close_context_case(*, context_case: ContextCase, closed_on: dt.date, reason: str, by: User) -> ContextCase:
    current = _lock(context_case)
    errors = ValidationErrors()
    if current.status == ContextCase.Status.CLOSED:
        errors.add("reason", "This case is already closed")
    if not reason.strip():
        errors.add("reason", "Say why the case is closing: what changed in the context")
    if closed_on < current.opened_on or closed_on > timezone.localdate():
        errors.add("closed_on", "The closing date must be between the day the case opened and today")
    errors.raise_if_any()
    current.status = ContextCase.Status.CLOSED
    current.closed_on = closed_on
    current.closure_reason = reason.strip()
    current.version += 1
    current.save()
    context_case.version = current.version
    record_change(
        by=by,
        action="context_case.closed",
        target=current,
        before={"status": "open"},
        after={"status": "closed", "closed_on": closed_on, "closure_reason": current.closure_reason},
    )
    return current


@action
def add_member(
    *, context_case: ContextCase, person: Person, joined_on: dt.date, by: User, notes: str = ""
) -> ContextCaseMember:
    errors = ValidationErrors()
    if person.service_id != context_case.context.service_id:
        errors.add("person", "Choose a young person from this service")
    if ContextCaseMember.objects.filter(context_case=context_case, person=person, left_on__isnull=True).exists():
        errors.add("person", "This young person is already a member")
    if joined_on > timezone.localdate():
        errors.add("joined_on", "The date they joined must be today or in the past")
    if len(notes.strip()) > 300:
        errors.add("notes", "Notes must be 300 characters or fewer")
    errors.raise_if_any()
    member = ContextCaseMember.objects.create(
        context_case=context_case, person=person, joined_on=joined_on, notes=notes.strip()
    )
    record_change(
        by=by,
        action="context_case.member_added",
        target=member,
        after={"context_case_id": context_case.pk, "person_id": person.pk, "joined_on": joined_on},
    )
    return member


@action
def end_member(*, member: ContextCaseMember, left_on: dt.date, by: User) -> ContextCaseMember:
    current = ContextCaseMember.objects.select_for_update().get(pk=member.pk)
    errors = ValidationErrors()
    if current.left_on is not None:
        errors.add("left_on", "This membership has already ended")
    elif left_on < current.joined_on or left_on > timezone.localdate():
        errors.add("left_on", "The date they left must be between the date they joined and today")
    errors.raise_if_any()
    current.left_on = left_on
    current.save()
    record_change(
        by=by,
        action="context_case.member_ended",
        target=current,
        before={"left_on": None},
        after={"left_on": left_on},
    )
    return current


# --- assessments and reviews --------------------------------------------------------------------------------------


def _clean_answers(form: Questionnaire, answers: dict[str, object], errors: ValidationErrors) -> dict[str, int | None]:
    """Every question's score (None when left unanswered); unknown keys and off-scale scores refused."""
    unknown = sorted(set(answers) - set(form.keys))
    if unknown:
        errors.add("__all__", f"These are not questions in {form.title} version {form.version}: {', '.join(unknown)}")
    cleaned: dict[str, int | None] = {}
    for key in form.keys:
        value = answers.get(key)
        if value in {None, ""}:
            cleaned[key] = None
            continue
        try:
            score = int(str(value))
        except ValueError:
            score = form.scale.low - 1
        if isinstance(value, bool) or not form.scale.low <= score <= form.scale.high:
            errors.add(key, f"Choose a score from {form.scale.low} to {form.scale.high}")
            continue
        cleaned[key] = score
    if not errors.by_field and all(score is None for score in cleaned.values()):
        errors.add("__all__", "Answer at least one question")
    return cleaned


@action
def record_assessment(
    *,
    context_case: ContextCase,
    answers: dict[str, object],
    assessed_on: dt.date,
    by: User,
    evidence_sources: list[str] | tuple[str, ...] = (),
    evidence_notes: str = "",
    section_notes: dict[str, str] | None = None,
    review_of: ContextAssessment | None = None,
    questionnaire_version: str | None = None,
) -> ContextAssessment:
    """A context assessment on the questionnaire for the context's kind (its latest version unless named). A review
    (`review_of` the baseline) re-runs the assessment: the comparison page sets it against the baseline."""
    kind = questionnaires.KIND_FOR_CONTEXT[context_case.context.kind]
    form = questionnaires.questionnaire(kind, questionnaire_version or questionnaires.latest_version(kind))
    errors = ValidationErrors()
    cleaned = _clean_answers(form, answers, errors)
    sources = list(dict.fromkeys(evidence_sources))
    if any(source not in EvidenceSource.values for source in sources):
        errors.add("evidence_sources", "Choose evidence sources from the list")
    if not sources:
        errors.add("evidence_sources", "Say where the evidence came from")
    notes = {key: text.strip() for key, text in (section_notes or {}).items() if text.strip()}
    if set(notes) - {section.key for section in form.sections}:
        errors.add("__all__", "A note names a section this questionnaire does not have")
    if any(len(text) > 5000 for text in notes.values()) or len(evidence_notes) > 5000:
        errors.add("evidence_notes", "Notes must be 5000 characters or fewer")
    if context_case.status != ContextCase.Status.OPEN:
        errors.add("__all__", "This case is closed: reopen work as a new case to assess again")
    if review_of is not None and (review_of.context_case_id != context_case.pk or review_of.review_of_id is not None):
        errors.add("__all__", "A review re-runs the baseline assessment of the same case")
    if assessed_on > timezone.localdate() or assessed_on < context_case.opened_on:
        errors.add("assessed_on", "The assessment date must be between the day the case opened and today")
    errors.raise_if_any()
    assessment = ContextAssessment.objects.create(
        context_case=context_case,
        questionnaire_kind=form.kind,
        questionnaire_version=form.version,
        answers=cleaned,
        section_notes=notes,
        evidence_sources=",".join(sources),
        evidence_notes=evidence_notes.strip(),
        assessed_on=assessed_on,
        review_of=review_of,
        recorded_by=by,
    )
    record_change(
        by=by,
        action="context_case.reviewed" if review_of else "context_case.assessed",
        target=assessment,
        after={
            "context_case_id": context_case.pk,
            "questionnaire": f"{form.kind} v{form.version}",
            "review_of_id": review_of.pk if review_of else None,
            "answers": cleaned,
            "evidence_sources": sources,
        },
    )
    return assessment


@action
def add_young_peoples_words(
    *, assessment: ContextAssessment, words: str, attributed_to: str, by: User, section_key: str = ""
) -> YoungPeoplesWords:
    """Young people's own words, kept as theirs: stored apart from the assessor's notes, shown quoted."""
    errors = ValidationErrors()
    words, attributed_to = words.strip(), " ".join(attributed_to.split())
    if not words:
        errors.add("words", "Enter what the young people said, in their words")
    elif len(words) > 2000:
        errors.add("words", "Their words must be 2000 characters or fewer")
    if not attributed_to:
        errors.add("attributed_to", "Say who said it, as they agreed to be described (for example 'A girl, 15')")
    elif len(attributed_to) > 200:
        errors.add("attributed_to", "Who said it must be 200 characters or fewer")
    form = questionnaires.questionnaire(assessment.questionnaire_kind, assessment.questionnaire_version)
    if section_key and section_key not in {section.key for section in form.sections}:
        errors.add("section_key", "Choose a section of this assessment")
    errors.raise_if_any()
    quote = YoungPeoplesWords.objects.create(
        assessment=assessment, words=words, attributed_to=attributed_to, section_key=section_key, recorded_by=by
    )
    record_change(
        by=by,
        action="context_case.young_peoples_words_added",
        target=quote,
        after={"assessment_id": assessment.pk, "attributed_to": attributed_to, "section_key": section_key},
    )
    return quote
