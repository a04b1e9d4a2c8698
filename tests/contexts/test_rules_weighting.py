"""Context weighting rules: validation, normalising resized boxes, first to change, comparison and box layout."""

from __future__ import annotations

from datetime import date
from itertools import combinations

import pytest

from safecontext.contexts.rules import Severity, blocking
from safecontext.contexts.rules.weighting import (
    WeightChangeKind,
    WeightEntry,
    Weighting,
    box_layout,
    compare_weightings,
    first_to_change,
    normalise_to_100,
    tied_for_first,
    validate_weighting,
)

PARK = WeightEntry(1, "Westfield Park", 50)
PEERS = WeightEntry(2, "Asif's friendship group", 30)
SCHOOL = WeightEntry(3, "Northfield Academy", 20)
RATIONALE = "Most incidents are reported in the park after school."


def messages(entries: list[WeightEntry], rationale: str = RATIONALE) -> list[str]:
    return [str(problem) for problem in validate_weighting(entries, rationale)]


def test_a_weighting_summing_to_100_with_a_rationale_is_valid() -> None:
    assert validate_weighting([PARK, PEERS, SCHOOL], RATIONALE) == []


def test_one_context_at_100_is_valid() -> None:
    assert validate_weighting([WeightEntry(1, "Westfield Park", 100)], RATIONALE) == []


def test_weights_summing_to_99_say_how_many_to_add() -> None:
    assert messages([PARK, PEERS, WeightEntry(3, "Northfield Academy", 19)]) == [
        "entries: The weights add up to 99, not 100: add 1."
    ]


def test_weights_summing_to_101_say_how_many_to_take_away() -> None:
    assert messages([PARK, PEERS, WeightEntry(3, "Northfield Academy", 21)]) == [
        "entries: The weights add up to 101, not 100: take away 1."
    ]


def test_no_contexts_is_refused_without_a_confusing_sum_message() -> None:
    assert messages([]) == ["entries: Add at least one context to weight."]


def test_rationale_is_required_even_if_only_spaces() -> None:
    assert messages([PARK, PEERS, SCHOOL], "   ") == ["rationale: Say why the contexts are weighted this way."]


@pytest.mark.parametrize("weight", [0, -5, 101])
def test_weights_outside_1_to_100_name_the_entry(weight: int) -> None:
    found = messages([WeightEntry(1, "Westfield Park", weight), WeightEntry(2, "Bus route 7", 100 - weight)])
    assert any(
        text.startswith("entries[0]: Weight for “Westfield Park” must be from 1 to 100, not " + str(weight))
        for text in found
    )


def test_a_zero_weight_suggests_removing_the_context() -> None:
    found = messages([WeightEntry(1, "Westfield Park", 0), WeightEntry(2, "Bus route 7", 100)])
    assert found == [
        "entries[0]: Weight for “Westfield Park” must be from 1 to 100, not 0 (remove the context instead of "
        "weighting it 0)."
    ]


@pytest.mark.parametrize("weight", [50.5, True, "50"])
def test_non_whole_number_weights_are_refused_and_the_sum_is_not_attempted(weight: object) -> None:
    entry = WeightEntry(1, "Westfield Park", weight)  # type: ignore[arg-type]  # what a bad form could hand over
    assert messages([entry, WeightEntry(2, "Bus route 7", 50)]) == [
        "entries[0]: Weight for “Westfield Park” must be a whole number from 1 to 100."
    ]


def test_a_context_weighted_twice_names_both_entries() -> None:
    found = messages([WeightEntry(1, "Westfield Park", 50), WeightEntry(1, "The park", 50)])
    assert found == ["entries[1]: “The park” is the same context as “Westfield Park”; weight each context once."]


def test_a_blank_label_is_named_by_position() -> None:
    assert messages([WeightEntry(1, "  ", 100)]) == ["entries[0]: Give context 1 a name."]


def test_every_problem_is_an_error_so_it_blocks_a_save() -> None:
    problems = validate_weighting([WeightEntry(1, "", 0)], "")
    assert [problem.field for problem in problems] == ["rationale", "entries[0]", "entries[0]", "entries"]
    assert blocking(problems) == problems
    assert all(problem.severity is Severity.ERROR for problem in problems)


# --- normalise_to_100 -------------------------------------------------------------------------------------------


def test_normalising_keeps_exact_proportions() -> None:
    assert normalise_to_100([250.0, 150.0, 100.0]) == [50, 30, 20]


def test_normalising_always_sums_to_100() -> None:
    for raw in ([1.0, 1.0, 1.0], [1.0] * 7, [0.1, 0.2, 0.3], [3.3, 3.3, 3.4], [1e-9, 1e9], [17, 23, 29, 31]):
        weights = normalise_to_100(raw)
        assert sum(weights) == 100
        assert all(weight >= 1 for weight in weights)


def test_largest_remainders_get_the_spare_points() -> None:
    # quotas 14.8, 29.6, 55.6: floors 14, 29, 55 leave 2 points, for .8 and .6 (tied .6: the earlier entry)
    assert normalise_to_100([14.8, 29.6, 55.6]) == [15, 30, 55]


def test_equal_remainders_go_to_the_earlier_entry() -> None:
    assert normalise_to_100([1, 1, 1]) == [34, 33, 33]
    assert normalise_to_100([1] * 6) == [17, 17, 17, 17, 16, 16]
    # quotas 33.3, 16.7, 16.7, 33.3: the two spare points go to the larger remainders, wherever they are
    assert normalise_to_100([2, 1, 1, 2]) == [33, 17, 17, 33]


def test_normalising_is_exact_not_float_rounded() -> None:
    # 0.1 + 0.2 is a hair above 0.3: quotas a hair either side of 50 still come out 50/50
    assert normalise_to_100([0.1 + 0.2, 0.3]) == [50, 50]
    assert normalise_to_100([0.3, 0.3]) == [50, 50]


def test_a_tiny_box_still_gets_1_taken_from_the_largest() -> None:
    assert normalise_to_100([1, 1000]) == [1, 99]
    assert normalise_to_100([1, 1, 10_000]) == [1, 1, 98]


def test_normalising_one_box_gives_100() -> None:
    assert normalise_to_100([0.42]) == [100]


@pytest.mark.parametrize("raw", [[], [0.0, 1.0], [-1.0, 2.0], [float("nan")], [float("inf"), 1.0], [1.0] * 101])
def test_normalising_refuses_what_cannot_share_100(raw: list[float]) -> None:
    with pytest.raises(ValueError):
        normalise_to_100(raw)


# --- first to change, comparison ---------------------------------------------------------------------------------


def weighting(*entries: WeightEntry, on: date = date(2026, 11, 2)) -> Weighting:
    return Weighting(on, tuple(entries), RATIONALE)


def test_first_to_change_is_the_heaviest() -> None:
    assert first_to_change(weighting(SCHOOL, PARK, PEERS)) == PARK


def test_first_to_change_on_a_tie_is_the_first_listed_and_the_tie_is_visible() -> None:
    a, b, c = WeightEntry(5, "Bus route 7", 40), WeightEntry(6, "Chicken shop", 40), WeightEntry(7, "School", 20)
    assert first_to_change(weighting(a, b, c)) == a
    assert first_to_change(weighting(b, a, c)) == b
    assert tied_for_first([a, b, c]) == [a, b]
    assert tied_for_first([PARK, PEERS]) == [PARK]


def test_first_to_change_needs_a_context() -> None:
    with pytest.raises(ValueError):
        first_to_change(weighting())


def test_comparing_weightings_shows_added_removed_changed_and_unchanged() -> None:
    earlier = weighting(PARK, PEERS, SCHOOL)
    later = weighting(
        WeightEntry(1, "Westfield Park (bandstand)", 30),
        WeightEntry(2, "Asif's friendship group", 30),
        WeightEntry(4, "Bus route 7", 40),
        on=date(2027, 1, 11),
    )
    changes = {change.context_id: change for change in compare_weightings(earlier, later)}
    assert [change.context_id for change in compare_weightings(earlier, later)] == [1, 2, 4, 3]
    assert changes[1].kind is WeightChangeKind.CHANGED
    assert (changes[1].earlier, changes[1].later, changes[1].difference) == (50, 30, -20)
    assert changes[1].label == "Westfield Park (bandstand)"  # the renamed label
    assert changes[2].kind is WeightChangeKind.UNCHANGED and changes[2].difference == 0
    assert changes[4].kind is WeightChangeKind.ADDED
    assert (changes[4].earlier, changes[4].later, changes[4].difference) == (None, 40, 40)
    assert changes[3].kind is WeightChangeKind.REMOVED
    assert (changes[3].earlier, changes[3].later, changes[3].difference) == (20, None, -20)


# --- box layout ---------------------------------------------------------------------------------------------------


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return max(0.0, min(ax + aw, bx + bw) - max(ax, bx)) * max(0.0, min(ay + ah, by + bh) - max(ay, by))


@pytest.mark.parametrize(
    ("weights", "width", "height"),
    [
        ([100], 600, 400),
        ([50, 30, 20], 600, 400),
        ([60, 40], 300, 500),
        ([34, 33, 33], 400, 400),
        ([1] * 100, 800, 600),
        ([6, 6, 4, 3, 2, 2, 1, 76], 700, 433),
    ],
)
def test_boxes_are_proportional_fill_the_area_and_do_not_overlap(weights: list[int], width: int, height: int) -> None:
    entries = [WeightEntry(i, f"Context {i}", weight) for i, weight in enumerate(weights)]
    boxes = box_layout(entries, width, height)
    assert sorted(box.context_id for box in boxes) == list(range(len(weights)))
    total = sum(weights)
    for box in boxes:
        assert box.width > 0 and box.height > 0
        assert box.width * box.height == pytest.approx(width * height * box.weight / total)
        assert box.x >= -1e-9 and box.x + box.width <= width + 1e-9
        assert box.y >= -1e-9 and box.y + box.height <= height + 1e-9
    assert sum(box.width * box.height for box in boxes) == pytest.approx(width * height)
    rects = [(box.x, box.y, box.width, box.height) for box in boxes]
    for a, b in combinations(rects, 2):
        assert overlap(a, b) == pytest.approx(0.0, abs=1e-6)


def test_the_heaviest_box_comes_first_at_the_top_left_and_ties_keep_listed_order() -> None:
    boxes = box_layout([SCHOOL, WeightEntry(9, "Shop", 20), PARK, PEERS], 600, 400)
    assert [box.context_id for box in boxes] == [1, 2, 3, 9]
    assert (boxes[0].x, boxes[0].y) == (0.0, 0.0)


def test_squarified_boxes_stay_near_square() -> None:
    boxes = box_layout([WeightEntry(i, str(i), 25) for i in range(4)], 400, 400)
    for box in boxes:
        assert box.width == pytest.approx(200) and box.height == pytest.approx(200)


def test_no_entries_draw_no_boxes() -> None:
    assert box_layout([], 600, 400) == []


@pytest.mark.parametrize(("width", "height"), [(0, 400), (600, -1), (float("nan"), 400)])
def test_box_layout_needs_a_real_area(width: float, height: float) -> None:
    with pytest.raises(ValueError):
        box_layout([PARK], width, height)


def test_box_layout_refuses_zero_weights_and_duplicate_contexts() -> None:
    with pytest.raises(ValueError, match="greater than 0"):
        box_layout([WeightEntry(1, "Park", 0), WeightEntry(2, "Bus", 100)], 600, 400)
    with pytest.raises(ValueError, match="one box"):
        box_layout([WeightEntry(1, "Park", 50), WeightEntry(1, "Park", 50)], 600, 400)
