from __future__ import annotations

from safecontext.cases.rules.mentions import Candidate, Mention, find_mentions, words


def test_words_ignore_case_and_punctuation() -> None:
    assert words("At the Bus-Station, with TARIQ's mate!") == ("at", "the", "bus", "station", "with", "tariq's", "mate")


def test_a_context_is_matched_as_whole_words_whatever_the_case() -> None:
    candidates = [Candidate("context:1", ("Bus station",)), Candidate("context:2", ("Park",))]
    found = find_mentions(["We cycled past the BUS STATION and stopped."], candidates)
    assert found == [Mention("context:1", "Bus station")]


def test_part_of_a_word_is_not_a_mention() -> None:
    assert find_mentions(["Alison came along"], [Candidate("person:1", ("Ali",))]) == []
    assert find_mentions(["Ali came along"], [Candidate("person:1", ("Ali",))]) == [Mention("person:1", "Ali")]


def test_short_names_and_ignored_names_are_never_matched() -> None:
    candidates = [Candidate("person:1", ("Jo",)), Candidate("person:2", ("Asif Rahimi", "Asif"))]
    assert find_mentions(["Jo and Asif went to the park"], candidates, ignore=["Asif", "Asif Rahimi"]) == []


def test_each_candidate_once_with_its_longest_matching_name_and_in_candidate_order() -> None:
    candidates = [
        Candidate("person:2", ("Tariq", "Tariq Khan")),
        Candidate("context:9", ("The Lock-up",)),
    ]
    texts = ["Tariq Khan was at the lock up.", "Later Tariq again"]
    assert find_mentions(texts, candidates) == [Mention("person:2", "Tariq Khan"), Mention("context:9", "The Lock-up")]


def test_empty_texts_find_nothing() -> None:
    assert find_mentions(["", ""], [Candidate("context:1", ("Park",))]) == []
