"""Reads for context_plans, always scoped through access/scope.py.

A weighting, plan or conference is visible when its subject is: a child the user may open (`people_visible_to`),
or — once contexts.ContextCase lands — a context case the user may see. Otherwise Http404, the same answer as an id
that does not exist. Writes need MANAGE_CONTEXT_CASES and the subject in the user's own scope (no break-glass).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import context_cases_visible_to, people_in_scope, people_visible_to
from safecontext.context_plans.cleaning import EntryInput, EntryKeys, rule_entries, rule_weighting
from safecontext.context_plans.models import (
    ContextConference,
    ContextPlan,
    ContextWeighting,
    Partner,
    PlanAction,
    PlanGoal,
    WeightingEntry,
)
from safecontext.contexts import questionnaires
from safecontext.contexts.models import ContextCase
from safecontext.contexts.queries import AssessmentComparisonView, ComparedQuestion, assessment_comparison
from safecontext.contexts.rules.review import QuestionChange, ReviewSummary, summarise
from safecontext.contexts.rules.weighting import (
    Box,
    WeightChange,
    WeightChangeKind,
    Weighting,
    box_layout,
    compare_weightings,
    first_to_change,
    tied_for_first,
)
from safecontext.people.models import Person

if TYPE_CHECKING:
    from safecontext.accounts.models import User

Subject = Person | ContextCase


def _readable(user: User, *, write: bool) -> Q:
    """The subjects this user may read (or write) weightings and plans about, as a filter on `person` and
    `context_case`. Writing needs the child in the user's own scope: break-glass access is for reading."""
    if write:
        if not has_permission(user, Permission.MANAGE_CONTEXT_CASES):
            return Q(pk__in=[])
        return Q(person__in=people_in_scope(user)) | Q(context_case__in=context_cases_visible_to(user))
    if not has_permission(user, Permission.VIEW_CONTEXT_CASES):
        return Q(pk__in=[])
    return Q(person__in=people_visible_to(user)) | Q(context_case__in=context_cases_visible_to(user))


def _of(subject: Subject) -> Q:
    return Q(person=subject) if isinstance(subject, Person) else Q(context_case=subject)


def can_manage(user: User) -> bool:
    return has_permission(user, Permission.MANAGE_CONTEXT_CASES)


# --- weightings -------------------------------------------------------------------------------------------------


def get_weighting_for_user(user: User, weighting_id: int) -> ContextWeighting:
    try:
        return (
            ContextWeighting.objects.filter(_readable(user, write=False))
            .select_related("person", "context_case__context", "recorded_by")
            .prefetch_related("entries__context")
            .get(pk=weighting_id)
        )
    except ContextWeighting.DoesNotExist:
        raise Http404("No weighting found") from None


def weightings_for(subject: Subject) -> list[ContextWeighting]:
    """Newest first; every weighting is kept."""
    return list(
        ContextWeighting.objects.filter(_of(subject))
        .select_related("recorded_by")
        .prefetch_related("entries__context")
        .order_by("-recorded_on", "-id")
    )


def latest_weighting_for_person(person: Person) -> ContextWeighting | None:
    return latest_weighting_for(person)


def latest_weighting_for(subject: Subject) -> ContextWeighting | None:
    return (
        ContextWeighting.objects.filter(_of(subject))
        .prefetch_related("entries__context")
        .order_by("-recorded_on", "-id")
        .first()
    )


def previous_weighting(weighting: ContextWeighting) -> ContextWeighting | None:
    """The weighting of the same subject recorded just before this one."""
    earlier = Q(recorded_on__lt=weighting.recorded_on) | Q(recorded_on=weighting.recorded_on, id__lt=weighting.pk)
    return (
        ContextWeighting.objects.filter(earlier, _of(weighting.subject))
        .prefetch_related("entries__context")
        .order_by("-recorded_on", "-id")
        .first()
    )


def entry_inputs(weighting: ContextWeighting) -> list[EntryInput]:
    return [EntryInput(entry.label, entry.context, entry.weight) for entry in weighting.entries.all()]


def as_rule_weighting(weighting: ContextWeighting, keys: EntryKeys) -> Weighting:
    return rule_weighting(weighting.recorded_on, weighting.rationale, entry_inputs(weighting), keys)


def first_box(weighting: ContextWeighting) -> WeightingEntry | None:
    """The box that must change first: the heaviest (on a tie, the one listed first), by contexts/rules."""
    entries = list(weighting.entries.all())
    if not entries:
        return None
    rule = as_rule_weighting(weighting, EntryKeys())
    return entries[rule.entries.index(first_to_change(rule))]


@dataclass(frozen=True)
class ChangeRow:
    change: WeightChange
    text: str  # "Up 10", "Down 5", "Added", "Removed", "No change"


def _describe(change: WeightChange) -> str:
    if change.kind is WeightChangeKind.ADDED:
        return "Added"
    if change.kind is WeightChangeKind.REMOVED:
        return "Removed"
    if change.difference == 0:
        return "No change"
    return f"Up {change.difference}" if change.difference > 0 else f"Down {-change.difference}"


def weighting_change(earlier: ContextWeighting, later: ContextWeighting) -> list[ChangeRow]:
    keys = EntryKeys()
    changes = compare_weightings(as_rule_weighting(earlier, keys), as_rule_weighting(later, keys))
    return [ChangeRow(change, _describe(change)) for change in changes]


# GOV.UK colours dark enough for white text on them.
BOX_COLOURS = ("#1d70b8", "#00703c", "#4c2c92", "#912b88", "#003078", "#505a5f", "#005a30", "#6f3800")


@dataclass(frozen=True)
class Shape:
    box: Box
    colour: str
    label_x: float
    label_y: float
    font_size: float
    name_lines: list[tuple[float, str]]  # (y, text): the name wrapped to fit; in full in its <title> and the table


@dataclass(frozen=True)
class Drawing:
    """The toolkit's boxes for an SVG, in a 0-100 by 0-60 view box (the page scales it)."""

    shapes: list[Shape]
    width: int
    height: int
    tied: list[str]  # labels tied for the heaviest weight, when more than one


def _shape(index: int, box: Box) -> Shape:
    font = max(1.6, min(3.2, box.height / 4, box.width / 8))
    room = int((box.width - 2) / (font * 0.55))  # characters per line, for an average sans-serif glyph
    line_height = font * 1.2
    max_lines = int((box.height - font - 1.6) / line_height) if room > 3 else 0
    lines = textwrap.wrap(box.label, width=room, max_lines=max_lines, placeholder="…") if max_lines > 0 else []
    lines = [line if len(line) <= room else line[: room - 1] + "…" for line in lines]  # a very long word
    first_y = box.y + font + 0.8
    placed = [(first_y + line_height * (number + 1), line) for number, line in enumerate(lines)]
    return Shape(box, BOX_COLOURS[index % len(BOX_COLOURS)], box.x + 1, first_y, font, placed)


DRAWING_WIDTH = 100
DRAWING_HEIGHT = 60


def drawing(entries: list[EntryInput]) -> Drawing:
    """Boxes for the entries that can be drawn (a weight above 0; a repeated context drawn once)."""
    usable = [entry for entry in entries if not isinstance(entry.weight, bool) and entry.weight > 0]
    rule = rule_entries(usable, EntryKeys())
    unique = list({entry.context_id: entry for entry in rule}.values())
    boxes = box_layout(unique, DRAWING_WIDTH, DRAWING_HEIGHT) if unique else []
    tied = tied_for_first(unique)
    shapes = [_shape(index, box) for index, box in enumerate(boxes)]
    return Drawing(shapes, DRAWING_WIDTH, DRAWING_HEIGHT, [entry.label for entry in tied] if len(tied) > 1 else [])


# --- plans ------------------------------------------------------------------------------------------------------


def get_plan_for_user(user: User, plan_id: int, *, write: bool = False) -> ContextPlan:
    try:
        return (
            ContextPlan.objects.filter(_readable(user, write=write))
            .select_related("person", "context_case__context", "weighting", "targets_first_context", "created_by")
            .get(pk=plan_id)
        )
    except ContextPlan.DoesNotExist:
        raise Http404("No plan found") from None


def plans_for(subject: Subject) -> list[ContextPlan]:
    return list(ContextPlan.objects.filter(_of(subject)).order_by("-created_at", "-id"))


def goals_of(plan: ContextPlan) -> list[PlanGoal]:
    return list(plan.goals.order_by("position", "id"))


def actions_of(plan: ContextPlan) -> list[PlanAction]:
    return list(plan.actions.select_related("owner_user", "owner_partner", "goal").order_by("due_on", "id"))


def get_goal_for_user(user: User, goal_id: int, *, write: bool = False) -> PlanGoal:
    plans = ContextPlan.objects.filter(_readable(user, write=write))
    try:
        return PlanGoal.objects.select_related("plan", "plan__person", "plan__context_case__context").get(
            pk=goal_id, plan__in=plans
        )
    except PlanGoal.DoesNotExist:
        raise Http404("No goal found") from None


def get_plan_action_for_user(user: User, plan_action_id: int, *, write: bool = False) -> PlanAction:
    plans = ContextPlan.objects.filter(_readable(user, write=write))
    try:
        return PlanAction.objects.select_related("plan", "plan__person", "plan__context_case").get(
            pk=plan_action_id, plan__in=plans
        )
    except PlanAction.DoesNotExist:
        raise Http404("No action found") from None


def conferences_of(plan: ContextPlan) -> list[ContextConference]:
    return list(plan.conferences.select_related("chair").order_by("-held_on", "-id"))


def get_conference_for_user(user: User, conference_id: int) -> ContextConference:
    plans = ContextPlan.objects.filter(_readable(user, write=False))
    try:
        return (
            ContextConference.objects.select_related("plan", "plan__person", "plan__context_case__context", "chair")
            .prefetch_related("attendees__user", "attendees__partner", "actions__owner_user", "actions__owner_partner")
            .get(pk=conference_id, plan__in=plans)
        )
    except ContextConference.DoesNotExist:
        raise Http404("No conference found") from None


# --- the partners register --------------------------------------------------------------------------------------


def partners_for_user(user: User, *, active_only: bool = False) -> QuerySet[Partner]:
    """The service's partners register, for anyone who works with context cases in that service."""
    if not has_permission(user, Permission.VIEW_CONTEXT_CASES) or user.service is None:
        return Partner.objects.none()
    partners = Partner.objects.filter(service=user.service).prefetch_related("contexts")
    return partners.filter(active=True) if active_only else partners


def get_partner_for_user(user: User, partner_id: int, *, write: bool = False) -> Partner:
    if write and not can_manage(user):
        raise Http404("No partner found")
    try:
        return partners_for_user(user).get(pk=partner_id)
    except Partner.DoesNotExist:
        raise Http404("No partner found") from None


def question_choices(plan: ContextPlan) -> list[tuple[str, str]]:
    """The assessment questions a goal may be measured by: the latest questionnaire for the context case's kind of
    context (contexts/questionnaires). A child's plan has no context assessment, so none."""
    if plan.context_case is None:
        return []
    kind = questionnaires.KIND_FOR_CONTEXT.get(plan.context_case.context.kind)
    if kind is None:
        return []
    form = questionnaires.latest_questionnaire(kind)
    return [(question.key, question.text) for question in form.questions]


def workers_for(user: User) -> list[User]:
    """Who may own a plan action or attend a conference as a worker: anyone with a role in the user's service, and
    partner agency staff (police, school, health), whose accounts sit in their own agencies' services."""
    from safecontext.accounts.models import User as UserModel
    from safecontext.accounts.roles import Role

    if user.service is None:
        return []
    in_service = Q(team__service=user.service) & ~Q(role="")
    return list(
        UserModel.objects.filter(in_service | Q(role=Role.PARTNER_AGENCY), is_active=True)
        .select_related("team")
        .order_by("first_name", "last_name", "username")
    )


# --- reviews ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalReview:
    goal: PlanGoal
    changes: list[ComparedQuestion]  # the goal's measures, baseline against latest
    summary: ReviewSummary | None  # None when the goal names no measures or there is nothing to compare


@dataclass(frozen=True)
class PlanReviewData:
    goals: list[GoalReview]
    comparison: AssessmentComparisonView | None  # None before the context assessment has been re-run
    weighting_changes: list[ChangeRow]  # the child's latest weighting against the one the plan was built on
    latest_weighting: ContextWeighting | None


def plan_review(plan: ContextPlan) -> PlanReviewData:
    """Change, not effort: per goal, its measures' baseline against latest (context-case plans, from the re-run
    assessment), and how the weighting moved since the plan was made."""
    goals = goals_of(plan)
    comparison = assessment_comparison(plan.context_case) if plan.context_case else None
    latest = latest_weighting_for(plan.subject)
    weighting_changes: list[ChangeRow] = []
    if plan.weighting is not None and latest is not None and latest.pk != plan.weighting_id:
        weighting_changes = weighting_change(plan.weighting, latest)
    reviews = []
    for goal in goals:
        changes = [
            comparison.by_question[key] for key in goal.question_keys if comparison and key in comparison.by_question
        ]
        summary = summarise([QuestionChange(q.key, None, q.baseline, q.latest, q.change) for q in changes])
        reviews.append(GoalReview(goal, changes, summary if changes else None))
    return PlanReviewData(reviews, comparison, weighting_changes, latest)
