"""Continuity of the allocated worker: how often a family had to change worker, and how many closed cases were held
by one worker from referral to closure.

Why it is measured: the Team Around the Relationship model (seed 004) has "workers who stay with families from
referral to closure, providing professional consistency and containment", and the service's aims (seed 003) include
"continuity of social work relationships with families - so families do not have to change social workers or
re-tell their stories because of our processes".

How it is counted (docs/adr/0014-casework-rules.md):
- An allocation runs from `from_date` up to, not including, `to_date` (None: still allocated). A handover on the
  same day is A's `to_date` equal to B's `from_date`. Allocations on one case must not overlap.
- An allocation that starts and ends on the same day is ignored: it was corrected on the day and the family never
  had that worker.
- A worker change is the family moving to a different worker: A → B counts 1, A → B → A counts 2.
- An unallocated gap is not itself a change: A, gap, A is 0 changes (the family did not have to re-tell their
  story) and A, gap, B is 1. Gaps are counted separately as unallocated days, so they are seen, not hidden.
- A closed case is kept by one worker when exactly one worker held it. A case closed without ever being allocated
  was not kept by anyone. Open cases are not in the share yet: their story is not finished.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import NamedTuple


class Allocation(NamedTuple):
    case_id: int
    worker_id: int
    from_date: date
    to_date: date | None


class CaseSpan(NamedTuple):
    """A case's life: opened (from the referral, or directly by a manager) to closed (None while open)."""

    case_id: int
    team_id: int
    opened_on: date
    closed_on: date | None


@dataclass(frozen=True)
class CaseContinuity:
    case_id: int
    team_id: int
    closed: bool
    workers: tuple[int, ...]  # in the order the family met them, a worker who returned listed again
    worker_changes: int
    unallocated_days: int
    kept_by_one_worker: bool


@dataclass(frozen=True)
class TeamContinuity:
    team_id: int
    cases: int
    closed_cases: int
    closed_kept_by_one_worker: int
    # None when the team has closed no cases: no data is not the same as no continuity.
    share_kept_by_one_worker: float | None
    worker_changes: int
    mean_worker_changes: float
    unallocated_days: int


def case_continuity(case: CaseSpan, allocations: Iterable[Allocation], *, today: date) -> CaseContinuity:
    """Continuity for one case. `allocations` are this case's; unallocated days of an open case run to `today`."""
    if case.closed_on is not None and case.closed_on < case.opened_on:
        raise ValueError(f"Case {case.case_id} closed ({case.closed_on}) before it opened ({case.opened_on})")
    end = case.closed_on if case.closed_on is not None else today
    if end < case.opened_on:
        raise ValueError(f"Case {case.case_id} opens on {case.opened_on}, after today ({today})")

    held = sorted(_checked(case, allocations), key=lambda allocation: allocation.from_date)
    for earlier, later in pairwise(held):
        if earlier.to_date is None or earlier.to_date > later.from_date:
            raise ValueError(
                f"Case {case.case_id}: worker {earlier.worker_id}'s allocation from {earlier.from_date} overlaps "
                f"worker {later.worker_id}'s from {later.from_date}; a case has one allocated worker at a time"
            )

    workers: list[int] = []
    for allocation in held:
        if not workers or workers[-1] != allocation.worker_id:
            workers.append(allocation.worker_id)

    covered = 0
    for allocation in held:
        start = max(allocation.from_date, case.opened_on)
        stop = min(allocation.to_date or end, end)
        covered += max((stop - start).days, 0)
    closed = case.closed_on is not None
    return CaseContinuity(
        case_id=case.case_id,
        team_id=case.team_id,
        closed=closed,
        workers=tuple(workers),
        worker_changes=max(len(workers) - 1, 0),
        unallocated_days=(end - case.opened_on).days - covered,
        kept_by_one_worker=closed and len(workers) == 1,
    )


def continuity_by_case(
    cases: Iterable[CaseSpan], allocations: Iterable[Allocation], *, today: date
) -> dict[int, CaseContinuity]:
    """Continuity for each case, keyed by case id. An allocation for a case not listed is an error, not skipped."""
    spans = {case.case_id: case for case in cases}
    by_case: dict[int, list[Allocation]] = defaultdict(list)
    for allocation in allocations:
        if allocation.case_id not in spans:
            raise ValueError(f"Allocation of worker {allocation.worker_id} is for unknown case {allocation.case_id}")
        by_case[allocation.case_id].append(allocation)
    return {case_id: case_continuity(span, by_case[case_id], today=today) for case_id, span in spans.items()}


def share_kept_by_one_worker(results: Iterable[CaseContinuity]) -> float | None:
    """The share of closed cases held by one worker from referral to closure; None when none are closed."""
    closed = [result for result in results if result.closed]
    if not closed:
        return None
    return sum(result.kept_by_one_worker for result in closed) / len(closed)


def continuity_by_team(results: Iterable[CaseContinuity]) -> dict[int, TeamContinuity]:
    """Per-team aggregates of `continuity_by_case` results, keyed by team id (only teams holding cases appear)."""
    by_team: dict[int, list[CaseContinuity]] = defaultdict(list)
    for result in results:
        by_team[result.team_id].append(result)
    teams = {}
    for team_id, team_cases in sorted(by_team.items()):
        changes = sum(result.worker_changes for result in team_cases)
        teams[team_id] = TeamContinuity(
            team_id=team_id,
            cases=len(team_cases),
            closed_cases=sum(result.closed for result in team_cases),
            closed_kept_by_one_worker=sum(result.kept_by_one_worker for result in team_cases),
            share_kept_by_one_worker=share_kept_by_one_worker(team_cases),
            worker_changes=changes,
            mean_worker_changes=changes / len(team_cases),
            unallocated_days=sum(result.unallocated_days for result in team_cases),
        )
    return teams


def _checked(case: CaseSpan, allocations: Iterable[Allocation]) -> list[Allocation]:
    kept = []
    for allocation in allocations:
        if allocation.case_id != case.case_id:
            raise ValueError(f"Allocation for case {allocation.case_id} passed with case {case.case_id}")
        if allocation.to_date is not None and allocation.to_date < allocation.from_date:
            raise ValueError(
                f"Case {case.case_id}: worker {allocation.worker_id}'s allocation ends ({allocation.to_date}) "
                f"before it starts ({allocation.from_date})"
            )
        if allocation.to_date == allocation.from_date:
            continue
        if case.closed_on is not None and allocation.from_date > case.closed_on:
            raise ValueError(
                f"Case {case.case_id}: worker {allocation.worker_id} is allocated from {allocation.from_date}, "
                f"after the case closed on {case.closed_on}"
            )
        if allocation.to_date is not None and allocation.to_date <= case.opened_on:
            raise ValueError(
                f"Case {case.case_id}: worker {allocation.worker_id}'s allocation ends ({allocation.to_date}) "
                f"before the case opened on {case.opened_on}"
            )
        kept.append(allocation)
    return kept
