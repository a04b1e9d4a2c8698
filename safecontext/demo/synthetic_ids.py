"""Synthetic identifiers for the demo council: well-formed, so validation and search treat them like real ones,
and drawn from ranges that are plainly nobody's where such a range exists. The check-digit rules are the people
app's (people/identifiers.py), so the demo can never disagree with what the forms accept.
"""

from __future__ import annotations

import random

from safecontext.people.identifiers import nhs_number_check_digit, upn_check_letter

# NHS England reserves NHS numbers beginning 999 for testing: they are never issued to a patient.
NHS_TEST_PREFIX = "999"


def synthetic_nhs_number(rng: random.Random) -> str:
    """A valid NHS number (modulus-11 check digit) in the 999 test range."""
    while True:
        first_nine = NHS_TEST_PREFIX + "".join(str(rng.randrange(10)) for _ in range(6))
        check = nhs_number_check_digit(first_nine)
        if check is not None:  # some nine-digit stems have no valid check digit: draw again
            return f"{first_nine}{check}"


def synthetic_upn(rng: random.Random, *, la_number: str, year_allocated: int) -> str:
    """A permanent UPN: check letter, LA number, DfE establishment number, two-digit year of allocation, serial.

    Unlike NHS numbers, UPNs have no reserved test range, and the CIN census rejects a UPN whose characters 2-4 are
    not a real LA number (CIN validator rule 1530), so only the establishment and serial digits are invented."""
    establishment = f"{rng.randrange(2000, 5000):04d}"
    serial = f"{rng.randrange(1, 1000):03d}"
    body = f"{la_number}{establishment}{year_allocated % 100:02d}{serial}"
    return upn_check_letter(body) + body
