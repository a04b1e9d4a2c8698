"""Referrals, screening decisions and meetings for the screening and queue tests, written directly with the models
inside `inside_action()` (as tests/front_door_records.py does), so these tests do not depend on the intake action."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from safecontext.accounts.models import Service, User
from safecontext.contexts.models import Context
from safecontext.core.actions_base import inside_action
from safecontext.front_door.codes import LawfulBasis, ReferralSource
from safecontext.front_door.models import Referral, ScreeningDecision
from safecontext.meetings.models import AgendaItem, Meeting
from safecontext.people.models import Person

LONDON = ZoneInfo("Europe/London")
BRIGHTON = "brighton-hove-continuum-of-need"
_serial = itertools.count(1)


def london(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def make_referral(
    *,
    by: User,
    children: Sequence[Person] = (),
    context: Context | None = None,
    service: Service | None = None,
    received_at: dt.datetime | None = None,
    decision_due_at: dt.datetime | None = None,
    source: str = ReferralSource.SCHOOLS,
    restricted: bool = False,
    concerns: str = "Seen getting into cars after school with older men",
) -> Referral:
    now = timezone.now()
    if service is None:
        service = children[0].service if children else context.service if context else by.service
    assert service is not None
    with inside_action():
        referral = Referral.objects.create(
            service=service,
            received_at=received_at or now - dt.timedelta(hours=2),
            source=source,
            referrer_name=f"Referrer {next(_serial)}",
            referrer_agency="Brightside Academy",
            about=Referral.About.CONTEXT if context else Referral.About.CHILDREN,
            subject_context=context,
            concerns=concerns,
            lawful_basis=LawfulBasis.PUBLIC_TASK,
            decision_due_at=decision_due_at or now + dt.timedelta(hours=20),
            recorded_by=by,
            restricted=restricted,
        )
        referral.children.set(children)
    return referral


def make_context(service: Service, name: str = "Bus route 7") -> Context:
    with inside_action():
        return Context.objects.create(
            service=service, kind=Context.Kind.PLACE, name=name, name_key=name.lower().replace(" ", "")
        )


def make_decision(
    referral: Referral,
    *,
    by: User,
    risk: str = ScreeningDecision.Risk.MEDIUM,
    route: str = "triage_meeting",
    next_step_due_at: dt.datetime | None = None,
    level: int = 3,
) -> ScreeningDecision:
    """A screening decision written directly (for queue tests), with the referral marked screened."""
    with inside_action():
        decision = ScreeningDecision.objects.create(
            referral=referral,
            framework_slug=BRIGHTON,
            framework_version="1",
            indicator_ids=[],
            suggested_level=level,
            decided_level=level,
            extra_familial_risk=risk,
            risk_rationale="Synthetic rationale",
            route=route,
            route_explanation="Synthetic explanation",
            next_step_due_at=next_step_due_at,
            decided_by=by,
            decided_at=timezone.now(),
        )
        referral.status = Referral.Status.SCREENED
        referral.version += 1
        referral.save()
    return decision


def make_meeting(
    *,
    service: Service,
    kind: str = Meeting.Kind.DAILY_TRIAGE,
    scheduled_for: dt.datetime,
    status: str = Meeting.Status.SCHEDULED,
    referrals: Sequence[Referral] = (),
) -> Meeting:
    with inside_action():
        meeting = Meeting.objects.create(service=service, kind=kind, scheduled_for=scheduled_for, status=status)
        for position, referral in enumerate(referrals, start=1):
            AgendaItem.objects.create(meeting=meeting, referral=referral, position=position)
    return meeting


def freeze_time(monkeypatch: pytest.MonkeyPatch, at: dt.datetime) -> None:
    """Make `timezone.now()` answer `at` for the rest of the test (the screening action reads the time from it)."""
    monkeypatch.setattr(timezone, "now", lambda: at)
