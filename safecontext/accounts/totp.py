"""Time-based one-time codes (RFC 6238) for the second factor every user signs in with.

Pure functions on a base32 secret and a time: no database, so the rules can be read and tested on their own.
Codes are 6 digits over 30-second steps; a code from one step either side of now is accepted, because phones and
servers drift (RFC 6238 §5.2 recommends allowing at most one step). Refusing a code already used is the caller's
job: `matching_step` says which step a code belongs to so the caller can refuse any step not later than the last.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re

import pyotp

STEP_SECONDS = 30
DIGITS = 6
ALLOWED_DRIFT_STEPS = 1
ISSUER = "SafeContext"

_CODE = re.compile(rf"^\d{{{DIGITS}}}$")


def new_secret() -> str:
    """A random 160-bit base32 secret (RFC 4226 §4 recommends 160 bits)."""
    return str(pyotp.random_base32(length=32))


def normalise_code(code: str) -> str:
    """What the person typed, without the spaces and dashes authenticator apps show between digit groups."""
    return re.sub(r"[\s-]", "", code or "")


def step_at(moment: dt.datetime) -> int:
    return int(moment.timestamp()) // STEP_SECONDS


def code_at(secret: str, moment: dt.datetime) -> str:
    return str(_totp(secret).generate_otp(step_at(moment)))


def matching_step(secret: str, code: str, *, at: dt.datetime) -> int | None:
    """The time step `code` was generated for, if it is within the allowed drift of `at`; otherwise None."""
    code = normalise_code(code)
    if not secret or not _CODE.match(code):
        return None
    now_step = step_at(at)
    matched = None
    try:
        totp = _totp(secret)
        # Every candidate is compared (in constant time), so timing does not say which step matched.
        for step in range(now_step - ALLOWED_DRIFT_STEPS, now_step + ALLOWED_DRIFT_STEPS + 1):
            if hmac.compare_digest(str(totp.generate_otp(step)), code) and matched is None:
                matched = step
    except ValueError:  # a secret that is not base32, or too short for pyotp: it matches nothing
        return None
    return matched


def provisioning_uri(secret: str, username: str) -> str:
    """The otpauth:// URI an authenticator app reads (usually from a QR code)."""
    return str(_totp(secret).provisioning_uri(name=username, issuer_name=ISSUER))


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
