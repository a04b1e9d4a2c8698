"""A child's context weightings and plans overview, and the weighting pages (plans: plan_views.py; the partners
register: partner_views.py). Thin: forms check shape, actions.py decides and audits, queries.py reads in scope.

Every page that shows a child's weighting or plan records an AccessEvent for the child before it renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safecontext.access.permissions import Permission
from safecontext.access.scope import get_context_case_for_user, get_person_for_user
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.context_plans import actions, queries
from safecontext.context_plans.forms import MAX_ROWS, WeightingForm, weighting_initial
from safecontext.contexts.models import Context, ContextCase
from safecontext.contexts.queries import contexts_for_choosing
from safecontext.contexts.rules.weighting import normalise_to_100
from safecontext.core.http import require_permission, signed_in_user
from safecontext.people.models import Person
from safecontext.people.queries import is_in_scope

Subject = Person | ContextCase


def record_child_view(request: HttpRequest, person: Person | None) -> None:
    """No event, no data: the child's AccessEvent is written before the page is built, marked when the user reaches
    the child only through break-glass (reading is allowed then; writing never is)."""
    if person is None:
        return
    user = signed_in_user(request)
    via_break_glass = not is_in_scope(user=user, person_id=person.pk)
    record_access(
        by=user,
        person_ids=[person.pk],
        kind=AccessEvent.Kind.PAGE,
        path=request.get_full_path(),
        break_glass_person_ids=frozenset({person.pk}) if via_break_glass else frozenset(),
    )


@dataclass(frozen=True)
class SubjectPage:
    """What the pages need to say about a weighting's or plan's subject: a child or a context case."""

    subject: Subject
    person: Person | None  # the child, whose AccessEvent each page records; None for a context case
    name: str
    back_url: str
    back_text: str
    overview_url: str
    new_weighting_url: str
    new_plan_url: str


def subject_page(subject: Subject) -> SubjectPage:
    if isinstance(subject, Person):
        return SubjectPage(
            subject,
            subject,
            subject.display_name,
            reverse("people:detail", args=[subject.pk]),
            "Back to the record",
            reverse("context_plans:for_person", args=[subject.pk]),
            reverse("context_plans:person_weighting_new", args=[subject.pk]),
            reverse("context_plans:person_plan_new", args=[subject.pk]),
        )
    back = reverse("contexts:case_detail", args=[subject.pk]) if _resolves("contexts:case_detail") else ""
    return SubjectPage(
        subject,
        None,
        f"Context case: {subject.context.name}",
        back,
        "Back to the context case",
        reverse("context_plans:for_context_case", args=[subject.pk]),
        reverse("context_plans:context_case_weighting_new", args=[subject.pk]),
        reverse("context_plans:context_case_plan_new", args=[subject.pk]),
    )


def _resolves(name: str) -> bool:
    try:
        reverse(name, args=[1])
    except NoReverseMatch:
        return False
    return True


def _overview(request: HttpRequest, subject: Subject) -> HttpResponse:
    page = subject_page(subject)
    record_child_view(request, page.person)
    weightings = queries.weightings_for(subject)
    latest = weightings[0] if weightings else None
    return render(
        request,
        "context_plans/overview.html",
        {
            "page": page,
            "latest": latest,
            "drawing": queries.drawing(queries.entry_inputs(latest)) if latest else None,
            "changes": queries.weighting_change(weightings[1], latest) if latest and len(weightings) > 1 else [],
            "earlier": weightings[1:],
            "plans": queries.plans_for(subject),
            "can_manage": queries.can_manage(signed_in_user(request)),
        },
    )


@require_GET
def for_person(request: HttpRequest, person_id: int) -> HttpResponse:
    """A child's context weightings (the latest drawn, with the change since the one before) and context plans."""
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_CONTEXT_CASES)
    return _overview(request, get_person_for_user(user, person_id))


@require_GET
def for_context_case(request: HttpRequest, context_case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_CONTEXT_CASES)
    return _overview(request, get_context_case_for_user(user, context_case_id))


@require_GET
def weighting_detail(request: HttpRequest, weighting_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_CONTEXT_CASES)
    weighting = queries.get_weighting_for_user(user, weighting_id)
    page = subject_page(weighting.subject)
    record_child_view(request, page.person)
    previous = queries.previous_weighting(weighting)
    return render(
        request,
        "context_plans/weighting_detail.html",
        {
            "weighting": weighting,
            "page": page,
            "drawing": queries.drawing(queries.entry_inputs(weighting)),
            "previous": previous,
            "changes": queries.weighting_change(previous, weighting) if previous else [],
        },
    )


def _row_count(request: HttpRequest, filled: int) -> int:
    if request.method == "POST":
        try:
            rows = int(request.POST.get("rows", filled))
        except ValueError:
            rows = filled
        if "add_box" in request.POST:
            rows += 1
        return min(max(rows, filled), MAX_ROWS)
    return filled + 2


@require_http_methods(["GET", "POST"])
def new_weighting_for_person(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.MANAGE_CONTEXT_CASES)
    return _new_weighting(request, get_person_for_user(user, person_id, write=True))


@require_http_methods(["GET", "POST"])
def new_weighting_for_context_case(request: HttpRequest, context_case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.MANAGE_CONTEXT_CASES)
    return _new_weighting(request, get_context_case_for_user(user, context_case_id, write=True))


def _scaled_to_100(form: WeightingForm, request: HttpRequest, contexts: list[Context], rows: int) -> WeightingForm:
    """The form again with its weights scaled to share 100 in the same proportions (contexts/rules
    `normalise_to_100`): boxes "resized" by typing any numbers, then made to add up. Nothing is saved."""
    data = request.POST.copy()
    _entries, entry_rows = form.entries()
    typed = [form.cleaned_data.get(f"weight_{row}") for row in entry_rows]
    weights = [weight for weight in typed if isinstance(weight, int) and weight > 0]
    if not weights or len(weights) != len(typed):
        form.add_error(None, "Give every box a weight above 0 to scale them to 100")
        return form
    for row, weight in zip(entry_rows, normalise_to_100(weights), strict=True):
        data[f"weight_{row}"] = str(weight)
    scaled = WeightingForm(data, contexts=contexts, rows=rows)
    scaled.is_valid()
    return scaled


def _new_weighting(request: HttpRequest, subject: Subject) -> HttpResponse:
    """A new weighting, starting from the latest one's boxes: resize, rename, relink, add or remove."""
    user = signed_in_user(request)
    page = subject_page(subject)
    latest = queries.latest_weighting_for(subject)
    previous_entries = list(latest.entries.all()) if latest else []
    contexts = contexts_for_choosing(user=user)
    rows = _row_count(request, len(previous_entries))
    if request.method == "POST":
        form = WeightingForm(request.POST, contexts=contexts, rows=rows)
        if form.is_valid() and "scale_to_100" in request.POST:
            form = _scaled_to_100(form, request, contexts, rows)
        elif form.is_valid() and "add_box" not in request.POST:
            entries, entry_rows = form.entries()
            try:
                weighting = actions.record_weighting(
                    subject=subject,
                    entries=entries,
                    rationale=form.cleaned_data["rationale"],
                    recorded_on=form.cleaned_data["recorded_on"],
                    by=user,
                )
            except ValidationError as error:
                for field, field_messages in error.message_dict.items():
                    for message in field_messages:
                        form.add_entry_error(entry_rows, field, message)
            else:
                messages.success(request, "The weighting has been recorded")
                return redirect("context_plans:weighting_detail", weighting_id=weighting.pk)
    else:
        initial = weighting_initial(previous_entries) | {"recorded_on": timezone.localdate()}
        form = WeightingForm(initial=initial, contexts=contexts, rows=rows)
    record_child_view(request, page.person)
    preview_entries = form.entries()[0] if form.is_bound and form.is_valid() else []
    if not form.is_bound and latest:
        preview_entries = queries.entry_inputs(latest)
    return render(
        request,
        "context_plans/weighting_form.html",
        {
            "page": page,
            "form": form,
            "latest": latest,
            "drawing": queries.drawing(preview_entries),
            "can_add_box": form.row_count < MAX_ROWS,
            "action_url": request.path,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def weighting_preview(request: HttpRequest) -> HttpResponse:
    """The boxes for the weights being typed (htmx, on input). Reads no record: only the form's own names and
    weights, and the names of contexts the user may choose from."""
    user = signed_in_user(request)
    require_permission(user, Permission.MANAGE_CONTEXT_CASES)
    try:
        rows = int(request.POST.get("rows", MAX_ROWS))
    except ValueError:
        rows = MAX_ROWS
    form = WeightingForm(request.POST, contexts=contexts_for_choosing(user=user), rows=rows)
    form.is_valid()  # the preview draws whatever rows are well formed; the errors wait for the save
    entries = [entry for entry in form.entries()[0] if entry.weight > 0 and entry.label]
    response = render(request, "context_plans/_boxes.html", {"drawing": queries.drawing(entries), "preview": True})
    response["Cache-Control"] = "no-store"
    return response
