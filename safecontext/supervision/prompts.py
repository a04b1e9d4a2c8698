"""Supervision prompts for a supervisee's session, read from their cases and judged by the pure rules
(rules/prompts.py): relationships stuck at "building", a change of lead worker, an overdue visit, harmful links
recorded since the last session, and plans past their review date.

Read from the casework (cases: relationships and their stage history, allocations, visit notes), the network
(links marked harmful touching the young person) and the plans (context plans for the young person, the case's
safety plan). Only dates and ids leave this module: a prompt names no one.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from safecontext.accounts.models import User
from safecontext.cases.models import Allocation, Case, Relationship, StageChange
from safecontext.cases.queries import with_last_visit
from safecontext.cases.rules.relationship_stages import Stage
from safecontext.cases.visits import visit_rules
from safecontext.front_door.timescales import OutsideCalendarError
from safecontext.supervision.models import GroupAttendee, SupervisionSession
from safecontext.supervision.queries import cases_to_discuss
from safecontext.supervision.rules.prompts import CaseForSupervision, Prompt, supervision_prompts


def last_session_before(supervisee: User, day: dt.date) -> dt.date | None:
    """The supervisee's last supervision (one-to-one, peer or group) before `day`."""
    dates = list(
        SupervisionSession.objects.filter(supervisee=supervisee, held_on__lt=day).values_list("held_on", flat=True)
    )
    dates += GroupAttendee.objects.filter(user=supervisee, session__held_on__lt=day).values_list(
        "session__held_on", flat=True
    )
    return max(dates, default=None)


def prompts_for(
    supervisee: User, *, before: SupervisionSession | None = None, today: dt.date | None = None
) -> list[Prompt]:
    """The prompts for a session with `supervisee`: what has happened on their cases since the supervision before
    `before` (or before today, for the next session)."""
    today = today or timezone.localdate()
    since = last_session_before(supervisee, before.held_on if before else today + dt.timedelta(days=1))
    cases = list(with_last_visit(cases_to_discuss(supervisee)))
    try:
        return supervision_prompts(
            [_case_for_supervision(case, supervisee) for case in cases],
            last_session_date=since,
            today=today,
            visit_rules=visit_rules(),
        )
    except OutsideCalendarError:
        # The working-day calendar does not reach a date in question: the visit judgement cannot be made, so the
        # other prompts are gathered without it rather than failing the page.
        return supervision_prompts(
            [_without_visits(_case_for_supervision(case, supervisee)) for case in cases],
            last_session_date=since,
            today=today,
        )


def _without_visits(case: CaseForSupervision) -> CaseForSupervision:
    return CaseForSupervision(
        case_id=case.case_id,
        level="early_help",  # no statutory cadence, so no visit judgement
        last_visit_date=case.last_visit_date,
        relationship_history=case.relationship_history,
        worker_changed_on=case.worker_changed_on,
        harmful_links_added_on=case.harmful_links_added_on,
        plan_review_dates=case.plan_review_dates,
    )


def _case_for_supervision(case: Case, supervisee: User) -> CaseForSupervision:
    last_visit: dt.date | None = getattr(case, "last_visit", None)
    return CaseForSupervision(
        case_id=case.pk,
        level=case.level,
        last_visit_date=last_visit or case.opened_on,
        relationship_history=_relationship_history(case, supervisee),
        worker_changed_on=_worker_changes(case),
        harmful_links_added_on=_harmful_links(case),
        plan_review_dates=_plan_reviews(case),
    )


def _relationship_history(case: Case, supervisee: User) -> list[tuple[Stage, dt.date]]:
    """The supervisee's open relationship with the young person on this case, as (stage, from) steps."""
    relationship = Relationship.objects.filter(
        case=case,
        worker=supervisee,
        person_id=case.subject_id,
        with_whom=Relationship.With.YOUNG_PERSON,
        ended_on__isnull=True,
    ).first()
    if relationship is None:
        return []
    steps = [
        (Stage(stage), from_date)
        for stage, from_date in StageChange.objects.filter(relationship=relationship)
        .order_by("from_date", "pk")
        .values_list("stage", "from_date")
    ]
    return steps or [(Stage(relationship.stage), relationship.stage_since)]


def _worker_changes(case: Case) -> list[dt.date]:
    """The days a new worker took the case over: every allocation but the first."""
    starts = list(Allocation.objects.filter(case=case).order_by("from_date", "pk").values_list("from_date", flat=True))
    return starts[1:]


def _harmful_links(case: Case) -> list[dt.date]:
    from safecontext.network.models import Link

    recorded = Link.objects.filter(
        Q(a__person_id=case.subject_id) | Q(b__person_id=case.subject_id), nature=Link.Nature.HARMFUL
    ).values_list("recorded_at", flat=True)
    return [timezone.localdate(moment) for moment in recorded]


def _plan_reviews(case: Case) -> list[dt.date]:
    from safecontext.context_plans.models import ContextPlan
    from safecontext.safety_plans.models import SafetyPlan

    dates = list(
        ContextPlan.objects.filter(person_id=case.subject_id, status=ContextPlan.Status.ACTIVE).values_list(
            "review_on", flat=True
        )
    )
    dates += [
        day for day in SafetyPlan.objects.filter(case=case).values_list("review_on", flat=True) if day is not None
    ]
    return dates
