"""Reviews: re-run the context assessment and show, per measure, baseline against latest.

A context plan review measures change in the context, not effort ("we held four meetings" is effort; "young people
now rate the park 4 of 5 for feeling safe, up from 2" is change). A review compares two answer sets of the same
questionnaire family: question id → score on an ordinal scale. The questionnaire may have changed between them
(questionnaires are versioned), so answers are matched through a mapping of carried-over question ids; a question
added or removed, or not answered on one side, is "not comparable" rather than guessed. See
docs/adr/0015-context-rules.md.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class Scale:
    """An ordinal scale. Scores are compared only by order (better, same, worse), never by size of gap."""

    low: int = 1
    high: int = 5
    higher_is_better: bool = True

    def __post_init__(self) -> None:
        if self.low >= self.high:
            raise ValueError(f"A scale needs its low end below its high end, not {self.low} to {self.high}.")


@dataclass(frozen=True)
class AnswerSet:
    questionnaire_version: str
    answers: Mapping[str, int | None]  # question id → score; None (or absent) when the question was not answered


class Change(StrEnum):
    IMPROVED = "improved"
    NO_CHANGE = "no change"
    WORSE = "worse"
    NOT_COMPARABLE = "not comparable"


@dataclass(frozen=True)
class QuestionChange:
    question_id: str  # the latest version's id; the baseline id when the question was removed
    baseline_question_id: str | None  # None when no baseline question carries over to it
    baseline: int | None
    latest: int | None
    change: Change
    reason: str = ""  # why a question is not comparable, for the page


@dataclass(frozen=True)
class ReviewSummary:
    improved: int
    no_change: int
    worse: int
    not_comparable: int

    @property
    def comparable(self) -> int:
        return self.improved + self.no_change + self.worse

    @property
    def headline(self) -> str:
        """ "3 of 5 measures improved", counting only the measures that could be compared."""
        noun = "measure" if self.comparable == 1 else "measures"
        return f"{self.improved} of {self.comparable} {noun} improved"

    @property
    def text(self) -> str:
        parts = [self.headline]
        if self.comparable:
            parts.append(f"{self.no_change} no change, {self.worse} worse")
        if self.not_comparable:
            parts.append(f"{self.not_comparable} could not be compared")
        return "; ".join(parts)


@dataclass(frozen=True)
class AssessmentComparison:
    changes: tuple[QuestionChange, ...]
    summary: ReviewSummary = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "summary", summarise(self.changes))


def summarise(changes: Collection[QuestionChange]) -> ReviewSummary:
    """Counts by kind of change: for a whole review, or for the measures of one goal."""
    counts = {kind: 0 for kind in Change}
    for question in changes:
        counts[question.change] += 1
    return ReviewSummary(
        counts[Change.IMPROVED], counts[Change.NO_CHANGE], counts[Change.WORSE], counts[Change.NOT_COMPARABLE]
    )


def compare_assessments(
    baseline: AnswerSet,
    latest: AnswerSet,
    scale: Scale,
    *,
    carried_over: Mapping[str, str] | None = None,
    reverse_scored: Collection[str] = (),
) -> AssessmentComparison:
    """Per question, baseline against latest: the latest version's questions in order, then any removed since.

    `carried_over` maps a baseline question id to the latest version's id for each question kept between versions.
    It is required when the versions differ: matching by id alone could pair a reworded question with its old
    answers, and a review that claims improvement on a different question is worse than one that says "not
    comparable". With the same version, questions match by id. `reverse_scored` names latest question ids where a
    lower score is better ("how often do young people see adults they don't know approaching them?").
    """
    if carried_over is None:
        if baseline.questionnaire_version != latest.questionnaire_version:
            raise ValueError(
                f"The baseline used questionnaire version {baseline.questionnaire_version} and the latest "
                f"{latest.questionnaire_version}: say which questions carried over between them."
            )
        carried_over = {question_id: question_id for question_id in baseline.answers}
    _check_mapping(carried_over)
    _check_scores(baseline, scale)
    _check_scores(latest, scale)

    same_version = baseline.questionnaire_version == latest.questionnaire_version
    baseline_for = {latest_id: baseline_id for baseline_id, latest_id in carried_over.items()}
    changes: list[QuestionChange] = []
    for question_id, latest_score in latest.answers.items():
        baseline_id = baseline_for.get(question_id)
        if baseline_id is None or baseline_id not in baseline.answers:
            if baseline_id is None and not same_version:
                reason = f"new in version {latest.questionnaire_version}"
            else:
                reason = "not answered at the baseline"
            changes.append(QuestionChange(question_id, baseline_id, None, latest_score, Change.NOT_COMPARABLE, reason))
            continue
        better_when_higher = scale.higher_is_better != (question_id in reverse_scored)
        changes.append(
            _compare(
                question_id,
                baseline_id,
                baseline.answers[baseline_id],
                latest_score,
                better_when_higher=better_when_higher,
            )
        )

    for baseline_id, baseline_score in baseline.answers.items():
        latest_id = carried_over.get(baseline_id)
        if latest_id is None or latest_id not in latest.answers:
            if latest_id is None and not same_version:
                reason = f"not in version {latest.questionnaire_version}"
            else:
                reason = "not answered at the latest assessment"
            changes.append(
                QuestionChange(
                    latest_id or baseline_id, baseline_id, baseline_score, None, Change.NOT_COMPARABLE, reason
                )
            )
    return AssessmentComparison(tuple(changes))


def _compare(
    question_id: str, baseline_id: str, baseline: int | None, latest: int | None, *, better_when_higher: bool
) -> QuestionChange:
    if baseline is None or latest is None:
        when = "at the baseline" if baseline is None else "at the latest assessment"
        return QuestionChange(question_id, baseline_id, baseline, latest, Change.NOT_COMPARABLE, f"not answered {when}")
    if latest == baseline:
        change = Change.NO_CHANGE
    elif (latest > baseline) == better_when_higher:
        change = Change.IMPROVED
    else:
        change = Change.WORSE
    return QuestionChange(question_id, baseline_id, baseline, latest, change)


def _check_mapping(carried_over: Mapping[str, str]) -> None:
    seen: dict[str, str] = {}
    for baseline_id, latest_id in carried_over.items():
        if latest_id in seen:
            raise ValueError(
                f"Questions {seen[latest_id]} and {baseline_id} both carry over to {latest_id}; "
                "each latest question can continue only one baseline question."
            )
        seen[latest_id] = baseline_id


def _check_scores(answers: AnswerSet, scale: Scale) -> None:
    for question_id, score in answers.answers.items():
        if score is None:
            continue
        if isinstance(score, bool) or not isinstance(score, int) or not scale.low <= score <= scale.high:
            raise ValueError(
                f"Question {question_id} (version {answers.questionnaire_version}) has score {score!r}; "
                f"scores are whole numbers from {scale.low} to {scale.high}."
            )
