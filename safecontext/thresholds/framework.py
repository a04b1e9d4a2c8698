"""A threshold framework as plain, frozen data, and the errors a framework file can raise.

Read by loader.py from the files in frameworks/ (docs/adr/0010-threshold-frameworks-as-data.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

# Slugs and ids end up in URLs, form values and decisions: lower-case words joined by hyphens.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A version is a whole number ("1", "2"): it names the file (v2.toml) and orders versions without ambiguity.
VERSION_PATTERN = re.compile(r"[1-9][0-9]*")


# --- The framework as plain, frozen data ------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    description: str
    # The level of assessment this level calls for ("Early Help Assessment", "Child in Need Plan or …").
    assessment: str
    # What to do or whom to contact at this level; the front door's routing shows it for early help and signposting.
    action: str

    @property
    def label(self) -> str:
        return f"level {self.number} {self.name}"


@dataclass(frozen=True)
class Domain:
    id: str
    name: str


@dataclass(frozen=True)
class Intro:
    """A line that qualifies every indicator of one level in one domain ("Persistent/continued/severe:")."""

    level: int
    domain: str
    text: str


@dataclass(frozen=True)
class Indicator:
    id: str
    level: int
    domain: str
    text: str


@dataclass(frozen=True)
class FrameworkRef:
    """What a decision records: enough to load exactly the framework it was made with."""

    slug: str
    version: str
    name: str

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


@dataclass(frozen=True)
class Framework:
    slug: str
    version: str
    name: str
    source: str
    levels: tuple[Level, ...]  # ordered, numbered 1..n
    domains: tuple[Domain, ...]
    indicators: tuple[Indicator, ...]  # in the file's order
    intros: tuple[Intro, ...] = ()
    _by_id: MappingProxyType[str, Indicator] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({i.id: i for i in self.indicators}))

    @property
    def ref(self) -> FrameworkRef:
        return FrameworkRef(slug=self.slug, version=self.version, name=self.name)

    def __str__(self) -> str:
        return str(self.ref)

    def level(self, number: int) -> Level:
        if 1 <= number <= len(self.levels):
            return self.levels[number - 1]
        raise LookupError(f"{self} has no level {number}; its levels are numbered 1 to {len(self.levels)}.")

    def domain(self, domain_id: str) -> Domain:
        for domain in self.domains:
            if domain.id == domain_id:
                return domain
        raise LookupError(f"{self} has no domain {domain_id!r}.")

    def has_indicator(self, indicator_id: str) -> bool:
        return indicator_id in self._by_id

    def indicator(self, indicator_id: str) -> Indicator:
        try:
            return self._by_id[indicator_id]
        except KeyError:
            raise LookupError(f"{self} has no indicator {indicator_id!r}.") from None

    def indicators_in(self, level: int, domain_id: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.level == level and i.domain == domain_id)

    def intro(self, level: int, domain_id: str) -> str | None:
        for intro in self.intros:
            if intro.level == level and intro.domain == domain_id:
                return intro.text
        return None


# --- Errors -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    line: int | None  # None only when there is no line to point at (a required key missing from the top level)
    field: str
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}" + (f", column {self.column}" if self.column is not None else ""))
        where.append(self.field)
        return f"{', '.join(where)}: {self.message}"


class FrameworkError(ValueError):
    """A framework file that cannot be used. Lists every problem found, each with its line and field."""

    def __init__(self, path: Path, problems: Sequence[Problem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        if len(self.problems) == 1:
            text = f"{path}, {self.problems[0]}"
        else:
            text = f"{path}: {len(self.problems)} problems:\n" + "\n".join(f"  {path}, {p}" for p in self.problems)
        super().__init__(text)


class UnknownFramework(LookupError):
    """No framework file for this slug and version."""
