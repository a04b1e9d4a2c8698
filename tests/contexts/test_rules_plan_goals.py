"""Context plan goals (positive statements, what will show it, how we will know) and actions (owner, due date)."""

from __future__ import annotations

from datetime import date

import pytest

from safecontext.contexts.rules import Severity, blocking
from safecontext.contexts.rules.plan_goals import (
    REPHRASE_SUGGESTION,
    ActionOwner,
    OwnerKind,
    negative_words,
    validate_action,
    validate_goal,
)

SHOWS = "Young people's walkabout survey rates the park 4 or 5 for feeling safe."
KNOW = "The youth worker repeats the survey each half term and brings it to the context conference."


def test_a_positive_goal_with_both_measures_has_no_problems() -> None:
    statement = "Young people say they feel safe walking through Westfield Park after school."
    assert validate_goal(statement, SHOWS, KNOW) == []


@pytest.mark.parametrize(
    ("statement", "shows", "know", "fields"),
    [
        ("", SHOWS, KNOW, ["statement"]),
        ("Young people feel safe in the park.", "  ", KNOW, ["what_will_show_it"]),
        ("Young people feel safe in the park.", SHOWS, "\n", ["how_we_will_know"]),
        ("", "", "", ["statement", "what_will_show_it", "how_we_will_know"]),
    ],
)
def test_every_field_is_required(statement: str, shows: str, know: str, fields: list[str]) -> None:
    problems = validate_goal(statement, shows, know)
    assert [problem.field for problem in problems] == fields
    assert blocking(problems) == problems


@pytest.mark.parametrize(
    ("statement", "opener"),
    [
        ("Stop young people being approached in the park.", "stop"),
        ("Reduce the number of adults loitering by the shop.", "reduce"),
        ("Prevent exploitation on bus route 7.", "prevent"),
        ("No young people carrying knives at school.", "no"),
        ("NOT being groomed online.", "not"),
        ("Don't let older males drive the boys around.", "don't"),
        ("Don\u2019t let older males drive the boys around.", "don\u2019t"),
    ],
)
def test_a_goal_starting_with_a_negative_is_a_gentle_warning(statement: str, opener: str) -> None:
    problems = validate_goal(statement, SHOWS, KNOW)
    assert len(problems) == 1
    warning = problems[0]
    assert warning.field == "statement"
    assert warning.severity is Severity.WARNING
    assert warning.message == f"This goal starts with “{opener}”. {REPHRASE_SUGGESTION}"
    assert blocking(problems) == []  # the practitioner may keep their words


def test_a_goal_dominated_by_negatives_is_warned_and_the_words_named() -> None:
    problems = validate_goal("Young people are not groomed and not exploited.", SHOWS, KNOW)
    assert [problem.severity for problem in problems] == [Severity.WARNING]
    assert problems[0].message.startswith("This goal is mostly about what should stop (“not”, “not”).")


def test_one_negative_inside_a_positive_goal_is_fine() -> None:
    statement = "Young people feel safe at the bus station and are not approached by adults they don't know there."
    assert negative_words(statement) == ["not", "don't"]
    # two negatives but only 2 of 18 words, under the share that reads as a list of things to stop
    assert validate_goal(statement, SHOWS, KNOW) == []


def test_negatives_are_whole_words_only() -> None:
    statement = "Nobody-free zones aside, staff notice and endorse the northern entrance's new lighting."
    assert negative_words(statement) == ["nobody"]
    assert negative_words("Staff notice and endorse the northern entrance.") == []


def test_an_empty_statement_gets_the_required_error_not_a_phrasing_warning() -> None:
    problems = validate_goal("   ", SHOWS, KNOW)
    assert [(problem.field, problem.severity) for problem in problems] == [("statement", Severity.ERROR)]


# --- actions ------------------------------------------------------------------------------------------------------

TODAY = date(2026, 11, 25)
WARDEN = ActionOwner(OwnerKind.GUARDIAN, 12, "Park warden, Westfield Park")
WORKER = ActionOwner(OwnerKind.WORKER, 3, "Sam Okafor")


@pytest.mark.parametrize("owner", [WARDEN, WORKER, ActionOwner(OwnerKind.PARTNER, 4, "West Midlands Police")])
def test_an_action_owned_by_a_worker_guardian_or_partner_due_today_or_later_is_valid(owner: ActionOwner) -> None:
    assert validate_action(description="Walk the park at 15:30 daily", owner=owner, due_on=TODAY, today=TODAY) == []
    assert validate_action(description="Fix the lighting", owner=owner, due_on=date(2027, 1, 8), today=TODAY) == []


def test_an_action_needs_a_description_an_owner_and_a_due_date() -> None:
    problems = validate_action(description=" ", owner=None, due_on=None, today=TODAY)
    assert [problem.field for problem in problems] == ["description", "owner", "due_on"]
    assert blocking(problems) == problems


def test_an_owner_without_a_name_is_refused() -> None:
    problems = validate_action(
        description="Fix the lighting", owner=ActionOwner(OwnerKind.GUARDIAN, 12, ""), due_on=TODAY, today=TODAY
    )
    assert [problem.field for problem in problems] == ["owner"]


def test_a_due_date_in_the_past_is_refused_when_the_action_is_created() -> None:
    problems = validate_action(description="Fix the lighting", owner=WARDEN, due_on=date(2026, 11, 24), today=TODAY)
    assert [str(problem) for problem in problems] == [
        "due_on: The date this will be done by, 24 November 2026, is in the past; choose today or later."
    ]


def test_an_existing_action_past_its_date_can_still_be_edited() -> None:
    assert (
        validate_action(
            description="Fix the lighting", owner=WARDEN, due_on=date(2026, 10, 1), today=TODAY, creating=False
        )
        == []
    )
