"""The screening page: tick indicators, see the suggested level and route and why, decide, and save.

Thin: the form checks shape, front_door/actions/screening.py checks the decision and saves it (with its audit
events and the meetings it creates). Everything works without JavaScript: "Search", "Check suggestion" and "Use this
framework" re-render the page without saving. With htmx, the indicator search and the suggestion panel update in
place through `front_door:indicators`.

A referral the user may not screen answers 404 (get_referral_for_user(write=True)). The children named on the
referral are recorded as seen (AccessEvent, kind "page") before the page is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods

from safecontext.access.scope import can_see_restricted_information, get_referral_for_user
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import signed_in_user
from safecontext.front_door.actions import screening as actions
from safecontext.front_door.models import Referral, ScreeningDecision
from safecontext.front_door.queries.screening import decision_summary
from safecontext.front_door.routing import ExtraFamilialRisk, RouteDecision, RouteKind
from safecontext.thresholds import loader
from safecontext.thresholds.framework import Framework, FrameworkError, Indicator, UnknownFramework
from safecontext.thresholds.suggestion import Suggestion, search_indicators, suggest_level

# Where each field's error message links to in the error summary: the first input of the field.
ERROR_ANCHORS = {
    "framework": "framework",
    "indicators": "indicator-search",
    "q": "indicator-search",
    "decided_level": "decided-level-1",
    "level_rationale": "level_rationale",
    "extra_familial_risk": "extra_familial_risk-none",
    "risk_rationale": "risk_rationale",
    "route_override": "route_override",
    "route_rationale": "route_rationale",
}


# --- frameworks -------------------------------------------------------------------------------------------------


def _framework_value(framework: Framework) -> str:
    return f"{framework.slug}:{framework.version}"


def _offered_frameworks() -> list[Framework]:
    """The newest version of each framework: new decisions are made on the newest (ADR 10). The default first."""
    slugs = sorted(
        {ref.slug for ref in loader.available_frameworks()}, key=lambda s: (s != loader.DEFAULT_FRAMEWORK_SLUG, s)
    )
    return [loader.latest_framework(slug) for slug in slugs]


def _chosen_framework(value: str | None, offered: list[Framework]) -> Framework:
    """The framework named in the form, if it is one on offer; otherwise the default. An older version named by a
    form loaded before a new version shipped is loaded as it is, so the action can say it has been replaced."""
    if value and ":" in value:
        slug, version = value.split(":", 1)
        try:
            return loader.get_framework(slug, version)
        except (UnknownFramework, FrameworkError):
            pass
    return offered[0]


# --- the form ---------------------------------------------------------------------------------------------------


class ScreeningForm(forms.Form):
    framework = forms.ChoiceField(
        label="Threshold framework", error_messages={"invalid_choice": "Select a threshold framework from the list"}
    )
    q = forms.CharField(label="Search the indicators", required=False, max_length=200)
    indicators = forms.MultipleChoiceField(label="Indicators", required=False)
    decided_level = forms.TypedChoiceField(
        label="Level you have decided on",
        coerce=int,
        error_messages={"required": "Select the level you have decided on"},
    )
    level_rationale = forms.CharField(label="Why this level", required=False, widget=forms.Textarea)
    extra_familial_risk = forms.ChoiceField(
        label="Extra-familial risk",
        choices=ScreeningDecision.Risk.choices,
        error_messages={
            "required": "Select the extra-familial risk: none, low, medium or high",
            "invalid_choice": "Select the extra-familial risk: none, low, medium or high",
        },
    )
    risk_rationale = forms.CharField(label="Why this rating", required=False, widget=forms.Textarea)
    route_override = forms.ChoiceField(
        label="Route",
        required=False,
        choices=[("", "Use the suggested route"), *((kind.value, kind.label) for kind in RouteKind)],
        error_messages={"invalid_choice": "Select a route from the list, or keep the suggested route"},
    )
    route_rationale = forms.CharField(label="Why this route", required=False, widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, framework: Framework, offered: list[Framework], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(_framework_value(f), str(f)) for f in offered]
        if _framework_value(framework) not in dict(choices):
            choices.append((_framework_value(framework), str(framework)))
        self.fields["framework"].choices = choices  # type: ignore[attr-defined]
        self.fields["indicators"].choices = [(i.id, i.text) for i in framework.indicators]  # type: ignore[attr-defined]
        self.fields["indicators"].error_messages["invalid_choice"] = f"%(value)s is not an indicator of {framework}"
        self.fields["decided_level"].choices = [(lvl.number, lvl.label) for lvl in framework.levels]  # type: ignore[attr-defined]
        invalid = f"Select one of the levels of {framework}"
        self.fields["decided_level"].error_messages["invalid_choice"] = invalid


# --- what the page shows ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    checked: bool


@dataclass(frozen=True)
class DomainGroup:
    id: str  # level and domain: names the fieldset's intro hint
    name: str
    intro: str | None
    rows: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class LevelGroup:
    label: str
    domains: tuple[DomainGroup, ...]


@dataclass(frozen=True)
class TickList:
    groups: tuple[LevelGroup, ...]
    hidden_ticked: tuple[Indicator, ...]  # ticked, but not shown by the search: kept as hidden inputs
    shown: int
    q: str


def _tick_list(framework: Framework, ticked: set[str], q: str) -> TickList:
    shown_ids = {i.id for i in search_indicators(framework, q)}
    groups = []
    for level in framework.levels:
        domains = []
        for domain in framework.domains:
            rows = tuple(
                IndicatorRow(indicator=i, checked=i.id in ticked)
                for i in framework.indicators_in(level.number, domain.id)
                if i.id in shown_ids
            )
            if rows:
                domains.append(
                    DomainGroup(
                        id=f"{level.number}-{domain.id}",
                        name=domain.name,
                        intro=framework.intro(level.number, domain.id),
                        rows=rows,
                    )
                )
        if domains:
            groups.append(LevelGroup(label=level.label[0].upper() + level.label[1:], domains=tuple(domains)))
    hidden = tuple(i for i in framework.indicators if i.id in ticked and i.id not in shown_ids)
    return TickList(groups=tuple(groups), hidden_ticked=hidden, shown=len(shown_ids), q=q)


@dataclass(frozen=True)
class SuggestionPanel:
    suggestion: Suggestion
    decided_level: int | None
    route: RouteDecision | None
    risk_chosen: bool


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _suggestion_panel(framework: Framework, data: QueryDict | dict[str, Any], ticked: set[str]) -> SuggestionPanel:
    suggestion = suggest_level(framework, ticked)
    decided = _int_or_none(data.get("decided_level"))
    if decided is not None and not 1 <= decided <= len(framework.levels):
        decided = None
    risk_value = data.get("extra_familial_risk") or ""
    route = None
    if risk_value in ExtraFamilialRisk.__members__.values():
        route = actions.suggest_route(
            framework=framework, level_number=decided or suggestion.level.number, risk=ExtraFamilialRisk(risk_value)
        )
    return SuggestionPanel(suggestion=suggestion, decided_level=decided, route=route, risk_chosen=route is not None)


def _ticked(framework: Framework, data: QueryDict) -> set[str]:
    """The ticked indicators, if they were ticked on this framework. Ids are stable within a framework's versions
    but mean different things in different frameworks ("cdn-2-01" is another indicator in each), so switching to
    another framework clears the ticks; `shown_framework` says which framework the ticks were made on."""
    shown = data.get("shown_framework") or ""
    if shown and shown.split(":", 1)[0] != framework.slug:
        return set()
    return {i for i in data.getlist("indicators") if framework.has_indicator(i)}


def _record_children_seen(request: HttpRequest, referral: Referral) -> None:
    record_access(
        by=signed_in_user(request),
        person_ids=[child.pk for child in referral.children.all()],
        kind=AccessEvent.Kind.PAGE,
        path=request.get_full_path(),
    )


def _referral_context(request: HttpRequest, referral: Referral) -> dict[str, Any]:
    now = timezone.now()
    return {
        "referral": referral,
        "children": list(referral.children.all()),
        "can_see_restricted": can_see_restricted_information(signed_in_user(request)),
        "decision_overdue": referral.status == Referral.Status.AWAITING_SCREENING and referral.decision_due_at < now,
    }


def _error_list(form: forms.Form) -> list[tuple[str, str | None]]:
    errors: list[tuple[str, str | None]] = [(str(e), None) for e in form.non_field_errors()]
    for name, field_errors in form.errors.items():
        if name != "__all__":
            errors += [(str(e), ERROR_ANCHORS.get(name)) for e in field_errors]
    return errors


def _render_form(
    request: HttpRequest,
    referral: Referral,
    *,
    form: ScreeningForm,
    framework: Framework,
    offered: list[Framework],
    data: QueryDict,
    status: int = 200,
    conflict: actions.ScreeningConflict | None = None,
) -> HttpResponse:
    ticked = _ticked(framework, data)
    context = {
        "conflict": conflict,
        **_referral_context(request, referral),
        "form": form,
        "framework": framework,
        "offered": offered,
        "framework_value": _framework_value(framework),
        "tick_list": _tick_list(framework, ticked, data.get("q", "").strip()),
        "panel": _suggestion_panel(framework, data, ticked),
        "levels": framework.levels,
        "decided_level": _int_or_none(data.get("decided_level")),
        "risks": ScreeningDecision.Risk.choices,
        "risk": data.get("extra_familial_risk", ""),
        "routes": [(kind.value, kind.label) for kind in RouteKind],
        "route_override": data.get("route_override", ""),
        "errors": _error_list(form) if form.is_bound else [],
        "version": data.get("version") or referral.version,
    }
    return render(request, "front_door/screen.html", context, status=status)


def _conflict(request: HttpRequest, referral: Referral, conflict: actions.ScreeningConflict) -> HttpResponse:
    """409: nothing was saved. Say who screened it (or what changed) and keep what the practitioner typed."""
    referral.refresh_from_db()
    _record_children_seen(request, referral)
    decision = ScreeningDecision.objects.filter(referral=referral).select_related("decided_by").first()
    return render(
        request,
        "front_door/screen_conflict.html",
        {
            **_referral_context(request, referral),
            "conflict": conflict,
            "summary": decision_summary(decision, user=signed_in_user(request)) if decision else None,
            "typed": {
                "level_rationale": request.POST.get("level_rationale", ""),
                "risk_rationale": request.POST.get("risk_rationale", ""),
                "route_rationale": request.POST.get("route_rationale", ""),
            },
        },
        status=409,
    )


def _stale(
    request: HttpRequest,
    referral: Referral,
    conflict: actions.ScreeningConflict,
    *,
    framework: Framework,
    offered: list[Framework],
) -> HttpResponse:
    """409: the referral changed after the form was loaded. Nothing was saved. Show the referral as it is now with
    everything the practitioner chose and wrote, now against the current version, so saving is a deliberate choice."""
    referral.refresh_from_db()
    if referral.status != Referral.Status.AWAITING_SCREENING:
        return _conflict(request, referral, conflict)
    data = request.POST.copy()
    data["version"] = str(referral.version)
    initial: dict[str, Any] = {key: data.get(key) for key in ScreeningForm.base_fields if key in data}
    form = ScreeningForm(initial=initial, framework=framework, offered=offered)
    _record_children_seen(request, referral)
    return _render_form(
        request, referral, form=form, framework=framework, offered=offered, data=data, status=409, conflict=conflict
    )


# --- views ------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def screen(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = signed_in_user(request)
    referral = get_referral_for_user(user, referral_id, write=True)
    decision = ScreeningDecision.objects.filter(referral=referral).select_related("decided_by").first()
    if decision is not None:
        if request.method == "POST":
            return _conflict(request, referral, actions.AlreadyScreened(referral=referral, decision=decision))
        _record_children_seen(request, referral)
        return render(
            request,
            "front_door/screen_decision.html",
            {**_referral_context(request, referral), "summary": decision_summary(decision, user=user)},
        )

    offered = _offered_frameworks()
    data = request.POST if request.method == "POST" else QueryDict(mutable=True)
    framework = _chosen_framework(data.get("framework"), offered)
    if request.method == "POST" and request.POST.get("action") == "save":
        form = ScreeningForm(request.POST, framework=framework, offered=offered)
        shown = request.POST.get("shown_framework")
        if form.is_valid() and form.cleaned_data["version"] is None:
            form.add_error(None, "This form is missing the version of the referral it was loaded from. Reload the page")
        if shown and shown != _framework_value(framework) and form.is_valid():
            # A framework chosen in the list but not yet used: the ticks and level on the page belong to the other.
            form.add_error(
                "framework", f"You chose {framework}: check the indicators and the level against it, then save"
            )
        if form.is_valid():
            values = form.cleaned_data
            try:
                actions.screen_referral(
                    referral=referral,
                    framework_slug=framework.slug,
                    framework_version=framework.version,
                    indicator_ids=values["indicators"],
                    decided_level=values["decided_level"],
                    level_rationale=values["level_rationale"],
                    extra_familial_risk=values["extra_familial_risk"],
                    risk_rationale=values["risk_rationale"],
                    route_override=values["route_override"] or None,
                    route_rationale=values["route_rationale"],
                    expected_version=values["version"],
                    by=user,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            except actions.AlreadyScreened as conflict:
                return _conflict(request, referral, conflict)
            except actions.ScreeningConflict as conflict:
                return _stale(request, referral, conflict, framework=framework, offered=offered)
            else:
                messages.success(request, "The screening decision has been saved")
                return redirect("front_door:screen", referral_id=referral.pk)
        _record_children_seen(request, referral)
        return _render_form(
            request, referral, form=form, framework=framework, offered=offered, data=request.POST, status=400
        )

    # A first look, or "Search", "Check suggestion" or "Use this framework": show the page again, saving nothing.
    initial: dict[str, Any] = {key: data.get(key) for key in ScreeningForm.base_fields if key in data}
    initial["framework"] = _framework_value(framework)
    initial["indicators"] = sorted(_ticked(framework, data))
    initial.setdefault("version", referral.version)
    form = ScreeningForm(initial=initial, framework=framework, offered=offered)
    _record_children_seen(request, referral)
    return _render_form(request, referral, form=form, framework=framework, offered=offered, data=data)


@require_GET
def indicators(request: HttpRequest, referral_id: int) -> HttpResponse:
    """htmx partials for the screening page: the indicator tick list filtered by `q` (ticked indicators stay ticked,
    shown or not), or with `part=suggestion` the suggested level and route for what is ticked and chosen so far.
    Neither names a person, so no access event is needed; the referral is still fetched in scope (404 otherwise)."""
    referral = get_referral_for_user(signed_in_user(request), referral_id, write=True)
    offered = _offered_frameworks()
    # The framework the page's tick list shows, not one chosen in the list and not yet used.
    framework = _chosen_framework(request.GET.get("shown_framework") or request.GET.get("framework"), offered)
    ticked = _ticked(framework, request.GET)
    if request.GET.get("part") == "suggestion":
        response = render(
            request,
            "front_door/screen_suggestion.html",
            {"referral": referral, "panel": _suggestion_panel(framework, request.GET, ticked)},
        )
    else:
        response = render(
            request,
            "front_door/screen_indicators.html",
            {
                "referral": referral,
                "framework": framework,
                "tick_list": _tick_list(framework, ticked, request.GET.get("q", "").strip()),
            },
        )
    patch_vary_headers(response, ["HX-Request"])
    return response
