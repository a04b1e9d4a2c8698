"""Writes for context_plans: every change goes through an @action here and is audited in the same transaction.

Bad input raises ValidationError (field → messages), checked with the pure rules in contexts/rules (weighting,
plan_goals). Edits of plans, actions and partners carry the version they were loaded from; a stale edit raises
EditConflict with the differences instead of overwriting a colleague's change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.audit.actions import record_change, snapshot
from safecontext.context_plans.cleaning import (
    EntryInput,
    EntryKeys,
    add_problems,
    check_version,
    clean_date,
    clean_partner,
    clean_text,
    rule_entries,
)
from safecontext.context_plans.models import (
    ConferenceAttendee,
    ContextConference,
    ContextPlan,
    ContextWeighting,
    Partner,
    PlanAction,
    PlanGoal,
    PlanReview,
    WeightingEntry,
)
from safecontext.context_plans.queries import question_choices
from safecontext.contexts.models import Context, ContextCase
from safecontext.contexts.rules import Severity, blocking
from safecontext.contexts.rules.plan_goals import ActionOwner, OwnerKind, validate_action, validate_goal
from safecontext.contexts.rules.weighting import validate_weighting
from safecontext.core.actions_base import action
from safecontext.core.validation import ValidationErrors
from safecontext.people.models import Person

if TYPE_CHECKING:
    from safecontext.accounts.models import User

Subject = Person | ContextCase  # a child (Level 1) or a context case (Level 2)


def _subject_fields(subject: Subject) -> dict[str, Any]:
    if isinstance(subject, Person):
        return {"service_id": subject.service_id, "person": subject}
    return {"service_id": subject.team.service_id, "context_case": subject}


def _is_subject(record: ContextWeighting | ContextPlan, subject: Subject) -> bool:
    if isinstance(subject, Person):
        return record.person_id == subject.pk
    return record.context_case_id == subject.pk


# --- weightings -------------------------------------------------------------------------------------------------


@action
def record_weighting(
    *, subject: Subject, entries: Sequence[EntryInput], rationale: str, recorded_on: dt.date | None, by: User
) -> ContextWeighting:
    """A new dated weighting; earlier ones are kept (never edited) so the change between them shows."""
    errors = ValidationErrors()
    subject_fields = _subject_fields(subject)
    rationale = clean_text(rationale, field="rationale", label="Why the contexts are weighted this way", errors=errors)
    recorded_on = clean_date(
        recorded_on, field="recorded_on", label="The date", errors=errors, not_after=timezone.localdate()
    )
    cleaned: list[EntryInput] = []
    for index, entry in enumerate(entries):
        label = clean_text(
            entry.label, field=f"entries[{index}]", label="The box's name", errors=errors, max_length=200
        )
        if entry.context is not None and entry.context.service_id != subject_fields["service_id"]:
            errors.add(f"entries[{index}]", "Choose a context from this service")
        cleaned.append(EntryInput(label or entry.label, entry.context, entry.weight))
    problems = validate_weighting(rule_entries(cleaned, EntryKeys()), rationale or "-")
    add_problems(errors, blocking(problems))
    errors.raise_if_any()
    assert recorded_on is not None

    weighting = ContextWeighting.objects.create(
        **subject_fields, recorded_on=recorded_on, rationale=rationale, recorded_by=by
    )
    WeightingEntry.objects.bulk_create(
        WeightingEntry(
            weighting=weighting, position=index, label=entry.label, context=entry.context, weight=entry.weight
        )
        for index, entry in enumerate(cleaned)
    )
    record_change(
        by=by,
        action="context_weighting.recorded",
        target=weighting,
        after={
            "person_id": weighting.person_id,
            "context_case_id": weighting.context_case_id,
            "recorded_on": recorded_on,
            "rationale": rationale,
            "entries": [
                {"label": e.label, "context_id": e.context.pk if e.context else None, "weight": e.weight}
                for e in cleaned
            ],
        },
    )
    return weighting


# --- the partners register --------------------------------------------------------------------------------------

PARTNER_FIELDS = {
    "kind": "Guardian or partner",
    "name": "Name",
    "role": "Role",
    "organisation": "Organisation",
    "contact": "Contact details",
    "consents_to_contact": "Agrees to be contacted",
    "active": "On the register",
}


@action
def add_partner(*, service_id: int, values: Mapping[str, object], contexts: Sequence[Context], by: User) -> Partner:
    cleaned = clean_partner(values, contexts, service_id)
    partner = Partner.objects.create(service_id=service_id, **cleaned)
    partner.contexts.set(contexts)
    record_change(
        by=by,
        action="partner.added",
        target=partner,
        after=cleaned | {"context_ids": sorted(context.pk for context in contexts)},
    )
    return partner


@action
def update_partner(
    *, partner: Partner, values: Mapping[str, object], contexts: Sequence[Context], expected_version: int, by: User
) -> Partner:
    current = Partner.objects.select_for_update().get(pk=partner.pk)
    cleaned = clean_partner(values, contexts, current.service_id)
    check_version(current, expected_version, cleaned, PARTNER_FIELDS)
    before = snapshot(current, PARTNER_FIELDS) | {"context_ids": sorted(current.contexts.values_list("pk", flat=True))}
    for field, value in cleaned.items():
        setattr(current, field, value)
    current.version += 1
    current.save()
    current.contexts.set(contexts)
    record_change(
        by=by,
        action="partner.updated",
        target=current,
        before=before,
        after=cleaned | {"context_ids": sorted(context.pk for context in contexts)},
    )
    return current


# --- plans ------------------------------------------------------------------------------------------------------

PLAN_FIELDS = {"title": "Plan title", "targets_first_label": "Context targeted first", "review_on": "Review date"}


def _clean_plan(
    title: object, review_on: object, targets_first_label: object, errors: ValidationErrors
) -> dict[str, Any]:
    cleaned = {
        "title": clean_text(title, field="title", label="A title for the plan", errors=errors, max_length=200),
        "targets_first_label": clean_text(
            targets_first_label,
            field="targets_first",
            label="The context the plan targets first",
            errors=errors,
            max_length=200,
        ),
        "review_on": clean_date(review_on, field="review_on", label="The review date", errors=errors),
    }
    if isinstance(cleaned["review_on"], dt.date) and cleaned["review_on"] < timezone.localdate():
        errors.add("review_on", "The review date must be today or later")
    return cleaned


@action
def create_plan(
    *,
    subject: Subject,
    title: str,
    weighting: ContextWeighting | None,
    targets_first: WeightingEntry | None,
    targets_first_label: str = "",
    review_on: dt.date | None,
    by: User,
) -> ContextPlan:
    """A plan citing the context it targets first: a box of its weighting (normally the heaviest), or a context
    named here when the plan has no weighting yet."""
    errors = ValidationErrors()
    if weighting is not None and not _is_subject(weighting, subject):
        errors.add("weighting", "Choose a weighting about the plan's young person or context case")
    if targets_first is not None:
        if weighting is None or targets_first.weighting_id != weighting.pk:
            errors.add("targets_first", "Choose the context to target first from the weighting")
        targets_first_label = targets_first.label
    cleaned = _clean_plan(title, review_on, targets_first_label, errors)
    errors.raise_if_any()
    plan = ContextPlan.objects.create(
        **_subject_fields(subject),
        weighting=weighting,
        targets_first_context=targets_first.context if targets_first else None,
        created_by=by,
        **cleaned,
    )
    record_change(
        by=by,
        action="context_plan.created",
        target=plan,
        after=cleaned
        | {
            "person_id": plan.person_id,
            "context_case_id": plan.context_case_id,
            "weighting_id": weighting.pk if weighting else None,
            "targets_first_context_id": plan.targets_first_context_id,
        },
    )
    return plan


@action
def update_plan(
    *,
    plan: ContextPlan,
    title: str,
    targets_first_label: str,
    review_on: dt.date | None,
    expected_version: int,
    by: User,
) -> ContextPlan:
    current = ContextPlan.objects.select_for_update().get(pk=plan.pk)
    errors = ValidationErrors()
    cleaned = _clean_plan(title, review_on, targets_first_label, errors)
    errors.raise_if_any()
    check_version(current, expected_version, cleaned, PLAN_FIELDS)
    before = snapshot(current, PLAN_FIELDS)
    if cleaned["targets_first_label"] != current.targets_first_label:
        current.targets_first_context = None  # renamed away from the weighting's box: a named context only
    for field, value in cleaned.items():
        setattr(current, field, value)
    current.version += 1
    current.save()
    record_change(by=by, action="context_plan.updated", target=current, before=before, after=cleaned)
    return current


GOAL_FIELDS = {
    "statement": "Goal",
    "what_will_show_it": "What will show it",
    "how_we_will_know": "How we will know",
    "measured_by": "Measured by",
}


def _clean_goal(
    plan: ContextPlan,
    statement: str,
    what_will_show_it: str,
    how_we_will_know: str,
    measured_by: Sequence[str],
    keep_wording: bool,
) -> dict[str, str]:
    """A goal as what safety looks like. Negative phrasing is refused with a suggestion unless the practitioner
    confirms they keep their wording (`keep_wording`): the rule's warning, made a deliberate choice."""
    errors = ValidationErrors()
    values = {
        "statement": clean_text(statement, field="statement", label="The goal", errors=errors),
        "what_will_show_it": clean_text(
            what_will_show_it, field="what_will_show_it", label="What will show it", errors=errors
        ),
        "how_we_will_know": clean_text(
            how_we_will_know, field="how_we_will_know", label="How we will know", errors=errors
        ),
    }
    for problem in validate_goal(values["statement"], values["what_will_show_it"], values["how_we_will_know"]):
        if problem.severity is Severity.WARNING and not keep_wording:
            errors.add(problem.field, problem.message + " To keep your wording, tick “Keep my wording”.")
        elif problem.severity is Severity.ERROR and not errors.by_field.get(problem.field):
            errors.add(problem.field, problem.message)
    keys = [" ".join(key.split()) for key in measured_by if key and key.strip()]
    allowed = {key for key, _text in question_choices(plan)}
    if any(key not in allowed for key in keys):
        errors.add("measured_by", "Choose the assessment questions from the list")
    errors.raise_if_any()
    return values | {"measured_by": ",".join(dict.fromkeys(keys))}


@action
def add_goal(
    *,
    plan: ContextPlan,
    statement: str,
    what_will_show_it: str,
    how_we_will_know: str,
    measured_by: Sequence[str] = (),
    keep_wording: bool = False,
    by: User,
) -> PlanGoal:
    values = _clean_goal(plan, statement, what_will_show_it, how_we_will_know, measured_by, keep_wording)
    goal = PlanGoal.objects.create(plan=plan, position=plan.goals.count(), **values)
    record_change(by=by, action="context_plan.goal_added", target=goal, after=values | {"plan_id": plan.pk})
    return goal


@action
def update_goal(
    *,
    goal: PlanGoal,
    statement: str,
    what_will_show_it: str,
    how_we_will_know: str,
    measured_by: Sequence[str] = (),
    keep_wording: bool = False,
    expected_version: int,
    by: User,
) -> PlanGoal:
    current = PlanGoal.objects.select_for_update().select_related("plan").get(pk=goal.pk)
    values = _clean_goal(current.plan, statement, what_will_show_it, how_we_will_know, measured_by, keep_wording)
    check_version(current, expected_version, values, GOAL_FIELDS)
    before = snapshot(current, GOAL_FIELDS)
    for field, value in values.items():
        setattr(current, field, value)
    current.version += 1
    current.save()
    record_change(by=by, action="context_plan.goal_updated", target=current, before=before, after=values)
    return current


@action
def add_plan_action(
    *,
    plan: ContextPlan,
    description: str,
    owner_user: User | None = None,
    owner_partner: Partner | None = None,
    due_on: dt.date | None,
    goal: PlanGoal | None = None,
    conference: ContextConference | None = None,
    by: User,
) -> PlanAction:
    errors = ValidationErrors()
    description = clean_text(description, field="description", label="What will be done", errors=errors)
    owner: ActionOwner | None = None
    if owner_user is not None and owner_partner is not None:
        errors.add("owner", "Choose one owner")
    elif owner_user is not None:
        owner = ActionOwner(OwnerKind.WORKER, owner_user.pk, owner_user.get_full_name() or owner_user.username)
    elif owner_partner is not None:
        if owner_partner.service_id != plan.service_id or not owner_partner.active:
            errors.add("owner", "Choose someone on this service's partners register")
        kind = OwnerKind.GUARDIAN if owner_partner.kind == Partner.Kind.GUARDIAN else OwnerKind.PARTNER
        owner = ActionOwner(kind, owner_partner.pk, owner_partner.name)
    if goal is not None and goal.plan_id != plan.pk:
        errors.add("goal", "Choose a goal of this plan")
    if conference is not None and conference.plan_id != plan.pk:
        errors.add("conference", "Choose a conference about this plan")
    if not errors.by_field.get("owner"):
        add_problems(errors, validate_action(description=description or "-", owner=owner, due_on=due_on,
                                             today=timezone.localdate()))  # fmt: skip
    errors.raise_if_any()
    assert owner is not None and due_on is not None
    plan_action = PlanAction.objects.create(
        plan=plan,
        goal=goal,
        conference=conference,
        description=description,
        owner_kind=str(owner.kind),
        owner_user=owner_user,
        owner_partner=owner_partner,
        due_on=due_on,
    )
    record_change(
        by=by,
        action="context_plan.action_added",
        target=plan_action,
        after={
            "plan_id": plan.pk,
            "description": description,
            "owner_kind": str(owner.kind),
            "owner_id": owner.id,
            "due_on": due_on,
            "goal_id": goal.pk if goal else None,
            "conference_id": conference.pk if conference else None,
        },
    )
    return plan_action


@action
def set_action_status(*, plan_action: PlanAction, status: str, expected_version: int, by: User) -> PlanAction:
    current = PlanAction.objects.select_for_update().get(pk=plan_action.pk)
    if status not in PlanAction.Status.values:
        raise ValidationError({"status": ["Choose whether the action is open or done"]})
    check_version(current, expected_version, {"status": status}, {"status": "Status"})
    before = {"status": current.status}
    current.status = status
    current.version += 1
    current.save()
    record_change(by=by, action="context_plan.action_status", target=current, before=before, after={"status": status})
    return current


# --- conferences and reviews ------------------------------------------------------------------------------------


@action
def record_conference(
    *,
    plan: ContextPlan,
    held_on: dt.date | None,
    chair: User | None,
    attendee_users: Sequence[User],
    attendee_partners: Sequence[Partner],
    decisions: str,
    by: User,
) -> ContextConference:
    errors = ValidationErrors()
    held_on = clean_date(held_on, field="held_on", label="The date it was held", errors=errors,
                         not_after=timezone.localdate())  # fmt: skip
    decisions = clean_text(decisions, field="decisions", label="What was decided", errors=errors)
    if chair is None:
        errors.add("chair", "Choose who chaired the conference")
    if any(partner.service_id != plan.service_id for partner in attendee_partners):
        errors.add("attendee_partners", "Choose people from this service's partners register")
    errors.raise_if_any()
    assert held_on is not None and chair is not None
    conference = ContextConference.objects.create(
        plan=plan, held_on=held_on, chair=chair, decisions=decisions, recorded_by=by
    )
    users = list(dict.fromkeys([chair, *attendee_users]))
    ConferenceAttendee.objects.bulk_create(
        [ConferenceAttendee(conference=conference, user=user) for user in users]
        + [ConferenceAttendee(conference=conference, partner=partner) for partner in dict.fromkeys(attendee_partners)]
    )
    record_change(
        by=by,
        action="context_conference.recorded",
        target=conference,
        after={
            "plan_id": plan.pk,
            "held_on": held_on,
            "chair_id": chair.pk,
            "decisions": decisions,
            "attendee_user_ids": [user.pk for user in users],
            "attendee_partner_ids": [partner.pk for partner in attendee_partners],
        },
    )
    return conference


@action
def record_review(*, plan: ContextPlan, summary: str, next_review_on: dt.date | None, by: User) -> PlanReview:
    """A plan review on today's date: its summary (what changed in the context) and the next review date, which
    becomes the plan's review date."""
    errors = ValidationErrors()
    summary = clean_text(summary, field="summary", label="What changed in the context", errors=errors)
    next_review_on = clean_date(next_review_on, field="next_review_on", label="The next review date", errors=errors)
    today = timezone.localdate()
    if next_review_on is not None and next_review_on <= today:
        errors.add("next_review_on", "The next review date must be after today")
    errors.raise_if_any()
    assert next_review_on is not None
    current = ContextPlan.objects.select_for_update().get(pk=plan.pk)
    review = PlanReview.objects.create(
        plan=current, reviewed_on=today, summary=summary, next_review_on=next_review_on, reviewed_by=by
    )
    before = {"review_on": current.review_on}
    current.review_on = next_review_on
    current.version += 1
    current.save()
    record_change(
        by=by,
        action="context_plan.reviewed",
        target=review,
        before=before,
        after={"plan_id": plan.pk, "reviewed_on": today, "summary": summary, "next_review_on": next_review_on},
    )
    return review
