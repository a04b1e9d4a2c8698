"""Reads for break-glass: finding the record asked for, and the alerts a manager reviews."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from safecontext.access.models import BreakGlassGrant
from safecontext.access.permissions import Permission, Scope, has_permission, scope_for
from safecontext.people.models import Person

if TYPE_CHECKING:
    from safecontext.accounts.models import User


def person_by_identifier(identifier: str, *, user: User) -> Person | None:
    """The person a break-glass request names: by SafeContext number, LA child ID, NHS number or UPN.

    Deliberately not a name search: emergency access is for a record the practitioner can already identify (from a
    police notification, a hospital call), not a way to browse other teams' records.
    """
    value = identifier.strip().replace(" ", "")
    if not value or not user.team_id:
        return None
    match = Q(la_child_id__iexact=value) | Q(nhs_number=value) | Q(upn__iexact=value)
    if value.isdigit() and len(value) < 10:
        match |= Q(pk=int(value))
    # Only within the user's own service: emergency access never crosses into another organisation's records.
    return Person.objects.filter(match, service_id=user.team.service_id).order_by("pk").first()  # type: ignore[union-attr]


def grants_to_review(user: User) -> QuerySet[BreakGlassGrant]:
    """Emergency accesses awaiting review that this manager may review: their own supervisees' and their team's,
    or their whole service's for a head of service. Never their own."""
    if not has_permission(user, Permission.REVIEW_BREAK_GLASS):
        return BreakGlassGrant.objects.none()
    grants = BreakGlassGrant.objects.select_related("user__team", "person").exclude(user_id=user.pk)
    if scope_for(user) in {Scope.SERVICE, Scope.ALL} and user.team_id:
        return grants.filter(user__team__service_id=user.team.service_id)  # type: ignore[union-attr]
    return grants.filter(Q(user__supervisor_id=user.pk) | Q(user__team_id=user.team_id))


def grant_for_review(user: User, grant_id: int) -> BreakGlassGrant:
    try:
        return grants_to_review(user).get(pk=grant_id)
    except BreakGlassGrant.DoesNotExist:
        raise Http404("No emergency access found") from None
