"""Meeting pages: the list, the next daily triage meeting, one meeting, and the forms that record it.

Thin: forms check shape, meetings/actions.py decides and audits, meetings/queries.py reads in scope. A meeting the
user may not open answers 404 (access.scope.get_meeting_for_user); writing needs RUN_MEETINGS (`write=True`). Every
page that names a child records an AccessEvent before the response is built.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import can_see_restricted_information, get_meeting_for_user
from safecontext.accounts.models import User
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import signed_in_user
from safecontext.front_door import routing
from safecontext.meetings import actions, queries, scheduling
from safecontext.meetings.forms import SOMEONE_ELSE, AttendeeForm, ItemDecisionForm, MeetingActionForm, OutcomeForm
from safecontext.meetings.models import Meeting


def _record_children(request: HttpRequest, person_ids: Iterable[int]) -> None:
    record_access(
        by=signed_in_user(request),
        person_ids=sorted(person_ids),
        kind=AccessEvent.Kind.LIST,
        path=request.get_full_path(),
    )


def _detail_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("meetings:detail", kwargs={"meeting_id": meeting.pk})
    return f"{url}#{anchor}" if anchor else url


def _with_you(users: list[User], you: User) -> list[User]:
    """The attendees with accounts, and the person recording (who may take an action or have chaired)."""
    return users if any(user.pk == you.pk for user in users) else [*users, you]


# --- list and next triage ---------------------------------------------------------------------------------------


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    return render(
        request,
        "meetings/list.html",
        {
            "sections": queries.meetings_by_kind(user=user),
            "can_run": has_permission(user, Permission.RUN_MEETINGS),
        },
    )


@require_GET
def next_triage(request: HttpRequest) -> HttpResponse:
    """Go to the service's next daily triage meeting (routing.next_triage_meeting), creating it if nobody has put
    anything on it yet — the front door opens "today's triage" without first having to make it."""
    user = signed_in_user(request)
    service = user.service
    if service is None:
        raise Http404("No meeting found")  # meetings belong to the user's service; without a team there is none
    slot = routing.next_triage_meeting(timezone.now())
    meeting = scheduling.triage_meeting_for_slot(service=service, scheduled_for=slot, by=user)
    return redirect("meetings:detail", meeting_id=meeting.pk)


# --- one meeting ------------------------------------------------------------------------------------------------


def _render_detail(
    request: HttpRequest, meeting: Meeting, *, attendee_form: AttendeeForm | None = None, status: int = 200
) -> HttpResponse:
    user = signed_in_user(request)
    page = queries.meeting_page(user=user, meeting=meeting)
    _record_children(request, page.child_ids)
    return render(
        request,
        "meetings/detail.html",
        {
            "page": page,
            "meeting": meeting,
            "form": attendee_form or AttendeeForm(),
            "outcome_kind": meeting.kind in actions.OUTCOME_KINDS,
        },
        status=status,
    )


@require_GET
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_for_user(signed_in_user(request), meeting_id)
    return _render_detail(request, meeting)


@require_POST
def add_attendee(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = signed_in_user(request)
    meeting = get_meeting_for_user(user, meeting_id, write=True)
    form = AttendeeForm(request.POST)
    if form.is_valid():
        username = form.cleaned_data["username"].strip()
        attendee_user = queries.find_user_for_attendance(username=username) if username else None
        if username and attendee_user is None:
            form.add_error("username", "There is no SafeContext user with this username")
        else:
            try:
                attendee = actions.add_attendee(
                    meeting=meeting,
                    user=attendee_user,
                    name=form.cleaned_data["name"],
                    agency=form.cleaned_data["agency"],
                    by=user,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, f"{attendee.name} ({attendee.agency}) has been added to the attendees")
                return redirect(_detail_url(meeting, "attendees"))
    return _render_detail(request, meeting, attendee_form=form, status=400)


def _conflict_form(form_class: type[Any], data: Any, version: int, **kwargs: Any) -> Any:
    """The editor's words kept, now against the current version, so saving again is a deliberate choice."""
    data = data.copy()
    data["version"] = str(version)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


@require_http_methods(["GET", "POST"])
def item_decision(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    user = signed_in_user(request)
    meeting = get_meeting_for_user(user, meeting_id, write=True)
    item = queries.get_item_for_meeting(meeting=meeting, item_id=item_id)
    restricted_ok = can_see_restricted_information(user)
    conflict: actions.MeetingChanged | None = None
    if request.method == "POST":
        form = ItemDecisionForm(request.POST, can_record_restricted=restricted_ok)
        if form.is_valid():
            try:
                actions.record_item_decision(
                    item=item,
                    decision=form.cleaned_data["decision"],
                    restricted_information=form.cleaned_data["restricted_information"] if restricted_ok else None,
                    expected_version=form.cleaned_data["version"],
                    by=user,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            except actions.MeetingChanged as changed:
                conflict = changed
                form = _conflict_form(
                    ItemDecisionForm, request.POST, changed.current_version, can_record_restricted=restricted_ok
                )
            else:
                messages.success(request, "The decision has been saved")
                return redirect(_detail_url(meeting, f"item-{item.pk}"))
    else:
        initial = {"decision": item.decision, "version": meeting.version}
        if restricted_ok:
            initial["restricted_information"] = item.restricted_information
        form = ItemDecisionForm(initial=initial, can_record_restricted=restricted_ok)
    children = queries.item_children(item)
    _record_children(request, [pk for pk, _ in children])
    status = 409 if conflict else 400 if form.errors else 200
    return render(
        request,
        "meetings/item_decision.html",
        {"meeting": meeting, "item": item, "children": children, "form": form, "conflict": conflict},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def add_action(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = signed_in_user(request)
    meeting = get_meeting_for_user(user, meeting_id, write=True)
    items, child_ids = queries.agenda_labels(meeting)
    owners = _with_you(queries.attendee_users(meeting), user)
    if request.method == "POST":
        form = MeetingActionForm(request.POST, owners=owners, items=items)
        if form.is_valid():
            someone_else = form.cleaned_data["owner"] == SOMEONE_ELSE
            try:
                actions.add_meeting_action(
                    meeting=meeting,
                    description=form.cleaned_data["description"],
                    due_on=form.cleaned_data["due_on"],
                    owner=None if someone_else else form.owner_user(),
                    owner_name=form.cleaned_data["owner_name"] if someone_else else "",
                    owner_agency=form.cleaned_data["owner_agency"] if someone_else else "",
                    item=form.agenda_item(),
                    by=user,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "The action has been added")
                return redirect(_detail_url(meeting, "actions"))
    else:
        form = MeetingActionForm(initial={"item": request.GET.get("item", "")}, owners=owners, items=items)
    _record_children(request, child_ids)
    return render(
        request, "meetings/add_action.html", {"meeting": meeting, "form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def record_outcome(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = signed_in_user(request)
    meeting = get_meeting_for_user(user, meeting_id, write=True)
    restricted_ok = can_see_restricted_information(user)
    chairs = _with_you(queries.attendee_users(meeting), user)
    if meeting.chair and all(chair.pk != meeting.chair_id for chair in chairs):
        chairs.append(meeting.chair)
    options: dict[str, Any] = {"meeting": meeting, "can_record_restricted": restricted_ok, "chairs": chairs}
    conflict: actions.MeetingChanged | None = None
    if request.method == "POST":
        form = OutcomeForm(request.POST, **options)
        if form.is_valid():
            try:
                actions.record_outcome(
                    meeting=meeting,
                    outcome=form.cleaned_data.get("outcome", ""),
                    notes=form.cleaned_data["notes"],
                    restricted_minutes=form.cleaned_data["restricted_minutes"] if restricted_ok else None,
                    chair=form.chair_user(),
                    expected_version=form.cleaned_data["version"],
                    by=user,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            except actions.MeetingChanged as changed:
                conflict = changed
                form = _conflict_form(OutcomeForm, request.POST, changed.current_version, **options)
            else:
                messages.success(request, "The meeting has been recorded as held")
                return redirect(_detail_url(meeting))
    else:
        initial: dict[str, Any] = {
            "outcome": meeting.outcome,
            "notes": meeting.outcome_notes,
            "chair": str(meeting.chair_id or ""),
            "version": meeting.version,
        }
        if restricted_ok:
            initial["restricted_minutes"] = meeting.restricted_minutes
        form = OutcomeForm(initial=initial, **options)
    status = 409 if conflict else 400 if form.errors else 200
    return render(
        request,
        "meetings/record_outcome.html",
        {"meeting": meeting, "form": form, "conflict": conflict, "outcome_kind": meeting.kind in actions.OUTCOME_KINDS},
        status=status,
    )
