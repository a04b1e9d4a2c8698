"""`manage.py demo_sign_in_help`: what `make run` prints so a newcomer can sign in with password and TOTP."""

from __future__ import annotations

from io import StringIO

import pyotp
import pytest
from django.core.management import CommandError, call_command

from safecontext.accounts.models import User
from safecontext.demo import data

pytestmark = pytest.mark.django_db


def sign_in_help(*args: str) -> str:
    out = StringIO()
    call_command("demo_sign_in_help", *args, stdout=out)
    return out.getvalue()


def test_sign_in_help_prints_the_address_password_users_secrets_and_how_to_get_a_code() -> None:
    call_command("load_demo", stdout=StringIO())

    output = sign_in_help("--port", "8123")

    assert "http://127.0.0.1:8123/" in output
    assert data.DEMO_PASSWORD in output
    assert ".venv/bin/python manage.py totp_code <username>" in output
    assert "authenticator app" in output
    users = list(User.objects.select_related("team"))
    assert len(users) == len(data.USERS)
    for user in users:
        (line,) = [line for line in output.splitlines() if user.totp_secret in line]
        assert line.split()[0] == user.username and user.display_name in line and user.role_label in line
        assert user.team.name in line
        assert pyotp.TOTP(user.totp_secret).now().isdigit()  # the printed secret is a working TOTP key
    suggestions = output.split("Good users to start with:")[1].split("Username")[0]
    for username in ("ali", "fd.sam", "tm.north", "police.leon"):
        assert f"    {username} " in suggestions
    (front_door,) = [line for line in suggestions.splitlines() if line.startswith("    fd.sam ")]
    assert "front-door queue" in front_door and "Route 7" in front_door


def test_sign_in_help_says_when_the_demo_is_not_loaded() -> None:
    with pytest.raises(CommandError, match="load_demo"):
        sign_in_help()


def test_sign_in_help_refuses_in_production(settings: object) -> None:
    settings.DEMO_ALLOWED = False  # type: ignore[attr-defined]

    with pytest.raises(CommandError, match="production"):
        sign_in_help()
