"""API test helpers: a client that sends a bearer token issued the way an administrator issues one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from safecontext.accounts.models import User
from safecontext.accounts.tokens import issue_api_token
from tests.conftest import World


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    # `world` makes eleven users; the production hasher (PBKDF2, ~1M iterations) makes that take seconds per test.
    # Passwords are not what these tests are about.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def token_client(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


def api_client(user: User) -> Client:
    return token_client(issue_api_token(user=user, by=None))


@pytest.fixture
def api_client_for(world: World) -> Callable[[str], Client]:
    def _api_client_for(persona: str) -> Client:
        return api_client(world.users[persona])

    return _api_client_for
