"""Supervision pages. Thin: forms check shape, supervision/actions.py decides and audits, queries.py and chain.py
read in scope. A session answers 404 to anyone not in it; a case's oversight page answers 404 unless the case is
visible. Every page naming a young person records an AccessEvent before it is rendered."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safecontext.access.permissions import Permission, has_permission
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.cases.models import Case
from safecontext.cases.queries import get_case_for_user
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import signed_in_user
from safecontext.supervision import actions, chain, queries
from safecontext.supervision.forms import CadenceForm, DiscussionForm, SessionForm
from safecontext.supervision.models import SupervisionCadence
from safecontext.supervision.prompts import prompts_for


def _record(request: HttpRequest, person_ids: Iterable[int | None], kind: str = AccessEvent.Kind.LIST) -> None:
    record_access(
        by=signed_in_user(request),
        person_ids=sorted({pk for pk in person_ids if pk is not None}),
        kind=kind,
        path=request.get_full_path(),
    )


def my_actions_context(request: HttpRequest) -> dict[str, object]:
    """For a page including `supervision/includes/my_actions.html` (My work): the open actions, with the young
    people they name recorded as shown."""
    open_actions = queries.open_actions_for(signed_in_user(request))
    _record(request, [item.person_id for item in open_actions])
    return {"supervision_actions": open_actions}


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    loaded = chain.load_chain()
    mine = chain.my_next_supervision(user, chain=loaded)
    supervisees = chain.supervisees_of(user, chain=loaded)
    return render(
        request,
        "supervision/index.html",
        {
            # Prompts for each supervisee's next session, and for one's own: case numbers and dates, no names.
            "supervisees": [(row, prompts_for(row.user)) for row in supervisees],
            "my_prompts": prompts_for(user) if mine else [],
            "my_supervision": mine,
            "sessions": queries.sessions_for(user)[:30],
            "can_supervise": has_permission(user, Permission.SUPERVISE),
            "can_see_dashboard": has_permission(user, Permission.VIEW_OVERSIGHT_DASHBOARDS),
        },
    )


@require_http_methods(["GET", "POST"])
def new_session(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    options = {"supervisees": queries.supervisees_list(user), "colleagues": queries.colleagues_of(user)}
    if request.method == "POST":
        form = SessionForm(request.POST, **options)
        if form.is_valid():
            try:
                session = actions.record_session(
                    kind=form.cleaned_data["kind"],
                    held_on=form.cleaned_data["held_on"],
                    supervisee=form.supervisee_user(),
                    attendees=form.attendee_users(),
                    themes=form.cleaned_data["themes"],
                    by=user,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "The session has been recorded")
                return redirect("supervision:session", supervision_session_id=session.pk)
    else:
        form = SessionForm(initial={"supervisee": request.GET.get("supervisee", "")}, **options)
    return render(request, "supervision/new_session.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
def session_detail(request: HttpRequest, supervision_session_id: int) -> HttpResponse:
    user = signed_in_user(request)
    session = queries.get_session_for_user(user, supervision_session_id)
    page = queries.session_page(user, session)
    prompts = []
    if session.supervisee is not None and queries.may_see_reflective(user, session):
        prompts = prompts_for(session.supervisee, before=session)
    _record(request, page.person_ids, AccessEvent.Kind.PAGE)
    return render(
        request,
        "supervision/session.html",
        {
            "page": page,
            "session": session,
            "reflective": queries.may_see_reflective(user, session),
            "can_add": session.supervisor_id == user.pk and session.supervisee_id is not None,
            "prompts": prompts,
        },
    )


@require_http_methods(["GET", "POST"])
def add_discussion(request: HttpRequest, supervision_session_id: int) -> HttpResponse:
    user = signed_in_user(request)
    session = queries.get_session_for_user(user, supervision_session_id)
    if session.supervisor_id != user.pk or session.supervisee is None:
        raise Http404("No supervision session found")
    cases = list(queries.cases_to_discuss(session.supervisee))
    owners: dict[int, object] = {}
    for case in cases:
        for owner in queries.owners_for(session, case):
            owners.setdefault(owner.pk, owner)
    options = {"cases": cases, "owners": list(owners.values())}
    if request.method == "POST":
        form = DiscussionForm(request.POST, **options)  # type: ignore[arg-type]
        if form.is_valid():
            chosen = form.case_obj()
            assert chosen is not None
            try:
                actions.add_case_discussion(
                    session=session,
                    case=chosen,
                    practice_discussion=form.cleaned_data["practice_discussion"],
                    feelings_and_impact=form.cleaned_data["feelings_and_impact"],
                    hypotheses=form.cleaned_data["hypotheses"],
                    parallel_processes=form.cleaned_data["parallel_processes"],
                    decisions=form.cleaned_data["decisions"],
                    actions=form.agreed_actions(),
                    by=user,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, f"The discussion of case {chosen.pk} has been recorded")
                return redirect("supervision:session", supervision_session_id=session.pk)
    else:
        form = DiscussionForm(initial={"case": request.GET.get("case", "")}, **options)  # type: ignore[arg-type]
    _record(request, [case.subject_id for case in cases])
    return render(
        request,
        "supervision/add_discussion.html",
        {"session": session, "form": form, "prompts": prompts_for(session.supervisee, before=session)},
        status=400 if form.errors else 200,
    )


def _case_page_url(case: Case) -> str | None:
    try:
        return reverse("cases:detail", kwargs={"case_id": case.pk})
    except NoReverseMatch:
        return None  # the case page arrives with the casework issue


@require_GET
def case_oversight(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(signed_in_user(request), case_id)
    entries = queries.oversight_for_case(case)
    _record(request, [case.subject_id], AccessEvent.Kind.PAGE)
    return render(
        request,
        "supervision/case_oversight.html",
        {"case": case, "entries": entries, "case_url": _case_page_url(case)},
    )


@require_GET
def my_actions(request: HttpRequest) -> HttpResponse:
    return render(request, "supervision/my_actions.html", my_actions_context(request))


@require_POST
def action_done(request: HttpRequest, supervision_action_id: int) -> HttpResponse:
    user = signed_in_user(request)
    supervision_action = queries.get_open_action_for_owner(user, supervision_action_id)
    try:
        actions.mark_action_done(supervision_action=supervision_action, by=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The action has been marked done")
    back = request.POST.get("next", "")
    return redirect(
        back if back in {reverse("core:home"), reverse("supervision:my_actions")} else "supervision:my_actions"
    )


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request, "supervision/dashboard.html", {"dashboard": chain.supervision_dashboard(signed_in_user(request))}
    )


@require_http_methods(["GET", "POST"])
def cadence(request: HttpRequest, supervisee_id: int) -> HttpResponse:
    user = signed_in_user(request)
    supervisee = queries.get_supervisee_for_cadence(user, supervisee_id)
    current = SupervisionCadence.objects.filter(user=supervisee).first()
    if request.method == "POST":
        form = CadenceForm(request.POST)
        if form.is_valid():
            try:
                actions.set_cadence(
                    user=supervisee,
                    cadence_days=form.cleaned_data["cadence_days"],
                    supervised_outside=current.supervised_outside if current else "",
                    by=user,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, f"{supervisee.display_name}'s supervision cadence has been saved")
                return redirect("supervision:index")
    else:
        form = CadenceForm(initial={"cadence_days": current.cadence_days if current else 28})
    return render(
        request,
        "supervision/cadence.html",
        {"form": form, "supervisee": supervisee},
        status=400 if form.errors else 200,
    )
