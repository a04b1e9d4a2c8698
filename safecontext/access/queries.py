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


class AmbiguousIdentifier(Exception):
    """More than one record answers to the identifier: emergency access must never guess which child is meant."""


def person_by_identifier(identifier: str, *, user: User) -> Person | None:
    """The person a break-glass request names: by SafeContext number (e.g. "SC123" or "123"), LA child ID, NHS
    number or UPN — within the user's own service only.

    Deliberately not a name search: emergency access is for a record the practitioner can already identify (from a
    police notification, a hospital call), not a way to browse other teams' records. An identifier that matches two
    different people (an LA child ID that happens to equal another child's SafeContext number) is refused.
    """
    value = identifier.strip().replace(" ", "").replace("-", "")
    if not value or not user.team_id:
        return None
    match = Q(la_child_id__iexact=value) | Q(nhs_number=value) | Q(upn__iexact=value)
    number = value[2:] if value[:2].upper() == "SC" else value
    if number.isascii() and number.isdigit() and len(number) < 10:
        match |= Q(pk=int(number))
    in_service = Person.objects.filter(match, service_id=user.team.service_id)  # type: ignore[union-attr]
    found = list(in_service.values_list("pk", flat=True).distinct()[:2])
    if len(found) > 1:
        raise AmbiguousIdentifier(value)
    return in_service.first() if found else None


def grants_to_review(user: User) -> QuerySet[BreakGlassGrant]:
    """Emergency accesses awaiting review that this manager may review: their own supervisees' and their team's,
    or their whole service's for a head of service. Never their own."""
    if not has_permission(user, Permission.REVIEW_BREAK_GLASS):
        return BreakGlassGrant.objects.none()
    grants = BreakGlassGrant.objects.select_related("user__team", "person").exclude(user_id=user.pk)
    if scope_for(user) in {Scope.SERVICE, Scope.ALL} and user.team_id:
        return grants.filter(user__team__service_id=user.team.service_id)  # type: ignore[union-attr]
    mine = Q(user__supervisor_id=user.pk)
    if user.team_id:
        mine |= Q(user__team_id=user.team_id)
    return grants.filter(mine)


def grant_for_review(user: User, grant_id: int) -> BreakGlassGrant:
    try:
        return grants_to_review(user).get(pk=grant_id)
    except BreakGlassGrant.DoesNotExist:
        raise Http404("No emergency access found") from None
