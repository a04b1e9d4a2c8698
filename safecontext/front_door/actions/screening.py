"""The screening decision on a referral, and the route it sends the referral on (issue 3, capabilities 4 and 5).

Decision support, never an automated decision (DESIGN.md): the threshold framework suggests a level from the ticked
indicators (thresholds/suggestion.py) and the routing rules suggest a route (front_door/routing.py); a named
practitioner decides both, and any departure from a suggestion needs a written reason. The decision records the
framework's slug and version, so it stays readable after a new version ships (docs/adr/0010).

One screening is one transaction: the decision, the referral's new status and version, the strategy discussion or
triage agenda items it creates, and an audit event for each change — all saved, or (on any error) none of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.audit.actions import record_change
from safecontext.core.actions_base import action
from safecontext.core.validation import ValidationErrors
from safecontext.front_door import routing
from safecontext.front_door.models import Referral, ScreeningDecision
from safecontext.front_door.routing import DueBasis, DueRule, ExtraFamilialRisk, RouteDecision, RouteKind
from safecontext.front_door.timescales import OutsideCalendarError
from safecontext.meetings import scheduling
from safecontext.thresholds import loader
from safecontext.thresholds.framework import Framework, FrameworkError, Level, UnknownFramework
from safecontext.thresholds.suggestion import Suggestion, UnknownIndicators, needs_override_rationale, suggest_level

if TYPE_CHECKING:
    from safecontext.accounts.models import User

# Long enough for any rationale a practitioner writes; short enough that a pasted document is refused, not stored.
MAX_RATIONALE_LENGTH = 10_000


class ScreeningConflict(Exception):
    """The referral is not as the practitioner saw it: changed since the form was loaded, or no longer open.
    Nothing was saved; the page must say what happened rather than overwrite someone else's work."""

    def __init__(self, message: str, *, referral: Referral) -> None:
        super().__init__(message)
        self.message = message
        self.referral = referral
        self.current_version = referral.version


class AlreadyScreened(ScreeningConflict):
    """A referral is screened once. The message says who screened it and when."""

    def __init__(self, *, referral: Referral, decision: ScreeningDecision) -> None:
        when = timezone.localtime(decision.decided_at)
        self.decided_by_name = decision.decided_by.display_name
        self.decided_at = decision.decided_at
        self.decision = decision
        super().__init__(
            f"This referral has already been screened, by {self.decided_by_name} on "
            f"{when.day} {when:%B %Y} at {when:%H:%M}. Your decision has not been saved.",
            referral=referral,
        )


@dataclass(frozen=True)
class ScreeningPlan:
    """A checked screening, ready to save: what was suggested, what was decided, and where the referral goes."""

    framework: Framework
    indicator_ids: tuple[str, ...]  # in the framework's order
    suggestion: Suggestion
    decided: Level
    level_rationale: str
    risk: ExtraFamilialRisk
    risk_rationale: str
    suggested_route: RouteDecision
    route: RouteKind
    route_rationale: str  # empty unless the practitioner chose a route other than the suggested one
    due: DueRule
    route_explanation: str

    @property
    def route_overridden(self) -> bool:
        return self.route != self.suggested_route.kind


# --- suggestions the page shows while the practitioner decides ----------------------------------------------------


def suggest_route(
    *,
    framework: Framework,
    level_number: int,
    risk: ExtraFamilialRisk | str,
    rules: routing.RoutingRules | None = None,
) -> RouteDecision:
    """The route the council's rules suggest for this level and risk, explained with the level's own words."""
    level = framework.level(level_number)
    return routing.route(
        risk=ExtraFamilialRisk(risk),
        level_number=level.number,
        level_count=len(framework.levels),
        rules=rules,
        level_name=level.name,
        level_action=level.action,
    )


def due_rule_for(kind: RouteKind, rules: routing.RoutingRules | None = None) -> DueRule:
    """When a route's next step is due, whichever way the route was reached (suggested, or chosen instead).

    The same timescales as routing.route gives its suggestions (docs/adr/0011), so a practitioner who chooses the
    triage meeting over a strategy discussion gets the triage meeting's deadline, not the discussion's.
    """
    rules = rules or routing.DEFAULT
    match kind:
        case RouteKind.STRATEGY_DISCUSSION:
            return DueRule(
                DueBasis.WORKING_DAYS_FROM_DECISION,
                working_days=rules.strategy_discussion_working_days,
                cut_off=rules.cut_off,
            )
        case RouteKind.TRIAGE_MEETING:
            return DueRule(DueBasis.NEXT_TRIAGE_MEETING, meeting_time=rules.triage_meeting_time, cut_off=rules.cut_off)
        case RouteKind.SOCIAL_CARE_ASSESSMENT:
            return DueRule(
                DueBasis.WORKING_DAYS_FROM_REFERRAL, working_days=rules.assessment_working_days, cut_off=rules.cut_off
            )
        case RouteKind.EARLY_HELP if rules.early_help_working_days is not None:
            return DueRule(
                DueBasis.WORKING_DAYS_FROM_DECISION, working_days=rules.early_help_working_days, cut_off=rules.cut_off
            )
        case _:
            return DueRule(DueBasis.NONE)


# --- checking a screening -------------------------------------------------------------------------------------------


def _clean_text(value: object, *, field: str, label: str, errors: ValidationErrors) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(field, f"{label} must be text")
        return ""
    text = value.strip()
    if len(text) > MAX_RATIONALE_LENGTH:
        errors.add(field, f"{label} must be {MAX_RATIONALE_LENGTH:,} characters or fewer")
    return text


def _load_framework(slug: str, version: str, errors: ValidationErrors) -> Framework | None:
    try:
        framework = loader.get_framework(slug, version)
    except (UnknownFramework, FrameworkError) as error:
        errors.add("framework", str(error))
        return None
    latest = loader.latest_framework(slug)
    if latest.version != framework.version:
        # New decisions use the newest version (ADR 10): a form loaded before a new version shipped must be checked
        # against the new wording before it is saved.
        errors.add(
            "framework",
            f"{latest} has replaced version {framework.version}. Check the indicators against the new version.",
        )
        return None
    return framework


def plan_screening(
    *,
    framework_slug: str,
    framework_version: str,
    indicator_ids: Iterable[str],
    decided_level: int | None,
    level_rationale: str,
    extra_familial_risk: str | None,
    risk_rationale: str,
    route_override: str | None = None,
    route_rationale: str = "",
    rules: routing.RoutingRules | None = None,
) -> ScreeningPlan:
    """Check a screening and work out its suggestion and route, without saving anything.

    Raises ValidationError with every problem, keyed by field: framework, indicators, decided_level,
    level_rationale, extra_familial_risk, risk_rationale, route_override, route_rationale.
    """
    errors = ValidationErrors()
    level_text = _clean_text(level_rationale, field="level_rationale", label="The reason for the level", errors=errors)
    risk_text = _clean_text(
        risk_rationale, field="risk_rationale", label="The reason for the risk rating", errors=errors
    )
    route_text = _clean_text(route_rationale, field="route_rationale", label="The reason for the route", errors=errors)
    if not risk_text and "risk_rationale" not in errors.by_field:
        errors.add("risk_rationale", "Explain your rating of the extra-familial risk")

    risk: ExtraFamilialRisk | None = None
    try:
        risk = ExtraFamilialRisk(extra_familial_risk or "")
    except ValueError:
        errors.add("extra_familial_risk", "Select the extra-familial risk: none, low, medium or high")

    override: RouteKind | None = None
    if route_override:
        try:
            override = RouteKind(route_override)
        except ValueError:
            errors.add("route_override", "Select a route from the list, or keep the suggested route")

    framework = _load_framework(framework_slug, framework_version, errors)
    if framework is None:  # nothing else can be checked without it
        raise ValidationError(errors.by_field)

    wanted = [indicator_ids] if isinstance(indicator_ids, str) else list(indicator_ids)
    suggestion: Suggestion | None = None
    if not all(isinstance(i, str) for i in wanted):
        errors.add("indicators", "Indicators are named by their ids")
    else:
        try:
            suggestion = suggest_level(framework, wanted)
        except UnknownIndicators as error:
            errors.add("indicators", f"These are not indicators of {framework}: {', '.join(error.ids)}")

    decided: Level | None = None
    if isinstance(decided_level, bool) or not isinstance(decided_level, int):
        errors.add("decided_level", "Select the level you have decided on")
    else:
        try:
            decided = framework.level(decided_level)
        except LookupError:
            errors.add("decided_level", f"Select one of the levels of {framework}: 1 to {len(framework.levels)}")

    if (
        suggestion is not None
        and decided is not None
        and needs_override_rationale(suggestion.level, decided)
        and not level_text
        and "level_rationale" not in errors.by_field
    ):
        errors.add(
            "level_rationale",
            f"Explain why you decided on {decided.label} when the suggestion is {suggestion.level.label}",
        )
    errors.raise_if_any()
    assert suggestion is not None and decided is not None and risk is not None  # each would have raised above

    suggested_route = suggest_route(framework=framework, level_number=decided.number, risk=risk, rules=rules)
    route = override or suggested_route.kind
    if route != suggested_route.kind and not route_text and "route_rationale" not in errors.by_field:
        suggested_label = suggested_route.kind.label.lower()
        errors.add(
            "route_rationale", f"Explain why you chose {route.label.lower()} instead of the suggested {suggested_label}"
        )
    errors.raise_if_any()

    if route == suggested_route.kind:
        due, explanation, route_text = suggested_route.due, suggested_route.explanation, ""
    else:
        due = due_rule_for(route, rules)
        action_text = (
            f" Framework action: {decided.action}"
            if route in {RouteKind.SOCIAL_CARE_ASSESSMENT, RouteKind.EARLY_HELP, RouteKind.SIGNPOSTING}
            and decided.action
            else ""
        )
        explanation = (
            f"Chosen by the practitioner instead of the suggested route: {route.label}, because: {route_text} "
            f"{due.describe()}.{action_text} "
            f"(Suggested: {suggested_route.kind.label}. {suggested_route.explanation})"
        )
    return ScreeningPlan(
        framework=framework,
        indicator_ids=tuple(i.id for i in suggestion.chosen),
        suggestion=suggestion,
        decided=decided,
        level_rationale=level_text,
        risk=risk,
        risk_rationale=risk_text,
        suggested_route=suggested_route,
        route=route,
        route_rationale=route_text,
        due=due,
        route_explanation=explanation,
    )


# --- the action -------------------------------------------------------------------------------------------------


def _check_referral_can_be_screened(current: Referral, expected_version: int | None) -> None:
    existing = ScreeningDecision.objects.select_related("decided_by").filter(referral=current).first()
    if existing is not None:
        raise AlreadyScreened(referral=current, decision=existing)
    if current.status != Referral.Status.AWAITING_SCREENING:
        raise ScreeningConflict(
            f"This referral is {current.get_status_display().lower()} and cannot be screened.", referral=current
        )
    if expected_version is not None and current.version != expected_version:
        raise ScreeningConflict(
            "This referral has been changed since you opened it. Your decision has not been saved: check the "
            "referral again before you screen it.",
            referral=current,
        )


@action
def screen_referral(
    *,
    referral: Referral,
    framework_slug: str,
    framework_version: str,
    indicator_ids: Iterable[str],
    decided_level: int,
    level_rationale: str,
    extra_familial_risk: str,
    risk_rationale: str,
    route_override: str | None = None,
    route_rationale: str = "",
    expected_version: int | None = None,
    rules: routing.RoutingRules | None = None,
    by: User,
) -> ScreeningDecision:
    """Record the screening decision on a referral and send it on its route.

    `expected_version` is the referral version the practitioner's form was loaded from; a referral changed since
    raises ScreeningConflict, and one already screened raises AlreadyScreened (a referral is screened once). Bad
    input raises ValidationError keyed by field. High extra-familial risk creates a strategy discussion with the
    referral's children on its agenda; medium or low puts them on the next daily triage meeting's agenda.
    """
    # The lock makes a second practitioner screening the same referral wait, then find the first decision.
    current = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("service", "subject_context")
        .get(pk=referral.pk)
    )
    _check_referral_can_be_screened(current, expected_version)
    plan = plan_screening(
        framework_slug=framework_slug,
        framework_version=framework_version,
        indicator_ids=indicator_ids,
        decided_level=decided_level,
        level_rationale=level_rationale,
        extra_familial_risk=extra_familial_risk,
        risk_rationale=risk_rationale,
        route_override=route_override,
        route_rationale=route_rationale,
        rules=rules,
    )
    now = timezone.now()
    try:
        due_at = plan.due.due_at(received_at=current.received_at, decided_at=now)
    except OutsideCalendarError as error:
        raise ValidationError(str(error)) from error

    decision = ScreeningDecision.objects.create(
        referral=current,
        framework_slug=plan.framework.slug,
        framework_version=plan.framework.version,
        indicator_ids=list(plan.indicator_ids),
        suggested_level=plan.suggestion.level.number,
        decided_level=plan.decided.number,
        level_rationale=plan.level_rationale,
        extra_familial_risk=plan.risk.value,
        risk_rationale=plan.risk_rationale,
        route=plan.route.value,
        route_explanation=plan.route_explanation,
        next_step_due_at=due_at,
        decided_by=by,
        decided_at=now,
    )
    record_change(
        by=by,
        action="referral.screened",
        target=decision,
        after={
            "referral_id": current.pk,
            "framework_slug": decision.framework_slug,
            "framework_version": decision.framework_version,
            "indicator_ids": decision.indicator_ids,
            "suggested_level": decision.suggested_level,
            "suggestion_reasons": list(plan.suggestion.reasons),
            "decided_level": decision.decided_level,
            "level_rationale": decision.level_rationale,
            "extra_familial_risk": decision.extra_familial_risk,
            "risk_rationale": decision.risk_rationale,
            "suggested_route": plan.suggested_route.kind.value,
            "route": decision.route,
            "route_rationale": plan.route_rationale,
            # The rule as well as the date (ADR 11), so a later change to the council's rules can't hide how the
            # deadline was worked out.
            "due_rule": plan.due.describe(),
            "next_step_due_at": due_at,
        },
    )

    before = {"status": current.status, "version": current.version}
    current.status = Referral.Status.SCREENED
    current.version += 1
    current.save(update_fields=["status", "version"])
    record_change(
        by=by,
        action="referral.status_changed",
        target=current,
        before=before,
        after={"status": current.status, "version": current.version},
        reason="Screened",
    )
    referral.status, referral.version = current.status, current.version

    _send_on_route(referral=current, plan=plan, due_at=due_at, now=now, by=by)
    return decision


def _send_on_route(
    *, referral: Referral, plan: ScreeningPlan, due_at: dt.datetime | None, now: dt.datetime, by: User
) -> None:
    children = list(referral.children.all())
    if plan.route == RouteKind.STRATEGY_DISCUSSION:
        meeting = scheduling.create_strategy_discussion(
            service=referral.service,
            requested_at=now,
            due_by=due_at,
            reason=f"Requested by the screening of referral {referral.pk}: extra-familial risk {plan.risk.value}",
            by=by,
        )
    elif plan.route == RouteKind.TRIAGE_MEETING:
        assert due_at is not None  # the next-triage-meeting rule always gives a moment
        meeting = scheduling.triage_meeting_for_slot(service=referral.service, scheduled_for=due_at, by=by)
    else:
        return  # early help, signposting and social care assessment are handed on outside the front door's meetings
    scheduling.add_referral_to_agenda(
        meeting=meeting, referral=referral, children=children, context=referral.subject_context, by=by
    )
