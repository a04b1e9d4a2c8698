"""Safety plan pages. Thin: the form checks shape, safety_plans/actions.py decides and audits, queries.py reads
through the case's scope. Every page records an AccessEvent for the young person before it is rendered."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safecontext.access.permissions import Permission, has_permission
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.cases.models import Case
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import require_permission, signed_in_user
from safecontext.safety_plans import actions, queries
from safecontext.safety_plans.forms import SafetyPlanForm
from safecontext.safety_plans.helplines import HELPLINES
from safecontext.safety_plans.models import CONTENT_FIELDS, TEXT_FIELDS, SafetyPlan
from safecontext.sharing.forms import DownloadForm
from safecontext.sharing.outbound import SharingRecordRequired, authorise_outbound, eligible_sharing_records
from safecontext.sharing.pdf import render_pdf
from safecontext.sharing.rules import ItemKind


def _seen(request: HttpRequest, case: Case) -> None:
    record_access(
        by=signed_in_user(request), person_ids=[case.subject_id], kind=AccessEvent.Kind.PAGE, path=request.path
    )


def _sections(content: dict[str, Any]) -> list[dict[str, str]]:
    return [{"label": label, "text": content.get(field) or ""} for field, label in TEXT_FIELDS.items()]


@require_GET
def for_case(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_case_for_user(user, case_id)
    _seen(request, case)
    plan = queries.plan_for_case(case)
    return render(
        request,
        "safety_plans/for_case.html",
        {
            "case": case,
            "plan": plan,
            "sections": _sections(plan.content()) if plan else [],
            "versions": queries.versions_of(plan) if plan else [],
            "labels": CONTENT_FIELDS,
            "can_edit": has_permission(user, Permission.RECORD_CASEWORK),
            "can_download": has_permission(user, Permission.RECORD_SHARING),
        },
    )


def _add_rule_errors(form: SafetyPlanForm) -> None:
    """The form's own errors stop the action; show the rules' problems with the other fields too, all at once."""
    try:
        actions.clean_content(form.plan_values())
    except ValidationError as error:
        for field, field_errors in error.message_dict.items():
            if field not in form.errors:
                form.add_error(field if field in form.fields else None, field_errors)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_case_for_user(user, case_id, write=True)
    _seen(request, case)
    plan = queries.plan_for_case(case)
    if request.method != "POST":
        form = SafetyPlanForm(initial=SafetyPlanForm.initial_for(plan), plan=plan)
        return render(request, "safety_plans/edit.html", {"case": case, "plan": plan, "form": form})
    form = SafetyPlanForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            saved = actions.save_safety_plan(
                by=user, case=case, values=form.plan_values(), version=form.cleaned_data["version"]
            )
        except actions.SafetyPlanConflict as conflict:
            data = request.POST.copy()
            data["version"] = str(conflict.current_version)  # saving again means "mine replace theirs"
            return render(
                request,
                "safety_plans/edit.html",
                {
                    "case": case,
                    "plan": conflict.plan,
                    "form": SafetyPlanForm(data, plan=conflict.plan),
                    "conflict": conflict,
                },
                status=409,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"Safety plan saved (version {saved.version})")
            return redirect("safety_plans:for_case", case_id=case.pk)
    else:
        _add_rule_errors(form)
    return render(request, "safety_plans/edit.html", {"case": case, "plan": plan, "form": form}, status=400)


@require_GET
def version(request: HttpRequest, case_id: int, safety_plan_version_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_case_for_user(user, case_id)
    saved = queries.get_version(case, safety_plan_version_id)
    _seen(request, case)
    content = saved.content
    return render(
        request,
        "safety_plans/version.html",
        {
            "case": case,
            "saved": saved,
            "sections": _sections(content),
            "contingencies": content.get("contingencies", []),
            "contacts": content.get("contacts", []),
            "review_on": actions.display("review_on", content.get("review_on")),
            "changed": [CONTENT_FIELDS.get(field, field) for field in saved.changed_fields],
        },
    )


def family_pdf_context(plan: SafetyPlan, *, given_name: str) -> dict[str, Any]:
    """What the family's copy shows: the plan in plain language, helplines written out, the date it was printed."""
    return {
        "given_name": given_name,
        "plan": plan,
        "sections": [section for section in _sections(plan.content()) if section["text"]],
        "helplines": HELPLINES,
        "printed_on": timezone.localdate(),
    }


def _given_name(case: Case) -> str:
    legal = case.subject.legal_name
    return legal.given_name if legal and legal.given_name else "you"


@require_http_methods(["GET", "POST"])
def family_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.RECORD_SHARING)
    case = queries.get_case_for_user(user, case_id)
    _seen(request, case)
    plan = queries.plan_for_case(case)
    form = DownloadForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and plan is not None and form.is_valid():
        try:
            with transaction.atomic():
                authorise_outbound(
                    by=user,
                    person=case.subject,
                    sharing_record_id=form.cleaned_data["sharing_record"],
                    kind="safety_plan_pdf",
                    description=f"Family copy of the safety plan, version {plan.version}",
                    item=ItemKind.SAFETY_PLAN,
                    path=request.path,
                )
                pdf = render_pdf("safety_plans/pdf/family.html", family_pdf_context(plan, given_name=_given_name(case)))
        except SharingRecordRequired as refused:
            form.add_error("sharing_record", refused.user_message)
        else:
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="safety-plan-v{plan.version}.pdf"'
            return response
    shares = eligible_sharing_records(case.subject, item=ItemKind.SAFETY_PLAN)
    record_share_url = (
        reverse("sharing:new", kwargs={"person_id": case.subject_id})
        + f"?item={ItemKind.SAFETY_PLAN.value}&next={reverse('safety_plans:family_pdf', kwargs={'case_id': case.pk})}"
    )
    return render(
        request,
        "safety_plans/family_pdf.html",
        {"case": case, "plan": plan, "form": form, "shares": shares, "record_share_url": record_share_url},
        status=400 if form.errors else 200,
    )
