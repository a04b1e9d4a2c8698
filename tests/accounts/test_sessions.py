"""Session security: a new session id at sign-in, idle and absolute limits, disabled users, signing out."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from safecontext.accounts.middleware import LAST_ACTIVITY, SIGNED_IN_AT, SessionEnd, session_end
from safecontext.accounts.models import User
from safecontext.audit.models import AuditEvent
from tests import factories
from tests.accounts.conftest import Clock
from tests.accounts.helpers import SIGN_IN, code_for, is_signed_in, post_sign_in
from tests.conftest import World

IDLE_MESSAGE = "You were signed out after 30 minutes without activity"
ABSOLUTE_MESSAGE = "You were signed out after 12 hours"


@pytest.fixture
def worker(world: World) -> User:
    return world.users["allocated_worker"]


@pytest.fixture
def signed_in(worker: User, clock: Clock) -> Client:
    client = Client()
    assert post_sign_in(client, worker.username, code=code_for(worker, clock.now)).status_code == 302
    return client


def _shift_session(client: Client, **seconds_back: int) -> None:
    """Moves the session's own clock back, as if it had been signed in or idle that much longer."""
    session = client.session
    for key, seconds in seconds_back.items():
        session[key] -= seconds
    session.save()


def _bounced_to_sign_in_with(client: Client, message: str) -> None:
    response = client.get("/people/?q=x")
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/people/%3Fq%3Dx"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert message in page.content.decode()
    # Said once, not on every later visit.
    assert message not in client.get(SIGN_IN).content.decode()


def test_signing_in_gives_a_new_session_id(worker: User, clock: Clock) -> None:
    client = Client()
    session = client.session  # a session planted before sign-in (session fixation)
    session["planted"] = "by someone else"
    session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value

    post_sign_in(client, worker.username, code=code_for(worker, clock.now))

    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_activity_keeps_the_session_going_and_is_recorded(signed_in: Client, clock: Clock) -> None:
    start = int(clock.now.timestamp())
    for _ in range(3):
        clock.advance(minutes=25)
        assert is_signed_in(signed_in)

    assert signed_in.session[SIGNED_IN_AT] == start
    assert signed_in.session[LAST_ACTIVITY] == start + 75 * 60


def test_30_minutes_idle_signs_out_with_a_reason(signed_in: Client, clock: Clock) -> None:
    clock.advance(minutes=31)

    _bounced_to_sign_in_with(signed_in, IDLE_MESSAGE)


def test_the_idle_limit_is_enforced_from_the_session_not_only_the_cookie(signed_in: Client) -> None:
    # The session row is still current; only the activity time kept inside it says 31 minutes have passed.
    _shift_session(signed_in, **{LAST_ACTIVITY: 31 * 60})

    _bounced_to_sign_in_with(signed_in, IDLE_MESSAGE)
    assert AuditEvent.objects.filter(action="sign_out.idle").count() == 1


def test_12_hours_after_sign_in_the_session_ends_however_busy(signed_in: Client) -> None:
    _shift_session(signed_in, **{SIGNED_IN_AT: 12 * 60 * 60 + 1})

    _bounced_to_sign_in_with(signed_in, ABSOLUTE_MESSAGE)
    assert AuditEvent.objects.filter(action="sign_out.absolute").count() == 1


def test_a_session_with_no_sign_in_time_is_not_trusted(signed_in: Client) -> None:
    session = signed_in.session
    del session[SIGNED_IN_AT]
    session.save()

    _bounced_to_sign_in_with(signed_in, "Your session has ended")


def test_a_session_that_ends_is_removed(signed_in: Client) -> None:
    old_key = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    _shift_session(signed_in, **{LAST_ACTIVITY: 31 * 60})

    signed_in.get("/")

    assert not Session.objects.filter(session_key=old_key).exists()


@pytest.mark.parametrize(
    ("signed_in_ago", "idle_for", "expected"),
    [
        (0, 0, None),
        (11 * 3600, 29 * 60, None),
        (11 * 3600, 30 * 60, None),
        (11 * 3600, 30 * 60 + 1, SessionEnd.IDLE),
        (12 * 3600, 0, None),
        (12 * 3600 + 1, 0, SessionEnd.ABSOLUTE),
        (12 * 3600 + 1, 3600, SessionEnd.ABSOLUTE),
    ],
)
def test_session_end_rule(signed_in_ago: int, idle_for: int, expected: SessionEnd | None) -> None:
    now = 2_000_000_000
    result = session_end(
        now=now,
        signed_in_at=now - signed_in_ago,
        last_activity=now - idle_for,
        idle_seconds=30 * 60,
        absolute_seconds=12 * 3600,
    )
    assert result == expected


@pytest.mark.parametrize(("signed_in_at", "last_activity"), [(None, 1), (1, None), ("1", 1), (1.5, 1)])
def test_session_end_rule_refuses_missing_or_odd_times(signed_in_at: object, last_activity: object) -> None:
    result = session_end(
        now=10, signed_in_at=signed_in_at, last_activity=last_activity, idle_seconds=60, absolute_seconds=120
    )
    assert result == SessionEnd.UNKNOWN_START


def test_a_disabled_user_is_cut_off_on_the_next_request(signed_in: Client, worker: User) -> None:
    User.objects.filter(pk=worker.pk).update(is_active=False)

    response = signed_in.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/"
    assert not is_signed_in(signed_in)


def test_a_password_change_elsewhere_signs_out_other_sessions(signed_in: Client, worker: User) -> None:
    worker.set_password("a-brand-new-passphrase-for-tests")
    worker.save()

    assert signed_in.get("/").status_code == 302


def test_signing_out_must_be_a_post(signed_in: Client) -> None:
    response = signed_in.get("/account/sign-out/")

    assert response.status_code == 405
    assert is_signed_in(signed_in)


def test_signing_out_ends_the_session_and_is_audited(signed_in: Client, worker: User) -> None:
    old_key = signed_in.cookies[settings.SESSION_COOKIE_NAME].value

    response = signed_in.post("/account/sign-out/")

    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/"
    assert "You have signed out" in signed_in.get(response["Location"]).content.decode()
    assert signed_in.get("/").status_code == 302
    assert not Session.objects.filter(session_key=old_key).exists()
    event = AuditEvent.objects.get(action="sign_out.signed_out")
    assert (event.target_id, event.actor_id) == (str(worker.pk), worker.pk)


def test_signing_out_needs_the_csrf_token(worker: User, clock: Clock) -> None:
    # Another site cannot sign people out (or in) by posting a form at us.
    client = Client(enforce_csrf_checks=True)
    client.get(SIGN_IN)
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    assert post_sign_in(client, worker.username, code=code_for(worker, clock.now)).status_code == 403
    data = {"username": worker.username, "password": factories.PASSWORD, "code": code_for(worker, clock.now)}
    assert client.post(SIGN_IN, {**data, "csrfmiddlewaretoken": token}).status_code == 302

    assert client.post("/account/sign-out/").status_code == 403
    assert is_signed_in(client)


def test_anonymous_visitors_are_sent_to_sign_in(db: None) -> None:
    response = Client().get("/people/")

    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/people/"


def test_an_htmx_request_without_a_session_asks_for_a_whole_page_load(db: None) -> None:
    response = Client().get("/people/", headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"] == "/account/sign-in/"


@pytest.mark.parametrize("path", ["/account/sign-in/", "/api/openapi.json"])
def test_public_paths_need_no_session(db: None, path: str) -> None:
    assert Client().get(path).status_code == 200
