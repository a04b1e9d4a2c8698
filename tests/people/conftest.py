from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.conftest import World


@pytest.fixture
def login(world: World) -> Callable[[str], Client]:
    """A client signed in as a persona. force_login skips the password and TOTP steps (tested with sign-in itself);
    everything after sign-in — middleware, URL policy, scope, audit — runs as for a real session."""

    def _login(persona: str) -> Client:
        client = Client()
        client.force_login(world.users[persona])
        return client

    return _login
