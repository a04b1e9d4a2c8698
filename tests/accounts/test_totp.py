"""The RFC 6238 rules on their own."""

from __future__ import annotations

import base64
import datetime as dt

import pyotp
import pytest

from safecontext.accounts import totp

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
MOMENT = dt.datetime(2026, 9, 1, 9, 0, 10, tzinfo=dt.UTC)


def test_codes_agree_with_an_authenticator_app() -> None:
    assert totp.code_at(SECRET, MOMENT) == pyotp.TOTP(SECRET).at(MOMENT)


def test_rfc_6238_test_vector() -> None:
    # RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits); the last 6 digits are what a 6-digit app shows.
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp.code_at(secret, dt.datetime.fromtimestamp(59, tz=dt.UTC)) == "287082"


@pytest.mark.parametrize(("offset", "accepted"), [(-90, False), (-30, True), (0, True), (30, True), (60, False)])
def test_one_step_of_drift_either_way(offset: int, accepted: bool) -> None:
    code = pyotp.TOTP(SECRET).at(MOMENT + dt.timedelta(seconds=offset))

    step = totp.matching_step(SECRET, code, at=MOMENT)

    assert (step is not None) is accepted
    if accepted:
        assert step == totp.step_at(MOMENT) + offset // 30


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "abcdef", "12 34 5x"])
def test_anything_but_six_digits_is_refused(typed: str) -> None:
    assert totp.matching_step(SECRET, typed, at=MOMENT) is None


def test_spaces_and_dashes_are_ignored() -> None:
    code = totp.code_at(SECRET, MOMENT)

    assert totp.matching_step(SECRET, f" {code[:3]}-{code[3:]} ", at=MOMENT) == totp.step_at(MOMENT)


@pytest.mark.parametrize("secret", ["", "JBSWY3DP", "not base32 at all!"])
def test_a_missing_or_broken_secret_matches_nothing(secret: str) -> None:
    assert totp.matching_step(secret, "123456", at=MOMENT) is None


def test_new_secrets_are_160_bits_and_differ() -> None:
    first, second = totp.new_secret(), totp.new_secret()

    assert len(first) == 32 and first != second
    assert pyotp.TOTP(first).now().isdigit()
