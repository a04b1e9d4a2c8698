"""`manage.py api_token`: issues a working token once, stores only its digest, refuses who may not use the API."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from safecontext.accounts.actions import change_user_access
from safecontext.accounts.api_auth import token_digest
from safecontext.accounts.models import ApiToken
from safecontext.audit.models import AuditEvent
from tests.api.conftest import token_client
from tests.conftest import World


def _issue(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    assert "shown only this once" in err.getvalue()
    return out.getvalue().strip()


def test_command_prints_a_working_token(world: World) -> None:
    token = _issue("allocated_worker")
    response = token_client(token).get("/api/me")
    assert response.status_code == 200
    assert response.json()["username"] == "allocated_worker"


def test_only_the_digest_is_stored_with_a_30_day_expiry(world: World) -> None:
    token = _issue("allocated_worker")
    stored = ApiToken.objects.get(user=world.users["allocated_worker"])
    assert stored.digest == token_digest(token) != token
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    expected = timezone.now() + dt.timedelta(days=30)
    assert abs((stored.expires_at - expected).total_seconds()) < 60


def test_days_option(world: World) -> None:
    _issue("allocated_worker", "--days", "7")
    stored = ApiToken.objects.get(user=world.users["allocated_worker"])
    assert abs((stored.expires_at - (timezone.now() + dt.timedelta(days=7))).total_seconds()) < 60


def test_issuing_is_audited_without_the_token(world: World) -> None:
    token = _issue("allocated_worker")
    event = AuditEvent.objects.get(action="api_token.issued")
    assert event.after["user"] == "allocated_worker"
    assert token not in str(event.after) and token_digest(token) not in str(event.after)


@pytest.mark.parametrize(
    ("persona", "message"),
    [
        ("partner_agency", "does not allow use of the API"),
        ("no_role", "does not allow use of the API"),
        ("administrator", "does not allow use of the API"),
    ],
)
def test_refused_for_roles_without_the_api(world: World, persona: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _issue(persona)
    assert not ApiToken.objects.exists()


def test_refused_for_a_disabled_user(world: World) -> None:
    user = world.users["allocated_worker"]
    change_user_access(user=user, is_active=False, by=None)
    with pytest.raises(CommandError, match="disabled"):
        _issue("allocated_worker")
    assert not ApiToken.objects.exists()


def test_refused_for_an_unknown_user(world: World) -> None:
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        _issue("nobody")


@pytest.mark.parametrize("days", ["0", "-1", "366"])
def test_refused_for_a_silly_lifetime(world: World, days: str) -> None:
    with pytest.raises(CommandError, match="between 1 and 365 days"):
        _issue("allocated_worker", "--days", days)


def test_revoke(world: World) -> None:
    first, second = _issue("allocated_worker"), _issue("allocated_worker")
    out = io.StringIO()
    call_command("api_token", "allocated_worker", "--revoke", stdout=out)
    assert "Revoked 2 token(s)" in out.getvalue()
    for token in (first, second):
        assert token_client(token).get("/api/me").status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 2
