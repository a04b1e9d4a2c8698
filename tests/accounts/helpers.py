"""Shared helpers for the sign-in tests."""

from __future__ import annotations

import datetime as dt
import re

import pyotp
from django.http import HttpResponse
from django.test import Client

from safecontext.accounts.models import User
from tests import factories

SIGN_IN = "/account/sign-in/"
SIGN_IN_FAILED = "Enter a correct username, password and security code"
LOCKED = "There have been too many attempts to sign in with this username"


def code_for(user: User, at: dt.datetime | None = None) -> str:
    totp = pyotp.TOTP(user.totp_secret)
    return totp.at(at) if at is not None else totp.now()


def post_sign_in(
    client: Client, username: str, *, password: str = factories.PASSWORD, code: str = "000000", next: str = ""
) -> HttpResponse:
    data = {"username": username, "password": password, "code": code}
    if next:
        data["next"] = next
    return client.post(SIGN_IN, data)


def page_without_per_request_values(page: HttpResponse | str, username: str) -> str:
    """The page with what legitimately differs between two requests taken out: tokens, nonces, the typed username."""
    html = page if isinstance(page, str) else page.content.decode()
    # CSRF tokens (masked afresh for every response) and CSP nonces.
    html = re.sub(r"\b[A-Za-z0-9]{64}\b", "<csrf-token>", html)
    html = re.sub(r'nonce="[^"]+"', 'nonce=""', html)
    return html.replace(f'value="{username}"', 'value=""')


def is_signed_in(client: Client) -> bool:
    """Asks the sign-in page, which sends a signed-in visitor on and shows anyone else the form.

    The request passes through the session-limit middleware like any other, so a timed-out session shows as signed out.
    """
    return bool(client.get(SIGN_IN).status_code == 302)
