"""Turn a framework file's TOML text into a Framework, or a FrameworkError naming the line and field of each problem.

Files are written by people (a council's policy lead, not a developer), so every problem is collected and reported
at once, not just the first. See docs/adr/0010-threshold-frameworks-as-data.md.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from safecontext.thresholds.framework import (
    ID_PATTERN,
    VERSION_PATTERN,
    Domain,
    Framework,
    FrameworkError,
    Indicator,
    Intro,
    Level,
    Problem,
)

TOP_LEVEL_KEYS = {"slug", "version", "name", "source", "levels", "domains", "intros", "indicators"}
LEVEL_KEYS = {"number", "name", "description", "assessment", "action"}
DOMAIN_KEYS = {"id", "name"}
INTRO_KEYS = {"level", "domain", "text"}
INDICATOR_KEYS = {"id", "level", "domain", "text"}


def read_framework(path: Path, text: str, *, expected: tuple[str, str] | None = None) -> Framework:
    """Parse and validate the text of the file at `path`. `expected` is the (slug, version) its place implies."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FrameworkError(path, [_syntax_problem(error, text)]) from error
    reader = _Reader(text, data)
    framework = reader.read()
    if framework is not None and expected is not None:
        reader.check_place(framework, *expected)
    if reader.problems or framework is None:
        raise FrameworkError(path, reader.problems)
    return framework


def _syntax_problem(error: tomllib.TOMLDecodeError, text: str) -> Problem:
    # Python 3.14 gives lineno/colno; 3.12 and 3.13 only put them in the message: "Invalid value (at line 2, column 5)".
    message = str(error)
    line: int | None = getattr(error, "lineno", None)
    column: int | None = getattr(error, "colno", None)
    position = re.search(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$", message)
    if position:
        message = message[: position.start()]
        if position.group(1):
            line, column = line or int(position.group(1)), column or int(position.group(2))
        else:
            line = line or text.count("\n") + 1
    return Problem(line, "TOML syntax", message, column)


class _Lines:
    """Finds where a key or table is in the TOML text, so an error points where the person editing must look.

    tomllib returns plain dicts without positions, so this scans the text: the nth `[[indicators]]` header is the
    nth indicator, and a key's line is the first `key =` between that header and the next one.
    """

    HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(?:#.*)?$")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: list[tuple[int, str]] = []
        for number, line in enumerate(self.lines, start=1):
            match = self.HEADER.match(line)
            if match:
                self.headers.append((number, match.group(1).strip("\"'")))

    def _find_key(self, key: str, start: int, end: int) -> int | None:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(start, min(end, len(self.lines) + 1)):
            if pattern.match(self.lines[number - 1]):
                return number
        return None

    def top_key(self, key: str) -> int | None:
        end = self.headers[0][0] if self.headers else len(self.lines) + 1
        return self._find_key(key, 1, end)

    def entry(self, table: str, index: int) -> int | None:
        """The line of the index-th [[table]] header; for an inline array (`table = [...]`), its key's line."""
        numbers = [number for number, name in self.headers if name == table]
        if index < len(numbers):
            return numbers[index]
        return self.top_key(table)

    def entry_key(self, table: str, index: int, key: str) -> int | None:
        start = self.entry(table, index)
        if start is None:
            return None
        following = [number for number, _ in self.headers if number > start]
        end = following[0] if following else len(self.lines) + 1
        return self._find_key(key, start + 1, end) or start


class _Reader:
    """Turns the parsed TOML into a Framework, collecting every problem instead of stopping at the first."""

    def __init__(self, text: str, data: dict[str, Any]) -> None:
        self.lines = _Lines(text)
        self.data = data
        self.problems: list[Problem] = []

    def problem(self, line: int | None, field: str, message: str) -> None:
        self.problems.append(Problem(line, field, message))

    # --- values ---

    def _value(self, table: str | None, index: int, entry: dict[str, Any], key: str) -> tuple[Any, str, int | None]:
        if table is None:
            return entry.get(key), key, self.lines.top_key(key)
        line = self.lines.entry_key(table, index, key) if key in entry else self.lines.entry(table, index)
        return entry.get(key), f"{table}[{index}].{key}", line

    def text(self, table: str | None, index: int, entry: dict[str, Any], key: str, *, required: bool = True) -> str:
        value, name, line = self._value(table, index, entry, key)
        if value is None:
            if required:
                self.problem(line, name, "is missing")
            return ""
        if not isinstance(value, str):
            self.problem(line, name, f'must be text in quotes, not {value!r}; write {key} = "…"')
            return ""
        # People paste from PDFs and web pages: collapse runs of spaces, tabs, newlines and non-breaking spaces.
        normalised = " ".join(value.split())
        if not normalised and required:
            self.problem(line, name, "must not be empty")
        return normalised

    def number(self, table: str, index: int, entry: dict[str, Any], key: str) -> int | None:
        value, name, line = self._value(table, index, entry, key)
        if value is None:
            self.problem(line, name, "is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(line, name, f"must be a whole number without quotes, not {value!r}")
            return None
        return value

    def identifier(self, table: str | None, index: int, entry: dict[str, Any], key: str) -> str:
        value = self.text(table, index, entry, key)
        if value and not ID_PATTERN.fullmatch(value):
            _, name, line = self._value(table, index, entry, key)
            self.problem(line, name, f"{value!r} must be lower-case letters and digits joined by hyphens")
        return value

    def unknown_keys(self, table: str | None, index: int, entry: dict[str, Any], allowed: set[str]) -> None:
        for key in sorted(set(entry) - allowed):
            _, name, line = self._value(table, index, entry, key)
            self.problem(line, name, f"is not a known field; the fields here are {', '.join(sorted(allowed))}")

    def entries(self, key: str, *, required: bool = True) -> list[dict[str, Any]]:
        value = self.data.get(key)
        line = self.lines.top_key(key) or self.lines.entry(key, 0)
        if value is None:
            if required:
                self.problem(None, key, f"is missing; add at least one [[{key}]] table")
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(line, key, f"must be a list of [[{key}]] tables")
            return []
        if not value and required:
            self.problem(line, key, f"must have at least one [[{key}]] table")
        return value

    # --- the whole file ---

    def read(self) -> Framework | None:
        self.unknown_keys(None, 0, self.data, TOP_LEVEL_KEYS)
        slug = self.identifier(None, 0, self.data, "slug")
        version = self.text(None, 0, self.data, "version")
        if version and not VERSION_PATTERN.fullmatch(version):
            self.problem(
                self.lines.top_key("version"),
                "version",
                f'{version!r} is not a version; versions are whole numbers in quotes: version = "2"',
            )
        name = self.text(None, 0, self.data, "name")
        source = self.text(None, 0, self.data, "source", required=False)
        levels = self.read_levels()
        domains = self.read_domains()
        level_numbers = {level.number for level in levels}
        domain_ids = {domain.id for domain in domains}
        intros = self.read_intros(level_numbers, domain_ids)
        indicators = self.read_indicators(level_numbers, domain_ids)
        if self.problems:
            return None
        return Framework(
            slug=slug,
            version=version,
            name=name,
            source=source,
            levels=tuple(levels),
            domains=tuple(domains),
            indicators=tuple(indicators),
            intros=tuple(intros),
        )

    def read_levels(self) -> list[Level]:
        levels = []
        for index, entry in enumerate(self.entries("levels")):
            self.unknown_keys("levels", index, entry, LEVEL_KEYS)
            number = self.number("levels", index, entry, "number")
            # Levels are an ordered scale: the suggestion rule takes "the highest", so gaps or shuffles would lie.
            if number is not None and number != index + 1:
                self.problem(
                    self.lines.entry_key("levels", index, "number"),
                    f"levels[{index}].number",
                    f"is {number}, expected {index + 1}: levels must be numbered 1, 2, 3… in order, with no gaps",
                )
            level = Level(
                number=number or 0,
                name=self.text("levels", index, entry, "name"),
                description=self.text("levels", index, entry, "description"),
                assessment=self.text("levels", index, entry, "assessment"),
                action=self.text("levels", index, entry, "action"),
            )
            if number is not None:
                levels.append(level)
        return levels

    def read_domains(self) -> list[Domain]:
        domains: list[Domain] = []
        for index, entry in enumerate(self.entries("domains")):
            self.unknown_keys("domains", index, entry, DOMAIN_KEYS)
            domain = Domain(
                id=self.identifier("domains", index, entry, "id"), name=self.text("domains", index, entry, "name")
            )
            for other in domains:
                if domain.id and other.id == domain.id:
                    line = self.lines.entry_key("domains", index, "id")
                    self.problem(line, f"domains[{index}].id", f"duplicate domain id {domain.id!r}")
                if domain.name and other.name == domain.name:
                    line = self.lines.entry_key("domains", index, "name")
                    self.problem(line, f"domains[{index}].name", f"duplicate domain name {domain.name!r}")
            domains.append(domain)
        return domains

    def reference(
        self, table: str, index: int, entry: dict[str, Any], level_numbers: set[int], domain_ids: set[str]
    ) -> tuple[int | None, str]:
        """Check an entry's level and domain point at ones the file defines."""
        level = self.number(table, index, entry, "level")
        if level is not None and level_numbers and level not in level_numbers:
            self.problem(
                self.lines.entry_key(table, index, "level"),
                f"{table}[{index}].level",
                f"unknown level {level}; the levels are numbered 1 to {max(level_numbers)}",
            )
        domain = self.text(table, index, entry, "domain")
        if domain and domain_ids and domain not in domain_ids:
            self.problem(
                self.lines.entry_key(table, index, "domain"),
                f"{table}[{index}].domain",
                f"unknown domain {domain!r}; the domains are {', '.join(sorted(domain_ids))}",
            )
        return level, domain

    def read_intros(self, level_numbers: set[int], domain_ids: set[str]) -> list[Intro]:
        intros: list[Intro] = []
        for index, entry in enumerate(self.entries("intros", required=False)):
            self.unknown_keys("intros", index, entry, INTRO_KEYS)
            level, domain = self.reference("intros", index, entry, level_numbers, domain_ids)
            intro = Intro(level=level or 0, domain=domain, text=self.text("intros", index, entry, "text"))
            if any(other.level == intro.level and other.domain == intro.domain for other in intros):
                self.problem(
                    self.lines.entry("intros", index),
                    f"intros[{index}]",
                    f"a second intro for level {intro.level}, domain {intro.domain!r}; there can be one",
                )
            intros.append(intro)
        return intros

    def read_indicators(self, level_numbers: set[int], domain_ids: set[str]) -> list[Indicator]:
        indicators: list[Indicator] = []
        first_line: dict[str, int | None] = {}
        cells: dict[tuple[int, str, str], int] = {}
        for index, entry in enumerate(self.entries("indicators")):
            self.unknown_keys("indicators", index, entry, INDICATOR_KEYS)
            indicator_id = self.identifier("indicators", index, entry, "id")
            id_line = self.lines.entry_key("indicators", index, "id")
            # Decisions store ids: two indicators with one id would make an old decision ambiguous.
            if indicator_id in first_line:
                self.problem(
                    id_line,
                    f"indicators[{index}].id",
                    f"duplicate id {indicator_id!r}, first used on line {first_line[indicator_id]}",
                )
            elif indicator_id:
                first_line[indicator_id] = id_line
            level, domain = self.reference("indicators", index, entry, level_numbers, domain_ids)
            text = self.text("indicators", index, entry, "text")
            if level is not None and domain and text:
                cell = (level, domain, text.casefold())
                if cell in cells:
                    self.problem(
                        self.lines.entry_key("indicators", index, "text"),
                        f"indicators[{index}].text",
                        f"the same text as indicators[{cells[cell]}] at level {level} in domain {domain!r}",
                    )
                else:
                    cells[cell] = index
            indicators.append(Indicator(id=indicator_id, level=level or 0, domain=domain, text=text))
        return indicators

    def check_place(self, framework: Framework, slug: str, version: str) -> None:
        """A shipped file's folder and name must agree with its contents, or get_framework would load the wrong one."""
        if framework.slug != slug:
            self.problem(
                self.lines.top_key("slug"), "slug", f"is {framework.slug!r} but the file is in the folder {slug!r}"
            )
        if framework.version != version:
            self.problem(
                self.lines.top_key("version"),
                "version",
                f"is {framework.version!r} but the file is named v{version}.toml",
            )
