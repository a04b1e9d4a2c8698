"""Break-glass pages. Thin: forms validate shape, actions decide and audit, queries scope."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from safecontext.access import actions, queries
from safecontext.access.forms import BreakGlassForm, BreakGlassReviewForm
from safecontext.access.models import BreakGlassGrant
from safecontext.access.permissions import Permission
from safecontext.access.scope import people_in_scope
from safecontext.accounts.models import User
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import require_permission, signed_in_user
from safecontext.people.models import Person


def _person_named_by(form: BreakGlassForm, user: User) -> Person | None:
    """The one person the form's identifier names, or None with the error on the form (and the miss audited)."""
    identifier, reason = form.cleaned_data["identifier"], form.cleaned_data["reason"]
    try:
        person = queries.person_by_identifier(identifier, user=user)
    except queries.AmbiguousIdentifier:
        form.add_error("identifier", "More than one record has that identifier. Use the NHS number or the SC number")
        person = None
    else:
        if person is None:
            form.add_error("identifier", "No record in your service has that identifier. Check it and try again")
    if person is None:
        actions.record_failed_break_glass(identifier=identifier, reason=reason, by=user)
    return person


@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest) -> HttpResponse:
    require_permission(signed_in_user(request), Permission.BREAK_GLASS)
    user: User = request.user  # type: ignore[assignment]
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and (person := _person_named_by(form, user)):
        if people_in_scope(user).filter(pk=person.pk).exists():
            # Already within the user's scope: no emergency access needed, and none recorded.
            return redirect("people:detail", person_id=person.pk)
        try:
            actions.open_break_glass(person=person, reason=form.cleaned_data["reason"], by=user)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.warning(
                request,
                "You have emergency access to this record for 4 hours. Your manager has been asked to review it.",
            )
            return redirect("people:detail", person_id=person.pk)
    return render(request, "access/break_glass.html", {"form": form}, status=400 if form.errors else 200)


def break_glass_reviews(request: HttpRequest) -> HttpResponse:
    require_permission(signed_in_user(request), Permission.REVIEW_BREAK_GLASS)
    grants = queries.grants_to_review(request.user)  # type: ignore[arg-type]
    return render(
        request,
        "access/break_glass_reviews.html",
        {
            "pending": grants.filter(outcome=BreakGlassGrant.Outcome.PENDING),
            "reviewed": grants.exclude(outcome=BreakGlassGrant.Outcome.PENDING)[:50],
        },
    )


@require_http_methods(["GET", "POST"])
def break_glass_review(request: HttpRequest, grant_id: int) -> HttpResponse:
    require_permission(signed_in_user(request), Permission.REVIEW_BREAK_GLASS)
    grant = queries.grant_for_review(request.user, grant_id)  # type: ignore[arg-type]
    form = BreakGlassReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.review_break_glass(
                grant=grant,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Review recorded")
            return redirect(reverse("access:break_glass_reviews"))
    return render(
        request, "access/break_glass_review.html", {"grant": grant, "form": form}, status=400 if form.errors else 200
    )
