"""Case notes, their history and the links they suggest; relationships, their stages and planned endings.

Every page reads a child's case, so each records an AccessEvent for the people on the case before rendering, and a
note, relationship or suggestion on a case the user may not see answers 404 like one that does not exist."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safecontext.access.permissions import Permission
from safecontext.cases import actions, queries
from safecontext.cases.forms import AcceptForm, DeclineForm, EndingForm, NoteForm, RelationshipForm, StageForm
from safecontext.cases.models import CaseNote
from safecontext.cases.rules.relationship_stages import Stage
from safecontext.cases.views import record_case_view
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import require_permission, signed_in_user


def _note_initial(note: CaseNote) -> dict[str, Any]:
    return {field: getattr(note, field) for field in actions.NOTE_FIELDS} | {"version": note.version}


@require_http_methods(["GET", "POST"])
def add_note(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_case_for_user(user, case_id, write=True)
    form = NoteForm(request.POST or None, initial={"happened_on": timezone.localdate(), "child_seen": True})
    if request.method == "POST" and form.is_valid():
        try:
            note = actions.record_note(case=case, values=form.note_values(), by=user)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            suggested = note.suggestions.count()
            message = "The note has been saved"
            if suggested:
                message += f": it mentions {suggested} {'person or place' if suggested == 1 else 'people or places'}"
                message += " you could link to the young person"
            messages.success(request, message)
            return redirect("cases:note", note_id=note.pk)
    record_case_view(request, case)
    return render(
        request,
        "cases/note_form.html",
        {"case": case, "form": form, "can_see_restricted": True, "editing": False},
        status=400 if form.errors else 200,
    )


@require_GET
def note(request: HttpRequest, note_id: int) -> HttpResponse:
    user = signed_in_user(request)
    found = queries.get_note_for_user(user, note_id)
    record_case_view(request, found.case)
    suggestions = list(found.suggestions.select_related("context", "person", "decided_by", "link"))
    can_record = queries.can_record(user, found.case)
    return render(
        request,
        "cases/note.html",
        {
            "case": found.case,
            "note": found,
            "suggestions": suggestions,
            "can_see_restricted": queries.can_see_restricted(user, found.case),
            "can_record": can_record,
            "history": found.versions.count(),
        },
    )


@require_http_methods(["GET", "POST"])
def edit_note(request: HttpRequest, note_id: int) -> HttpResponse:
    user = signed_in_user(request)
    found = queries.get_note_for_user(user, note_id, write=True)
    if not queries.can_see_restricted(user, found.case):
        # Editing needs the whole note, restricted section included: only the case's team and worker may.
        raise Http404("No case note found")
    if request.method == "POST":
        form = NoteForm(request.POST)
        if form.is_valid() and form.cleaned_data["version"] is None:
            form.add_error(None, "This form is missing the version of the note it was loaded from. Reload the page")
        if form.is_valid():
            try:
                actions.edit_note(
                    note=found, values=form.note_values(), expected_version=form.cleaned_data["version"], by=user
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            except actions.NoteEditConflict as conflict:
                record_case_view(request, found.case)
                data = request.POST.copy()
                data["version"] = str(conflict.current_version)
                again = NoteForm(data)
                again.is_valid()
                return render(
                    request,
                    "cases/note_conflict.html",
                    {"case": found.case, "note": found, "form": again, "conflict": conflict},
                    status=409,
                )
            else:
                messages.success(request, "The note has been updated; the earlier version is kept in its history")
                return redirect("cases:note", note_id=found.pk)
    else:
        form = NoteForm(initial=_note_initial(found))
    record_case_view(request, found.case)
    return render(
        request,
        "cases/note_form.html",
        {"case": found.case, "note": found, "form": form, "can_see_restricted": True, "editing": True},
        status=400 if form.errors else 200,
    )


@require_GET
def note_history(request: HttpRequest, note_id: int) -> HttpResponse:
    user = signed_in_user(request)
    found = queries.get_note_for_user(user, note_id)
    record_case_view(request, found.case)
    can_see_restricted = queries.can_see_restricted(user, found.case)
    versions = [
        {
            "version": version.version,
            "edited_by": version.edited_by,
            "edited_at": version.edited_at,
            "rows": [
                (label, version.values.get(field))
                for field, label in actions.NOTE_FIELDS.items()
                if can_see_restricted or field != "restricted"
            ],
        }
        for version in found.versions.select_related("edited_by").order_by("-version")
    ]
    return render(request, "cases/note_history.html", {"case": found.case, "note": found, "versions": versions})


@require_http_methods(["GET", "POST"])
def suggestion(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    """Accept a suggested link (recorded in the network, its source the note) or decline it (kept)."""
    user = signed_in_user(request)
    found = queries.get_suggestion_for_user(user, suggestion_id, write=True)
    case = found.note.case
    accept = AcceptForm(
        request.POST if request.POST.get("decision") == "accept" else None, about_person=found.person_id is not None
    )
    decline = DeclineForm(request.POST if request.POST.get("decision") == "decline" else None)
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "accept":
                require_permission(user, Permission.EDIT_NETWORK)
                if accept.is_valid():
                    actions.accept_suggestion(
                        suggestion=found,
                        link_type=accept.cleaned_data["link_type"],
                        nature=accept.cleaned_data["nature"],
                        by=user,
                    )
                    messages.success(request, f"{found.mentioned_as} has been linked to the young person")
                    return redirect("cases:note", note_id=found.note_id)
            elif decline.is_valid():
                actions.decline_suggestion(suggestion=found, reason=decline.cleaned_data["reason"], by=user)
                messages.success(request, f"The link to {found.mentioned_as} has been declined")
                return redirect("cases:note", note_id=found.note_id)
        except ValidationError as error:
            add_validation_errors(accept if request.POST.get("decision") == "accept" else decline, error)
    record_case_view(request, case)
    errors = bool(accept.errors or decline.errors)
    return render(
        request,
        "cases/suggestion.html",
        {
            "case": case,
            "suggestion": found,
            "accept": accept,
            "decline": decline,
            "form": accept if accept.errors else decline,
        },
        status=400 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
def add_relationship(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_case_for_user(user, case_id, write=True)
    form = RelationshipForm(request.POST or None, case=case, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.start_relationship(
                case=case, worker=user, person=form.cleaned_data["person"], on=form.cleaned_data["on"], by=user
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Your relationship has been recorded at stage 1, building relationships")
            return redirect("cases:detail", case_id=case.pk)
    record_case_view(request, case)
    return render(
        request, "cases/relationship_form.html", {"case": case, "form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def stage(request: HttpRequest, relationship_id: int) -> HttpResponse:
    user = signed_in_user(request)
    relationship = queries.get_relationship_for_user(user, relationship_id, write=True)
    form = StageForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_stage(relationship=relationship, by=user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The relationship's stage has been recorded")
            return redirect("cases:detail", case_id=relationship.case_id)
    record_case_view(request, relationship.case)
    history = list(relationship.stage_changes.select_related("recorded_by").order_by("from_date", "id"))
    return render(
        request,
        "cases/stage.html",
        {
            "case": relationship.case,
            "relationship": relationship,
            "form": form,
            "stage_label": Stage(relationship.stage).label,
            "history": [(change, Stage(change.stage).label) for change in history],
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def ending(request: HttpRequest, relationship_id: int) -> HttpResponse:
    user = signed_in_user(request)
    relationship = queries.get_relationship_for_user(user, relationship_id, write=True)
    initial = {
        field: getattr(relationship, field)
        for field in ("planned_end_date", "last_review_date", "last_visit_date", "ending_letter")
    }
    form = EndingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.plan_ending(relationship=relationship, by=user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The planned ending has been saved")
            return redirect("cases:detail", case_id=relationship.case_id)
    record_case_view(request, relationship.case)
    return render(
        request,
        "cases/ending.html",
        {"case": relationship.case, "relationship": relationship, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def ending_letter(request: HttpRequest, relationship_id: int) -> HttpResponse:
    """A printable page: the letter the young person keeps when the relationship ends."""
    user = signed_in_user(request)
    relationship = queries.get_relationship_for_user(user, relationship_id)
    record_case_view(request, relationship.case)
    return render(request, "cases/ending_letter.html", {"case": relationship.case, "relationship": relationship})
