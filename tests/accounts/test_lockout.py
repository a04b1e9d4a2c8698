"""Five failures lock a username for 30 minutes, whether or not it belongs to anyone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from safecontext.accounts.models import SignInThrottle, User
from safecontext.audit.models import AuditEvent
from tests.accounts.conftest import Clock
from tests.accounts.helpers import LOCKED, SIGN_IN_FAILED, code_for, page_without_per_request_values, post_sign_in
from tests.conftest import World


@pytest.fixture
def worker(world: World) -> User:
    return world.users["allocated_worker"]


def _fail(username: str, times: int) -> list[str]:
    return [post_sign_in(Client(), username, password="wrong-password-typed").content.decode() for _ in range(times)]


def test_four_failures_do_not_lock(worker: User, clock: Clock) -> None:
    pages = _fail(worker.username, 4)

    assert all(SIGN_IN_FAILED in page for page in pages)
    assert post_sign_in(Client(), worker.username, code=code_for(worker, clock.now)).status_code == 302


def test_the_fifth_failure_locks_a_known_username(worker: User, clock: Clock) -> None:
    *_, fifth = _fail(worker.username, 5)

    assert LOCKED in fifth
    throttle = SignInThrottle.objects.get(username_key=worker.username)
    assert throttle.failures == 5
    assert throttle.locked_until == clock.now + dt.timedelta(seconds=settings.SIGN_IN_LOCKOUT_SECONDS)


def test_while_locked_even_the_right_password_and_code_are_refused(worker: User, clock: Clock) -> None:
    _fail(worker.username, 5)
    clock.advance(minutes=29)
    client = Client()

    response = post_sign_in(client, worker.username, code=code_for(worker, clock.now))

    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert client.get("/").status_code == 302  # not signed in
    worker.refresh_from_db()
    assert worker.totp_last_step is None  # the code was not used up


def test_a_locked_unknown_username_gets_exactly_the_same_answer(worker: User, clock: Clock) -> None:
    known_pages = _fail(worker.username, 6)
    unknown_pages = _fail("no_such_person", 6)

    for attempt, (known, unknown) in enumerate(zip(known_pages, unknown_pages, strict=True), start=1):
        assert page_without_per_request_values(known, worker.username) == page_without_per_request_values(
            unknown, "no_such_person"
        ), f"attempt {attempt} differs"
    assert LOCKED in unknown_pages[-1]
    # The known user's right credentials and the unknown name's are refused alike.
    right = post_sign_in(Client(), worker.username, code=code_for(worker, clock.now))
    unknown = post_sign_in(Client(), "no_such_person", code=code_for(worker, clock.now))
    assert right.status_code == unknown.status_code == 200
    assert page_without_per_request_values(right, worker.username) == page_without_per_request_values(
        unknown, "no_such_person"
    )


def test_usernames_are_counted_whatever_their_case(worker: User, clock: Clock) -> None:
    _fail(worker.username.upper(), 3)
    _fail(worker.username, 2)

    response = post_sign_in(Client(), worker.username, code=code_for(worker, clock.now))

    assert LOCKED in response.content.decode()


def test_the_lock_ends_after_30_minutes(worker: User, clock: Clock) -> None:
    _fail(worker.username, 5)
    clock.advance(seconds=settings.SIGN_IN_LOCKOUT_SECONDS + 1)

    response = post_sign_in(Client(), worker.username, code=code_for(worker, clock.now))

    assert response.status_code == 302
    throttle = SignInThrottle.objects.get(username_key=worker.username)
    assert (throttle.failures, throttle.first_failure_at, throttle.locked_until) == (0, None, None)


def test_the_lock_ends_when_its_time_has_passed_in_the_database(worker: User) -> None:
    # The same, without touching the clock: the row's lock is moved into the past.
    _fail(worker.username, 5)
    past = timezone.now() - dt.timedelta(minutes=31)
    SignInThrottle.objects.filter(username_key=worker.username).update(first_failure_at=past, locked_until=past)

    assert post_sign_in(Client(), worker.username, code=code_for(worker)).status_code == 302


def test_a_success_resets_the_count(worker: User, clock: Clock) -> None:
    _fail(worker.username, 4)
    assert post_sign_in(Client(), worker.username, code=code_for(worker, clock.now)).status_code == 302

    pages = _fail(worker.username, 4)

    assert all(LOCKED not in page for page in pages)
    assert SignInThrottle.objects.get(username_key=worker.username).failures == 4


def test_failures_older_than_the_window_no_longer_count(worker: User, clock: Clock) -> None:
    _fail(worker.username, 4)
    clock.advance(seconds=settings.SIGN_IN_LOCKOUT_SECONDS + 1)

    fifth = _fail(worker.username, 1)[0]

    assert LOCKED not in fifth
    assert SignInThrottle.objects.get(username_key=worker.username).failures == 1


def test_lockout_and_refusals_while_locked_are_audited(worker: User, clock: Clock) -> None:
    _fail(worker.username, 5)
    _fail("no_such_person", 5)
    post_sign_in(Client(), worker.username, code=code_for(worker, clock.now))

    locked = AuditEvent.objects.filter(action="sign_in.locked").order_by("id")
    assert [(event.target_type, event.after["username"]) for event in locked] == [
        ("accounts.user", worker.username),
        ("accounts.signinthrottle", "no_such_person"),
    ]
    refused = AuditEvent.objects.get(action="sign_in.refused_locked")
    assert refused.after["username"] == worker.username
    assert AuditEvent.objects.filter(action="sign_in.failed").count() == 10
