"""The screening action: suggestion and decision recorded, overrides explained, routes that create meetings, one
screening per referral, version conflicts, nothing half-saved, and an audit event for each change."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from safecontext.audit.actions import AuditWriteFailed, record_change
from safecontext.audit.models import AuditEvent
from safecontext.core.actions_base import inside_action
from safecontext.front_door.actions.screening import AlreadyScreened, ScreeningConflict, screen_referral
from safecontext.front_door.models import Referral, ScreeningDecision
from safecontext.meetings import scheduling
from safecontext.meetings.models import AgendaItem, Meeting
from safecontext.thresholds.loader import latest_framework
from tests.conftest import World
from tests.front_door.factories_screening import (
    BRIGHTON,
    LONDON,
    freeze_time,
    london,
    make_context,
    make_meeting,
    make_referral,
)

pytestmark = pytest.mark.django_db

# Indicators of Brighton & Hove's Continuum of Need v1 (thresholds/frameworks/…/v1.toml).
ABSENCE_L2 = "cdn-2-01"  # Absence/truancy from school
MISSING_L2 = "cdn-2-02"  # Incidence of absence/missing from home
PERSISTENT_ABSENCE_L3 = "cdn-3-01"  # Persistent absence from school
CHRONIC_ABSENCE_L4 = "cdn-4-01"


def _screen(referral: Referral, world: World, **overrides: Any) -> ScreeningDecision:
    values: dict[str, Any] = {
        "framework_slug": BRIGHTON,
        "framework_version": "1",
        "indicator_ids": [ABSENCE_L2, PERSISTENT_ABSENCE_L3],
        "decided_level": 3,
        "level_rationale": "",
        "extra_familial_risk": "medium",
        "risk_rationale": "Seen with older men near the station on three evenings",
        "by": world.users["front_door"],
    }
    values.update(overrides)
    return screen_referral(referral=referral, **values)


def _nothing_saved(referral: Referral) -> None:
    referral.refresh_from_db()
    assert referral.status == Referral.Status.AWAITING_SCREENING
    assert referral.version == 1
    assert not ScreeningDecision.objects.filter(referral=referral).exists()
    assert not AgendaItem.objects.filter(referral=referral).exists()
    assert not Meeting.objects.exists()
    assert not AuditEvent.objects.filter(action__in=["referral.screened", "meeting.created"]).exists()


@pytest.fixture
def referral(world: World) -> Referral:
    return make_referral(by=world.users["front_door"], children=[world.child])


# --- suggestion and decision ------------------------------------------------------------------------------------


def test_records_the_framework_version_the_suggestion_and_the_decision(world: World, referral: Referral) -> None:
    decision = _screen(referral, world)

    assert decision.framework_slug == BRIGHTON
    assert decision.framework_version == latest_framework(BRIGHTON).version == "1"
    assert decision.indicator_ids == [ABSENCE_L2, PERSISTENT_ABSENCE_L3]
    assert decision.suggested_level == 3  # the highest level among the ticked indicators
    assert decision.decided_level == 3
    assert decision.level_rationale == ""
    assert decision.extra_familial_risk == "medium"
    assert decision.risk_rationale.startswith("Seen with older men")
    assert decision.decided_by == world.users["front_door"]
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SCREENED
    assert referral.version == 2


def test_a_decision_that_differs_from_the_suggestion_needs_a_written_reason(world: World, referral: Referral) -> None:
    with pytest.raises(ValidationError) as raised:
        _screen(referral, world, decided_level=2, level_rationale="   ")
    assert raised.value.message_dict == {
        "level_rationale": [
            "Explain why you decided on level 2 Early Help when the suggestion is level 3 Early Help Partnership Plus"
        ]
    }
    _nothing_saved(referral)

    decision = _screen(referral, world, decided_level=2, level_rationale="School reports improving attendance")
    assert (decision.suggested_level, decision.decided_level) == (3, 2)
    assert decision.level_rationale == "School reports improving attendance"


def test_every_problem_is_reported_at_once_and_nothing_is_saved(world: World, referral: Referral) -> None:
    with pytest.raises(ValidationError) as raised:
        _screen(
            referral,
            world,
            indicator_ids=["cdn-9-99"],
            decided_level=7,
            extra_familial_risk="severe",
            risk_rationale="",
            route_override="teleport",
        )
    errors = raised.value.message_dict
    assert set(errors) == {"indicators", "decided_level", "extra_familial_risk", "risk_rationale", "route_override"}
    assert "cdn-9-99" in errors["indicators"][0]
    assert errors["decided_level"] == [
        "Select one of the levels of Brighton & Hove Continuum of Need (version 1): 1 to 4"
    ]
    assert errors["risk_rationale"] == ["Explain your rating of the extra-familial risk"]
    _nothing_saved(referral)


def test_an_unknown_framework_is_refused_with_its_name(world: World, referral: Referral) -> None:
    with pytest.raises(ValidationError) as raised:
        _screen(referral, world, framework_slug="no-such-framework")
    assert "no-such-framework" in raised.value.message_dict["framework"][0]
    _nothing_saved(referral)


# --- routes -----------------------------------------------------------------------------------------------------


def test_high_risk_requests_a_strategy_discussion_with_every_child_on_its_agenda(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    sibling = world.other_child
    referral = make_referral(by=world.users["front_door"], children=[world.child, sibling])
    freeze_time(monkeypatch, london(2026, 11, 25, 11, 0))  # a Wednesday morning

    decision = _screen(referral, world, extra_familial_risk="high", indicator_ids=[CHRONIC_ABSENCE_L4], decided_level=4)

    assert decision.route == "strategy_discussion"
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.STRATEGY_DISCUSSION
    assert meeting.service == referral.service
    # Due by the end of the working day the decision counts from (ADR 11): Wednesday.
    assert meeting.due_by == london(2026, 11, 25, 23, 59).replace(second=59, microsecond=999999)
    assert decision.next_step_due_at == meeting.due_by
    items = list(meeting.items.order_by("position"))
    assert [(item.referral, item.child, item.position) for item in items] == [
        (referral, world.child, 1),
        (referral, sibling, 2),
    ]
    assert "Extra-familial risk is high" in decision.route_explanation


def test_a_context_referral_at_high_risk_puts_the_context_on_the_agenda(world: World) -> None:
    park = make_context(world.child.service, "Sample Park")
    referral = make_referral(by=world.users["front_door"], context=park)

    _screen(referral, world, extra_familial_risk="high")

    item = AgendaItem.objects.get(meeting__kind=Meeting.Kind.STRATEGY_DISCUSSION)
    assert (item.referral, item.child, item.context) == (referral, None, park)


@pytest.mark.parametrize(
    ("decided_at", "meeting_at"),
    [
        (london(2026, 11, 25, 8, 0), london(2026, 11, 25, 9, 30)),  # Wednesday before the meeting: the same morning
        (london(2026, 11, 25, 9, 30), london(2026, 11, 26, 9, 30)),  # as it starts: the next one
        (london(2026, 11, 27, 18, 0), london(2026, 11, 30, 9, 30)),  # Friday evening: Monday
        (london(2026, 8, 28, 18, 0), london(2026, 9, 1, 9, 30)),  # Friday before the August bank holiday: Tuesday
        (london(2026, 12, 24, 17, 30), london(2026, 12, 29, 9, 30)),  # Christmas Day, then Boxing Day's substitute
    ],
)
def test_medium_risk_goes_on_the_next_daily_triage_meeting(
    world: World,
    referral: Referral,
    monkeypatch: pytest.MonkeyPatch,
    decided_at: dt.datetime,
    meeting_at: dt.datetime,
) -> None:
    freeze_time(monkeypatch, decided_at)

    decision = _screen(referral, world, extra_familial_risk="medium")

    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.DAILY_TRIAGE
    assert meeting.scheduled_for == meeting_at
    assert decision.route == "triage_meeting"
    assert decision.next_step_due_at == meeting_at
    item = meeting.items.get()
    assert (item.referral, item.child) == (referral, world.child)


def test_referrals_screened_for_the_same_slot_share_one_triage_meeting(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    slot = london(2026, 11, 30, 9, 30)
    existing = make_meeting(service=world.child.service, scheduled_for=slot)
    with inside_action():
        AgendaItem.objects.create(meeting=existing, child=world.mother, position=1)
    first = make_referral(by=world.users["front_door"], children=[world.child])
    second = make_referral(by=world.users["front_door"], children=[world.other_child])
    freeze_time(monkeypatch, london(2026, 11, 27, 18, 0))

    _screen(first, world, extra_familial_risk="low")
    _screen(second, world, extra_familial_risk="medium")

    assert Meeting.objects.count() == 1
    assert [(item.child, item.position) for item in existing.items.order_by("position")] == [
        (world.mother, 1),
        (world.child, 2),
        (world.other_child, 3),
    ]
    # The meeting already existed: no "meeting.created" event for it.
    assert not AuditEvent.objects.filter(action="meeting.created").exists()


def test_no_risk_at_level_1_signposts_with_the_frameworks_action_text(world: World, referral: Referral) -> None:
    decision = _screen(referral, world, indicator_ids=[], decided_level=1, extra_familial_risk="none")

    assert decision.suggested_level == 1
    assert decision.route == "signposting"
    level_1 = latest_framework(BRIGHTON).level(1)
    assert level_1.action.startswith("Go direct to Service")
    assert f"Framework action: {level_1.action}" in decision.route_explanation
    assert decision.next_step_due_at is None
    assert not Meeting.objects.exists()


def test_no_risk_at_the_top_level_goes_to_a_social_care_assessment_due_in_45_working_days(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    referral = make_referral(
        by=world.users["front_door"], children=[world.child], received_at=london(2026, 11, 2, 10, 0)
    )
    freeze_time(monkeypatch, london(2026, 11, 2, 15, 0))

    decision = _screen(referral, world, indicator_ids=[CHRONIC_ABSENCE_L4], decided_level=4, extra_familial_risk="none")

    assert decision.route == "social_care_assessment"
    # Working Together's 45 working days from the referral: Monday 2 November is day 1. Nine weeks would end on
    # Friday 1 January, but Christmas Day, Monday 28 December (Boxing Day's substitute) and New Year's Day are bank
    # holidays, so day 45 is Wednesday 6 January 2027.
    assert decision.next_step_due_at is not None
    assert decision.next_step_due_at.astimezone(LONDON).date() == dt.date(2027, 1, 6)
    assert not Meeting.objects.exists()


def test_the_practitioner_may_choose_another_route_with_a_reason(world: World, referral: Referral) -> None:
    with pytest.raises(ValidationError) as raised:
        _screen(referral, world, extra_familial_risk="high", route_override="triage_meeting")
    assert raised.value.message_dict == {
        "route_rationale": [
            "Explain why you chose next daily triage meeting instead of the suggested multi-agency strategy discussion"
        ]
    }
    _nothing_saved(referral)

    decision = _screen(
        referral,
        world,
        extra_familial_risk="high",
        route_override="triage_meeting",
        route_rationale="Police confirm the adult is in custody; triage tomorrow is soon enough",
    )
    assert decision.route == "triage_meeting"
    assert "Police confirm the adult is in custody" in decision.route_explanation
    assert "Suggested: Multi-agency strategy discussion" in decision.route_explanation
    assert Meeting.objects.get().kind == Meeting.Kind.DAILY_TRIAGE
    event = AuditEvent.objects.get(action="referral.screened")
    assert event.after["suggested_route"] == "strategy_discussion"
    assert event.after["route"] == "triage_meeting"
    assert event.after["route_rationale"].startswith("Police confirm")


def test_choosing_the_suggested_route_needs_no_reason(world: World, referral: Referral) -> None:
    decision = _screen(referral, world, extra_familial_risk="high", route_override="strategy_discussion")
    assert decision.route == "strategy_discussion"


# --- one screening, current versions, nothing half-saved ----------------------------------------------------------


def test_a_referral_is_screened_once_and_a_second_attempt_says_who_and_when(
    world: World, referral: Referral, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze_time(monkeypatch, london(2026, 11, 25, 10, 15))
    _screen(referral, world)
    other = world.users["manager"]  # team managers may screen too

    with pytest.raises(AlreadyScreened) as raised:
        _screen(referral, world, by=other, expected_version=2)

    message = str(raised.value)
    assert world.users["front_door"].display_name in message
    assert "25 November 2026 at 10:15" in message
    assert ScreeningDecision.objects.filter(referral=referral).count() == 1
    assert AgendaItem.objects.filter(referral=referral).count() == 1


def test_a_stale_form_gets_a_conflict_not_an_overwrite(world: World, referral: Referral) -> None:
    with inside_action():  # someone changes the referral after the practitioner opened it
        referral.version = 2
        referral.save()
    referral.version = 1

    with pytest.raises(ScreeningConflict) as raised:
        _screen(referral, world, expected_version=1)

    assert not isinstance(raised.value, AlreadyScreened)
    assert raised.value.current_version == 2
    assert "changed since you opened it" in str(raised.value)
    assert not ScreeningDecision.objects.exists()


def test_a_closed_referral_cannot_be_screened(world: World, referral: Referral) -> None:
    with inside_action():
        referral.status = Referral.Status.CLOSED
        referral.save()
    with pytest.raises(ScreeningConflict, match="closed"):
        _screen(referral, world)
    assert not ScreeningDecision.objects.exists()


def test_a_failed_audit_write_leaves_nothing_behind(
    world: World, referral: Referral, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_on_agenda(**kwargs: Any) -> AuditEvent:
        if kwargs["action"] == "meeting.item_added":
            raise AuditWriteFailed("could not record meeting.item_added")
        return record_change(**kwargs)

    monkeypatch.setattr(scheduling, "record_change", failing_on_agenda)

    with pytest.raises(AuditWriteFailed):
        _screen(referral, world, extra_familial_risk="high")

    _nothing_saved(referral)


def test_each_change_writes_an_audit_event(world: World, referral: Referral) -> None:
    decision = _screen(referral, world, extra_familial_risk="high", level_rationale="")

    events = {event.action: event for event in AuditEvent.objects.all()}
    assert set(events) == {"referral.screened", "referral.status_changed", "meeting.created", "meeting.item_added"}
    screened = events["referral.screened"]
    assert screened.target_type == "front_door.screeningdecision"
    assert screened.target_id == str(decision.pk)
    assert screened.actor_username == world.users["front_door"].username
    assert screened.after["framework_version"] == "1"
    assert screened.after["suggested_level"] == 3
    assert screened.after["due_rule"] == "Due within 1 working day of this decision"
    status = events["referral.status_changed"]
    assert (status.before, status.after) == (
        {"status": "awaiting_screening", "version": 1},
        {"status": "screened", "version": 2},
    )
    assert events["meeting.item_added"].after["child_id"] == world.child.pk
