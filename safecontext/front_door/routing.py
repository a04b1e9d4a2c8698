"""Where a screened referral goes next, and by when.

Pure rules on plain data. The defaults follow Birmingham Children's Trust's Empower-U hub (seed 002): "Where
extra-familial risk on referral is identified as high, a multi-agency strategy discussion is requested, and medium or
low risk referrals will be discussed at Empower-U morning triage meetings." With no extra-familial risk, the child's
threshold level decides: the top (specialist) level goes to a social care assessment, the middle (early help) levels to
early help, the lowest (universal) level to signposting with the framework's own action text.

A council changes the rules as data (`RoutingRules`, or a TOML file read by `load_routing_rules`), never code. The
route is a suggestion with its reasons; a named practitioner decides (DESIGN.md: decision support, never automated
decisions). See docs/adr/0011-front-door-rules.md.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo

from safecontext.front_door.timescales import (
    LONDON,
    BankHolidays,
    decision_due,
    default_bank_holidays,
    next_working_day,
)


class ExtraFamilialRisk(StrEnum):
    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class RouteKind(StrEnum):
    STRATEGY_DISCUSSION = "strategy_discussion"
    TRIAGE_MEETING = "triage_meeting"
    SOCIAL_CARE_ASSESSMENT = "social_care_assessment"
    EARLY_HELP = "early_help"
    SIGNPOSTING = "signposting"

    @property
    def label(self) -> str:
        return _ROUTE_LABELS[self]


_ROUTE_LABELS = {
    RouteKind.STRATEGY_DISCUSSION: "Multi-agency strategy discussion",
    RouteKind.TRIAGE_MEETING: "Next daily triage meeting",
    RouteKind.SOCIAL_CARE_ASSESSMENT: "Social care assessment",
    RouteKind.EARLY_HELP: "Early help",
    RouteKind.SIGNPOSTING: "Signposting",
}

# What a risk rating may send a referral to in a council's rules; "by_level" hands the decision to the threshold level.
BY_LEVEL = "by_level"
_RISK_ROUTE_CHOICES = (RouteKind.STRATEGY_DISCUSSION, RouteKind.TRIAGE_MEETING, BY_LEVEL)


class DueBasis(StrEnum):
    NONE = "none"
    WORKING_DAYS_FROM_DECISION = "working_days_from_decision"
    WORKING_DAYS_FROM_REFERRAL = "working_days_from_referral"
    NEXT_TRIAGE_MEETING = "next_triage_meeting"


@dataclass(frozen=True)
class DueRule:
    """How the next step's due date is worked out. Kept as a rule, not a date, so it can be shown and re-run."""

    basis: DueBasis
    working_days: int = 0
    cut_off: time = time(17, 0)
    meeting_time: time = time(9, 30)

    def due_at(
        self, *, received_at: datetime, decided_at: datetime, bank_holidays: BankHolidays | None = None
    ) -> datetime | None:
        """The due moment (timezone-aware, London), or None when nothing further is due."""
        match self.basis:
            case DueBasis.NONE:
                return None
            case DueBasis.WORKING_DAYS_FROM_DECISION:
                return decision_due(
                    decided_at, working_days=self.working_days, cut_off=self.cut_off, bank_holidays=bank_holidays
                )
            case DueBasis.WORKING_DAYS_FROM_REFERRAL:
                return decision_due(
                    received_at, working_days=self.working_days, cut_off=self.cut_off, bank_holidays=bank_holidays
                )
            case DueBasis.NEXT_TRIAGE_MEETING:
                return next_triage_meeting(decided_at, meeting_time=self.meeting_time, bank_holidays=bank_holidays)

    def describe(self) -> str:
        days = f"{self.working_days} working day{'s' if self.working_days != 1 else ''}"
        match self.basis:
            case DueBasis.NONE:
                return "No further deadline"
            case DueBasis.WORKING_DAYS_FROM_DECISION:
                return f"Due within {days} of this decision"
            case DueBasis.WORKING_DAYS_FROM_REFERRAL:
                return f"Due within {days} of the referral being received"
            case DueBasis.NEXT_TRIAGE_MEETING:
                return f"At the next daily triage meeting ({self.meeting_time:%H:%M} on a working day)"


def _default_risk_routes() -> Mapping[ExtraFamilialRisk, str]:
    return MappingProxyType(
        {
            ExtraFamilialRisk.HIGH: RouteKind.STRATEGY_DISCUSSION,
            ExtraFamilialRisk.MEDIUM: RouteKind.TRIAGE_MEETING,
            ExtraFamilialRisk.LOW: RouteKind.TRIAGE_MEETING,
        }
    )


@dataclass(frozen=True)
class RoutingRules:
    """A council's routing rules. The defaults are Empower-U's (seed 002); the timescales are explained in ADR 11."""

    name: str = "Empower-U (Birmingham Children's Trust) defaults"
    # high / medium / low → strategy_discussion, triage_meeting or by_level. NONE always goes by level.
    risk_routes: Mapping[ExtraFamilialRisk, str] = field(default_factory=_default_risk_routes)
    # Working Together 2023, ch.3: the screening decision is due within one working day of the referral.
    decision_working_days: int = 1
    # The seed says a strategy discussion "is requested" and gives no timescale. A child rated at high risk of
    # harm outside the home may be suffering significant harm, so by default the discussion is due by the end of the
    # working day the decision counts from — the same clock as the screening decision itself (ADR 11).
    strategy_discussion_working_days: int = 1
    # Working Together 2023, ch.3: an assessment concludes within 45 working days of the point of referral at most.
    assessment_working_days: int = 45
    # Early help has no national timescale; None means no deadline until a council sets one.
    early_help_working_days: int | None = None
    # The seed's triage meets "in the morning" without a time; 09:30 leaves the first half hour for the overnight
    # referrals to be read.
    triage_meeting_time: time = time(9, 30)
    # Referrals arriving at or after this time count from the next working day.
    cut_off: time = time(17, 0)
    # How many of a framework's lowest levels are universal (signposting) and top levels specialist (social care).
    # The levels between are early help: 2 and 3 of Brighton & Hove's four; 2 of a three-level framework.
    universal_levels: int = 1
    specialist_levels: int = 1

    def __post_init__(self) -> None:
        errors = _rules_errors(self)
        if errors:
            raise RoutingRulesError("Routing rules are not valid: " + "; ".join(errors))
        # Normalise the keys and freeze the mapping, so a shared DEFAULT can't be altered by one caller.
        routes = {
            ExtraFamilialRisk(risk): target if target == BY_LEVEL else RouteKind(target)
            for risk, target in self.risk_routes.items()
        }
        object.__setattr__(self, "risk_routes", MappingProxyType(routes))

    def decision_due(self, received_at: datetime, *, bank_holidays: BankHolidays | None = None) -> datetime:
        """When the screening decision on a referral received at `received_at` is due, under these rules."""
        return decision_due(
            received_at, working_days=self.decision_working_days, cut_off=self.cut_off, bank_holidays=bank_holidays
        )


class RoutingRulesError(ValueError):
    """The routing rules (or their TOML file) are not valid; the message names the field."""


@dataclass(frozen=True)
class RouteDecision:
    kind: RouteKind
    due: DueRule
    explanation: str
    # The framework's action/contact text for the level, shown with early help and signposting.
    framework_action: str = ""


def route(
    *,
    risk: ExtraFamilialRisk,
    level_number: int,
    level_count: int,
    rules: RoutingRules | None = None,
    level_name: str = "",
    level_action: str = "",
) -> RouteDecision:
    """Suggest where a screened referral goes next, why, and by when.

    `level_number` is the decided threshold level (1 = lowest) of a framework with `level_count` levels;
    `level_name` and `level_action` are that level's name and action text from the framework, used in the
    explanation.
    """
    rules = rules or DEFAULT
    try:
        risk = ExtraFamilialRisk(risk)
    except ValueError:
        choices = ", ".join(r.value for r in ExtraFamilialRisk)
        raise ValueError(f"Unknown extra-familial risk {risk!r}: choose one of {choices}") from None
    _check_level(level_number, level_count, rules)
    level_text = f"level {level_number} of {level_count}" + (f" ({level_name})" if level_name else "")

    risk_route = rules.risk_routes.get(risk, BY_LEVEL) if risk is not ExtraFamilialRisk.NONE else BY_LEVEL
    if risk_route == RouteKind.STRATEGY_DISCUSSION:
        days = rules.strategy_discussion_working_days
        due = DueRule(DueBasis.WORKING_DAYS_FROM_DECISION, working_days=days, cut_off=rules.cut_off)
        return RouteDecision(
            kind=RouteKind.STRATEGY_DISCUSSION,
            due=due,
            explanation=(
                f"Extra-familial risk is {risk.value}: request a multi-agency strategy discussion. "
                f"{due.describe()}. Threshold {level_text}."
            ),
        )
    if risk_route == RouteKind.TRIAGE_MEETING:
        due = DueRule(DueBasis.NEXT_TRIAGE_MEETING, meeting_time=rules.triage_meeting_time, cut_off=rules.cut_off)
        return RouteDecision(
            kind=RouteKind.TRIAGE_MEETING,
            due=due,
            explanation=(
                f"Extra-familial risk is {risk.value}: discuss at the next daily triage meeting "
                f"({rules.triage_meeting_time:%H:%M}). Threshold {level_text}."
            ),
        )

    risk_text = (
        "No extra-familial risk identified"
        if risk is ExtraFamilialRisk.NONE
        else f"Extra-familial risk is {risk.value}, which these rules route by threshold level"
    )
    action = f" Framework action: {level_action}" if level_action else ""
    if level_number > level_count - rules.specialist_levels:
        due = DueRule(
            DueBasis.WORKING_DAYS_FROM_REFERRAL, working_days=rules.assessment_working_days, cut_off=rules.cut_off
        )
        return RouteDecision(
            kind=RouteKind.SOCIAL_CARE_ASSESSMENT,
            due=due,
            explanation=f"{risk_text}; threshold {level_text} is specialist: social care assessment. "
            f"{due.describe()}.{action}",
            framework_action=level_action,
        )
    if level_number > rules.universal_levels:
        if rules.early_help_working_days is None:
            due = DueRule(DueBasis.NONE)
        else:
            due = DueRule(
                DueBasis.WORKING_DAYS_FROM_DECISION, working_days=rules.early_help_working_days, cut_off=rules.cut_off
            )
        return RouteDecision(
            kind=RouteKind.EARLY_HELP,
            due=due,
            explanation=f"{risk_text}; threshold {level_text} is early help: refer to early help. "
            f"{due.describe()}.{action}",
            framework_action=level_action,
        )
    return RouteDecision(
        kind=RouteKind.SIGNPOSTING,
        due=DueRule(DueBasis.NONE),
        explanation=f"{risk_text}; threshold {level_text} is universal: signpost to universal services.{action}",
        framework_action=level_action,
    )


def next_triage_meeting(
    now: datetime,
    *,
    meeting_time: time = time(9, 30),
    tz: str = LONDON,
    bank_holidays: BankHolidays | None = None,
) -> datetime:
    """The next daily triage meeting strictly after `now`: today's if it is a working day and the meeting has not
    started, otherwise the next working day's. Timezone-aware, in London time."""
    if not isinstance(now, datetime) or now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    if meeting_time.tzinfo is not None:
        raise ValueError("The meeting time is a wall-clock time in London and must not carry a time zone")
    calendar = bank_holidays or default_bank_holidays()
    zone = ZoneInfo(tz)
    local = now.astimezone(zone)
    day = local.date()
    if calendar.is_working_day(day):
        today = datetime.combine(day, meeting_time, tzinfo=zone)
        if today > local:
            return today
    return datetime.combine(next_working_day(day, bank_holidays=calendar), meeting_time, tzinfo=zone)


def _check_level(level_number: int, level_count: int, rules: RoutingRules) -> None:
    for name, value in (("level_number", level_number), ("level_count", level_count)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name} must be a whole number (got {value!r})")
    minimum = rules.universal_levels + rules.specialist_levels
    if level_count < minimum:
        raise ValueError(
            f"A framework with {level_count} level(s) is too small for these rules, which need at least {minimum} "
            f"({rules.universal_levels} universal and {rules.specialist_levels} specialist)"
        )
    if not 1 <= level_number <= level_count:
        raise ValueError(f"Threshold level {level_number} does not exist: the framework has levels 1 to {level_count}")


def _rules_errors(rules: RoutingRules) -> list[str]:
    errors: list[str] = []
    if not isinstance(rules.name, str) or not rules.name.strip():
        errors.append("name must not be blank")
    if not isinstance(rules.risk_routes, Mapping):
        return [f"risk_routes must map low, medium and high to a route (got {rules.risk_routes!r})"]
    for risk, target in rules.risk_routes.items():
        if risk not in (ExtraFamilialRisk.LOW, ExtraFamilialRisk.MEDIUM, ExtraFamilialRisk.HIGH):
            errors.append(f"risk_routes: {risk!r} is not a risk that can be routed (use low, medium or high)")
        elif target not in _RISK_ROUTE_CHOICES:
            errors.append(
                f"risk_routes.{risk}: {target!r} is not one of " + ", ".join(str(c) for c in _RISK_ROUTE_CHOICES)
            )
    whole_numbers: list[tuple[str, object, int]] = [
        ("decision_working_days", rules.decision_working_days, 1),
        ("strategy_discussion_working_days", rules.strategy_discussion_working_days, 1),
        ("assessment_working_days", rules.assessment_working_days, 1),
        ("universal_levels", rules.universal_levels, 1),
        ("specialist_levels", rules.specialist_levels, 1),
    ]
    if rules.early_help_working_days is not None:
        whole_numbers.append(("early_help_working_days", rules.early_help_working_days, 1))
    for name, value, minimum in whole_numbers:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            errors.append(f"{name} must be a whole number, {minimum} or more (got {value!r})")
    for name, value in (("triage_meeting_time", rules.triage_meeting_time), ("cut_off", rules.cut_off)):
        if not isinstance(value, time) or value.tzinfo is not None:
            errors.append(f"{name} must be a wall-clock time such as 09:30 (got {value!r})")
    return errors


DEFAULT = RoutingRules()


# The TOML layout: every key optional, defaults as above; unknown keys are errors so a typo can't pass silently.
#
#   name = "Brightside front door"
#   cut_off = "17:00"
#   [extra_familial_risk]          # high / medium / low → strategy_discussion | triage_meeting | by_level
#   high = "strategy_discussion"
#   [timescales]                   # working days
#   decision = 1
#   strategy_discussion = 1
#   assessment = 45
#   early_help = 10                # optional
#   [triage_meeting]
#   time = "09:30"
#   [levels]
#   universal = 1
#   specialist = 1
_TOML_SECTIONS: dict[str, dict[str, str]] = {
    "extra_familial_risk": {"high": "", "medium": "", "low": ""},
    "timescales": {
        "decision": "decision_working_days",
        "strategy_discussion": "strategy_discussion_working_days",
        "assessment": "assessment_working_days",
        "early_help": "early_help_working_days",
    },
    "triage_meeting": {"time": "triage_meeting_time"},
    "levels": {"universal": "universal_levels", "specialist": "specialist_levels"},
}
_TOML_TOP = {"name": "name", "cut_off": "cut_off"}


def load_routing_rules(path: Path) -> RoutingRules:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RoutingRulesError(f"{path}: file not found") from None
    return routing_rules_from_toml(text, source=str(path))


def routing_rules_from_toml(text: str, *, source: str = "routing rules") -> RoutingRules:
    """Build RoutingRules from TOML text, with errors that name the file, section and key."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RoutingRulesError(f"{source}: not valid TOML: {error}") from None
    values: dict[str, object] = {}
    risk_routes: dict[ExtraFamilialRisk, object] = {}
    errors: list[str] = []
    for key, value in raw.items():
        if key in _TOML_TOP:
            values[_TOML_TOP[key]] = value
        elif key in _TOML_SECTIONS:
            if not isinstance(value, dict):
                errors.append(f"[{key}] must be a table")
                continue
            for inner, inner_value in value.items():
                if inner not in _TOML_SECTIONS[key]:
                    known = ", ".join(_TOML_SECTIONS[key])
                    errors.append(f"[{key}] {inner}: unknown key (expected one of {known})")
                elif key == "extra_familial_risk":
                    risk_routes[ExtraFamilialRisk(inner)] = inner_value
                else:
                    values[_TOML_SECTIONS[key][inner]] = inner_value
        else:
            known = ", ".join([*_TOML_TOP, *(f"[{section}]" for section in _TOML_SECTIONS)])
            errors.append(f"{key}: unknown key (expected one of {known})")
    if risk_routes:
        values["risk_routes"] = {**_default_risk_routes(), **risk_routes}
    for name in ("cut_off", "triage_meeting_time"):
        if name in values:
            parsed = _parse_time(values[name])
            if parsed is None:
                errors.append(f"{name}: {values[name]!r} is not a time written HH:MM")
            else:
                values[name] = parsed
    if errors:
        raise RoutingRulesError(f"{source}: " + "; ".join(errors))
    try:
        return RoutingRules(**values)  # type: ignore[arg-type]  # each value is checked by RoutingRules itself
    except RoutingRulesError as error:
        raise RoutingRulesError(f"{source}: {error}") from None


def _parse_time(value: object) -> time | None:
    if isinstance(value, time) and value.tzinfo is None:
        return value  # TOML's own local-time syntax (09:30:00)
    if not isinstance(value, str):
        return None
    try:
        parsed = time.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is None else None
