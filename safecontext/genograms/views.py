"""Genogram pages. Thin: forms check shape, genograms/actions.py decides and audits, genograms/queries.py reads in
scope. Every page about a child records an AccessEvent before it is rendered; a case the user may not see answers
404, the same as one that does not exist."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safecontext.access.permissions import Permission, has_permission
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.cases.models import Case
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import signed_in_user
from safecontext.genograms import actions, queries
from safecontext.genograms.forms import MemberForm, RelationForm, UploadForm
from safecontext.genograms.models import GenogramMember


def _record_view(
    request: HttpRequest, case: Case, *, kind: str = AccessEvent.Kind.PAGE, extra: tuple[int, ...] | list[int] = ()
) -> None:
    record_access(by=signed_in_user(request), person_ids=[case.subject_id, *extra], kind=kind, path=request.path)


def _page_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    genogram = queries.genogram_of(case)
    members = queries.members_of(genogram)
    relations = queries.relations_of(genogram)
    # The people on the case shown on the genogram are seen too.
    _record_view(request, case, extra=[member.person_id for member in members if member.person_id])
    return {
        "case": case,
        "genogram": genogram,
        "rows": queries.member_rows(members, relations),
        "relations": relations,
        "copies": queries.copies_of(genogram),
        # Built from escaped text only (genograms/drawing/svg.py escapes every name and label).
        "svg": mark_safe(queries.render_svg(case, members, relations)),  # noqa: S308
        "can_record": has_permission(signed_in_user(request), Permission.RECORD_CASEWORK),
    }


@require_GET
def for_case(request: HttpRequest, case_id: int) -> HttpResponse:
    case = queries.get_case_for_user(signed_in_user(request), case_id)
    return render(request, "genograms/for_case.html", _page_context(request, case))


@require_GET
def print_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = queries.get_case_for_user(signed_in_user(request), case_id)
    return render(request, "genograms/print.html", _page_context(request, case))


def _member_initial(member: GenogramMember) -> dict[str, Any]:
    initial: dict[str, Any] = {field: getattr(member, field) for field in actions.MEMBER_LABELS}
    initial["version"] = member.version
    for row in member.annotations.all():
        initial[f"aspect_{row.aspect}"] = row.text
    return initial


@require_http_methods(["GET", "POST"])
def add_member(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_case_for_user(user, case_id, write=True)
    form = MemberForm(request.POST if request.method == "POST" else None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            member = actions.add_member(case=case, by=user, values=form.values())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"{member.name} has been added to the genogram")
            return redirect("genograms:for_case", case_id=case.pk)
    _record_view(request, case)
    return render(
        request,
        "genograms/member_form.html",
        {"case": case, "form": form, "heading": "Add a person to the genogram"},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def edit_member(request: HttpRequest, genogram_member_id: int) -> HttpResponse:
    user = signed_in_user(request)
    member = queries.get_member_for_user(user, genogram_member_id, write=True)
    case = member.genogram.case
    conflict: actions.MemberEditConflict | None = None
    if request.method == "POST":
        form = MemberForm(request.POST, case=case)
        if form.is_valid() and form.cleaned_data["version"] is None:
            form.add_error(None, "This form is missing the version it was loaded from. Reload the page")
        if form.is_valid():
            try:
                actions.update_member(
                    member=member, by=user, values=form.values(), expected_version=form.cleaned_data["version"]
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            except actions.MemberEditConflict as stale:
                conflict = stale
                data = request.POST.copy()
                data["version"] = str(stale.current_version)
                form = MemberForm(data, case=case)
                form.is_valid()
            else:
                messages.success(request, f"{member.name}'s details have been saved")
                return redirect("genograms:for_case", case_id=case.pk)
    else:
        form = MemberForm(initial=_member_initial(member), case=case)
    _record_view(request, case, extra=[member.person_id] if member.person_id else [])
    return render(
        request,
        "genograms/member_form.html",
        {"case": case, "form": form, "member": member, "conflict": conflict, "heading": f"Change {member.name}"},
        status=409 if conflict else (400 if form.errors else 200),
    )


@require_POST
def remove_member(request: HttpRequest, genogram_member_id: int) -> HttpResponse:
    user = signed_in_user(request)
    member = queries.get_member_for_user(user, genogram_member_id, write=True)
    case_id, name = member.genogram.case_id, member.name
    actions.remove_member(member=member, by=user)
    messages.success(request, f"{name} has been removed from the genogram")
    return redirect("genograms:for_case", case_id=case_id)


@require_http_methods(["GET", "POST"])
def add_relation(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_case_for_user(user, case_id, write=True)
    members = queries.members_of(queries.genogram_of(case))
    form = RelationForm(request.POST if request.method == "POST" else None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_relation(
                case=case,
                by=user,
                kind=form.cleaned_data["kind"],
                from_member_id=form.cleaned_data["from_member"],
                to_member_id=form.cleaned_data["to_member"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The relationship has been added")
            return redirect("genograms:for_case", case_id=case.pk)
    _record_view(request, case)
    return render(
        request,
        "genograms/relation_form.html",
        {"case": case, "form": form, "members": members},
        status=400 if form.errors else 200,
    )


@require_POST
def remove_relation(request: HttpRequest, genogram_relation_id: int) -> HttpResponse:
    user = signed_in_user(request)
    relation = queries.get_relation_for_user(user, genogram_relation_id, write=True)
    case_id = relation.genogram.case_id
    actions.remove_relation(relation=relation, by=user)
    messages.success(request, "The relationship has been removed")
    return redirect("genograms:for_case", case_id=case_id)


@require_http_methods(["GET", "POST"])
def upload_copy(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_case_for_user(user, case_id, write=True)
    form = UploadForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > actions.MAX_UPLOAD_BYTES:
            form.add_error("file", f"The file must be smaller than {actions.MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        else:
            try:
                actions.upload_family_copy(
                    case=case, by=user, filename=upload.name or "", data=upload.read(), note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "The family's genogram has been uploaded")
                return redirect("genograms:for_case", case_id=case.pk)
    _record_view(request, case)
    return render(
        request, "genograms/upload_form.html", {"case": case, "form": form}, status=400 if form.errors else 200
    )


@require_GET
def download_copy(request: HttpRequest, family_copy_id: int) -> HttpResponse:
    copy = queries.get_family_copy_for_user(signed_in_user(request), family_copy_id)
    _record_view(request, copy.genogram.case, kind=AccessEvent.Kind.EXPORT)
    # Always a download, never shown inline: a file from outside is not rendered in our origin.
    response = HttpResponse(bytes(copy.data), content_type=copy.content_type)
    response["Content-Disposition"] = f'attachment; filename="{copy.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
