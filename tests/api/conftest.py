"""API test helpers: a client that sends a bearer token issued the way an administrator issues one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from safecontext.accounts.models import User
from safecontext.accounts.tokens import issue_api_token
from tests.conftest import World


def token_client(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


def api_client(user: User) -> Client:
    return token_client(issue_api_token(user=user, by=None))


@pytest.fixture
def api_client_for(world: World) -> Callable[[str], Client]:
    def _api_client_for(persona: str) -> Client:
        return api_client(world.users[persona])

    return _api_client_for
