"""The partners register: guardians (shop owners, park wardens, transport and security staff) and partner agencies
with reach into the service's contexts (Contextual Safeguarding Domain 3). The service's register, not a child's
record: no AccessEvent, but every change is audited in actions.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safecontext.access.permissions import Permission
from safecontext.context_plans import actions, queries
from safecontext.context_plans.cleaning import EditConflict
from safecontext.context_plans.forms import PartnerForm
from safecontext.contexts.queries import contexts_for_choosing
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import require_permission, signed_in_user


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_CONTEXT_CASES)
    return render(
        request,
        "context_plans/partners.html",
        {"partners": list(queries.partners_for_user(user)), "can_manage": queries.can_manage(user)},
    )


@require_http_methods(["GET", "POST"])
def new_partner(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.MANAGE_CONTEXT_CASES)
    if user.service is None:
        raise Http404("Page not found")
    form = PartnerForm(request.POST or None, contexts=contexts_for_choosing(user=user), initial={"active": True})
    if request.method == "POST" and form.is_valid():
        try:
            partner = actions.add_partner(
                service_id=user.service.pk, values=form.values() | {"active": True},
                contexts=form.chosen_contexts(), by=user,
            )  # fmt: skip
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"{partner.name} has been added to the partners register")
            return redirect("context_plans:partners")
    return render(
        request, "context_plans/partner_form.html", {"form": form, "partner": None}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def edit_partner(request: HttpRequest, partner_id: int) -> HttpResponse:
    user = signed_in_user(request)
    partner = queries.get_partner_for_user(user, partner_id, write=True)
    initial = {
        "kind": partner.kind,
        "name": partner.name,
        "role": partner.role,
        "organisation": partner.organisation,
        "contact": partner.contact,
        "consents_to_contact": partner.consents_to_contact,
        "active": partner.active,
        "contexts": [str(context.pk) for context in partner.contexts.all()],
        "version": partner.version,
    }
    form = PartnerForm(request.POST or None, contexts=contexts_for_choosing(user=user), initial=initial)
    conflict: EditConflict | None = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_partner(
                partner=partner, values=form.values(), contexts=form.chosen_contexts(),
                expected_version=form.cleaned_data["version"] or 0, by=user,
            )  # fmt: skip
        except ValidationError as error:
            add_validation_errors(form, error)
        except EditConflict as error:
            conflict = error
            data = request.POST.copy()
            data["version"] = str(error.current_version)
            form = PartnerForm(data, contexts=contexts_for_choosing(user=user))
            form.is_valid()
        else:
            messages.success(request, f"{partner.name}'s details have been saved")
            return redirect("context_plans:partners")
    return render(
        request,
        "context_plans/partner_form.html",
        {"form": form, "partner": partner, "conflict": conflict},
        status=409 if conflict else (400 if form.errors else 200),
    )
