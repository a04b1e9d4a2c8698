"""Relationship building blocks (seed 001): allowed moves between stages, rupture and repair (seed 000), planned
endings, and the supervision flag for a relationship stuck at "building"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from safecontext.cases.rules.relationship_stages import (
    DEFAULT_STUCK_THRESHOLD,
    Stage,
    check_transition,
    current_stage,
    stuck_at_building,
)

B, M, E = Stage.BUILDING, Stage.MAINTAINING, Stage.ENDING
START = date(2026, 1, 5)


def test_stages_are_numbered_and_labelled_as_the_building_blocks() -> None:
    assert [(stage.value, stage.label) for stage in Stage] == [
        (1, "Building relationships"),
        (2, "Maintaining and sustaining relationships"),
        (3, "Future-proofing and ending"),
    ]
    assert timedelta(weeks=6) == DEFAULT_STUCK_THRESHOLD


# --- transitions ----------------------------------------------------------------------------------------------


def test_a_relationship_starts_at_building() -> None:
    check_transition(None, B)


@pytest.mark.parametrize("stage", [M, E])
def test_a_relationship_cannot_start_past_building(stage: Stage) -> None:
    with pytest.raises(ValueError, match="starts at stage 1"):
        check_transition(None, stage, planned_end_date=date(2026, 6, 1) if stage is E else None)


def test_building_to_maintaining_needs_nothing_more() -> None:
    check_transition(B, M)


def test_a_forward_move_may_carry_a_reason() -> None:
    check_transition(B, M, reason="Asif chose the next activity himself")


def test_maintaining_to_ending_needs_a_planned_end_date() -> None:
    with pytest.raises(ValueError, match="planned end date"):
        check_transition(M, E)
    check_transition(M, E, planned_end_date=date(2026, 9, 30))


def test_building_cannot_jump_to_ending() -> None:
    with pytest.raises(ValueError, match=r"from stage 1 .* to stage 3"):
        check_transition(B, E, planned_end_date=date(2026, 9, 30))


def test_rupture_and_repair_goes_back_from_maintaining_to_building_with_a_reason() -> None:
    check_transition(M, B, reason="Missed three sessions after an arrest; back to outreach at the skate park")


@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_going_back_after_a_rupture_without_a_reason_is_refused(reason: str | None) -> None:
    with pytest.raises(ValueError, match="needs a reason"):
        check_transition(M, B, reason=reason)


@pytest.mark.parametrize(("current", "new"), [(E, M), (E, B)])
def test_an_ending_is_not_undone_by_a_backward_move(current: Stage, new: Stage) -> None:
    with pytest.raises(ValueError, match="cannot move from stage 3"):
        check_transition(current, new, reason="new worries")


@pytest.mark.parametrize("stage", list(Stage))
def test_staying_at_the_same_stage_is_not_a_transition(stage: Stage) -> None:
    with pytest.raises(ValueError, match=f"already at stage {stage.value}"):
        check_transition(stage, stage, reason="again", planned_end_date=date(2026, 9, 30) if stage is E else None)


@pytest.mark.parametrize(("current", "new"), [(None, B), (B, M), (M, B)])
def test_a_planned_end_date_outside_the_move_to_ending_is_refused(current: Stage | None, new: Stage) -> None:
    with pytest.raises(ValueError, match="only recorded when moving to stage 3"):
        check_transition(current, new, reason="rupture", planned_end_date=date(2026, 9, 30))


def test_an_unknown_stage_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="Unknown relationship stage 4"):
        check_transition(M, 4)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Unknown current relationship stage"):
        check_transition("2", M)  # type: ignore[arg-type]


# --- current stage and the supervision flag ------------------------------------------------------------------


def test_current_stage_is_the_latest_entry_on_or_before_today() -> None:
    history = [(M, START + timedelta(days=20)), (B, START)]  # order given does not matter across dates
    assert current_stage(history, today=START - timedelta(days=1)) is None
    assert current_stage(history, today=START) is B
    assert current_stage(history, today=START + timedelta(days=19)) is B
    assert current_stage(history, today=START + timedelta(days=20)) is M
    assert current_stage([], today=START) is None


def test_same_day_transitions_count_in_the_order_recorded() -> None:
    # Started and moved on at the same first meeting (a young person already known to the worker).
    history = [(B, START), (M, START)]
    assert current_stage(history, today=START) is M
    assert not stuck_at_building(history, today=START + timedelta(weeks=10))
    # A rupture and a return to building on the same day as the move to maintaining.
    assert current_stage([(B, START), (M, START), (B, START)], today=START) is B


def test_building_for_exactly_the_threshold_is_not_yet_stuck_but_a_day_more_is() -> None:
    history = [(B, START)]
    assert not stuck_at_building(history, today=START + timedelta(weeks=6))
    assert stuck_at_building(history, today=START + timedelta(weeks=6, days=1))


def test_a_relationship_that_moved_on_is_not_stuck() -> None:
    history = [(B, START), (M, START + timedelta(weeks=3))]
    assert not stuck_at_building(history, today=START + timedelta(weeks=20))


def test_after_a_rupture_the_clock_restarts_from_the_rupture() -> None:
    rupture = START + timedelta(weeks=10)
    history = [(B, START), (M, START + timedelta(weeks=2)), (B, rupture)]
    assert not stuck_at_building(history, today=rupture + timedelta(weeks=6))
    assert stuck_at_building(history, today=rupture + timedelta(weeks=6, days=1))
    # ...and a repair that takes hold clears the flag.
    repaired = [*history, (M, rupture + timedelta(weeks=7))]
    assert not stuck_at_building(repaired, today=rupture + timedelta(weeks=8))


def test_a_repeated_building_entry_does_not_restart_the_clock() -> None:
    history = [(B, START), (B, START + timedelta(weeks=5))]
    assert stuck_at_building(history, today=START + timedelta(weeks=7))


def test_future_entries_are_ignored_until_their_date() -> None:
    history = [(B, START), (M, START + timedelta(weeks=8))]
    assert stuck_at_building(history, today=START + timedelta(weeks=7))
    assert not stuck_at_building(history, today=START + timedelta(weeks=8))


def test_ending_and_empty_history_are_never_stuck_at_building() -> None:
    assert not stuck_at_building([], today=START)
    history = [(B, START), (M, START + timedelta(weeks=2)), (E, START + timedelta(weeks=30))]
    assert not stuck_at_building(history, today=START + timedelta(weeks=40))


def test_the_threshold_is_configurable() -> None:
    history = [(B, START)]
    assert stuck_at_building(history, today=START + timedelta(weeks=3), threshold=timedelta(weeks=2))
    assert not stuck_at_building(history, today=START + timedelta(weeks=7), threshold=timedelta(weeks=8))


@pytest.mark.parametrize("threshold", [timedelta(0), timedelta(days=-1)])
def test_a_threshold_that_is_not_positive_is_refused(threshold: timedelta) -> None:
    with pytest.raises(ValueError, match="positive"):
        stuck_at_building([(B, START)], today=START, threshold=threshold)


def test_a_malformed_history_is_refused_with_the_entry_named() -> None:
    with pytest.raises(ValueError, match=r"history\[1\]: 2 is not a relationship stage"):
        stuck_at_building([(B, START), (2, START)], today=START)  # type: ignore[list-item]
    with pytest.raises(ValueError, match=r"history\[0\]: '2026-01-05' is not a date"):
        current_stage([(B, "2026-01-05")], today=START)  # type: ignore[list-item]
