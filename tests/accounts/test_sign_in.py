"""Signing in with username, password and a TOTP code, and the one answer every failure gets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from safecontext.accounts.middleware import LAST_ACTIVITY, SIGNED_IN_AT
from safecontext.accounts.models import SignInThrottle, User
from safecontext.audit.models import AuditEvent
from tests import factories
from tests.accounts.conftest import Clock
from tests.accounts.helpers import (
    SIGN_IN,
    SIGN_IN_FAILED,
    code_for,
    is_signed_in,
    page_without_per_request_values,
    post_sign_in,
)
from tests.conftest import World


@pytest.fixture
def worker(world: World) -> User:
    return world.users["allocated_worker"]


def test_the_sign_in_page_asks_for_username_password_and_code(db: None) -> None:
    response = Client().get(SIGN_IN)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Sign in \u2013 SafeContext</title>" in html
    assert '<h1 class="govuk-heading-l">Sign in</h1>' in html
    assert 'name="username"' in html and 'autocomplete="username"' in html
    assert 'type="password"' in html and 'autocomplete="current-password"' in html
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    for field in ("username", "password", "code"):
        assert f'<label class="govuk-label" for="id_{field}">' in html


def test_a_correct_password_and_code_signs_in_and_goes_home(worker: User, clock: Clock) -> None:
    client = Client()
    response = post_sign_in(client, worker.username, code=code_for(worker, clock.now))

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert is_signed_in(client)
    assert client.session[SIGNED_IN_AT] == int(clock.now.timestamp())
    assert client.session[LAST_ACTIVITY] == int(clock.now.timestamp())


def test_a_signed_in_user_who_opens_the_sign_in_page_is_sent_home(worker: User, clock: Clock) -> None:
    client = Client()
    post_sign_in(client, worker.username, code=code_for(worker, clock.now))

    response = client.get(SIGN_IN)

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_sign_in_returns_to_the_page_asked_for(worker: User, clock: Clock) -> None:
    response = post_sign_in(Client(), worker.username, code=code_for(worker, clock.now), next="/people/?q=test")

    assert response["Location"] == "/people/?q=test"


@pytest.mark.parametrize(
    "next_url", ["https://attacker.example/", "//attacker.example/path", "javascript:alert(1)", "http://testserver:9/"]
)
def test_sign_in_never_sends_anyone_to_another_site(worker: User, clock: Clock, next_url: str) -> None:
    response = post_sign_in(Client(), worker.username, code=code_for(worker, clock.now), next=next_url)

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_next_page_is_carried_through_the_form(db: None) -> None:
    response = Client().get(SIGN_IN + "?next=/people/")

    assert 'name="next" value="/people/"' in response.content.decode()


def test_the_code_may_be_typed_with_a_space(worker: User, clock: Clock) -> None:
    code = code_for(worker, clock.now)

    response = post_sign_in(Client(), worker.username, code=f"{code[:3]} {code[3:]}")

    assert response.status_code == 302


def test_a_code_from_one_step_either_side_is_accepted(world: World, clock: Clock) -> None:
    # Phones and servers drift: RFC 6238 §5.2 allows a step either side.
    early, late = world.users["allocated_worker"], world.users["manager"]

    assert (
        post_sign_in(Client(), early.username, code=code_for(early, clock.now - dt.timedelta(seconds=30))).status_code
        == 302
    )
    assert (
        post_sign_in(Client(), late.username, code=code_for(late, clock.now + dt.timedelta(seconds=30))).status_code
        == 302
    )


@pytest.mark.parametrize("offset_seconds", [-60, 60, -3600])
def test_a_code_from_further_away_is_refused(worker: User, clock: Clock, offset_seconds: int) -> None:
    response = post_sign_in(
        Client(), worker.username, code=code_for(worker, clock.now + dt.timedelta(seconds=offset_seconds))
    )

    assert response.status_code == 200
    assert SIGN_IN_FAILED in response.content.decode()


def test_a_code_cannot_be_used_twice(worker: User, clock: Clock) -> None:
    code = code_for(worker, clock.now)
    assert post_sign_in(Client(), worker.username, code=code).status_code == 302

    # Someone who saw the code over a shoulder tries it within the same 30 seconds.
    replay = post_sign_in(Client(), worker.username, code=code)

    assert replay.status_code == 200
    assert SIGN_IN_FAILED in replay.content.decode()
    # An earlier step's code is refused too, once a later one has been used.
    earlier = post_sign_in(Client(), worker.username, code=code_for(worker, clock.now - dt.timedelta(seconds=30)))
    assert earlier.status_code == 200
    # The next step's code works.
    clock.advance(seconds=30)
    assert post_sign_in(Client(), worker.username, code=code_for(worker, clock.now)).status_code == 302


def _failures(world: World, clock: Clock) -> dict[str, tuple[str, str, str]]:
    worker = world.users["allocated_worker"]
    disabled = factories.make_user("disabled_worker", is_active=False)
    no_secret = factories.make_user("no_secret_worker")
    User.objects.filter(pk=no_secret.pk).update(totp_secret="")
    right_code = code_for(worker, clock.now)
    return {
        # name: (username, password, code)
        "wrong password": (worker.username, "not-the-right-password", right_code),
        "wrong code": (worker.username, factories.PASSWORD, "123456" if right_code != "123456" else "654321"),
        "code not digits": (worker.username, factories.PASSWORD, "abcdef"),
        "unknown user": ("nobody_by_this_name", factories.PASSWORD, right_code),
        "disabled user": (disabled.username, factories.PASSWORD, code_for(disabled, clock.now)),
        "user without a secret": (no_secret.username, factories.PASSWORD, right_code),
    }


def test_every_failure_gets_the_same_answer(world: World, clock: Clock) -> None:
    pages = {}
    for name, (username, password, code) in _failures(world, clock).items():
        response = post_sign_in(Client(), username, password=password, code=code)
        assert response.status_code == 200, name
        assert SIGN_IN_FAILED in response.content.decode(), name
        assert "Error: Sign in" in response.content.decode(), name
        pages[name] = page_without_per_request_values(response, username)

    first = pages["wrong password"]
    for name, page in pages.items():
        assert page == first, f"the page for {name!r} differs from the page for a wrong password"


def test_a_failure_keeps_the_username_but_not_the_password_or_code(worker: User, clock: Clock) -> None:
    response = post_sign_in(Client(), worker.username, password="typed-a-wrong-password", code="999999")

    html = response.content.decode()
    assert f'value="{worker.username}"' in html
    assert "typed-a-wrong-password" not in html
    assert "999999" not in html
    # The GOV.UK error summary links to the first field.
    assert '<a href="#id_username">Enter a correct username, password and security code</a>' in html


def test_empty_fields_are_asked_for_without_counting_as_an_attempt(db: None) -> None:
    response = Client().post(SIGN_IN, {"username": "someone", "password": "", "code": ""})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_password">Enter your password</a>' in html
    assert '<a href="#id_code">Enter your security code</a>' in html
    assert not SignInThrottle.objects.exists()


def test_a_successful_sign_in_is_audited_against_the_user(worker: User, clock: Clock) -> None:
    post_sign_in(Client(), worker.username, code=code_for(worker, clock.now))

    event = AuditEvent.objects.get(action="sign_in.succeeded")
    assert (event.target_type, event.target_id, event.actor_id) == ("accounts.user", str(worker.pk), worker.pk)


def test_a_failed_sign_in_is_audited_against_the_user_or_the_throttle_row(worker: User, clock: Clock) -> None:
    post_sign_in(Client(), worker.username, password="not-the-right-password", code=code_for(worker, clock.now))
    post_sign_in(Client(), "Nobody_Known", code=code_for(worker, clock.now))

    known, unknown = AuditEvent.objects.filter(action="sign_in.failed").order_by("id")
    assert (known.target_type, known.target_id) == ("accounts.user", str(worker.pk))
    assert known.after == {"username": worker.username, "failures": 1}
    throttle = SignInThrottle.objects.get(username_key="nobody_known")
    assert (unknown.target_type, unknown.target_id) == ("accounts.signinthrottle", str(throttle.pk))
    assert unknown.actor_id is None
    # Neither event holds what was typed as a password or a code.
    assert "not-the-right-password" not in str(known.after) + str(known.before)


def test_the_signed_in_user_s_last_code_step_is_kept(worker: User, clock: Clock) -> None:
    post_sign_in(Client(), worker.username, code=code_for(worker, clock.now))

    worker.refresh_from_db()
    assert worker.totp_last_step == int(clock.now.timestamp()) // 30
    assert worker.last_login is not None


def test_sign_in_only_answers_get_and_post(db: None) -> None:
    assert Client().put(SIGN_IN).status_code == 405


def test_no_one_is_signed_in_when_the_audit_cannot_be_written(
    worker: User, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from safecontext.accounts import actions
    from safecontext.audit.actions import AuditWriteFailed

    def failing_record_change(**kwargs: object) -> None:
        raise AuditWriteFailed("audit store unavailable")

    monkeypatch.setattr(actions, "record_change", failing_record_change)
    client = Client()

    response = post_sign_in(client, worker.username, code=code_for(worker, clock.now))

    assert response.status_code == 503
    assert not is_signed_in(client)
    worker.refresh_from_db()
    assert worker.totp_last_step is None  # rolled back with the audit event: the code is still unused


def test_no_failure_is_counted_without_its_audit_event(
    worker: User, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from safecontext.accounts import actions
    from safecontext.audit.actions import AuditWriteFailed

    def failing_record_change(**kwargs: object) -> None:
        raise AuditWriteFailed("audit store unavailable")

    monkeypatch.setattr(actions, "record_change", failing_record_change)

    assert post_sign_in(Client(), "nobody_known", password="wrong-password-here").status_code == 503
    assert not SignInThrottle.objects.exists()
