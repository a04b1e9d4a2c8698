"""The front door's work queue and overdue queue (issue 3, capability 8).

The filter form is a plain GET form that works without JavaScript; with htmx, a change to any filter asks for the
results alone (HX-Request) and swaps them in, pushing the filters into the address bar, with no page reload.
Every child named in the rows shown is recorded as seen (AccessEvent, kind "list") before the page is built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from safecontext.access.permissions import Permission, has_permission
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.http import is_htmx, require_permission, signed_in_user
from safecontext.front_door.models import Referral, ScreeningDecision
from safecontext.front_door.queries import queue as queries
from safecontext.front_door.routing import RouteKind

PER_PAGE = 50
RISK_TAGS = {
    ScreeningDecision.Risk.HIGH: "govuk-tag--red",
    ScreeningDecision.Risk.MEDIUM: "govuk-tag--orange",
    ScreeningDecision.Risk.LOW: "govuk-tag--yellow",
    ScreeningDecision.Risk.NONE: "govuk-tag--grey",
}


INVALID_FILTER = {
    "status": "Choose a status from the list",
    "due": "Choose when the referrals are due from the list",
    "risk": "Choose an extra-familial risk from the list",
    "route": "Choose a route from the list",
}


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any status"), *Referral.Status.choices])
    due = forms.ChoiceField(
        label="Due", required=False, choices=[("", "Any time"), *((d.value, d.label) for d in queries.Due)]
    )
    risk = forms.ChoiceField(
        label="Extra-familial risk", required=False, choices=[("", "Any risk"), *ScreeningDecision.Risk.choices]
    )
    route = forms.ChoiceField(
        label="Route", required=False, choices=[("", "Any route"), *((k.value, k.label) for k in RouteKind)]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages["invalid_choice"] = INVALID_FILTER[name]
            field.widget.attrs["id"] = f"filter-{name}"

    def filters(self) -> queries.QueueFilters:
        """The valid filters; a filter with an unknown value is left out (and reported by the form)."""
        cleaned = getattr(self, "cleaned_data", {})
        return queries.QueueFilters(**{name: cleaned.get(name) or "" for name in self.fields})


# --- rows -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    referral: Referral
    children: list[Any]
    context_name: str
    due_at: dt.datetime | None
    overdue: bool
    risk: str
    risk_tag: str
    route: str
    can_screen: bool


def _rows(referrals: list[Referral], *, now: dt.datetime, can_screen: bool) -> list[Row]:
    rows = []
    for referral in referrals:
        decision: ScreeningDecision | None = getattr(referral, "screening", None)
        due_at: dt.datetime | None = getattr(referral, "due_at", None)
        route = ""
        if decision is not None:
            try:
                route = RouteKind(decision.route).label
            except ValueError:
                route = decision.route
        rows.append(
            Row(
                referral=referral,
                children=list(referral.children.all()),
                context_name=referral.subject_context.name if referral.subject_context else "",
                due_at=due_at,
                overdue=due_at is not None and due_at < now,
                risk=decision.get_extra_familial_risk_display() if decision else "",
                risk_tag=RISK_TAGS.get(decision.extra_familial_risk, "") if decision else "",  # type: ignore[call-overload]
                route=route,
                can_screen=can_screen and referral.status == Referral.Status.AWAITING_SCREENING,
            )
        )
    return rows


def _page_numbers(page: Page[Referral]) -> list[int | None]:
    """GOV.UK pagination: the first, last, current and its neighbours; None marks a gap ("⋯")."""
    last = page.paginator.num_pages
    wanted = sorted({1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1)))
    numbers: list[int | None] = []
    for number in wanted:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def _page_url(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return f"{request.path}?{query.urlencode()}"


def _listing(request: HttpRequest, referrals: QuerySet[Referral]) -> dict[str, Any]:
    """One page of rows, with the children shown recorded in the access log before anything is rendered."""
    user = signed_in_user(request)
    now = timezone.now()
    page = Paginator(referrals, PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    record_access(
        by=user, person_ids=queries.children_on(shown), kind=AccessEvent.Kind.LIST, path=request.get_full_path()
    )
    return {
        "rows": _rows(shown, now=now, can_screen=has_permission(user, Permission.SCREEN_REFERRALS)),
        "page": page,
        "count": page.paginator.count,
        "page_links": [
            {"number": number, "url": _page_url(request, number) if number else ""} for number in _page_numbers(page)
        ],
        "previous_url": _page_url(request, page.previous_page_number()) if page.has_previous() else "",
        "next_url": _page_url(request, page.next_page_number()) if page.has_next() else "",
    }


# --- views ------------------------------------------------------------------------------------------------------


@require_GET
def work_queue(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.RECORD_REFERRALS)
    form = QueueFilterForm(request.GET)
    form.is_valid()
    filters = form.filters()
    context = {
        "form": form,
        "filtered": any(vars(filters).values()),
        "results_url": reverse("front_door:queue"),
        **_listing(request, queries.front_door_queue(user=user, filters=filters)),
        "overdue_count": queries.overdue_referrals(user=user).count(),
        "can_record": has_permission(user, Permission.RECORD_REFERRALS),
    }
    if is_htmx(request):
        # The filter form's own options are always valid; htmx would not swap in a 400, so the fragment is a 200.
        response = render(request, "front_door/queue_results.html", context)
    else:
        response = render(request, "front_door/queue.html", context, status=400 if form.errors else 200)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.RECORD_REFERRALS)
    context = _listing(request, queries.overdue_referrals(user=user))
    if is_htmx(request):
        response = render(request, "front_door/overdue_results.html", context)
    else:
        response = render(request, "front_door/overdue.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
