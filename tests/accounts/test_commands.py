"""`totp_code` (demo only) and `create_user`."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from safecontext.accounts import totp
from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from safecontext.audit.models import AuditEvent
from tests import factories
from tests.conftest import World


def _run(*args: str, stdin: str | None = None) -> str:
    out = io.StringIO()
    extra = {"stdin": io.StringIO(stdin)} if stdin is not None else {}
    call_command(*args, stdout=out, stderr=io.StringIO(), **extra)
    return out.getvalue()


def test_totp_code_prints_a_code_that_signs_in(world: World) -> None:
    worker = world.users["allocated_worker"]

    code = _run("totp_code", worker.username).strip()

    assert len(code) == 6 and code.isdigit()
    assert totp.matching_step(worker.totp_secret, code, at=timezone.now()) is not None


def test_totp_code_is_refused_outside_the_demo(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEMO_ALLOWED = False

    with pytest.raises(CommandError, match="synthetic demo only"):
        _run("totp_code", world.users["allocated_worker"].username)


def test_totp_code_for_an_unknown_user_says_so(db: None) -> None:
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        _run("totp_code", "nobody")


def test_create_user_with_a_generated_password(world: World) -> None:
    manager = world.users["manager"]

    output = _run(
        "create_user",
        "new_worker",
        "--role",
        "social_worker",
        "--team",
        "Pod A",
        "--supervisor",
        manager.username,
        "--first-name",
        "Nia",
        "--last-name",
        "Worker",
    )

    user = User.objects.get(username="new_worker")
    assert (user.role, user.team and user.team.name, user.supervisor, user.get_full_name()) == (
        Role.SOCIAL_WORKER,
        "Pod A",
        manager,
        "Nia Worker",
    )
    lines = dict(line.split(": ", 1) for line in output.splitlines() if ": " in line)
    assert user.check_password(lines["Password"])
    assert lines["TOTP secret"] == user.totp_secret
    uri = urlparse(lines["Authenticator URI"])
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert parse_qs(uri.query)["secret"] == [user.totp_secret]
    assert parse_qs(uri.query)["issuer"] == ["SafeContext"]
    event = AuditEvent.objects.get(action="account.created")
    assert event.target_id == str(user.pk) and event.actor_username == "system"


def test_create_user_reads_the_password_from_stdin(world: World) -> None:
    output = _run("create_user", "stdin_worker", "--role", "youth_worker", "--password-stdin", stdin=f"{NEW}\n")

    user = User.objects.get(username="stdin_worker")
    assert user.check_password(NEW)
    assert "Password:" not in output


NEW = "harbour-thimble-copper-meadow"


@pytest.mark.parametrize(
    ("password", "message"),
    [("short-one", "too short"), ("1q2w3e4r5t6y", "too common"), ("", "too short")],
)
def test_create_user_refuses_a_weak_password(db: None, password: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _run("create_user", "weak", "--role", "social_worker", "--password-stdin", stdin=password + "\n")

    assert not User.objects.filter(username="weak").exists()
    assert not AuditEvent.objects.exists()


def test_create_user_refuses_a_taken_username(world: World) -> None:
    with pytest.raises(CommandError, match="already a user"):
        _run("create_user", "Manager", "--role", "social_worker")


def test_create_user_refuses_an_unknown_team_or_supervisor(world: World) -> None:
    with pytest.raises(CommandError, match="no team called 'Pod Z'"):
        _run("create_user", "someone", "--role", "social_worker", "--team", "Pod Z")
    with pytest.raises(CommandError, match="no user called 'ghost'"):
        _run("create_user", "someone", "--role", "social_worker", "--supervisor", "ghost")


def test_create_user_refuses_an_unknown_role(db: None) -> None:
    with pytest.raises(CommandError):
        _run("create_user", "someone", "--role", "wizard")


def test_a_created_user_can_sign_in(world: World) -> None:
    from django.test import Client

    output = _run("create_user", "fresh_worker", "--role", "social_worker", "--team", "Pod A")
    lines = dict(line.split(": ", 1) for line in output.splitlines() if ": " in line)

    response = Client().post(
        "/account/sign-in/",
        {
            "username": "fresh_worker",
            "password": lines["Password"],
            "code": totp.code_at(lines["TOTP secret"], timezone.now()),
        },
    )

    assert response.status_code == 302
    assert lines["Password"] != factories.PASSWORD
