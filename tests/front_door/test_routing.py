"""Routing: Empower-U's defaults for every risk and level, due-date rules, the next triage meeting, council rules
from TOML, and clear errors for bad input."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from safecontext.front_door import routing
from safecontext.front_door.routing import (
    BY_LEVEL,
    DEFAULT,
    DueBasis,
    ExtraFamilialRisk,
    RouteKind,
    RoutingRules,
    RoutingRulesError,
    load_routing_rules,
    next_triage_meeting,
    route,
    routing_rules_from_toml,
)

LONDON = ZoneInfo("Europe/London")
DATA = Path(routing.__file__).parent / "data"


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def end_of(day: date) -> datetime:
    return datetime.combine(day, time.max, tzinfo=LONDON)


# Brighton & Hove's four levels (seed 003) and a three-level framework (Universal, Family Help, Specialist).
FOUR_LEVELS = {
    1: RouteKind.SIGNPOSTING,
    2: RouteKind.EARLY_HELP,
    3: RouteKind.EARLY_HELP,
    4: RouteKind.SOCIAL_CARE_ASSESSMENT,
}
THREE_LEVELS = {1: RouteKind.SIGNPOSTING, 2: RouteKind.EARLY_HELP, 3: RouteKind.SOCIAL_CARE_ASSESSMENT}


@pytest.mark.parametrize("level_count", [3, 4])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
@pytest.mark.parametrize(
    ("risk", "expected"),
    [
        (ExtraFamilialRisk.HIGH, RouteKind.STRATEGY_DISCUSSION),
        (ExtraFamilialRisk.MEDIUM, RouteKind.TRIAGE_MEETING),
        (ExtraFamilialRisk.LOW, RouteKind.TRIAGE_MEETING),
        (ExtraFamilialRisk.NONE, None),  # by threshold level
    ],
)
def test_default_routes_for_every_risk_and_level(
    risk: ExtraFamilialRisk, expected: RouteKind | None, level: int, level_count: int
) -> None:
    if level > level_count:
        with pytest.raises(ValueError, match="does not exist"):
            route(risk=risk, level_number=level, level_count=level_count)
        return
    decision = route(risk=risk, level_number=level, level_count=level_count)
    by_level = (FOUR_LEVELS if level_count == 4 else THREE_LEVELS)[level]
    assert decision.kind == (expected or by_level)
    assert f"level {level} of {level_count}" in decision.explanation


def test_high_risk_asks_for_a_strategy_discussion_due_within_one_working_day_of_the_decision() -> None:
    decision = route(risk=ExtraFamilialRisk.HIGH, level_number=2, level_count=4)
    assert decision.kind is RouteKind.STRATEGY_DISCUSSION
    assert decision.due.basis is DueBasis.WORKING_DAYS_FROM_DECISION and decision.due.working_days == 1
    assert "strategy discussion" in decision.explanation and "Extra-familial risk is high" in decision.explanation
    received = london(2024, 6, 13, 11, 0)
    assert decision.due.due_at(received_at=received, decided_at=london(2024, 6, 14, 10, 0)) == end_of(date(2024, 6, 14))
    # Decided on Friday evening: by the end of Monday.
    assert decision.due.due_at(received_at=received, decided_at=london(2024, 6, 14, 18, 0)) == end_of(date(2024, 6, 17))


def test_medium_and_low_risk_go_to_the_next_triage_meeting() -> None:
    for risk in (ExtraFamilialRisk.MEDIUM, ExtraFamilialRisk.LOW):
        decision = route(risk=risk, level_number=4, level_count=4)
        assert decision.kind is RouteKind.TRIAGE_MEETING
        assert "next daily triage meeting (09:30)" in decision.explanation
        due = decision.due.due_at(received_at=london(2024, 6, 13, 8, 0), decided_at=london(2024, 6, 14, 8, 0))
        assert due == london(2024, 6, 14, 9, 30)


def test_no_risk_routes_by_level_with_the_frameworks_action_text() -> None:
    action = "Go direct to Service or search the Family Service Directory for the Local Offer"
    decision = route(
        risk=ExtraFamilialRisk.NONE, level_number=1, level_count=4, level_name="Universal", level_action=action
    )
    assert decision.kind is RouteKind.SIGNPOSTING
    assert decision.framework_action == action
    assert action in decision.explanation and "(Universal)" in decision.explanation
    assert decision.due.basis is DueBasis.NONE
    assert decision.due.due_at(received_at=london(2024, 6, 14, 8, 0), decided_at=london(2024, 6, 14, 9, 0)) is None

    early_help = route(risk=ExtraFamilialRisk.NONE, level_number=3, level_count=4, level_action="Early Help plan")
    assert early_help.kind is RouteKind.EARLY_HELP and early_help.framework_action == "Early Help plan"
    assert early_help.due.basis is DueBasis.NONE  # no national timescale for early help


def test_specialist_level_goes_to_a_social_care_assessment_due_within_45_working_days_of_referral() -> None:
    decision = route(risk=ExtraFamilialRisk.NONE, level_number=4, level_count=4)
    assert decision.kind is RouteKind.SOCIAL_CARE_ASSESSMENT
    assert decision.due.basis is DueBasis.WORKING_DAYS_FROM_REFERRAL and decision.due.working_days == 45
    due = decision.due.due_at(received_at=london(2024, 6, 3, 10, 0), decided_at=london(2024, 6, 3, 15, 0))
    # Monday 3 June is working day 1; day 45 is Friday 2 August (no bank holidays in between).
    assert due == end_of(date(2024, 8, 2))


def test_a_council_can_change_the_rules() -> None:
    rules = RoutingRules(
        name="Brightside",
        risk_routes={ExtraFamilialRisk.HIGH: RouteKind.STRATEGY_DISCUSSION, ExtraFamilialRisk.LOW: BY_LEVEL},
        early_help_working_days=10,
        triage_meeting_time=time(10, 0),
        universal_levels=2,
    )
    low = route(risk=ExtraFamilialRisk.LOW, level_number=3, level_count=4, rules=rules)
    assert low.kind is RouteKind.EARLY_HELP
    assert "rules route by threshold level" in low.explanation
    assert low.due.basis is DueBasis.WORKING_DAYS_FROM_DECISION and low.due.working_days == 10
    assert route(risk=ExtraFamilialRisk.NONE, level_number=2, level_count=4, rules=rules).kind is RouteKind.SIGNPOSTING
    # MEDIUM is not mapped, so it also goes by level.
    assert route(risk=ExtraFamilialRisk.MEDIUM, level_number=4, level_count=4, rules=rules).kind is (
        RouteKind.SOCIAL_CARE_ASSESSMENT
    )


def test_the_rules_give_the_screening_decision_due_date() -> None:
    assert DEFAULT.decision_due(london(2024, 6, 14, 18, 0)) == end_of(date(2024, 6, 17))
    assert RoutingRules(cut_off=time(19, 0)).decision_due(london(2024, 6, 14, 18, 0)) == end_of(date(2024, 6, 14))


def test_the_default_rules_cannot_be_altered_by_a_caller() -> None:
    with pytest.raises(TypeError):
        DEFAULT.risk_routes[ExtraFamilialRisk.HIGH] = RouteKind.TRIAGE_MEETING  # type: ignore[index]


# --- the next triage meeting --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (london(2024, 6, 17, 8, 0), london(2024, 6, 17, 9, 30)),  # Monday before the meeting: today
        (london(2024, 6, 17, 9, 30), london(2024, 6, 18, 9, 30)),  # exactly at the start: strictly after, tomorrow
        (london(2024, 6, 17, 12, 0), london(2024, 6, 18, 9, 30)),
        (london(2024, 6, 14, 12, 0), london(2024, 6, 17, 9, 30)),  # Friday → Monday
        (london(2024, 6, 15, 8, 0), london(2024, 6, 17, 9, 30)),  # Saturday → Monday
        (london(2024, 5, 3, 12, 0), london(2024, 5, 7, 9, 30)),  # Friday before a bank holiday Monday → Tuesday
        (london(2022, 6, 1, 12, 0), london(2022, 6, 6, 9, 30)),  # over the Platinum Jubilee
        (london(2024, 3, 28, 12, 0), london(2024, 4, 2, 9, 30)),  # over Easter (and into summer time)
        (datetime(2024, 6, 17, 8, 45, tzinfo=ZoneInfo("UTC")), london(2024, 6, 18, 9, 30)),  # 09:45 in London
    ],
)
def test_next_triage_meeting(now: datetime, expected: datetime) -> None:
    meeting = next_triage_meeting(now)
    assert meeting == expected
    assert meeting.tzinfo == LONDON


def test_next_triage_meeting_at_a_council_time() -> None:
    assert next_triage_meeting(london(2024, 6, 17, 9, 45), meeting_time=time(10, 0)) == london(2024, 6, 17, 10, 0)


def test_next_triage_meeting_needs_an_aware_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_triage_meeting(datetime(2024, 6, 17, 8, 0))


# --- bad input ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"risk": "severe", "level_number": 1, "level_count": 4}, "Unknown extra-familial risk 'severe'"),
        ({"risk": "none", "level_number": 0, "level_count": 4}, "level 0 does not exist"),
        ({"risk": "none", "level_number": 5, "level_count": 4}, "level 5 does not exist.*1 to 4"),
        ({"risk": "none", "level_number": 1, "level_count": 1}, "too small for these rules"),
        ({"risk": "none", "level_number": True, "level_count": 4}, "level_number must be a whole number"),
        ({"risk": "none", "level_number": "2", "level_count": 4}, "level_number must be a whole number"),
    ],
)
def test_bad_route_input_is_refused_clearly(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        route(**kwargs)  # type: ignore[arg-type]


def test_a_risk_given_as_text_is_accepted() -> None:
    assert route(risk="high", level_number=1, level_count=4).kind is RouteKind.STRATEGY_DISCUSSION  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"strategy_discussion_working_days": 0}, "strategy_discussion_working_days must be a whole number, 1 or more"),
        ({"assessment_working_days": -5}, "assessment_working_days"),
        ({"early_help_working_days": 0}, "early_help_working_days"),
        ({"universal_levels": 0}, "universal_levels"),
        ({"risk_routes": {ExtraFamilialRisk.HIGH: "early_help"}}, "risk_routes.high: 'early_help' is not one of"),
        ({"risk_routes": {ExtraFamilialRisk.NONE: RouteKind.TRIAGE_MEETING}}, "not a risk that can be routed"),
        ({"triage_meeting_time": "09:30"}, "triage_meeting_time must be a wall-clock time"),
        ({"name": " "}, "name must not be blank"),
    ],
)
def test_invalid_rules_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(RoutingRulesError, match=message):
        RoutingRules(**kwargs)  # type: ignore[arg-type]


# --- rules from TOML ------------------------------------------------------------------------------------------------


def test_the_shipped_default_file_equals_the_defaults_in_code() -> None:
    assert load_routing_rules(DATA / "routing-rules-default.toml") == DEFAULT


def test_a_council_file_overrides_only_what_it_says() -> None:
    rules = routing_rules_from_toml(
        """
        name = "Brightside front door"
        cut_off = "16:00"
        [extra_familial_risk]
        low = "by_level"
        [timescales]
        early_help = 10
        [triage_meeting]
        time = 10:00:00
        """
    )
    assert rules.name == "Brightside front door"
    assert rules.cut_off == time(16, 0)
    assert rules.triage_meeting_time == time(10, 0)
    assert rules.early_help_working_days == 10
    assert rules.risk_routes[ExtraFamilialRisk.LOW] == BY_LEVEL
    assert rules.risk_routes[ExtraFamilialRisk.HIGH] is RouteKind.STRATEGY_DISCUSSION  # kept from the defaults
    assert rules.assessment_working_days == 45


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = "x', "council.toml: not valid TOML"),
        ('nmae = "x"', "nmae: unknown key"),
        ("[timescales]\nstrategy = 1", r"\[timescales\] strategy: unknown key \(expected one of decision,"),
        ("[extra_familial_risk]\nsevere = 'strategy_discussion'", r"\[extra_familial_risk\] severe: unknown key"),
        ("[extra_familial_risk]\nhigh = 'police'", "risk_routes.high: 'police' is not one of"),
        ("timescales = 3", r"\[timescales\] must be a table"),
        ('cut_off = "5pm"', "cut_off: '5pm' is not a time written HH:MM"),
        ("[triage_meeting]\ntime = 930", "triage_meeting_time: 930 is not a time"),
        ("[timescales]\nassessment = 'forty-five'", "assessment_working_days must be a whole number"),
        ("[levels]\nspecialist = 0", "specialist_levels must be a whole number, 1 or more"),
    ],
)
def test_bad_toml_is_refused_with_the_file_and_key_named(text: str, message: str) -> None:
    with pytest.raises(RoutingRulesError, match=message) as error:
        routing_rules_from_toml(text, source="council.toml")
    assert str(error.value).startswith("council.toml: ")


def test_a_missing_rules_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RoutingRulesError, match="file not found"):
        load_routing_rules(tmp_path / "missing.toml")
