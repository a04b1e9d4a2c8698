"""Tolerant matching on plain data (people/matching.py): no database."""

from __future__ import annotations

from datetime import date

import pytest

from safecontext.people import matching
from safecontext.people.matching import Candidate, NameRecord, parse_query, rank, score_candidate


def person(person_id: int, given: str, family: str, *, dob: date | None = None, aliases=(), **extra) -> Candidate:  # type: ignore[no-untyped-def]
    names = (NameRecord("legal", given, family), *(NameRecord("alias", g, f) for g, f in aliases))
    return Candidate(person_id=person_id, names=names, date_of_birth=dob, **extra)


ASIF = person(1, "Asif", "Khan", dob=date(2010, 4, 3), aliases=[("Az", "")])
MOHAMMED = person(2, "Mohammed", "Ali", dob=date(2009, 1, 5))
THOMAS = person(3, "Thomas", "O'Brien-Smith", dob=date(2011, 12, 31))
ALEXANDRA = person(4, "Alexandra", "Nowak")
PETER = person(5, "Peter", "Khan")


def match(text: str, candidate: Candidate, dob: date | None = None) -> matching.Scored | None:
    return score_candidate(parse_query(text, dob), candidate)


def test_normalise_and_name_key_keep_working() -> None:
    assert matching.normalise("O'Brien-Smith") == "obriensmith"
    assert matching.normalise("Zoë") == "zoe"
    assert matching.name_key("Jaydon") == matching.name_key("Jaiden")


def test_exact_name_scores_top() -> None:
    found = match("Asif Khan", ASIF)
    assert found is not None and found.score == 1.0
    assert "Family name matches 'Khan'" in found.reasons


@pytest.mark.parametrize("typed", ["Asif Kahn", "Asif Khna", "Asfi Khan", "Aasif Khan", "Asif Khaan"])
def test_typos_and_sound_alikes_are_found(typed: str) -> None:
    found = match(typed, ASIF)
    assert found is not None, typed
    assert 0.75 <= found.score < 1.0


def test_sounds_like_is_explained() -> None:
    found = match("Kahn", ASIF)
    assert found is not None
    assert "Family name sounds like 'Kahn'" in found.reasons


def test_leading_vowel_variants_share_a_blocking_key() -> None:
    # Metaphone drops the doubled leading vowel of "Aasif"; soundex keeps the first letter, so blocking still meets.
    typed = matching.blocking_keys("Aasif")
    stored = matching.stored_keys("Asif")
    assert typed is not None
    assert stored.sound in typed.sound or stored.phonetic in typed.phonetic


@pytest.mark.parametrize(
    ("typed", "candidate"), [("Mo Ali", MOHAMMED), ("Tom O'Brien-Smith", THOMAS), ("Alex Nowak", ALEXANDRA)]
)
def test_nicknames_are_found_and_explained(typed: str, candidate: Candidate) -> None:
    found = match(typed, candidate)
    assert found is not None
    assert any("another form of" in reason for reason in found.reasons)


def test_nickname_forms_come_from_the_data_file() -> None:
    assert "mohammed" in matching.nickname_forms("Mo")
    assert {"alexander", "alexandra"} <= matching.nickname_forms("alex")


def test_alias_matches_are_explained_and_rank_below_a_legal_name_match() -> None:
    found = match("Az", ASIF)
    assert found is not None
    assert found.reasons[0] == "Alias 'Az' matches"
    az = person(9, "Az", "Begum")
    legal = match("Az", az)
    assert legal is not None and legal.score > found.score


def test_wrong_given_name_is_not_a_match() -> None:
    assert match("John Khan", ASIF) is None


def test_names_in_the_other_order_and_with_a_comma() -> None:
    reversed_order = match("Khan Asif", ASIF)
    assert reversed_order is not None and "Names were entered in the other order" in reversed_order.reasons
    comma = match("Khan, Asif", ASIF)
    assert comma is not None and comma.score == 1.0


def test_part_of_a_double_barrelled_name_and_partial_typing() -> None:
    part = match("Smith", THOMAS)
    assert part is not None and "Family name includes 'Smith'" in part.reasons
    partial = match("Moham", MOHAMMED)
    assert partial is not None and "Given name starts with 'Moham'" in partial.reasons


def test_initial_with_a_family_name() -> None:
    found = match("A Khan", ASIF)
    assert found is not None
    assert "Given name starts with the initial 'A'" in found.reasons
    assert match("P Khan", ASIF) is None


def test_date_of_birth_exact_swapped_and_near() -> None:
    exact = matching.compare_date_of_birth(date(2010, 4, 3), date(2010, 4, 3))
    swapped = matching.compare_date_of_birth(date(2010, 3, 4), date(2010, 4, 3))
    near = matching.compare_date_of_birth(date(2010, 4, 4), date(2010, 4, 3))
    other_year = matching.compare_date_of_birth(date(2011, 4, 3), date(2010, 4, 3))
    assert exact.score > swapped.score > near.score > other_year.score == 0
    assert swapped.reason == "Date of birth matches with day and month swapped"
    # One day out but across a year end is not "near" (the rule is ±1 day in the same year).
    assert matching.compare_date_of_birth(date(2012, 1, 1), date(2011, 12, 31)).score == 0


def test_estimated_date_of_birth_is_matched_within_a_year() -> None:
    found = matching.compare_date_of_birth(date(2010, 9, 1), date(2010, 1, 1), estimated=True)
    assert found.score > 0 and "Estimated" in found.reason


def test_date_of_birth_variants_include_swapped_and_neighbours() -> None:
    assert set(matching.date_of_birth_variants(date(2010, 4, 3))) == {
        date(2010, 4, 3),
        date(2010, 3, 4),
        date(2010, 4, 2),
        date(2010, 4, 4),
    }
    # 25 March cannot be swapped (there is no month 25).
    assert date(2010, 3, 25) in matching.date_of_birth_variants(date(2010, 3, 25))
    assert len(matching.date_of_birth_variants(date(2010, 3, 25))) == 3


def test_date_of_birth_only_search() -> None:
    assert match("", ASIF, date(2010, 3, 4)) is not None
    assert match("", ASIF, date(2012, 3, 4)) is None
    assert match("", ALEXANDRA, date(2010, 3, 4)) is None  # no date recorded: nothing to match on


def test_identifier_search() -> None:
    candidate = person(7, "Jay", "Doe", nhs_number="9434765919", upn="B801200005001", la_child_id="BHC-123")
    assert match("943 476 5919", candidate).reasons == ("NHS number matches",)  # type: ignore[union-attr]
    assert match("b801200005001", candidate).reasons == ("Unique pupil number matches",)  # type: ignore[union-attr]
    assert match("bhc-123", candidate).reasons == ("LA child ID matches",)  # type: ignore[union-attr]
    assert match("9434765918", candidate) is None


def test_scores_are_ordered_best_first() -> None:
    query = parse_query("Asif Khan", date(2010, 4, 3))
    kahn_swapped = person(10, "Aasif", "Kahn", dob=date(2010, 3, 4))
    no_dob = person(11, "Asif", "Khan")
    ranked = rank(query, [PETER, kahn_swapped, no_dob, MOHAMMED, ASIF])
    assert [found.person_id for found in ranked] == [1, 11, 10]
    scores = [found.score for found in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= 1 for score in scores)


def test_date_of_birth_refines_the_order_of_equal_names() -> None:
    twin_a = person(20, "Sam", "Jones", dob=date(2012, 6, 1))
    twin_b = person(21, "Sam", "Jones", dob=date(2013, 6, 1))
    ranked = rank(parse_query("Sam Jones", date(2013, 6, 1)), [twin_a, twin_b])
    assert [found.person_id for found in ranked] == [21, 20]


def test_rank_respects_limit_and_empty_queries() -> None:
    assert len(rank(parse_query("Khan"), [ASIF, PETER], limit=1)) == 1
    assert rank(parse_query(""), [ASIF]) == []
    assert parse_query("   ").is_empty


def test_one_letter_gives_no_blocking_keys() -> None:
    assert matching.blocking_keys("A") is None
    assert parse_query("A").blocking == []


def test_match_strength_words() -> None:
    assert matching.match_strength(1.0) == "Strong match"
    assert matching.match_strength(0.8) == "Good match"
    assert matching.match_strength(0.6) == "Possible match"
