"""Context-case pages (Level 2). Thin: forms check shape, contexts/actions.py decides and audits, contexts/queries.py
reads in scope. A case the user may not see answers 404 like one that does not exist. Members are people: the
detail page records an AccessEvent for each member it names, before it renders, and names only members the viewer
may open. Assessment and review pages: contexts/assessment_views.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import get_referral_for_user
from safecontext.access.url_policy import policy_for
from safecontext.accounts.models import User
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.contexts import actions, queries
from safecontext.contexts.forms import (
    AddMemberForm,
    AllocateLeadForm,
    CaseDetailsForm,
    CaseFilterForm,
    CloseCaseForm,
    EndMemberForm,
    MemberSearchForm,
    OpenCaseForm,
)
from safecontext.contexts.models import ContextCase
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import require_permission, signed_in_user
from safecontext.people.queries import search_people


def _status(form: Any) -> int:
    return 400 if form.errors else 200


# --- list and open ----------------------------------------------------------------------------------------------


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_CONTEXT_CASES)
    form = CaseFilterForm(request.GET or None)
    status = kind = ""
    if form.is_bound and form.is_valid():
        status, kind = form.cleaned_data["status"], form.cleaned_data["kind"]
    cases = queries.context_case_list(user, status=status, kind=kind)
    return render(
        request,
        "contexts/case_list.html",
        {
            "form": form,
            "cases": cases,
            "can_open": has_permission(user, Permission.MANAGE_CONTEXT_CASES),
        },
        status=_status(form),
    )


def _open(request: HttpRequest, *, referral_id: int | None) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.MANAGE_CONTEXT_CASES)
    referral = None
    if referral_id is not None:
        referral = get_referral_for_user(user, referral_id)
        if referral.subject_context_id is None:
            raise Http404("No referral about a context found")
    if user.team is None:
        raise Http404("Page not found")
    service_id = user.team.service_id
    contexts = (
        [referral.subject_context]
        if referral and referral.subject_context
        else queries.contexts_for_choosing(user=user)
    )
    leads = queries.possible_leads(service_id)
    initial: dict[str, Any] = {"opened_on": timezone.localdate(), "lead_worker": user.pk}
    if referral is not None:
        initial["context"] = referral.subject_context_id
    form = OpenCaseForm(request.POST or None, initial=initial, contexts=contexts, leads=leads)
    if request.method == "POST" and form.is_valid():
        context = next(c for c in contexts if str(c.pk) == form.cleaned_data["context"])
        lead = next(u for u in leads if str(u.pk) == form.cleaned_data["lead_worker"])
        try:
            if lead.team is None:
                raise ValidationError({"lead_worker": ["The lead must belong to a team"]})
            case = actions.open_context_case(
                context=context,
                team=lead.team,
                lead_worker=lead,
                opened_on=form.cleaned_data["opened_on"],
                referral=referral,
                details=form.details(),
                by=user,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"A context case has been opened on {context.name}")
            return redirect("contexts:case_detail", context_case_id=case.pk)
    already_open = (
        list(queries.open_context_cases_for(referral.subject_context)) if referral and referral.subject_context else []
    )
    return render(
        request,
        "contexts/open_case.html",
        {"form": form, "referral": referral, "already_open": already_open, "has_contexts": bool(contexts)},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def open_case(request: HttpRequest) -> HttpResponse:
    return _open(request, referral_id=None)


@require_http_methods(["GET", "POST"])
def open_from_referral(request: HttpRequest, context_referral_id: int) -> HttpResponse:
    return _open(request, referral_id=context_referral_id)


# --- one case ---------------------------------------------------------------------------------------------------


def _record_members_seen(request: HttpRequest, person_ids: list[int]) -> None:
    record_access(
        by=signed_in_user(request), person_ids=person_ids, kind=AccessEvent.Kind.LIST, path=request.get_full_path()
    )


@require_GET
def case_detail(request: HttpRequest, context_case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_CONTEXT_CASES)
    case = queries.get_context_case_for_user(user, context_case_id)
    members = queries.members_for(user, case)
    _record_members_seen(request, members.person_ids)
    assessments = queries.assessments_for(case)
    baseline = queries.baseline_of(case)
    return render(
        request,
        "contexts/case_detail.html",
        {
            "case": case,
            "members": members,
            "current_members": [m for m in members.shown if m.left_on is None],
            "past_members": [m for m in members.shown if m.left_on is not None],
            "allocations": list(case.allocations.select_related("lead_worker", "team", "allocated_by")),
            "assessments": assessments,
            "baseline": baseline,
            "has_review": any(a.review_of_id for a in assessments),
            "area_corners": case.area_points.splitlines(),
            "can_manage": has_permission(user, Permission.MANAGE_CONTEXT_CASES) and case.status == "open",
            "related": _related_links(user, case),
        },
    )


# Other areas' pages about this case or its context: shown when the URL exists and the user's role may use it.
RELATED_PAGES = (
    ("context_plans:for_context_case", "context_case_id", "Context weighting and plans"),
    ("network:context_map", "context_id", "Network map around this context"),
)


def _related_links(user: User, case: ContextCase) -> list[tuple[str, str]]:
    links = []
    for name, kwarg, label in RELATED_PAGES:
        policy = policy_for(name)
        if policy is None or (policy.permission and not has_permission(user, policy.permission)):
            continue
        try:
            url = reverse(name, kwargs={kwarg: case.pk if kwarg == "context_case_id" else case.context_id})
        except NoReverseMatch:
            continue
        links.append((label, url))
    return links


def _details_initial(case: ContextCase) -> dict[str, Any]:
    initial: dict[str, Any] = {field: getattr(case, field) for field in CaseDetailsForm.DETAIL_FIELDS}
    initial["version"] = case.version
    return {key: ("" if value is None else value) for key, value in initial.items()}


@require_http_methods(["GET", "POST"])
def edit_case(request: HttpRequest, context_case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_context_case_for_user(user, context_case_id, write=True)
    if request.method == "POST":
        form = CaseDetailsForm(request.POST)
        if form.is_valid() and form.cleaned_data["version"] is None:
            form.add_error(None, "This form is missing the version of the case it was loaded from. Reload the page")
        if form.is_valid():
            try:
                actions.update_context_case(
                    context_case=case, changes=form.details(), expected_version=form.cleaned_data["version"], by=user
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            except actions.ContextCaseEditConflict as conflict:
                data = request.POST.copy()
                data["version"] = str(conflict.current_version)
                stale = CaseDetailsForm(data)
                stale.is_valid()
                return render(
                    request,
                    "contexts/edit_conflict.html",
                    {"case": case, "form": stale, "conflict": conflict},
                    status=409,
                )
            else:
                messages.success(request, "The case's details have been saved")
                return redirect("contexts:case_detail", context_case_id=case.pk)
    else:
        form = CaseDetailsForm(initial=_details_initial(case))
    return render(request, "contexts/edit_case.html", {"case": case, "form": form}, status=_status(form))


@require_http_methods(["GET", "POST"])
def allocate_lead(request: HttpRequest, context_case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_context_case_for_user(user, context_case_id, write=True)
    leads = [lead for lead in queries.possible_leads(case.context.service_id) if lead.pk != case.lead_worker_id]
    form = AllocateLeadForm(request.POST or None, leads=leads)
    if request.method == "POST" and form.is_valid():
        lead = next(u for u in leads if str(u.pk) == form.cleaned_data["lead_worker"])
        try:
            actions.allocate_lead(context_case=case, lead_worker=lead, reason=form.cleaned_data["reason"], by=user)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"{lead.display_name} now leads this case")
            return redirect("contexts:case_detail", context_case_id=case.pk)
    return render(request, "contexts/allocate_lead.html", {"case": case, "form": form}, status=_status(form))


@require_http_methods(["GET", "POST"])
def close_case(request: HttpRequest, context_case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_context_case_for_user(user, context_case_id, write=True)
    form = CloseCaseForm(request.POST or None, initial={"closed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.close_context_case(
                context_case=case, closed_on=form.cleaned_data["closed_on"], reason=form.cleaned_data["reason"], by=user
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The case has been closed")
            return redirect("contexts:case_detail", context_case_id=case.pk)
    return render(request, "contexts/close_case.html", {"case": case, "form": form}, status=_status(form))


# --- members ----------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def add_member(request: HttpRequest, context_case_id: int) -> HttpResponse:
    """Find the young person by name (results recorded as a search), then add them with the date they joined."""
    user = signed_in_user(request)
    case = queries.get_context_case_for_user(user, context_case_id, write=True)
    search = MemberSearchForm(request.GET or None)
    matches = []
    if search.is_bound and search.is_valid():
        matches = search_people(user=user, text=search.cleaned_data["q"], limit=20)
        record_access(
            by=user,
            person_ids=[match.person.pk for match in matches],
            kind=AccessEvent.Kind.SEARCH,
            path=request.get_full_path(),
        )
    form = AddMemberForm(request.POST or None, initial={"joined_on": timezone.localdate()})
    chosen = None
    if request.method == "POST" and form.is_valid():
        chosen = queries.person_for_member(user, form.cleaned_data["person"])
        if chosen is None:
            form.add_error("person", "Choose the young person")
        else:
            try:
                actions.add_member(
                    context_case=case,
                    person=chosen,
                    joined_on=form.cleaned_data["joined_on"],
                    notes=form.cleaned_data["notes"],
                    by=user,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, f"{chosen.display_name} has been added to the group")
                return redirect("contexts:case_detail", context_case_id=case.pk)
    elif request.method == "GET" and request.GET.get("person"):
        chosen = queries.person_for_member(user, _int(request.GET["person"]))
    if chosen is not None:
        record_access(by=user, person_ids=[chosen.pk], kind=AccessEvent.Kind.LIST, path=request.get_full_path())
    return render(
        request,
        "contexts/add_member.html",
        {"case": case, "search": search, "matches": matches, "form": form, "chosen": chosen},
        status=400 if form.errors or search.errors else 200,
    )


def _int(text: str) -> int:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else 0


@require_http_methods(["GET", "POST"])
def end_member(request: HttpRequest, context_case_id: int, context_member_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = queries.get_context_case_for_user(user, context_case_id, write=True)
    member = queries.get_member_for_user(user, context_member_id, write=True)
    if member.context_case_id != case.pk:
        raise Http404("No member found")
    form = EndMemberForm(request.POST or None, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.end_member(member=member, left_on=form.cleaned_data["left_on"], by=user)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"{member.person.display_name} is no longer a current member")
            return redirect("contexts:case_detail", context_case_id=case.pk)
    _record_members_seen(request, [member.person_id])
    return render(
        request, "contexts/end_member.html", {"case": case, "member": member, "form": form}, status=_status(form)
    )
