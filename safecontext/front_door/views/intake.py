"""Referral intake pages: record a referral (with duplicate candidates as the child's details are typed), and the
referral's own page. Thin: forms check shape, front_door/actions/intake.py decides and audits, queries read in scope.

Every person a page shows is recorded (AccessEvent) before the response is built: candidates as search results,
a referral's children as a record page, the people it mentions as a list.
"""

from __future__ import annotations

import re
import secrets

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import get_referral_for_user
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.contexts.queries import contexts_for_choosing
from safecontext.core.http import require_permission, signed_in_user
from safecontext.front_door.actions import intake as actions
from safecontext.front_door.forms import (
    MAX_CHILDREN,
    MAX_MENTIONS,
    WHAT_GROUPS,
    ChildForm,
    MentionForm,
)
from safecontext.front_door.intake_page import (
    IntakeForms,
    Row,
    fill_candidates,
    record_from_page,
    total_forms,
    with_extra_row,
)
from safecontext.front_door.models import Referral
from safecontext.front_door.queries import intake as queries

_PREFIX = re.compile(r"^(child|mention)-([0-9]{1,2})$")


def _record(request: HttpRequest, person_ids: list[int], kind: str) -> None:
    record_access(by=signed_in_user(request), person_ids=person_ids, kind=kind, path=request.get_full_path())


# --- the intake page --------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def new_referral(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.RECORD_REFERRALS)
    if user.service is None:
        raise Http404("Page not found")  # a referral belongs to the recorder's service; without a team there is none
    if request.method == "GET" and request.GET.get("add") in {"child", "mention"}:
        return _added_row(request, str(request.GET["add"]))
    contexts = contexts_for_choosing(user=user)

    if request.method == "GET":
        page = IntakeForms.build(None, contexts=contexts, token=secrets.token_urlsafe(24))
        return _render(request, page)

    data = request.POST
    for kind, maximum in (("child", MAX_CHILDREN), ("mention", MAX_MENTIONS)):
        if f"add_{kind}" in data:
            # Without JavaScript, "add another" sends the form: draw it again with one more row, saving nothing.
            page = IntakeForms.build(with_extra_row(data, kind, maximum), contexts=contexts).without_judging()
            fill_candidates(request, page.child_rows + page.mention_rows)
            return _render(request, page)

    already = queries.referral_for_submission(user=user, token=data.get("submission_token", "")[:64])
    if already is not None:
        messages.info(request, "This referral had already been recorded, so it was not recorded again")
        return redirect("front_door:referral", referral_id=already.pk)

    if not data.get("submission_token"):
        data = data.copy()  # a form from before tokens, or a hand-made request: give it one for its resubmits
        data["submission_token"] = secrets.token_urlsafe(24)
    page = IntakeForms.build(data, contexts=contexts)
    valid = page.is_valid()
    fill_candidates(request, page.child_rows + page.mention_rows)
    if valid:
        try:
            referral = record_from_page(request, page, user.service)
        except actions.DuplicateSubmission as duplicate:
            messages.info(request, "This referral had already been recorded, so it was not recorded again")
            return redirect("front_door:referral", referral_id=duplicate.referral_id)
        if referral is not None:
            messages.success(request, "The referral has been recorded")
            return redirect("front_door:referral", referral_id=referral.pk)
    return _render(request, page, status=400)


def _render(request: HttpRequest, page: IntakeForms, *, status: int = 200) -> HttpResponse:
    about = page.main["about"].value()
    return render(
        request,
        "front_door/intake_new.html",
        {
            "page": page,
            "form": page.main,
            "about_children": about == Referral.About.CHILDREN,
            "about_context": about == Referral.About.CONTEXT,
            "can_add_child": len(page.child_rows) < MAX_CHILDREN,
            "can_add_mention": len(page.mention_rows) < MAX_MENTIONS,
            "what_groups": WHAT_GROUPS,
        },
        status=status,
    )


def _added_row(request: HttpRequest, kind: str) -> HttpResponse:
    """htmx "add another": one more blank child block or mention row, and the formset's new total (out of band)."""
    index = total_forms(request.GET, kind)
    maximum = MAX_CHILDREN if kind == "child" else MAX_MENTIONS
    if index >= maximum:
        return HttpResponse(status=204)
    form: ChildForm | MentionForm = (
        ChildForm(prefix=f"child-{index}") if kind == "child" else MentionForm(prefix=f"mention-{index}")
    )
    return render(
        request,
        "front_door/intake_added_row.html",
        {
            "row": Row(form=form, number=index + 1),
            "kind": kind,
            "total": index + 1,
            "what_groups": WHAT_GROUPS,
        },
    )


# --- duplicate candidates (htmx partial) ------------------------------------------------------------------------


@require_GET
def duplicate_candidates(request: HttpRequest) -> HttpResponse:
    """The candidates for one child block or mention row, as radios, from what is typed in it so far."""
    user = signed_in_user(request)
    require_permission(user, Permission.RECORD_REFERRALS)
    found = _PREFIX.match(request.GET.get("for", ""))
    row: Row | None = None
    if found and int(found[2]) < (MAX_CHILDREN if found[1] == "child" else MAX_MENTIONS):
        form_class = ChildForm if found[1] == "child" else MentionForm
        row = Row(form=form_class(request.GET, prefix=found[0]), number=int(found[2]) + 1)
        fill_candidates(request, [row])
    return render(request, "front_door/intake_candidates.html", {"row": row})


# --- the referral page ------------------------------------------------------------------------------------------


@require_GET
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = signed_in_user(request)
    referral = get_referral_for_user(user, referral_id)
    shown = queries.referral_shown(referral=referral, user=user)
    _record(request, [child.pk for child in shown.children], AccessEvent.Kind.PAGE)
    _record(request, shown.mentioned_person_ids, AccessEvent.Kind.LIST)
    can_screen = has_permission(user, Permission.SCREEN_REFERRALS)
    awaiting_screening = referral.status == Referral.Status.AWAITING_SCREENING
    return render(
        request,
        "front_door/referral_detail.html",
        {
            "shown": shown,
            "referral": referral,
            "can_screen": can_screen,
            "awaiting_screening": awaiting_screening,
            # After screening, the work starts: a case for each child, or Level 2 work on the context.
            "can_open_cases": not awaiting_screening and has_permission(user, Permission.MANAGE_CASES),
            "can_open_context_case": referral.about == Referral.About.CONTEXT
            and has_permission(user, Permission.MANAGE_CONTEXT_CASES),
        },
    )
