"""The threshold suggestion rule: the highest level among the chosen indicators, said in words."""

from __future__ import annotations

import pytest

from safecontext.thresholds.loader import DEFAULT_FRAMEWORK_SLUG, Framework, get_framework
from safecontext.thresholds.suggestion import (
    UnknownIndicators,
    needs_override_rationale,
    search_indicators,
    suggest_level,
)

SPECIALIST = "level 4 Specialist Services to address Acute & Chronic need"


@pytest.fixture(scope="module")
def framework() -> Framework:
    return get_framework(DEFAULT_FRAMEWORK_SLUG, "1")


def test_no_indicators_suggests_level_one(framework: Framework):
    suggestion = suggest_level(framework, [])
    assert suggestion.level.number == 1
    assert suggestion.drivers == ()
    assert suggestion.chosen == ()
    assert "no indicators chosen" in suggestion.reasons[0].lower()
    assert "level 1 Universal" in suggestion.reasons[0]


def test_one_indicator(framework: Framework):
    suggestion = suggest_level(framework, ["cdn-2-01"])
    assert suggestion.level.number == 2
    assert suggestion.reasons[0] == "1 indicator at level 2 Early Help: Absence/truancy from school."
    assert [i.id for i in suggestion.drivers] == ["cdn-2-01"]


def test_highest_level_wins_and_the_reasons_say_which_indicators_drove_it(framework: Framework):
    chosen = ["cdn-2-01", "pc-4-01", "fe-1-01", "fe-4-02", "cdn-4-13", "cdn-3-02"]
    suggestion = suggest_level(framework, chosen)
    assert suggestion.level.number == 4
    assert suggestion.level.name == "Specialist Services to address Acute & Chronic need"
    # Drivers in the framework's order: child developmental needs, then family & environment, then parents & carers.
    assert [i.id for i in suggestion.drivers] == ["cdn-4-13", "fe-4-02", "pc-4-01"]
    assert suggestion.reasons == (
        f"3 indicators at {SPECIALIST}: Unaccompanied minors; "
        "Suspicion of physical, emotional or sexual abuse or neglect; Edge of care.",
        "The suggestion is the highest level among the chosen indicators.",
        "Also chosen, at lower levels: 1 indicator at level 3 Early Help Partnership Plus, "
        "1 indicator at level 2 Early Help, 1 indicator at level 1 Universal.",
    )
    assert len(suggestion.chosen) == 6
    assert suggestion.framework.slug == DEFAULT_FRAMEWORK_SLUG
    assert suggestion.framework.version == "1"


def test_many_lower_indicators_do_not_add_up_to_a_higher_level(framework: Framework):
    # The rule is the highest level, not a score: ten early help indicators are still early help.
    level_two = [i.id for i in framework.indicators if i.level == 2][:10]
    suggestion = suggest_level(framework, level_two)
    assert suggestion.level.number == 2
    assert suggestion.reasons[0].startswith("10 indicators at level 2 Early Help: ")
    assert len(suggestion.reasons) == 2


def test_order_and_repeats_of_ids_do_not_matter(framework: Framework):
    once = suggest_level(framework, ["fe-3-01", "cdn-3-01"])
    again = suggest_level(framework, ["cdn-3-01", "fe-3-01", "cdn-3-01"])
    assert once == again
    assert once.reasons[0].startswith("2 indicators at level 3 Early Help Partnership Plus: ")


def test_each_indicator_alone_suggests_its_own_level(framework: Framework):
    for indicator in framework.indicators:
        assert suggest_level(framework, [indicator.id]).level.number == indicator.level


def test_unknown_ids_are_named(framework: Framework):
    with pytest.raises(UnknownIndicators) as caught:
        suggest_level(framework, ["cdn-2-01", "made-up", "cdn-9-99"])
    assert isinstance(caught.value, ValueError)
    assert caught.value.ids == ("cdn-9-99", "made-up")
    message = str(caught.value)
    assert "'made-up'" in message and "'cdn-9-99'" in message
    assert "cdn-2-01" not in message
    assert "Brighton & Hove Continuum of Need (version 1)" in message


def test_ids_from_another_framework_are_unknown():
    three_levels = get_framework("family-help-three-level", "1")
    with pytest.raises(UnknownIndicators, match="'cdn-4-01'"):
        suggest_level(three_levels, ["cdn-4-01"])


def test_the_three_level_framework_suggests_specialist():
    three_levels = get_framework("family-help-three-level", "1")
    specialist = [i.id for i in three_levels.indicators if i.level == 3][:2]
    suggestion = suggest_level(three_levels, [*specialist, "pc-2-01"])
    assert suggestion.level.name == "Specialist"
    assert suggestion.reasons[0].startswith("2 indicators at level 3 Specialist: ")
    assert suggestion.framework.slug == "family-help-three-level"


@pytest.mark.parametrize(
    ("suggested", "decided", "needed"),
    [(2, 2, False), (2, 3, True), (3, 2, True), (1, 4, True), (4, 4, False)],
)
def test_needs_override_rationale(suggested: int, decided: int, needed: bool):
    assert needs_override_rationale(suggested, decided) is needed


def test_needs_override_rationale_takes_levels(framework: Framework):
    suggestion = suggest_level(framework, ["fe-2-01"])
    assert needs_override_rationale(suggestion.level, framework.level(2)) is False
    assert needs_override_rationale(suggestion.level, framework.level(3)) is True
    assert needs_override_rationale(suggestion.level, 1) is True


# --- searching the tick list ------------------------------------------------------------------------------------


def texts(framework: Framework, query: str) -> list[str]:
    return [i.text for i in search_indicators(framework, query)]


def test_search_is_case_insensitive(framework: Framework):
    assert texts(framework, "FOSTERING") == ["Private fostering"]
    assert texts(framework, "private Fostering") == ["Private fostering"]


def test_search_matches_words_from_their_start(framework: Framework):
    assert texts(framework, "abs school") == [
        "Absence/truancy from school",
        "Persistent absence from school",
        "Chronic persistent absence, permanent exclusions or no school place that risks entry to the care system",
    ]
    # "use" is a word in "Drug/alcohol use …" but only part of "abuse": word matching keeps abuse out.
    found = texts(framework, "use")
    assert "Drug/alcohol use severely impairing development" in found
    assert "Domestic abuse & coercive control" not in found
    assert all(" use" in text.lower() or text.lower().startswith("use") for text in found)


def test_search_needs_every_word(framework: Framework):
    assert texts(framework, "domestic coercive") == ["Domestic abuse & coercive control"]
    assert texts(framework, "domestic unicorn") == []


def test_search_reads_past_punctuation(framework: Framework):
    assert texts(framework, "hidden children") == ["No access to universal services / \u201cHidden Children\u201d"]
    # The framework keeps the seed's curly apostrophe; a typed straight one still finds it.
    poor_response = "Poor response to child\u2019s physical, emotional or health needs"
    assert poor_response in texts(framework, "child's physical")


def test_empty_search_lists_every_indicator_in_order(framework: Framework):
    assert search_indicators(framework, "") == list(framework.indicators)
    assert search_indicators(framework, "  /  ") == list(framework.indicators)
