"""Suggest a threshold level from the indicators a practitioner ticks, and say why. Pure: no ORM, no requests.

The rule is deliberately simple enough to state in one sentence, because a suggestion nobody can explain is one a
practitioner either obeys blindly or ignores: **the suggestion is the highest level among the chosen indicators**.
The practitioner decides; a decision that differs from the suggestion needs a written rationale (issue 3,
capability 4), so the record shows where professional judgement departed from the framework and why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from safecontext.thresholds.loader import Framework, FrameworkRef, Indicator, Level


@dataclass(frozen=True)
class Suggestion:
    framework: FrameworkRef
    level: Level
    # Sentences a practitioner reads beside the suggestion, the deciding one first.
    reasons: tuple[str, ...]
    # The chosen indicators at the suggested level: the ones that drove it.
    drivers: tuple[Indicator, ...]
    # Every chosen indicator, in the framework's order.
    chosen: tuple[Indicator, ...]


class UnknownIndicators(ValueError):
    """Ids that are not indicators of the framework (a stale form, or a decision checked against the wrong version)."""

    def __init__(self, framework: Framework, ids: Iterable[str]) -> None:
        self.ids = tuple(ids)
        listed = ", ".join(repr(i) for i in self.ids)
        super().__init__(f"Not indicators of {framework}: {listed}.")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def suggest_level(framework: Framework, indicator_ids: Iterable[str]) -> Suggestion:
    """The highest level among the chosen indicators, with the reasons in words. Unknown ids raise UnknownIndicators."""
    wanted = set(indicator_ids)
    unknown = sorted(i for i in wanted if not framework.has_indicator(i))
    if unknown:
        raise UnknownIndicators(framework, unknown)
    # The framework's order (level, domain, as published), so the same ticks always read the same way.
    chosen = tuple(i for i in framework.indicators if i.id in wanted)

    if not chosen:
        lowest = framework.levels[0]
        return Suggestion(
            framework=framework.ref,
            level=lowest,
            reasons=(f"No indicators chosen, so the suggestion is the lowest level, {lowest.label}.",),
            drivers=(),
            chosen=(),
        )

    level = framework.level(max(i.level for i in chosen))
    drivers = tuple(i for i in chosen if i.level == level.number)
    reasons = [
        f"{_count(len(drivers), 'indicator')} at {level.label}: {'; '.join(i.text for i in drivers)}.",
        "The suggestion is the highest level among the chosen indicators.",
    ]
    lower = [
        f"{_count(sum(1 for i in chosen if i.level == lower.number), 'indicator')} at {lower.label}"
        for lower in reversed(framework.levels[: level.number - 1])
        if any(i.level == lower.number for i in chosen)
    ]
    if lower:
        reasons.append(f"Also chosen, at lower levels: {', '.join(lower)}.")
    return Suggestion(framework=framework.ref, level=level, reasons=tuple(reasons), drivers=drivers, chosen=chosen)


def needs_override_rationale(suggested: Level | int, decided: Level | int) -> bool:
    """True when the decided level differs from the suggestion, up or down: the departure must be explained."""
    suggested_number = suggested.number if isinstance(suggested, Level) else suggested
    decided_number = decided.number if isinstance(decided, Level) else decided
    return suggested_number != decided_number


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def search_indicators(framework: Framework, text: str) -> list[Indicator]:
    """Indicators whose text has a word starting with each typed word, ignoring case, in the framework's order.

    "abs school" finds "Absence/truancy from school". Words match from their start, so typing "use" does not find
    "abuse". An empty search lists every indicator, so the tick list shows all of them before anyone types.
    """
    typed = _words(text)
    found = []
    for indicator in framework.indicators:
        words = _words(indicator.text)
        if all(any(word.startswith(part) for word in words) for part in typed):
            found.append(indicator)
    return found
