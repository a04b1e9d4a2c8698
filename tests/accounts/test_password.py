"""Changing a password: the current one first, the new one twice, and the password rules enforced."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from safecontext.accounts import actions
from safecontext.accounts.models import User
from safecontext.audit.actions import AuditWriteFailed
from safecontext.audit.models import AuditEvent
from tests import factories
from tests.accounts.conftest import Clock
from tests.accounts.helpers import code_for, is_signed_in, post_sign_in
from tests.conftest import World

PAGE = "/account/password/"
NEW = "lantern-orchard-velvet-quarry"


@pytest.fixture
def worker(world: World) -> User:
    return world.users["allocated_worker"]


@pytest.fixture
def signed_in(worker: User, clock: Clock) -> Client:
    client = Client()
    assert post_sign_in(client, worker.username, code=code_for(worker, clock.now)).status_code == 302
    return client


def _change(client: Client, current: str = factories.PASSWORD, new: str = NEW, confirm: str | None = None) -> str:
    response = client.post(PAGE, {"current_password": current, "new_password": new, "confirm_password": confirm or new})
    assert response.status_code == 200, "expected the form back with errors"
    return response.content.decode()


def test_the_page_needs_sign_in(db: None) -> None:
    response = Client().get(PAGE)

    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/account/password/"


def test_a_password_is_changed_audited_and_the_session_kept(signed_in: Client, worker: User) -> None:
    old_key = signed_in.session.session_key

    response = signed_in.post(
        PAGE, {"current_password": factories.PASSWORD, "new_password": NEW, "confirm_password": NEW}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    worker.refresh_from_db()
    assert worker.check_password(NEW)
    assert is_signed_in(signed_in)
    assert signed_in.session.session_key != old_key
    event = AuditEvent.objects.get(action="account.password_changed")
    assert (event.target_id, event.actor_id, event.before, event.after) == (str(worker.pk), worker.pk, {}, {})


def test_a_short_password_is_refused(signed_in: Client, worker: User) -> None:
    html = _change(signed_in, new="short-pass1")

    assert "This password is too short. It must contain at least 12 characters." in html
    assert '<a href="#id_new_password">' in html
    worker.refresh_from_db()
    assert worker.check_password(factories.PASSWORD)


def test_a_common_password_is_refused(signed_in: Client) -> None:
    assert "This password is too common." in _change(signed_in, new="1q2w3e4r5t6y")


def test_an_all_numbers_password_is_refused(signed_in: Client) -> None:
    assert "This password is entirely numeric." in _change(signed_in, new="918273645546372819")


def test_the_new_passwords_must_match(signed_in: Client) -> None:
    html = _change(signed_in, confirm="lantern-orchard-velvet-quarrx")

    assert '<a href="#id_confirm_password">The new passwords do not match</a>' in html


def test_the_current_password_must_be_right(signed_in: Client, worker: User) -> None:
    html = _change(signed_in, current="not-my-password-at-all")

    assert '<a href="#id_current_password">Your current password is not correct</a>' in html
    assert not AuditEvent.objects.filter(action="account.password_changed").exists()


def test_the_new_password_must_differ_from_the_current_one(signed_in: Client) -> None:
    assert "must be different from your current password" in _change(signed_in, new=factories.PASSWORD)


def test_every_empty_field_is_asked_for(signed_in: Client) -> None:
    response = signed_in.post(PAGE, {})

    html = response.content.decode()
    for anchor, message in [
        ("id_current_password", "Enter your current password"),
        ("id_new_password", "Enter a new password"),
        ("id_confirm_password", "Enter the new password again"),
    ]:
        assert f'<a href="#{anchor}">{message}</a>' in html
    assert "<title>Error: Change your password \u2013 SafeContext</title>" in html


def test_the_action_refuses_a_password_the_rules_refuse(worker: User) -> None:
    with pytest.raises(ValidationError) as refused:
        actions.change_password(user=worker, new_password="too-short", by=worker)

    assert "This password is too short. It must contain at least 12 characters." in refused.value.messages
    worker.refresh_from_db()
    assert worker.check_password(factories.PASSWORD)


def test_no_password_changes_without_its_audit_event(worker: User, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_record_change(**kwargs: object) -> None:
        raise AuditWriteFailed("audit store unavailable")

    monkeypatch.setattr(actions, "record_change", failing_record_change)

    with pytest.raises(AuditWriteFailed):
        actions.change_password(user=worker, new_password=NEW, by=worker)

    worker.refresh_from_db()
    assert worker.check_password(factories.PASSWORD)
