"""Identifier rules for person records: NHS numbers, unique pupil numbers (UPNs), postcodes.

Pure functions, no ORM. Each `clean_*` takes what a person typed and returns the stored form, or raises
`IdentifierError` with a message written for the person at the keyboard. A check digit catches most mistyped
identifiers at the point of entry, where they are cheapest to correct; a wrong NHS number silently links a child to
someone else's health record.
"""

from __future__ import annotations

import re


class IdentifierError(ValueError):
    """The value is not a well-formed identifier; the message says why, in plain English."""


# NHS Data Dictionary, "NHS number": ten digits, the tenth a modulus-11 check digit over the first nine weighted
# 10 down to 2. People write them as 3-3-4 groups, so spaces and hyphens are ignored.
NHS_NUMBER_WEIGHTS = range(10, 1, -1)


def nhs_number_check_digit(first_nine: str) -> int | None:
    """The check digit that completes these nine digits, or None when none can (the remainder gives 10)."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, NHS_NUMBER_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def is_valid_nhs_number(value: str) -> bool:
    digits = _compact(value)
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    return nhs_number_check_digit(digits[:9]) == int(digits[9])


def clean_nhs_number(value: str) -> str:
    """ "943 476 5919" → "9434765919"; blank stays blank (the number is often not yet known)."""
    digits = _compact(value)
    if not digits:
        return ""
    if not digits.isascii() or not digits.isdigit():
        raise IdentifierError("NHS number must only include numbers 0 to 9")
    if len(digits) != 10:
        raise IdentifierError("NHS number must be 10 digits")
    if not is_valid_nhs_number(digits):
        raise IdentifierError("Enter a valid NHS number: the last digit does not match the others. Check for a typo")
    return digits


def format_nhs_number(value: str) -> str:
    """The 3-3-4 grouping people read NHS numbers in."""
    return f"{value[:3]} {value[3:6]} {value[6:]}" if len(value) == 10 else value


# DfE, "Unique pupil numbers (UPNs): guidance for schools and local authorities": 13 characters — a check letter,
# the 3-digit LA number, the 4-digit establishment number, 2 digits for the year of allocation and a 3-digit serial.
# A temporary UPN ends in a letter instead of the last serial digit. The check letter is characters 2-13 weighted
# 2 to 13, summed, modulo 23, as an index into the alphabet without I, O and S (too easily read as 1, 0 and 5).
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_UPN_SHAPE = re.compile(rf"^[{UPN_LETTERS}][0-9]{{11}}[0-9{UPN_LETTERS}]$")


def upn_check_letter(last_twelve: str) -> str:
    """The check letter for characters 2-13; a letter in position 13 counts as its place in UPN_LETTERS."""
    total = 0
    for weight, char in zip(range(2, 14), last_twelve, strict=True):
        total += weight * (int(char) if char.isdigit() else UPN_LETTERS.index(char))
    return UPN_LETTERS[total % 23]


def is_valid_upn(value: str) -> bool:
    upn = _compact(value).upper()
    return bool(_UPN_SHAPE.match(upn)) and upn[0] == upn_check_letter(upn[1:])


def clean_upn(value: str) -> str:
    """ " a801 2000 05001 " → "B801200005001"; blank stays blank."""
    upn = _compact(value).upper()
    if not upn:
        return ""
    if len(upn) != 13:
        raise IdentifierError("Unique pupil number must be 13 characters, like B801200005001")
    if not _UPN_SHAPE.match(upn):
        raise IdentifierError(
            "Unique pupil number must be a letter, 11 numbers, then a number or a letter, like B801200005001"
        )
    if upn[0] != upn_check_letter(upn[1:]):
        raise IdentifierError("Enter a valid unique pupil number: the first letter does not match the rest")
    return upn


# UK postcode shape (BS 7666 / the Royal Mail formats A9, A99, A9A, AA9, AA99, AA9A + 9AA), plus the special GIR 0AA.
# This checks shape only: it cannot tell whether a postcode exists.
_POSTCODE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2})$")


def clean_postcode(value: str) -> str:
    """ " bn11aa " → "BN1 1AA"; blank stays blank (an address may be known before its postcode)."""
    compact = _compact(value).upper()
    if not compact:
        return ""
    if not compact.isascii() or not _POSTCODE.match(compact):
        raise IdentifierError("Enter a real postcode, like BN1 1AA")
    return f"{compact[:-3]} {compact[-3:]}"


def clean_la_child_id(value: str) -> str:
    """The council's own child identifier: free-form, but without spaces at either end or control characters."""
    cleaned = value.strip()
    if any(not ch.isprintable() for ch in cleaned):
        raise IdentifierError("LA child ID must only include letters, numbers and punctuation")
    return cleaned


def _compact(value: str) -> str:
    return re.sub(r"[\s\-]", "", value or "")
