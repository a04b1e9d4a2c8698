"""The demo council's practice records (issues 4-6), written after the people, cases and front door.

Each area writes its own part in its own module here (`write(demo) -> counts`), in the order below: the casework
first (Asif's case with Ali, notes, stages), then the contexts and plans that cite it, then what reads all of it
(supervision prompts, sharing records). Each writer runs inside load_demo_council's one action and transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from safecontext.accounts.models import Service, User
from safecontext.people.models import Person


@dataclass(frozen=True)
class PracticeDemo:
    service: Service  # the council's children's service (Brightside)
    users: dict[str, User]  # by username (demo/data.py lists them)
    people: dict[str, Person]  # by the demo's person key (demo/data.py, demo/front_door_data.py)
    today: date
    now: datetime


Writer = Callable[[PracticeDemo], dict[str, int]]


def writers() -> list[Writer]:
    from safecontext.demo.practice import (
        analytics,
        assessments,
        casework,
        context_cases,
        context_plans,
        genograms,
        network,
        safety_plans,
        sharing,
        supervision,
    )

    return [
        casework.write,
        context_cases.write,
        context_plans.write,
        network.write,
        analytics.write,
        assessments.write,
        genograms.write,
        safety_plans.write,
        sharing.write,
        supervision.write,
    ]


_names: set[str] = set()


def write_practice(demo: PracticeDemo) -> dict[str, int]:
    counts: dict[str, int] = {}
    for write in writers():
        counts |= write(demo)
    _names.update(counts)
    return counts


def practice_names() -> frozenset[str]:
    """The names of the counts the practice writers returned in this process (for the load command's summary)."""
    return frozenset(_names)
