"""Review comparison: baseline against latest per measure, across questionnaire versions; change, not effort."""

from __future__ import annotations

import pytest

from safecontext.contexts.rules.review import (
    AnswerSet,
    Change,
    QuestionChange,
    Scale,
    compare_assessments,
    summarise,
)

FIVE = Scale(1, 5)


def by_id(changes: tuple[QuestionChange, ...]) -> dict[str, QuestionChange]:
    return {change.question_id: change for change in changes}


def test_same_version_compares_each_question_and_summarises() -> None:
    baseline = AnswerSet("1", {"feel_safe": 2, "lighting": 1, "guardians": 3, "shops": 4, "adults": 3})
    latest = AnswerSet("1", {"feel_safe": 4, "lighting": 3, "guardians": 4, "shops": 4, "adults": 2})
    result = compare_assessments(baseline, latest, FIVE)
    changes = by_id(result.changes)
    assert [change.question_id for change in result.changes] == [
        "feel_safe",
        "lighting",
        "guardians",
        "shops",
        "adults",
    ]
    assert (changes["feel_safe"].baseline, changes["feel_safe"].latest, changes["feel_safe"].change) == (
        2,
        4,
        Change.IMPROVED,
    )
    assert changes["shops"].change is Change.NO_CHANGE
    assert changes["adults"].change is Change.WORSE
    assert result.summary.headline == "3 of 5 measures improved"
    assert result.summary.text == "3 of 5 measures improved; 1 no change, 1 worse"


def test_a_scale_where_lower_is_better() -> None:
    baseline = AnswerSet("1", {"incidents": 4})
    latest = AnswerSet("1", {"incidents": 2})
    result = compare_assessments(baseline, latest, Scale(1, 5, higher_is_better=False))
    assert result.changes[0].change is Change.IMPROVED


def test_reverse_scored_questions_improve_when_they_go_down() -> None:
    baseline = AnswerSet("1", {"feel_safe": 2, "strangers_approach": 5})
    latest = AnswerSet("1", {"feel_safe": 3, "strangers_approach": 2})
    result = compare_assessments(baseline, latest, FIVE, reverse_scored={"strangers_approach"})
    assert [change.change for change in result.changes] == [Change.IMPROVED, Change.IMPROVED]


def test_questions_added_and_removed_between_versions_are_not_comparable() -> None:
    baseline = AnswerSet("1", {"q1": 2, "q2": 3, "q_old": 4})
    latest = AnswerSet("2", {"q1": 3, "q2_reworded": 2, "q_new": 5})
    result = compare_assessments(baseline, latest, FIVE, carried_over={"q1": "q1", "q2": "q2_reworded"})
    changes = by_id(result.changes)
    assert [change.question_id for change in result.changes] == ["q1", "q2_reworded", "q_new", "q_old"]
    assert changes["q1"].change is Change.IMPROVED
    assert (changes["q2_reworded"].baseline_question_id, changes["q2_reworded"].change) == ("q2", Change.WORSE)
    assert (changes["q_new"].baseline, changes["q_new"].latest) == (None, 5)
    assert (changes["q_new"].change, changes["q_new"].reason) == (Change.NOT_COMPARABLE, "new in version 2")
    assert (changes["q_old"].baseline, changes["q_old"].latest) == (4, None)
    assert (changes["q_old"].change, changes["q_old"].reason) == (Change.NOT_COMPARABLE, "not in version 2")
    assert result.summary.text == "1 of 2 measures improved; 0 no change, 1 worse; 2 could not be compared"


def test_a_same_named_question_in_a_new_version_is_not_paired_unless_carried_over() -> None:
    baseline = AnswerSet("1", {"q1": 2})
    latest = AnswerSet("2", {"q1": 5})
    result = compare_assessments(baseline, latest, FIVE, carried_over={})
    assert [change.change for change in result.changes] == [Change.NOT_COMPARABLE, Change.NOT_COMPARABLE]


def test_different_versions_without_a_mapping_are_refused() -> None:
    with pytest.raises(ValueError, match="say which questions carried over"):
        compare_assessments(AnswerSet("1", {"q1": 2}), AnswerSet("2", {"q1": 3}), FIVE)


def test_unanswered_questions_are_not_comparable_with_the_reason() -> None:
    baseline = AnswerSet("1", {"q1": None, "q2": 3, "q3": 2})
    latest = AnswerSet("1", {"q1": 4, "q2": None})
    changes = by_id(compare_assessments(baseline, latest, FIVE).changes)
    assert changes["q1"].reason == "not answered at the baseline"
    assert changes["q2"].reason == "not answered at the latest assessment"
    assert changes["q3"].reason == "not answered at the latest assessment"  # absent counts as unanswered
    assert {change.change for change in changes.values()} == {Change.NOT_COMPARABLE}


def test_a_question_only_answered_at_the_latest_of_the_same_version_was_not_answered_at_the_baseline() -> None:
    changes = compare_assessments(AnswerSet("1", {"q1": 2}), AnswerSet("1", {"q1": 2, "q2": 4}), FIVE).changes
    assert (changes[1].question_id, changes[1].baseline_question_id) == ("q2", None)
    assert (changes[1].change, changes[1].reason) == (Change.NOT_COMPARABLE, "not answered at the baseline")


def test_nothing_comparable_says_so() -> None:
    result = compare_assessments(AnswerSet("1", {"q1": None}), AnswerSet("1", {"q1": 3}), FIVE)
    assert result.summary.text == "0 of 0 measures improved; 1 could not be compared"


def test_one_measure_is_singular() -> None:
    result = compare_assessments(AnswerSet("1", {"q1": 2}), AnswerSet("1", {"q1": 3}), FIVE)
    assert result.summary.headline == "1 of 1 measure improved"


def test_a_goal_summarises_only_its_own_measures() -> None:
    baseline = AnswerSet("1", {"feel_safe": 2, "lighting": 1, "adults": 3})
    latest = AnswerSet("1", {"feel_safe": 4, "lighting": 1, "adults": 2})
    changes = compare_assessments(baseline, latest, FIVE).changes
    goal_measures = [change for change in changes if change.question_id in {"feel_safe", "lighting"}]
    assert summarise(goal_measures).headline == "1 of 2 measures improved"


@pytest.mark.parametrize("score", [0, 6, 2.5, True, "3"])
def test_scores_off_the_scale_are_refused_naming_the_question(score: object) -> None:
    with pytest.raises(ValueError, match=r"Question q2 \(version 1\) has score"):
        compare_assessments(
            AnswerSet("1", {"q1": 3}),
            AnswerSet("1", {"q1": 3, "q2": score}),  # type: ignore[dict-item]  # what bad data could hand over
            FIVE,
        )


def test_two_questions_carried_over_to_one_are_refused() -> None:
    with pytest.raises(ValueError, match="both carry over to q9"):
        compare_assessments(
            AnswerSet("1", {"q1": 3, "q2": 3}), AnswerSet("2", {"q9": 4}), FIVE, carried_over={"q1": "q9", "q2": "q9"}
        )


def test_a_scale_must_run_upwards() -> None:
    with pytest.raises(ValueError):
        Scale(5, 1)
