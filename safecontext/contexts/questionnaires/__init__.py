"""Context assessment questionnaires as versioned data files (docs/adr/0018-context-cases.md).

Each questionnaire lives in `<kind>-v<version>.toml` beside this module, like the threshold frameworks. An assessment
stores its answers with the questionnaire's kind and version, so `questionnaire(kind, "1")` must keep working after
v2 ships: answers to v1 stay readable and comparable. Question keys are stable: a key is never reused for a
different question; a reworded question gets a new key, and may name the key it `continues` when it measures the
same thing, so reviews across versions compare only what carried over (contexts/rules/review.py).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safecontext.contexts.rules.review import Scale

QUESTIONNAIRES_DIR = Path(__file__).parent
KINDS = ("neighbourhood", "peer_group", "school", "online")
# Which questionnaire assesses which kind of context (contexts.models.Context.Kind values).
KIND_FOR_CONTEXT = {"place": "neighbourhood", "peer_group": "peer_group", "school": "school", "online": "online"}
KEY_PATTERN = re.compile(r"[a-z][a-z0-9_.-]{0,59}")
VERSION_PATTERN = re.compile(r"[1-9][0-9]{0,3}")
FILE_PATTERN = re.compile(r"(?P<kind>[a-z_]+)-v(?P<version>[1-9][0-9]{0,3})\.toml")


class QuestionnaireError(ValueError):
    """A questionnaire file that cannot be used, or a kind and version that do not exist."""


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    hint: str = ""
    reverse_scored: bool = False  # a lower score is better ("adults young people do not know approach them here")
    continues: str = ""  # the earlier version's key this question carries over, when its key changed


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    hint: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Questionnaire:
    kind: str
    version: str
    title: str
    intro: str
    scale: Scale
    labels: tuple[str, ...]  # one per score, low to high
    sections: tuple[Section, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(question for section in self.sections for question in section.questions)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(question.key for question in self.questions)

    @property
    def reverse_scored(self) -> frozenset[str]:
        return frozenset(question.key for question in self.questions if question.reverse_scored)

    def question(self, key: str) -> Question | None:
        return next((question for question in self.questions if question.key == key), None)

    def section_of(self, key: str) -> Section | None:
        return next((section for section in self.sections if any(q.key == key for q in section.questions)), None)

    def label(self, score: int | None) -> str:
        if score is None or not self.scale.low <= score <= self.scale.high:
            return "Not answered"
        return self.labels[score - self.scale.low]

    @property
    def choices(self) -> list[tuple[int, str]]:
        return [(self.scale.low + offset, label) for offset, label in enumerate(self.labels)]

    def carried_over_from(self, baseline: Questionnaire) -> dict[str, str]:
        """Baseline key → this version's key, for each question kept between the two versions (same key, or a
        question here that `continues` a baseline key)."""
        baseline_keys = set(baseline.keys)
        mapping: dict[str, str] = {}
        for question in self.questions:
            if question.continues and question.continues in baseline_keys:
                mapping[question.continues] = question.key
            elif question.key in baseline_keys and question.key not in mapping:
                mapping[question.key] = question.key
        return mapping


def _root() -> Path:
    return QUESTIONNAIRES_DIR  # read at call time, so tests can point it at a folder holding a v2


def available_versions(kind: str) -> list[str]:
    """The versions of a questionnaire kind shipped, oldest first."""
    versions = []
    for path in _root().glob(f"{kind}-v*.toml"):
        match = FILE_PATTERN.fullmatch(path.name)
        if match and match["kind"] == kind:
            versions.append(match["version"])
    return sorted(versions, key=int)


def latest_version(kind: str) -> str:
    versions = available_versions(kind)
    if not versions:
        raise QuestionnaireError(f"There is no {kind!r} questionnaire.")
    return versions[-1]


def questionnaire(kind: str, version: str) -> Questionnaire:
    """The questionnaire an assessment names. Old versions stay loadable: their answers must stay readable."""
    if kind not in KINDS or not VERSION_PATTERN.fullmatch(version):
        raise QuestionnaireError(f"{kind!r} version {version!r} is not a questionnaire kind and version.")
    return _load(_root() / f"{kind}-v{version}.toml", kind, version)


def latest_questionnaire(kind: str) -> Questionnaire:
    return questionnaire(kind, latest_version(kind))


@functools.cache
def _load(path: Path, kind: str, version: str) -> Questionnaire:
    if not path.is_file():
        known = ", ".join(available_versions(kind)) or "none"
        raise QuestionnaireError(f"There is no {kind!r} questionnaire version {version!r} (versions: {known}).")
    with path.open("rb") as file:
        data = tomllib.load(file)
    return parse(data, name=path.name, kind=kind, version=version)


def parse(data: Mapping[str, Any], *, name: str, kind: str, version: str) -> Questionnaire:
    """Check a questionnaire's data, naming every problem at once."""
    problems: list[str] = []
    if data.get("kind") != kind or str(data.get("version")) != version:
        problems.append(f"kind and version must be {kind!r} and {version!r} to match the file name")
    scale_data = data.get("scale") or {}
    low, high = scale_data.get("low", 1), scale_data.get("high", 5)
    labels = tuple(str(label) for label in scale_data.get("labels", ()))
    scale = Scale(1, 5)
    if not (isinstance(low, int) and isinstance(high, int) and low < high):
        problems.append("scale: low and high must be whole numbers with low below high")
    else:
        scale = Scale(low, high, bool(scale_data.get("higher_is_better", True)))
        if len(labels) != high - low + 1:
            problems.append(f"scale: give one label per score, {high - low + 1} in all")
    sections: list[Section] = []
    seen: set[str] = set()
    for index, section in enumerate(data.get("sections") or ()):
        questions: list[Question] = []
        for q_index, question in enumerate(section.get("questions") or ()):
            key = str(question.get("key", ""))
            where = f"sections[{index}].questions[{q_index}]"
            if not KEY_PATTERN.fullmatch(key):
                problems.append(f"{where}.key: {key!r} is not a key (lower-case letters, digits, '.', '_', '-')")
            elif key in seen:
                problems.append(f"{where}.key: {key!r} is used twice")
            seen.add(key)
            if not str(question.get("text", "")).strip():
                problems.append(f"{where}.text: a question needs its text")
            questions.append(
                Question(
                    key=key,
                    text=str(question.get("text", "")),
                    hint=str(question.get("hint", "")),
                    reverse_scored=bool(question.get("reverse_scored", False)),
                    continues=str(question.get("continues", "")),
                )
            )
        if not questions:
            problems.append(f"sections[{index}]: a section needs at least one question")
        sections.append(
            Section(
                key=str(section.get("key", "")),
                title=str(section.get("title", "")),
                hint=str(section.get("hint", "")),
                questions=tuple(questions),
            )
        )
    if not sections:
        problems.append("a questionnaire needs at least one section")
    if problems:
        raise QuestionnaireError(f"{name}: " + "; ".join(problems))
    return Questionnaire(
        kind=kind,
        version=version,
        title=str(data.get("title", "")),
        intro=str(data.get("intro", "")),
        scale=scale,
        labels=labels,
        sections=tuple(sections),
    )
