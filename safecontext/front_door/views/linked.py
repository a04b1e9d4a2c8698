"""Linked young people and complex strategy meeting proposals, for the referral and screening pages.

`linked_young_people` answers htmx with the panel alone (loaded into a div on the referral and screening pages, e.g.
`<div hx-get="{% url 'front_door:linked' referral.pk %}" hx-trigger="load">`), and a normal request with a full page,
so it works without JavaScript. Looking also keeps what the check suggests as ComplexStrategyProposal rows
(idempotent), so a named practitioner can accept or decline each one through `decide_proposal`.

A referral the user may not screen answers 404 (get_referral_for_user(write=True)). Everyone the panel names is
recorded as seen (AccessEvent, kind "list") before the response is built.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from safecontext.access.scope import get_referral_for_user
from safecontext.accounts.models import User
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.http import is_htmx, signed_in_user
from safecontext.front_door.actions import proposals as actions
from safecontext.front_door.models import ComplexStrategyProposal, Referral
from safecontext.front_door.queries import linked as queries
from safecontext.front_door.queries import proposals as proposal_queries
from safecontext.network.models import Node


def _keep_suggestions(referral: Referral, result: queries.LinkedResult, user: User) -> None:
    """Keep each suggested meeting as a proposal (idempotent). A closed referral suggests nothing new."""
    if referral.status == Referral.Status.CLOSED or not result.suggestions:
        return
    nodes = Node.objects.in_bulk([suggestion.through_node_id for suggestion in result.suggestions])
    for suggestion in result.suggestions:
        actions.propose_complex_strategy(
            referral=referral,
            through_node=nodes[suggestion.through_node_id],
            young_people=suggestion.person_ids,
            by=user,
        )


def _render(
    request: HttpRequest,
    referral: Referral,
    *,
    errors: dict[int, str] | None = None,
    typed: dict[int, str] | None = None,
    notice: str = "",
    notice_link: str = "",
    status: int = 200,
) -> HttpResponse:
    user = signed_in_user(request)
    result = queries.linked_young_people_for_referral(user=user, referral=referral)
    _keep_suggestions(referral, result, user)
    proposals, proposal_people = proposal_queries.proposals_for_referral(user=user, referral=referral)
    record_access(
        by=user,
        person_ids=sorted(result.named_person_ids | proposal_people),
        kind=AccessEvent.Kind.LIST,
        path=request.get_full_path(),
    )
    partial = is_htmx(request)
    errors, typed = errors or {}, typed or {}
    rows = [
        {"view": view, "error": errors.get(view.proposal.pk, ""), "typed": typed.get(view.proposal.pk, "")}
        for view in proposals
    ]
    context: dict[str, Any] = {
        "referral": referral,
        "result": result,
        "proposals": rows,
        "has_errors": bool(errors),
        "notice": notice,
        "notice_link": notice_link,
        "partial": partial,
    }
    template = "front_door/linked_panel.html" if partial else "front_door/linked.html"
    # htmx swaps only 2xx answers, so the panel carries its errors with 200; the full page says 400.
    response = render(request, template, context, status=200 if partial else status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def linked_young_people(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = get_referral_for_user(signed_in_user(request), referral_id, write=True)
    return _render(request, referral)


@require_POST
def decide_proposal(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Accept (create the complex strategy meeting) or decline (with a reason) one proposal."""
    user = signed_in_user(request)
    proposal = proposal_queries.get_proposal_for_user(user=user, proposal_id=proposal_id)
    referral = get_referral_for_user(user, proposal.referral_id, write=True)
    decision = request.POST.get("decision", "")
    reason = request.POST.get("reason", "")
    try:
        if decision == "accept":
            meeting = actions.accept_complex_strategy(proposal=proposal, by=user)
            when = f"{timezone.localtime(meeting.scheduled_for):%A %-d %B %Y at %H:%M}"
            notice = f"A complex strategy meeting has been created for {when}, with every linked child on its agenda."
            url = reverse("meetings:detail", kwargs={"meeting_id": meeting.pk})
            if is_htmx(request):
                return _render(request, referral, notice=notice, notice_link=url)
            messages.success(request, notice)
            return redirect(url)
        if decision == "decline":
            actions.decline_complex_strategy(proposal=proposal, reason=reason, by=user)
            notice = "The proposal has been declined. Your reason has been recorded."
            if is_htmx(request):
                return _render(request, referral, notice=notice)
            messages.success(request, notice)
            return redirect("front_door:linked", referral_id=referral.pk)
        errors = {proposal.pk: "Choose whether to hold the complex strategy meeting or decline it"}
    except ValidationError as error:
        errors = {proposal.pk: " ".join(error.messages)}
    except actions.ProposalAlreadyDecided as decided:
        done = decided.proposal
        who = done.decided_by.display_name if done.decided_by else "someone else"
        verb = "accepted" if done.status == ComplexStrategyProposal.Status.ACCEPTED else "declined"
        return _render(
            request, referral, notice=f"Nothing was changed: {who} had already {verb} this proposal.", status=409
        )
    return _render(request, referral, errors=errors, typed={proposal.pk: reason}, status=400)
