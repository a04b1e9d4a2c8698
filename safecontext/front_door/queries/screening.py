"""Reading a screening decision back, in the words of the framework version it was made with (docs/adr/0010).

A decision stores the framework's slug, version and indicator ids, never their texts: shown years later, after the
council has published new versions, it is read through the version it names, so it says what the practitioner saw.
The caller has already fetched the referral through access.scope.get_referral_for_user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from safecontext.access.scope import meetings_visible_to
from safecontext.front_door.models import ScreeningDecision
from safecontext.front_door.routing import RouteKind
from safecontext.meetings.models import Meeting
from safecontext.thresholds import loader
from safecontext.thresholds.framework import Framework, FrameworkError, Indicator, UnknownFramework

if TYPE_CHECKING:
    from safecontext.accounts.models import User


@dataclass(frozen=True)
class ChosenGroup:
    level_label: str
    domain_name: str
    indicators: tuple[str, ...]  # texts


@dataclass(frozen=True)
class DecisionSummary:
    decision: ScreeningDecision
    framework_label: str  # "Continuum of Need (version 1)"
    framework_found: bool  # False only if the version's file has gone: the ids are shown as they were recorded
    chosen: tuple[ChosenGroup, ...]
    unreadable_ids: tuple[str, ...]
    suggested_label: str
    decided_label: str
    overridden: bool
    risk_label: str
    route_label: str
    next_step_due_at: dt.datetime | None
    meetings: tuple[Meeting, ...]


def _level_label(framework: Framework | None, number: int) -> str:
    if framework is None:
        return f"level {number}"
    try:
        return framework.level(number).label
    except LookupError:
        return f"level {number}"


def _groups(framework: Framework, ids: list[str]) -> tuple[tuple[ChosenGroup, ...], tuple[str, ...]]:
    wanted = set(ids)
    found: list[Indicator] = [i for i in framework.indicators if i.id in wanted]
    groups: list[ChosenGroup] = []
    for level in reversed(framework.levels):  # the deciding (highest) level first, as the suggestion reads
        for domain in framework.domains:
            texts = tuple(i.text for i in found if i.level == level.number and i.domain == domain.id)
            if texts:
                groups.append(ChosenGroup(level_label=level.label, domain_name=domain.name, indicators=texts))
    unreadable = tuple(sorted(wanted - {i.id for i in found}))
    return tuple(groups), unreadable


def decision_summary(decision: ScreeningDecision, *, user: User) -> DecisionSummary:
    """The decision in the words of its own framework version, with the meetings it put the referral on that this
    user may see."""
    framework: Framework | None
    try:
        framework = loader.get_framework(decision.framework_slug, decision.framework_version)
    except (UnknownFramework, FrameworkError):
        framework = None
    ids = [str(i) for i in decision.indicator_ids]
    if framework is not None:
        chosen, unreadable = _groups(framework, ids)
        label = str(framework)
    else:
        chosen, unreadable = (), tuple(ids)
        label = f"{decision.framework_slug} (version {decision.framework_version})"
    try:
        route_label = RouteKind(decision.route).label
    except ValueError:
        route_label = decision.route
    meetings = tuple(
        meetings_visible_to(user)
        .filter(items__referral_id=decision.referral_id)
        .distinct()
        .order_by("scheduled_for", "id")
    )
    return DecisionSummary(
        decision=decision,
        framework_label=label,
        framework_found=framework is not None,
        chosen=chosen,
        unreadable_ids=unreadable,
        suggested_label=_level_label(framework, decision.suggested_level),
        decided_label=_level_label(framework, decision.decided_level),
        overridden=decision.suggested_level != decision.decided_level,
        risk_label=decision.get_extra_familial_risk_display(),
        route_label=route_label,
        next_step_due_at=decision.next_step_due_at,
        meetings=meetings,
    )
