"""Continuity of the allocated worker (seed 004, Team Around the Relationship: "workers who stay with families from
referral to closure"): worker changes per case, unallocated gaps, the share of closed cases kept by one worker, and
team aggregates."""

from __future__ import annotations

from datetime import date

import pytest

from safecontext.cases.rules.continuity import (
    Allocation,
    CaseSpan,
    case_continuity,
    continuity_by_case,
    continuity_by_team,
    share_kept_by_one_worker,
)

ALI, BEA, CAL = 101, 102, 103
PODS, HUB = 1, 2
TODAY = date(2026, 11, 25)


def d(month: int, day: int) -> date:
    return date(2026, month, day)


def closed_case(case_id: int = 1, team_id: int = PODS) -> CaseSpan:
    return CaseSpan(case_id, team_id, opened_on=d(1, 5), closed_on=d(7, 31))


def test_one_worker_from_referral_to_closure_is_kept() -> None:
    result = case_continuity(closed_case(), [Allocation(1, ALI, d(1, 5), None)], today=TODAY)
    assert result.workers == (ALI,)
    assert result.worker_changes == 0
    assert result.unallocated_days == 0
    assert result.kept_by_one_worker


def test_a_handover_on_the_same_day_is_one_change_and_no_gap() -> None:
    allocations = [Allocation(1, ALI, d(1, 5), d(3, 2)), Allocation(1, BEA, d(3, 2), d(7, 31))]
    result = case_continuity(closed_case(), allocations, today=TODAY)
    assert result.workers == (ALI, BEA)
    assert result.worker_changes == 1
    assert result.unallocated_days == 0
    assert not result.kept_by_one_worker


def test_a_worker_who_returns_is_counted_again() -> None:
    allocations = [
        Allocation(1, BEA, d(3, 2), d(4, 1)),  # out of order on purpose
        Allocation(1, ALI, d(1, 5), d(3, 2)),
        Allocation(1, ALI, d(4, 1), None),
    ]
    result = case_continuity(closed_case(), allocations, today=TODAY)
    assert result.workers == (ALI, BEA, ALI)
    assert result.worker_changes == 2
    assert not result.kept_by_one_worker


def test_a_gap_back_to_the_same_worker_is_not_a_change_but_its_days_are_counted() -> None:
    # Ali off sick for three weeks, nobody allocated, Ali back: the family did not re-tell their story.
    allocations = [Allocation(1, ALI, d(1, 5), d(2, 2)), Allocation(1, ALI, d(2, 23), None)]
    result = case_continuity(closed_case(), allocations, today=TODAY)
    assert result.workers == (ALI,)
    assert result.worker_changes == 0
    assert result.unallocated_days == 21
    assert result.kept_by_one_worker


def test_a_gap_before_a_different_worker_is_one_change() -> None:
    allocations = [Allocation(1, ALI, d(1, 5), d(2, 2)), Allocation(1, BEA, d(2, 9), None)]
    result = case_continuity(closed_case(), allocations, today=TODAY)
    assert result.worker_changes == 1
    assert result.unallocated_days == 7


def test_waiting_for_allocation_and_an_allocation_left_open_after_closure() -> None:
    # Opened 5 Jan, allocated 12 Jan; the allocation was never ended when the case closed: it stops at closure.
    result = case_continuity(closed_case(), [Allocation(1, ALI, d(1, 12), d(9, 1))], today=TODAY)
    assert result.unallocated_days == 7
    assert result.kept_by_one_worker


def test_a_case_closed_without_ever_being_allocated_was_not_kept_by_anyone() -> None:
    result = case_continuity(closed_case(), [], today=TODAY)
    assert result.workers == ()
    assert result.worker_changes == 0
    assert result.unallocated_days == (d(7, 31) - d(1, 5)).days
    assert not result.kept_by_one_worker


def test_an_open_case_counts_its_gap_to_today_and_is_not_yet_kept() -> None:
    case = CaseSpan(1, PODS, opened_on=d(11, 2), closed_on=None)
    result = case_continuity(case, [Allocation(1, ALI, d(11, 2), d(11, 20))], today=TODAY)
    assert not result.closed
    assert result.unallocated_days == 5
    assert not result.kept_by_one_worker


def test_a_case_opened_and_closed_on_the_same_day() -> None:
    case = CaseSpan(1, PODS, opened_on=d(6, 1), closed_on=d(6, 1))
    result = case_continuity(case, [Allocation(1, ALI, d(6, 1), None)], today=TODAY)
    assert result.unallocated_days == 0
    assert result.kept_by_one_worker


def test_an_allocation_corrected_on_the_same_day_is_ignored() -> None:
    allocations = [Allocation(1, CAL, d(1, 5), d(1, 5)), Allocation(1, ALI, d(1, 5), None)]
    result = case_continuity(closed_case(), allocations, today=TODAY)
    assert result.workers == (ALI,)
    assert result.kept_by_one_worker


@pytest.mark.parametrize(
    ("allocations", "message"),
    [
        ([Allocation(1, ALI, d(1, 5), None), Allocation(1, BEA, d(3, 1), None)], "overlaps"),
        ([Allocation(1, ALI, d(1, 5), d(3, 10)), Allocation(1, BEA, d(3, 1), None)], "overlaps"),
        ([Allocation(1, ALI, d(1, 5), d(3, 1)), Allocation(1, BEA, d(1, 5), d(2, 1))], "overlaps"),
        ([Allocation(1, ALI, d(3, 1), d(2, 1))], r"ends .* before it starts"),
        ([Allocation(1, ALI, d(8, 1), None)], "after the case closed"),
        ([Allocation(1, ALI, d(1, 1), d(1, 5))], "before the case opened"),
        ([Allocation(2, ALI, d(1, 5), None)], "for case 2 passed with case 1"),
    ],
)
def test_inconsistent_allocations_are_refused_with_a_clear_message(allocations: list[Allocation], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        case_continuity(closed_case(), allocations, today=TODAY)


def test_a_case_closed_before_it_opened_or_opening_after_today_is_refused() -> None:
    with pytest.raises(ValueError, match=r"closed .* before it opened"):
        case_continuity(CaseSpan(1, PODS, d(5, 1), d(4, 1)), [], today=TODAY)
    with pytest.raises(ValueError, match="after today"):
        case_continuity(CaseSpan(1, PODS, d(12, 1), None), [], today=TODAY)


# --- many cases and teams ---------------------------------------------------------------------------------------


def test_continuity_by_case_and_team() -> None:
    cases = [
        closed_case(1, PODS),  # kept by Ali
        closed_case(2, PODS),  # Ali then Bea
        CaseSpan(3, PODS, d(10, 1), None),  # open, Cal
        closed_case(4, HUB),  # never allocated
        CaseSpan(5, HUB, d(11, 1), None),  # open, no allocation yet
    ]
    allocations = [
        Allocation(1, ALI, d(1, 5), None),
        Allocation(2, ALI, d(1, 5), d(4, 1)),
        Allocation(2, BEA, d(4, 1), None),
        Allocation(3, CAL, d(10, 1), None),
    ]
    by_case = continuity_by_case(cases, allocations, today=TODAY)
    assert sorted(by_case) == [1, 2, 3, 4, 5]
    assert [by_case[case_id].kept_by_one_worker for case_id in range(1, 6)] == [True, False, False, False, False]
    assert by_case[5].unallocated_days == 24

    teams = continuity_by_team(by_case.values())
    pods, hub = teams[PODS], teams[HUB]
    assert (pods.cases, pods.closed_cases, pods.closed_kept_by_one_worker) == (3, 2, 1)
    assert pods.share_kept_by_one_worker == 0.5
    assert pods.worker_changes == 1
    assert pods.mean_worker_changes == pytest.approx(1 / 3)
    assert pods.unallocated_days == 0
    assert (hub.cases, hub.closed_cases, hub.closed_kept_by_one_worker) == (2, 1, 0)
    assert hub.share_kept_by_one_worker == 0.0
    assert hub.unallocated_days == (d(7, 31) - d(1, 5)).days + 24

    assert share_kept_by_one_worker(by_case.values()) == pytest.approx(1 / 3)


def test_a_team_with_no_closed_cases_has_no_share_rather_than_zero() -> None:
    by_case = continuity_by_case([CaseSpan(1, PODS, d(11, 1), None)], [], today=TODAY)
    assert continuity_by_team(by_case.values())[PODS].share_kept_by_one_worker is None
    assert share_kept_by_one_worker([]) is None
    assert continuity_by_team([]) == {}


def test_an_allocation_for_an_unknown_case_is_an_error_not_skipped() -> None:
    with pytest.raises(ValueError, match="unknown case 9"):
        continuity_by_case([closed_case(1)], [Allocation(9, ALI, d(1, 5), None)], today=TODAY)


def test_plain_tuples_from_a_query_fit() -> None:
    # values_list() rows are plain tuples; the NamedTuples take them as they are.
    rows = [(1, ALI, d(1, 5), None)]
    by_case = continuity_by_case([CaseSpan(*(1, PODS, d(1, 5), d(7, 31)))], map(Allocation._make, rows), today=TODAY)
    assert by_case[1].kept_by_one_worker
