"""The pure rules: the factor list data file and the order of an assessment's dates."""

from __future__ import annotations

import datetime as dt

import pytest

from safecontext.assessments import factors, rules

TODAY = dt.date(2026, 11, 25)


def test_the_current_list_has_the_extra_familial_factors() -> None:
    by_code = factors.factor_list().by_code()
    for code in ("10A", "11A", "12A", "13A", "24A"):
        assert by_code[code].extra_familial, code
    assert by_code["24A"].label == "Child criminal exploitation"
    assert not by_code["1B"].extra_familial


def test_codes_are_unique_well_formed_and_grouped_in_file_order() -> None:
    import re

    codes = [factor.code for factor in factors.factor_list().factors]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[1-9][0-9]?[A-F]?", code) for code in codes), codes
    assert all(factor.label for factor in factors.factor_list().factors)
    groups = [group for group, _ in factors.factor_list().groups()]
    assert groups[0] == "Alcohol misuse"
    assert "Harm outside the home" in groups


def test_an_unknown_version_is_refused() -> None:
    with pytest.raises(factors.UnknownFactorList):
        factors.factor_list("1999-00")
    assert factors.CURRENT_VERSION in factors.available_versions()


def test_check_codes() -> None:
    assert factors.check_codes(["10A", "24A"]) == []
    assert factors.check_codes(["99Z"]) == ["99Z is not a factor code in the 2024-25 list"]
    assert factors.check_codes(["21", "10A"]) == ["'No factors identified' cannot be chosen with other factors"]


def test_a_start_date_is_needed() -> None:
    assert rules.check_dates({"started_on": None}, today=TODAY) == {"started_on": ["Enter the start date"]}


def test_authorisation_on_the_start_day_is_fine_and_before_it_is_not() -> None:
    start = dt.date(2026, 10, 1)
    assert rules.check_dates({"started_on": start, "authorised_on": start}, today=TODAY) == {}
    problems = rules.check_dates({"started_on": start, "authorised_on": dt.date(2026, 9, 30)}, today=TODAY)
    assert problems == {"authorised_on": ["Authorisation date must be the same as or after the start date"]}


def test_no_date_may_be_in_the_future() -> None:
    problems = rules.check_dates(
        {"started_on": TODAY, "authorised_on": TODAY + dt.timedelta(days=1)},
        today=TODAY,
    )
    assert problems["authorised_on"] == ["Authorisation date must be today or in the past"]
    assert "started_on" not in problems


def test_plan_dates_run_forwards_and_an_end_needs_a_start() -> None:
    start = dt.date(2026, 9, 1)
    problems = rules.check_dates(
        {
            "started_on": start,
            "cin_plan_start": dt.date(2026, 10, 1),
            "cin_plan_end": dt.date(2026, 9, 15),
            "cp_plan_end": dt.date(2026, 10, 1),
            "s47_started_on": dt.date(2026, 10, 5),
            "icpc_on": dt.date(2026, 10, 2),
        },
        today=TODAY,
    )
    assert problems == {
        "cin_plan_end": ["Child in need plan end date must be the same as or after the child in need plan start date"],
        "cp_plan_end": ["Enter the child protection plan start date before an end date"],
        "icpc_on": [
            "Initial child protection conference date must be the same as or after the section 47 enquiry start date"
        ],
    }


def test_a_section_47_outcome_needs_its_start() -> None:
    assert rules.check_section_47(s47_started_on=None, s47_outcome="icpc") == {
        "s47_started_on": ["Enter the section 47 enquiry start date for its outcome"]
    }
    assert rules.check_section_47(s47_started_on=dt.date(2026, 10, 1), s47_outcome="icpc") == {}
    assert rules.check_section_47(s47_started_on=None, s47_outcome="") == {}


def test_a_date_long_before_single_assessments_is_a_typing_mistake() -> None:
    problems = rules.check_dates({"started_on": dt.date(1026, 10, 1)}, today=TODAY)
    assert problems == {"started_on": ["Start date must be after 1 January 2000"]}
