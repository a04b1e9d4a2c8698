"""The relationship building blocks: which stage a worker's relationship with a young person or family is at, which
moves between stages are allowed, and when a relationship has been "building" for so long that supervision should
look at it.

Source: the relationship-based practice note (seed 001, Sandwell's Practice Framework): three stages, "building
relationships, maintaining and sustaining them and future proofing them for children". The Asif and Ali case study
(seed 000) describes going back a step: Ali "worked with an awareness of attachment theory: seeking to repair the
relationships when ruptures occurred", sometimes "moving back to an assertive outreach-based approach".

Rules (docs/adr/0014-casework-rules.md):
- Every relationship starts at stage 1; a new lead worker after a handover starts at stage 1 too (seed 001: the
  ending worker supports the new one "to start the beginning of their relationship (Stage 1)").
- Forward one step at a time: 1 → 2 → 3.
- Back from 2 to 1 after a rupture, with a reason: the repair is recorded, not hidden.
- 3 only with a planned end date: endings are planned (seed 001: "clear timescales should be discussed ... so that
  they are aware of when the last review, interventions and visit will occur").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import IntEnum

# Seed 001: "If it has been difficult to develop the relationship, reflect on this yourself and with your manager so
# that you are not 'stuck' at this stage." Issue 5 sets the default at six weeks; councils can pass their own.
DEFAULT_STUCK_THRESHOLD = timedelta(weeks=6)


class Stage(IntEnum):
    BUILDING = 1
    MAINTAINING = 2
    ENDING = 3

    @property
    def label(self) -> str:
        return _LABELS[self]


# The seed's own headings ("Building Block 1: Building Relationships", "Building Block 2: Maintaining and
# Sustaining Relationships", "Building Block 3: Future Proofing for Children"), with "and ending" because the stage
# is where the relationship is ended well.
_LABELS = {
    Stage.BUILDING: "Building relationships",
    Stage.MAINTAINING: "Maintaining and sustaining relationships",
    Stage.ENDING: "Future-proofing and ending",
}


def check_transition(
    current: Stage | None,
    new: Stage,
    *,
    reason: str | None = None,
    planned_end_date: date | None = None,
) -> None:
    """Raise ValueError, with a message a worker can act on, unless moving from `current` to `new` is allowed.

    `current` is None when the relationship is first recorded. `reason` is required when going back from stage 2
    to stage 1; `planned_end_date` is required for, and only accepted with, the move to stage 3.
    """
    if not isinstance(new, Stage):
        raise ValueError(f"Unknown relationship stage {new!r}: choose 1, 2 or 3")
    if current is not None and not isinstance(current, Stage):
        raise ValueError(f"Unknown current relationship stage {current!r}")
    if planned_end_date is not None and new is not Stage.ENDING:
        # Rejected rather than dropped, so a date typed in the wrong place is not silently lost.
        raise ValueError("A planned end date is only recorded when moving to stage 3, future-proofing and ending")

    if current is None:
        if new is not Stage.BUILDING:
            raise ValueError(f"A relationship starts at stage 1, {Stage.BUILDING.label.lower()}")
        return
    if new == current:
        raise ValueError(f"The relationship is already at stage {current.value}, {current.label.lower()}")
    if new == current + 1:
        if new is Stage.ENDING and planned_end_date is None:
            raise ValueError(
                "Moving to stage 3 needs a planned end date, so the young person and family know when the last "
                "review and visit will be"
            )
        return
    if current is Stage.MAINTAINING and new is Stage.BUILDING:
        if reason is None or not reason.strip():
            raise ValueError("Going back to stage 1 after a rupture needs a reason: say what happened and the repair")
        return
    raise ValueError(
        f"A relationship cannot move from stage {current.value} ({current.label.lower()}) to stage {new.value} "
        f"({new.label.lower()}): it moves forward one stage at a time, or back from 2 to 1 after a rupture"
    )


def current_stage(history: Sequence[tuple[Stage, date]], *, today: date) -> Stage | None:
    """The stage in force on `today`: the latest entry dated on or before it (entries on the same date count in
    the order given, so the last one recorded that day wins). None if nothing is recorded yet."""
    spells = _in_force(history, today=today)
    return spells[-1][0] if spells else None


def stuck_at_building(
    history: Sequence[tuple[Stage, date]],
    *,
    today: date,
    threshold: timedelta = DEFAULT_STUCK_THRESHOLD,
) -> bool:
    """Whether to flag the relationship for supervision: it is at stage 1 on `today` and has been for longer than
    `threshold` (exactly the threshold is not yet "longer").

    The clock runs from the start of the current, unbroken spell at stage 1. After a rupture (2 → 1) it restarts
    from the rupture: the repair is new work and gets its own time before supervision is prompted, and the earlier
    stage 2 shows the relationship did move once.
    """
    if threshold <= timedelta(0):
        raise ValueError(f"The threshold must be a positive length of time (got {threshold})")
    spells = _in_force(history, today=today)
    if not spells or spells[-1][0] is not Stage.BUILDING:
        return False
    start = spells[-1][1]
    for stage, from_date in reversed(spells):
        if stage is not Stage.BUILDING:
            break
        start = from_date
    return today - start > threshold


def _in_force(history: Sequence[tuple[Stage, date]], *, today: date) -> list[tuple[Stage, date]]:
    for index, entry in enumerate(history):
        stage, from_date = entry
        if not isinstance(stage, Stage):
            raise ValueError(f"history[{index}]: {stage!r} is not a relationship stage")
        if not isinstance(from_date, date):
            raise ValueError(f"history[{index}]: {from_date!r} is not a date")
    # sorted() is stable, so entries on the same date keep the order they were recorded in.
    return [entry for entry in sorted(history, key=lambda entry: entry[1]) if entry[1] <= today]
