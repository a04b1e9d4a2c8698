"""Pure rules for context work (issue 4): context weighting, plan goals and actions, and review comparison.

Plain functions on plain data, no database: the forms, actions and pages call them, and their tests need nothing
but Python. See docs/adr/0015-context-rules.md.

A check returns a list of `Problem`s rather than raising, so a form can show every problem at once, each next to the
field it is about. A `Severity.WARNING` is advice the practitioner may override (a goal phrased negatively); only
`Severity.ERROR` stops a save.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    field: str  # the form field or entry the problem is about, e.g. "statement" or "entries[2]"
    message: str  # written for the practitioner, naming the entry ("Weight for “Westfield Park” ...")
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def blocking(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop a save; warnings are shown but left to the practitioner."""
    return [problem for problem in problems if problem.severity is Severity.ERROR]
