from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from safecontext.accounts import totp


@dataclass
class Clock:
    now: dt.datetime

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Stops `timezone.now()` 10 seconds into a 30-second TOTP step, so codes cannot roll over mid-test."""
    real = timezone.now()
    start = dt.datetime.fromtimestamp(totp.step_at(real) * totp.STEP_SECONDS + 10, tz=dt.UTC)
    frozen = Clock(start)
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen
