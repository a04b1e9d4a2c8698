"""Reads of contexts, always scoped through access/scope.py (`contexts_visible_to`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from safecontext.access import scope
from safecontext.access.scope import contexts_visible_to
from safecontext.contexts import questionnaires
from safecontext.contexts.models import Context, ContextAssessment, ContextCase, ContextCaseMember
from safecontext.contexts.questionnaires import Questionnaire
from safecontext.contexts.rules import review

if TYPE_CHECKING:
    from safecontext.accounts.models import Service, User
    from safecontext.people.models import Person

NAME_KEY_MAX_LENGTH = 200


def name_key(name: str) -> str:
    """Lower-case letters and digits only, accents removed and a leading "the" dropped, so "The Level, Brighton",
    "the level brighton" and "Level Brighton" are one place when referrers write it differently."""
    text = unicodedata.normalize("NFKD", name).lower()
    text = re.sub(r"^\s*the\s+", "", text)
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())[:NAME_KEY_MAX_LENGTH]


def context_named(*, service: Service, kind: str, name: str) -> Context | None:
    """The service's context of this kind whose name matches (by `name_key`), if there is one. For actions, which
    match a context a referrer names before creating a new one; the oldest wins if two ever share a key."""
    key = name_key(name)
    if not key:
        return None
    return Context.objects.filter(service=service, kind=kind, name_key=key).order_by("id").first()


def contexts_for_choosing(*, user: User, limit: int = 500) -> list[Context]:
    """The contexts a user may choose from (a referral about a context), by name."""
    return list(contexts_visible_to(user).order_by("name", "id")[:limit])


def get_context_for_user(user: User, context_id: int) -> Context | None:
    """The context, if this user may see it; None otherwise (the caller turns that into a form error or 404)."""
    visible: QuerySet[Context] = contexts_visible_to(user)
    return visible.filter(pk=context_id).first()


# --- Level 2 context cases (issue 4) ------------------------------------------------------------------------------
# Scope lives in access/scope.py with every other record's; these names are the contexts app's public reads.
context_cases_visible_to = scope.context_cases_visible_to
get_context_case_for_user = scope.get_context_case_for_user


def context_case_list(user: User, *, status: str = "", kind: str = "", limit: int = 500) -> list[ContextCase]:
    """The context cases a user may see, newest first, filtered by status and by the context's kind."""
    cases = context_cases_visible_to(user).select_related("context", "team", "lead_worker")
    if status in ContextCase.Status.values:
        cases = cases.filter(status=status)
    if kind in Context.Kind.values:
        cases = cases.filter(context__kind=kind)
    return list(cases.order_by("-opened_on", "-id")[:limit])


def open_context_cases_for(context: Context) -> QuerySet[ContextCase]:
    return ContextCase.objects.filter(context=context, status=ContextCase.Status.OPEN)


@dataclass(frozen=True)
class Members:
    """A context case's members as this viewer may see them: named when the viewer may open the person's record,
    otherwise only counted (a member's name is theirs to protect, even from someone who may see the group)."""

    shown: list[ContextCaseMember]
    hidden_current: int
    hidden_past: int

    @property
    def person_ids(self) -> list[int]:
        return [member.person_id for member in self.shown]


def members_for(user: User, context_case: ContextCase) -> Members:
    members = list(context_case.members.select_related("person").order_by("left_on", "joined_on", "id"))
    visible = set(
        scope.people_visible_to(user).filter(pk__in=[m.person_id for m in members]).values_list("pk", flat=True)
    )
    hidden = [member for member in members if member.person_id not in visible]
    return Members(
        shown=[member for member in members if member.person_id in visible],
        hidden_current=sum(1 for member in hidden if member.left_on is None),
        hidden_past=sum(1 for member in hidden if member.left_on is not None),
    )


def get_member_for_user(user: User, member_id: int, *, write: bool = False) -> ContextCaseMember:
    """A membership, if the user may see (work on) its case and open the person; otherwise Http404."""
    member = ContextCaseMember.objects.filter(pk=member_id).select_related("person").first()
    if member is None:
        raise Http404("No member found")
    get_context_case_for_user(user, member.context_case_id, write=write)
    if not scope.people_visible_to(user).filter(pk=member.person_id).exists():
        raise Http404("No member found")
    return member


def assessments_for(context_case: ContextCase) -> list[ContextAssessment]:
    return list(context_case.assessments.select_related("recorded_by").order_by("assessed_on", "id"))


def get_assessment_for_user(user: User, assessment_id: int, *, write: bool = False) -> ContextAssessment:
    assessment = ContextAssessment.objects.filter(pk=assessment_id).first()
    if assessment is None:
        raise Http404("No assessment found")
    assessment.context_case = get_context_case_for_user(user, assessment.context_case_id, write=write)
    return assessment


def baseline_of(context_case: ContextCase) -> ContextAssessment | None:
    """The first assessment that is not a review: what reviews are measured against."""
    return context_case.assessments.filter(review_of__isnull=True).order_by("assessed_on", "id").first()


def latest_review_of(baseline: ContextAssessment) -> ContextAssessment | None:
    return baseline.reviews.order_by("-assessed_on", "-id").first()


# --- comparison: baseline against latest (change, not effort) ----------------------------------------------------


@dataclass(frozen=True)
class ComparedQuestion:
    key: str
    text: str
    section_key: str
    baseline: int | None
    latest: int | None
    baseline_label: str
    latest_label: str
    change: review.Change
    reason: str


@dataclass(frozen=True)
class ComparedSection:
    key: str
    title: str
    questions: list[ComparedQuestion]
    summary: review.ReviewSummary


@dataclass(frozen=True)
class AssessmentComparisonView:
    baseline: ContextAssessment
    latest: ContextAssessment
    baseline_form: Questionnaire
    latest_form: Questionnaire
    sections: list[ComparedSection]
    summary: review.ReviewSummary
    by_question: dict[str, ComparedQuestion]  # by the latest version's key (the baseline's for a removed question)


def compare(baseline: ContextAssessment, latest: ContextAssessment) -> AssessmentComparisonView:
    """Per question and per section (a side of the triangle), the baseline's score against the latest's, through
    contexts/rules/review.py: questionnaire versions may differ, and only questions carried over are compared."""
    old = questionnaires.questionnaire(baseline.questionnaire_kind, baseline.questionnaire_version)
    new = questionnaires.questionnaire(latest.questionnaire_kind, latest.questionnaire_version)
    result = review.compare_assessments(
        review.AnswerSet(old.version, _scores(baseline.answers, old)),
        review.AnswerSet(new.version, _scores(latest.answers, new)),
        new.scale,
        carried_over=new.carried_over_from(old),
        reverse_scored=new.reverse_scored,
    )
    rows: dict[str, list[ComparedQuestion]] = {}
    by_question: dict[str, ComparedQuestion] = {}
    for item in result.changes:
        question = new.question(item.question_id) or old.question(item.baseline_question_id or item.question_id)
        section = new.section_of(item.question_id) or old.section_of(item.baseline_question_id or "")
        row = ComparedQuestion(
            key=item.question_id,
            text=question.text if question else item.question_id,
            section_key=section.key if section else "",
            baseline=item.baseline,
            latest=item.latest,
            baseline_label=old.label(item.baseline),
            latest_label=new.label(item.latest),
            change=item.change,
            reason=item.reason,
        )
        rows.setdefault(row.section_key, []).append(row)
        by_question[row.key] = row
    titles = {section.key: section.title for section in (*old.sections, *new.sections)}
    order = list(dict.fromkeys([*(s.key for s in new.sections), *(s.key for s in old.sections)]))
    sections = [
        ComparedSection(
            key=key,
            title=titles[key],
            questions=rows[key],
            summary=review.summarise(
                [review.QuestionChange(q.key, None, q.baseline, q.latest, q.change) for q in rows[key]]
            ),
        )
        for key in order
        if key in rows
    ]
    return AssessmentComparisonView(baseline, latest, old, new, sections, result.summary, by_question)


def assessment_comparison(context_case: ContextCase) -> AssessmentComparisonView | None:
    """The case's baseline against its latest review, or None before a review has been recorded."""
    baseline = baseline_of(context_case)
    latest = latest_review_of(baseline) if baseline else None
    if baseline is None or latest is None:
        return None
    return compare(baseline, latest)


def _scores(answers: object, form: Questionnaire) -> dict[str, int | None]:
    """Stored answers as scores; anything that is not a whole number on the scale reads as not answered."""
    stored = answers if isinstance(answers, dict) else {}
    scores: dict[str, int | None] = {}
    for key, value in stored.items():
        ok = isinstance(value, int) and not isinstance(value, bool) and form.scale.low <= value <= form.scale.high
        scores[str(key)] = value if ok else None
    return scores


def possible_leads(service_id: int) -> list[User]:
    """Active users of the service whose role may lead context cases, by name."""
    from safecontext.access.permissions import ROLE_PERMISSIONS, Permission
    from safecontext.accounts.models import User

    roles = [role for role, granted in ROLE_PERMISSIONS.items() if Permission.MANAGE_CONTEXT_CASES in granted]
    return list(
        User.objects.filter(team__service_id=service_id, is_active=True, role__in=roles)
        .select_related("team")
        .order_by("first_name", "last_name", "username")
    )


def person_for_member(user: User, person_id: int) -> Person | None:
    """A young person the user may add to a group: one in their own scope (not reached only by break-glass)."""
    found: Person | None = scope.people_in_scope(user).prefetch_related("names").filter(pk=person_id).first()
    return found
