"""Identifier rules: NHS number modulus 11, DfE UPN check letter, postcode shape. Valid numbers are generated with the
check-digit algorithms (NHS numbers from the 999 test range, never issued to a patient)."""

from __future__ import annotations

import random

import pytest

from safecontext.people import identifiers
from safecontext.people.identifiers import IdentifierError


def synthetic_nhs_numbers(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    found: list[str] = []
    while len(found) < count:
        first_nine = "999" + "".join(str(rng.randrange(10)) for _ in range(6))
        check = identifiers.nhs_number_check_digit(first_nine)
        if check is not None:
            found.append(f"{first_nine}{check}")
    return found


def synthetic_upns(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    upns = []
    for index in range(count):
        body = "846" + f"{rng.randrange(2000, 5000):04d}" + "19" + f"{rng.randrange(1000):03d}"
        if index % 4 == 0:  # temporary UPNs end in a letter
            body = body[:-1] + rng.choice(identifiers.UPN_LETTERS)
        upns.append(identifiers.upn_check_letter(body) + body)
    return upns


@pytest.mark.parametrize("number", synthetic_nhs_numbers(20))
def test_generated_nhs_numbers_are_valid(number: str) -> None:
    assert identifiers.is_valid_nhs_number(number)
    assert identifiers.clean_nhs_number(f"{number[:3]} {number[3:6]} {number[6:]}") == number


def test_published_example_nhs_number_is_valid() -> None:
    # The NHS Data Dictionary's worked example.
    assert identifiers.clean_nhs_number("943 476 5919") == "9434765919"


@pytest.mark.parametrize("number", synthetic_nhs_numbers(20, seed=3))
def test_a_single_changed_digit_is_caught(number: str) -> None:
    last = int(number[-1])
    wrong = number[:-1] + str((last + 1) % 10)
    assert not identifiers.is_valid_nhs_number(wrong)
    with pytest.raises(IdentifierError, match="does not match"):
        identifiers.clean_nhs_number(wrong)


def test_nine_digits_that_no_check_digit_can_complete() -> None:
    # Remainder 1 → check 10: no valid NHS number starts with these nine digits.
    first_nine = next(
        f"999{n:06d}" for n in range(1_000_000) if identifiers.nhs_number_check_digit(f"999{n:06d}") is None
    )
    for last in range(10):
        assert not identifiers.is_valid_nhs_number(first_nine + str(last))


@pytest.mark.parametrize(
    ("value", "message"),
    [("12345", "must be 10 digits"), ("943476591X", "only include numbers"), ("94347659190", "must be 10 digits")],
)
def test_badly_shaped_nhs_numbers(value: str, message: str) -> None:
    with pytest.raises(IdentifierError, match=message):
        identifiers.clean_nhs_number(value)


def test_blank_nhs_number_is_allowed() -> None:
    assert identifiers.clean_nhs_number("  ") == ""


def test_dfe_example_upn() -> None:
    # Digits 801200005001 weighted 2..13 sum to 93; 93 mod 23 = 1 → B.
    assert identifiers.upn_check_letter("801200005001") == "B"
    assert identifiers.clean_upn("b801 2000 05001") == "B801200005001"
    assert not identifiers.is_valid_upn("A801200005001")


@pytest.mark.parametrize("upn", synthetic_upns(12))
def test_generated_upns_are_valid_and_a_changed_character_is_caught(upn: str) -> None:
    assert identifiers.is_valid_upn(upn)
    assert identifiers.clean_upn(upn.lower()) == upn
    changed = upn[:5] + str((int(upn[5]) + 1) % 10) + upn[6:]
    with pytest.raises(IdentifierError, match="does not match"):
        identifiers.clean_upn(changed)


@pytest.mark.parametrize(
    "value",
    ["B80120000500", "B8012000050011", "I801200005001", "B80120000A001", "1801200005001", "B80120000500S"],
)
def test_badly_shaped_upns(value: str) -> None:
    with pytest.raises(IdentifierError):
        identifiers.clean_upn(value)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("bn1 1aa", "BN1 1AA"), ("SW1A1AA", "SW1A 1AA"), ("m1 1ae", "M1 1AE"), ("ec1a 1bb", "EC1A 1BB"), ("", "")],
)
def test_postcodes_are_normalised(typed: str, stored: str) -> None:
    assert identifiers.clean_postcode(typed) == stored


@pytest.mark.parametrize("value", ["BN1", "12345", "BN1 1A", "BNN1 1AA", "BN1 AAA", "ZZ99 9ZZZ"])
def test_postcodes_of_the_wrong_shape(value: str) -> None:
    with pytest.raises(IdentifierError, match="real postcode"):
        identifiers.clean_postcode(value)
