from __future__ import annotations

import pytest

from tests.analytics.matrix import IMMEDIATE_TASKS


@pytest.fixture
def immediate_tasks(settings):  # type: ignore[no-untyped-def]
    """Background tasks run at once, inside the request (Django's ImmediateBackend)."""
    settings.TASKS = IMMEDIATE_TASKS
