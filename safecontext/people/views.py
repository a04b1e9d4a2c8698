"""People pages. Thin: forms check shape, people/actions.py decides and audits, people/queries.py reads in scope.

Every page that shows a person records an AccessEvent before the response is built (no event, no data). A person
the user may not see answers 404, and so does a page whose permission the user lacks (access/url_policy.py enforces
that before the view runs; the checks here repeat it so a view is safe on its own).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import get_person_for_user
from safecontext.accounts.roles import Role
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import require_permission, signed_in_user
from safecontext.people import actions, identifiers, matching, queries
from safecontext.people.codes import Ethnicity, Sex
from safecontext.people.forms import AddressForm, NameForm, PersonForm, SearchForm
from safecontext.people.models import Person, PersonName
from safecontext.people.record_links import cases_about, record_links

# Possible existing records shown before creating a person: strong enough to be worth a second look.
POSSIBLE_DUPLICATE_SCORE = 0.75


def _record_view(request: HttpRequest, person: Person) -> bool:
    """Record that the user saw this person's record; True when they could see it only through break-glass."""
    user = signed_in_user(request)
    via_break_glass = not queries.is_in_scope(user=user, person_id=person.pk)
    record_access(
        by=user,
        person_ids=[person.pk],
        kind=AccessEvent.Kind.PAGE,
        path=request.get_full_path(),
        break_glass_person_ids=frozenset({person.pk}) if via_break_glass else frozenset(),
    )
    return via_break_glass


STRENGTH_TAGS = {
    "Strong match": "govuk-tag--green",
    "Good match": "govuk-tag--blue",
    "Possible match": "govuk-tag--grey",
}


def _match_rows(matches: list[queries.PersonMatch]) -> list[dict[str, Any]]:
    rows = []
    for match in matches:
        strength = matching.match_strength(match.score)
        rows.append(
            {
                "person": match.person,
                "aliases": [name.full_name for name in match.person.aliases],
                "reasons": match.reasons,
                "strength": strength,
                "strength_class": STRENGTH_TAGS.get(strength, ""),
                "score": match.score,
            }
        )
    return rows


def _record_search_results(request: HttpRequest, matches: list[queries.PersonMatch]) -> None:
    record_access(
        by=signed_in_user(request),
        person_ids=[match.person.pk for match in matches],
        kind=AccessEvent.Kind.SEARCH,
        path=request.get_full_path(),
    )


# --- search -----------------------------------------------------------------------------------------------------


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_PEOPLE)
    form = SearchForm(request.GET if request.GET else None)
    matches: list[queries.PersonMatch] = []
    searched = False
    if form.is_bound and form.is_valid():
        text, date_of_birth = form.cleaned_data["name"], form.cleaned_data["date_of_birth"]
        searched = bool(text or date_of_birth)
        matches = queries.search_people(user=user, text=text, date_of_birth=date_of_birth)
        _record_search_results(request, matches)
    # htmx asks for the results alone (HX-Request); a history restore wants the whole page back.
    partial = request.headers.get("HX-Request") == "true" and not request.headers.get("HX-History-Restore-Request")
    context = {
        "form": form,
        "rows": _match_rows(matches),
        "results_caption": f"{len(matches)} {'person' if len(matches) == 1 else 'people'} found",
        "searched": searched,
        "partial": partial,
        "can_create": has_permission(user, Permission.CREATE_PEOPLE),
    }
    if partial:
        response = render(request, "people/_search_results.html", context)
    else:
        response = render(request, "people/search.html", context, status=400 if form.errors else 200)
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- one person -------------------------------------------------------------------------------------------------


def _display(summary: dict[str, Any]) -> dict[str, Any]:
    """Labels for the codes in a person summary."""
    names = summary["names"]
    kind_labels = dict(PersonName.Kind.choices)
    return {
        "legal_name": next((name for name in names if name["kind"] == PersonName.Kind.LEGAL), None),
        "other_names": [
            {**name, "kind_label": kind_labels.get(name["kind"], name["kind"])}
            for name in names
            if name["kind"] != PersonName.Kind.LEGAL
        ],
        "sex": Sex(summary["sex"]).label if summary["sex"] in Sex.values else summary["sex"],
        "ethnicity": Ethnicity(summary["ethnicity"]).label
        if summary["ethnicity"] in Ethnicity.values
        else summary["ethnicity"],
        "nhs_number": identifiers.format_nhs_number(summary["nhs_number"]),
    }


@require_GET
def detail(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = get_person_for_user(user, person_id)
    via_break_glass = _record_view(request, person)
    summary = queries.person_summary(person, user=user)
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "summary": summary,
            "display": _display(summary),
            "via_break_glass": via_break_glass,
            "can_edit": has_permission(user, Permission.EDIT_PEOPLE) and not via_break_glass,  # read-only access
            "can_see_viewers": has_permission(user, Permission.VIEW_WHO_VIEWED),
            # Emergency access is for reading this record, not a way into the rest of the child's file.
            "cases": [] if via_break_glass else cases_about(person, user=user),
            "record_links": [] if via_break_glass else record_links(person, user=user),
        },
    )


# --- create and edit --------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.CREATE_PEOPLE)
    service = user.service
    if service is None:
        raise Http404("Page not found")  # a person belongs to the creator's service; without a team there is none
    form = PersonForm(request.POST or None)
    possible: list[queries.PersonMatch] = []
    if request.method == "POST" and form.is_valid():
        try:
            values = actions.clean_person_fields(form.person_values())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if not request.POST.get("confirm_new"):
                # Look before creating: a duplicate record splits a child's history in two.
                found = queries.search_people(
                    user=user,
                    text=f"{values['given_name']} {values['family_name']}",
                    date_of_birth=values["date_of_birth"],
                    limit=10,
                )
                possible = [match for match in found if match.score >= POSSIBLE_DUPLICATE_SCORE]
                _record_search_results(request, possible)
            if not possible:
                try:
                    person = actions.create_person(service=service, by=user, **form.person_values())
                except ValidationError as error:
                    add_validation_errors(form, error)
                else:
                    messages.success(request, f"{person.display_name} has been added")
                    return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/create.html",
        {"form": form, "possible": _match_rows(possible)},
        status=400 if form.errors else 200,
    )


def _initial(person: Person) -> dict[str, Any]:
    legal = person.legal_name
    return {
        "given_name": legal.given_name if legal else "",
        "family_name": legal.family_name if legal else "",
        "date_of_birth": person.date_of_birth,
        "date_of_birth_estimated": person.date_of_birth_estimated,
        "sex": person.sex,
        "ethnicity": person.ethnicity,
        "la_child_id": person.la_child_id,
        "nhs_number": person.nhs_number,
        "upn": person.upn,
        "version": person.version,
    }


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = get_person_for_user(user, person_id, write=True)
    if request.method == "POST":
        form = PersonForm(request.POST)
        if form.is_valid() and form.cleaned_data["version"] is None:
            form.add_error(None, "This form is missing the version of the record it was loaded from. Reload the page")
        if form.is_valid():
            try:
                actions.update_person(
                    person=person, changes=form.person_values(), expected_version=form.cleaned_data["version"], by=user
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            except actions.EditConflict as conflict:
                return _conflict(request, person, conflict)
            else:
                messages.success(request, "The person's details have been saved")
                return redirect("people:detail", person_id=person.pk)
    else:
        form = PersonForm(initial=_initial(person))
    _record_view(request, person)
    return render(request, "people/edit.html", {"person": person, "form": form}, status=400 if form.errors else 200)


def _conflict(request: HttpRequest, person: Person, conflict: actions.EditConflict) -> HttpResponse:
    """409: someone saved the person after this editor loaded it. Nothing was saved. Show the difference and keep
    what the editor typed, now against the current version, so saving again is a deliberate choice."""
    _record_view(request, person)  # the page shows the values saved now
    data = request.POST.copy()
    data["version"] = str(conflict.current_version)
    form = PersonForm(data)
    form.is_valid()
    return render(
        request,
        "people/edit_conflict.html",
        {"person": person, "form": form, "conflict": conflict},
        status=409,
    )


# --- names and addresses ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def add_name(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = get_person_for_user(user, person_id, write=True)
    form = NameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_name(person=person, by=user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The name has been added")
            return redirect("people:detail", person_id=person.pk)
    _record_view(request, person)
    return render(request, "people/add_name.html", {"person": person, "form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def add_address(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = get_person_for_user(user, person_id, write=True)
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_address(person=person, by=user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The address has been added")
            return redirect("people:detail", person_id=person.pk)
    _record_view(request, person)
    return render(
        request, "people/add_address.html", {"person": person, "form": form}, status=400 if form.errors else 200
    )


# --- who viewed -------------------------------------------------------------------------------------------------


@require_GET
def who_viewed(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_WHO_VIEWED)
    person = get_person_for_user(user, person_id)
    via_break_glass = _record_view(request, person)  # looking at who looked is itself a look
    events = queries.viewers_of(person_id=person.pk)
    names = queries.viewer_names(events)
    kinds = dict(AccessEvent.Kind.choices)
    roles = dict(Role.choices)
    rows = [
        {
            "at": event.at,
            "who": names.get(event.actor_id or 0, event.actor_username),
            "username": event.actor_username,
            "role": roles.get(event.actor_role, "No role"),
            "how": kinds.get(event.kind, event.kind),
            "via_break_glass": event.via_break_glass,
        }
        for event in events
    ]
    return render(
        request,
        "people/who_viewed.html",
        {"person": person, "rows": rows, "via_break_glass": via_break_glass, "limit": len(rows)},
    )
