"""Context weighting: which context must change first for safety to increase?

Contextual Safeguarding's context weighting tool asks practitioners to share 100 between the contexts where a young
person (or a group) is harmed or kept safe, drawn as boxes sized by weight. The weighting is dated and kept, so a
later weighting shows how the picture changed; a plan cites the context it targets first. These rules check a
weighting, turn resized boxes back into whole-number weights, pick the context to change first, compare two
weightings and lay the boxes out. See docs/adr/0015-context-rules.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction
from math import isfinite

from safecontext.contexts.rules import Problem

TOTAL = 100  # the toolkit shares 100 between the contexts, so a weight reads as a percentage
MIN_WEIGHT = 1  # a context in the weighting matters somewhat; a context that doesn't is removed, not weighted 0


@dataclass(frozen=True)
class WeightEntry:
    context_id: int
    label: str  # the name shown in the box; the practitioner may rename it for this weighting
    weight: int


@dataclass(frozen=True)
class Weighting:
    recorded_on: date
    entries: tuple[WeightEntry, ...]
    rationale: str


def _name(index: int, entry: WeightEntry) -> str:
    label = entry.label.strip()
    return f"“{label}”" if label else f"context {index + 1}"


def validate_weighting(entries: Sequence[WeightEntry], rationale: str) -> list[Problem]:
    """Every problem with a weighting, each naming the entry it is about. An empty list means it can be saved."""
    problems: list[Problem] = []
    if not entries:
        problems.append(Problem("entries", "Add at least one context to weight."))
    if not rationale.strip():
        problems.append(Problem("rationale", "Say why the contexts are weighted this way."))

    valid_weights = True
    for index, entry in enumerate(entries):
        field = f"entries[{index}]"
        name = _name(index, entry)
        if not entry.label.strip():
            problems.append(Problem(field, f"Give {name} a name."))
        # bool is an int in Python; True must not pass as a weight of 1
        if isinstance(entry.weight, bool) or not isinstance(entry.weight, int):
            problems.append(Problem(field, f"Weight for {name} must be a whole number from {MIN_WEIGHT} to {TOTAL}."))
            valid_weights = False
        elif not MIN_WEIGHT <= entry.weight <= TOTAL:
            problems.append(
                Problem(
                    field,
                    f"Weight for {name} must be from {MIN_WEIGHT} to {TOTAL}, not {entry.weight}"
                    + (" (remove the context instead of weighting it 0)." if entry.weight == 0 else "."),
                )
            )

    seen: dict[int, int] = {}
    for index, entry in enumerate(entries):
        if entry.context_id in seen:
            first = seen[entry.context_id]
            problems.append(
                Problem(
                    f"entries[{index}]",
                    f"{_name(index, entry)} is the same context as {_name(first, entries[first])}; "
                    "weight each context once.",
                )
            )
        else:
            seen[entry.context_id] = index

    if entries and valid_weights:
        total = sum(entry.weight for entry in entries)
        if total != TOTAL:
            hint = f"add {TOTAL - total}" if total < TOTAL else f"take away {total - TOTAL}"
            problems.append(Problem("entries", f"The weights add up to {total}, not {TOTAL}: {hint}."))
    return problems


def normalise_to_100(raw: Sequence[float]) -> list[int]:
    """Whole-number weights summing to 100, in proportion to `raw` (box areas after a resize), in the same order.

    Largest-remainder (Hamilton) method, in exact fractions so the answer never depends on float rounding: each
    weight is first rounded down, and the points left over go to the largest remainders; equal remainders go to the
    earlier entry. Then every context gets at least 1 (a box the practitioner kept is not weighted 0), each point
    taken from the currently largest weight (earlier entry on a tie).
    """
    if not raw:
        raise ValueError("There are no weights to normalise.")
    if len(raw) > TOTAL:
        raise ValueError(f"At most {TOTAL} contexts can share {TOTAL}; there are {len(raw)}.")
    for index, value in enumerate(raw):
        if isinstance(value, bool) or not isinstance(value, int | float) or not isfinite(value) or value <= 0:
            raise ValueError(f"Weight {index + 1} must be a number greater than 0, not {value!r}.")

    exact = [Fraction(value) for value in raw]
    total = sum(exact, Fraction(0))
    quotas = [value * TOTAL / total for value in exact]
    weights = [int(quota) for quota in quotas]  # quotas are positive, so int() rounds down
    left_over = TOTAL - sum(weights)
    by_remainder = sorted(range(len(raw)), key=lambda i: (-(quotas[i] - weights[i]), i))
    for index in by_remainder[:left_over]:
        weights[index] += 1

    for index in range(len(weights)):
        if weights[index] < MIN_WEIGHT:
            donor = max(range(len(weights)), key=lambda i: (weights[i], -i))
            weights[donor] -= 1
            weights[index] += 1
    return weights


def tied_for_first(entries: Sequence[WeightEntry]) -> list[WeightEntry]:
    """Every entry with the highest weight, in the order given: more than one means the team has not yet chosen."""
    if not entries:
        return []
    top = max(entry.weight for entry in entries)
    return [entry for entry in entries if entry.weight == top]


def first_to_change(weighting: Weighting) -> WeightEntry:
    """The context with the highest weight: the one that must change first. On a tie, the one listed first.

    Listed order is the practitioners' own (the order they added the boxes), so a tie resolves the same way every
    time; `tied_for_first` lets a page say that it was a tie.
    """
    tied = tied_for_first(weighting.entries)
    if not tied:
        raise ValueError("The weighting has no contexts.")
    return tied[0]


class WeightChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class WeightChange:
    context_id: int
    label: str  # the later label when the context is in both (it may have been renamed)
    earlier: int | None  # None when the context was added
    later: int | None  # None when the context was removed
    kind: WeightChangeKind

    @property
    def difference(self) -> int:
        """Later weight minus earlier; a context added or removed counts from or to 0."""
        return (self.later or 0) - (self.earlier or 0)


def compare_weightings(earlier: Weighting, later: Weighting) -> list[WeightChange]:
    """Per context, how its weight changed: the later weighting's contexts in its order, then those removed."""
    before = {entry.context_id: entry for entry in earlier.entries}
    after_ids = {entry.context_id for entry in later.entries}
    changes: list[WeightChange] = []
    for entry in later.entries:
        old = before.get(entry.context_id)
        if old is None:
            kind = WeightChangeKind.ADDED
        elif old.weight == entry.weight:
            kind = WeightChangeKind.UNCHANGED
        else:
            kind = WeightChangeKind.CHANGED
        changes.append(WeightChange(entry.context_id, entry.label, old.weight if old else None, entry.weight, kind))
    for entry in earlier.entries:
        if entry.context_id not in after_ids:
            changes.append(WeightChange(entry.context_id, entry.label, entry.weight, None, WeightChangeKind.REMOVED))
    return changes


@dataclass(frozen=True)
class Box:
    context_id: int
    label: str
    weight: int
    x: float
    y: float
    width: float
    height: float


def box_layout(entries: Sequence[WeightEntry], width: float, height: float) -> list[Box]:
    """Rectangles filling `width` by `height`, each with area in proportion to its weight: the toolkit's boxes.

    Squarified treemap (Bruls, Huizing and van Wijk, 2000), so boxes stay close to square and their labels fit.
    Boxes come out heaviest first (on a tie, listed order); the heaviest sits top left, where the eye starts.
    """
    if not (isfinite(width) and isfinite(height) and width > 0 and height > 0):
        raise ValueError(f"The drawing area must have a positive width and height, not {width} by {height}.")
    if not entries:
        return []
    counts = Counter(entry.context_id for entry in entries)
    if any(count > 1 for count in counts.values()):
        raise ValueError("Each context can have only one box.")
    for entry in entries:
        if isinstance(entry.weight, bool) or not isinstance(entry.weight, int) or entry.weight <= 0:
            raise ValueError(f"Weight for “{entry.label}” must be a whole number greater than 0 to be drawn.")

    ordered = sorted(entries, key=lambda entry: -entry.weight)  # sorted() is stable: ties keep listed order
    total = sum(entry.weight for entry in ordered)
    scale = width * height / total
    areas = [entry.weight * scale for entry in ordered]

    boxes: list[Box] = []
    x, y, free_width, free_height = 0.0, 0.0, float(width), float(height)
    start = 0
    while start < len(ordered):
        side = min(free_width, free_height)
        end = start + 1
        while end < len(ordered) and _worst(areas[start : end + 1], side) <= _worst(areas[start:end], side):
            end += 1
        row_area = sum(areas[start:end])
        last_row = end == len(ordered)
        if free_width >= free_height:
            # A column down the left of the free space; the last one takes all that is left, so float error
            # cannot leave a sliver uncovered.
            column_width = free_width if last_row else row_area / free_height
            offset = y
            for i in range(start, end):
                box_height = free_height * areas[i] / row_area
                boxes.append(_box(ordered[i], x, offset, column_width, box_height))
                offset += box_height
            x += column_width
            free_width -= column_width
        else:
            row_height = free_height if last_row else row_area / free_width
            offset = x
            for i in range(start, end):
                box_width = free_width * areas[i] / row_area
                boxes.append(_box(ordered[i], offset, y, box_width, row_height))
                offset += box_width
            y += row_height
            free_height -= row_height
        start = end
    return boxes


def _box(entry: WeightEntry, x: float, y: float, width: float, height: float) -> Box:
    return Box(entry.context_id, entry.label, entry.weight, x, y, width, height)


def _worst(row: Sequence[float], side: float) -> float:
    """The worst aspect ratio in a row of areas laid along a side of this length (Bruls et al.'s `worst`)."""
    total = sum(row)
    return max(max(side * side * area / (total * total), (total * total) / (side * side * area)) for area in row)
