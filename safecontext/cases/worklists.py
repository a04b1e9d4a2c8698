"""Lists of cases for My work, visits due, the team's overdue list and continuity — all within the user's scope, and
a fixed number of queries however many cases (annotations and prefetches, no query per row)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from safecontext.access.scope import cases_visible_to
from safecontext.cases.actions import stuck_threshold
from safecontext.cases.models import Allocation, Case, Relationship
from safecontext.cases.queries import caseload_for, current_spell, with_last_visit
from safecontext.cases.rules import continuity
from safecontext.cases.rules.relationship_stages import Stage, stuck_at_building
from safecontext.cases.visits import VisitStatus, visit_rules, visit_status

if TYPE_CHECKING:
    from safecontext.accounts.models import User


@dataclass(frozen=True)
class CaseRow:
    case: Case
    worker_name: str
    stage: int | None  # the allocated worker's relationship with the young person
    stage_label: str
    stuck: bool
    visits: VisitStatus
    plan_review_on: dt.date | None

    @property
    def flags(self) -> list[str]:
        found = []
        if self.visits.overdue:
            found.append("Visit overdue")
        if self.stuck:
            found.append("Still building: talk in supervision")
        return found


def _rows(cases: QuerySet[Case], *, today: dt.date) -> list[CaseRow]:
    cases = with_last_visit(cases).select_related("subject", "team", "allocated_worker", "safety_plan")
    relationships = Relationship.objects.filter(ended_on__isnull=True)
    listed = list(
        cases.prefetch_related(
            "subject__names", Prefetch("relationships", queryset=relationships, to_attr="open_relationships")
        )
    )
    rules, threshold = visit_rules(), stuck_threshold()
    rows = []
    for case in listed:
        lead = next(
            (
                relationship
                for relationship in case.open_relationships  # type: ignore[attr-defined]
                if relationship.worker_id == case.allocated_worker_id and relationship.person_id == case.subject_id
            ),
            None,
        )
        history = current_spell(lead) if lead else []
        worker = case.allocated_worker
        plan = getattr(case, "safety_plan", None)
        rows.append(
            CaseRow(
                case=case,
                worker_name=(worker.get_full_name() or worker.username) if worker else "Not allocated",
                stage=lead.stage if lead else None,
                stage_label=Stage(lead.stage).label if lead else "Not recorded",
                stuck=bool(history) and stuck_at_building(history, today=today, threshold=threshold),
                visits=visit_status(case, case.last_visit, today=today, rules=rules),  # type: ignore[attr-defined]
                plan_review_on=plan.review_on if plan is not None else None,
            )
        )
    return rows


def caseload_rows(user: User, *, today: dt.date) -> list[CaseRow]:
    return _rows(caseload_for(user=user), today=today)


def team_cases(user: User) -> QuerySet[Case]:
    """Open cases held by the user's team (within scope)."""
    if user.team_id is None:
        return Case.objects.none()
    return cases_visible_to(user).filter(team_id=user.team_id, status=Case.Status.OPEN).order_by("opened_on", "pk")


def team_rows(user: User, *, today: dt.date) -> list[CaseRow]:
    return _rows(team_cases(user), today=today)


def visits_due(rows: list[CaseRow]) -> list[CaseRow]:
    """Rows with a statutory cadence, soonest (or most overdue) first."""
    return sorted((row for row in rows if row.visits.due is not None), key=lambda row: (row.visits.due, row.case.pk))


@dataclass(frozen=True)
class ContinuityReport:
    teams: list[tuple[str, continuity.TeamContinuity]]
    cases: list[tuple[Case, continuity.CaseContinuity]]


def continuity_report(user: User, *, today: dt.date, limit: int = 200) -> ContinuityReport:
    """Worker changes per case and the share of closed cases kept by one worker from referral to closure, for every
    case the user may see (open and closed), per team (rules/continuity.py)."""
    cases = list(cases_visible_to(user).select_related("team", "subject").prefetch_related("subject__names"))
    spans = [continuity.CaseSpan(case.pk, case.team_id, case.opened_on, case.closed_on) for case in cases]
    allocations = [
        continuity.Allocation(row["case_id"], row["worker_id"], row["from_date"], row["to_date"])
        for row in Allocation.objects.filter(case__in=[case.pk for case in cases]).values(
            "case_id", "worker_id", "from_date", "to_date"
        )
    ]
    by_case_alloc: dict[int, list[continuity.Allocation]] = defaultdict(list)
    for allocation in allocations:
        by_case_alloc[allocation.case_id].append(allocation)
    results: dict[int, continuity.CaseContinuity] = {}
    for span in spans:
        try:
            results[span.case_id] = continuity.case_continuity(span, by_case_alloc[span.case_id], today=today)
        except ValueError:
            continue  # inconsistent history (overlapping allocations): left out, not guessed
    teams = continuity.continuity_by_team(results.values())
    names = {case.team_id: case.team.name for case in cases}
    by_pk = {case.pk: case for case in cases}
    ordered = sorted(results.values(), key=lambda result: (-result.worker_changes, result.case_id))[:limit]
    return ContinuityReport(
        teams=[(names[team_id], result) for team_id, result in teams.items()],
        cases=[(by_pk[result.case_id], result) for result in ordered],
    )
