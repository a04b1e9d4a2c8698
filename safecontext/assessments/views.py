"""Assessment and participation pages. Thin: forms check shape, assessments/actions.py decides and audits,
assessments/queries.py reads in scope. Every page about a child records an AccessEvent before it is rendered; a case
the user may not see answers 404 (the same as one that does not exist)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safecontext.access.permissions import Permission, has_permission
from safecontext.assessments import actions, queries
from safecontext.assessments.forms import AssessmentForm, ParticipationForm
from safecontext.assessments.models import Participation, SingleAssessment
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.cases.models import Case
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import signed_in_user


def _record_view(request: HttpRequest, case: Case) -> None:
    record_access(
        by=signed_in_user(request), person_ids=[case.subject_id], kind=AccessEvent.Kind.PAGE, path=request.path
    )


def _rows(assessments: list[SingleAssessment]) -> list[dict[str, Any]]:
    return [{"assessment": assessment, "factors": queries.factors_of(assessment)} for assessment in assessments]


@require_GET
def for_case(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_case_for_user(user, case_id)
    _record_view(request, case)
    rows = _rows(list(queries.assessments_for_case(case)))
    return render(
        request,
        "assessments/for_case.html",
        {
            "case": case,
            "rows": rows,
            # Harm outside the home calls for the contexts to be weighed (contextual safeguarding).
            "outside_the_home": any(factor.extra_familial for row in rows for factor in row["factors"]),
            "weighting": queries.latest_context_weighting(case),
            "can_record": has_permission(user, Permission.RECORD_CASEWORK),
        },
    )


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_case_for_user(user, case_id, write=True)
    form = AssessmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.start_assessment(case=case, by=user, values=form.values())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The single assessment has been started")
            return redirect("assessments:for_case", case_id=case.pk)
    _record_view(request, case)
    return render(
        request,
        "assessments/form.html",
        {"case": case, "form": form, "heading": "Start a single assessment"},
        status=400 if form.errors else 200,
    )


def _initial(assessment: SingleAssessment) -> dict[str, Any]:
    initial: dict[str, Any] = {
        field: getattr(assessment, field) for field in actions.FIELD_LABELS if field != "factor_codes"
    }
    initial["factor_codes"] = [factor.code for factor in assessment.factors.all()]
    initial["version"] = assessment.version
    return initial


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, assessment_id: int) -> HttpResponse:
    user = signed_in_user(request)
    assessment = queries.get_assessment_for_user(user, assessment_id, write=True)
    case = assessment.case
    conflict: actions.AssessmentEditConflict | None = None
    version = assessment.factor_list_version
    if request.method == "POST":
        form = AssessmentForm(request.POST, factor_version=version)
        if form.is_valid() and form.cleaned_data["version"] is None:
            form.add_error(None, "This form is missing the version it was loaded from. Reload the page")
        if form.is_valid():
            try:
                actions.update_assessment(
                    assessment=assessment, by=user, values=form.values(), expected_version=form.cleaned_data["version"]
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            except actions.AssessmentEditConflict as stale:
                conflict = stale
                # Keep what they typed, now against the current version, so saving again is a deliberate choice.
                data = request.POST.copy()
                data["version"] = str(stale.current_version)
                form = AssessmentForm(data, factor_version=version)
                form.is_valid()
            else:
                messages.success(request, "The single assessment has been saved")
                return redirect("assessments:for_case", case_id=case.pk)
    else:
        form = AssessmentForm(initial=_initial(assessment), factor_version=version)
    _record_view(request, case)
    status = 409 if conflict else (400 if form.errors else 200)
    return render(
        request,
        "assessments/form.html",
        {
            "case": case,
            "form": form,
            "assessment": assessment,
            "conflict": conflict,
            "heading": "Change the assessment",
        },
        status=status,
    )


@require_GET
def participation(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_case_for_user(user, case_id)
    _record_view(request, case)
    entries = list(queries.participation_for_case(case))
    counts = [
        {"kind": label, "count": sum(1 for entry in entries if entry.kind == value)}
        for value, label in Participation.Kind.choices
    ]
    return render(
        request,
        "assessments/participation.html",
        {
            "case": case,
            "entries": entries,
            "counts": counts,
            "can_record": has_permission(user, Permission.RECORD_CASEWORK),
        },
    )


@require_http_methods(["GET", "POST"])
def add_participation(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_case_for_user(user, case_id, write=True)
    form = ParticipationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_participation(case=case, by=user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The participation has been recorded")
            return redirect("assessments:participation", case_id=case.pk)
    _record_view(request, case)
    return render(
        request, "assessments/add_participation.html", {"case": case, "form": form}, status=400 if form.errors else 200
    )
