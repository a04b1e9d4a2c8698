"""Record scope, applied in one place (STYLE.md: `cases_visible_to(user)` used by every list, search, export and
graph query). A record outside scope is as if it did not exist: `get_person_for_user` raises Http404, so a denial
never reveals that the record is there. Break-glass grants widen scope for one person for a few hours.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from safecontext.access.models import BreakGlassGrant
from safecontext.access.permissions import Permission, Scope, has_permission, scope_for
from safecontext.cases.models import Case
from safecontext.people.models import Person

if TYPE_CHECKING:
    from safecontext.accounts.models import User


def cases_visible_to(user: User) -> QuerySet[Case]:
    scope = scope_for(user)
    cases = Case.objects.all()
    if scope == Scope.ALL:
        return cases
    if scope == Scope.SERVICE and user.team_id:
        return cases.filter(team__service_id=user.team.service_id)  # type: ignore[union-attr]
    allocated = Q(allocated_worker_id=user.pk) | Q(network__id=user.pk)
    if scope == Scope.TEAM and user.team_id:
        return cases.filter(allocated | Q(team_id=user.team_id)).distinct()
    if scope in {Scope.ALLOCATED, Scope.TEAM}:
        return cases.filter(allocated).distinct()
    return cases.none()


def break_glass_person_ids(user: User) -> frozenset[int]:
    """People this user may open right now under an unexpired break-glass grant."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(
        BreakGlassGrant.objects.filter(user_id=user.pk, expires_at__gt=timezone.now()).values_list(
            "person_id", flat=True
        )
    )


def people_in_scope(user: User) -> QuerySet[Person]:
    """People reached by the user's role scope alone (no break-glass): what lists and search may show."""
    if not has_permission(user, Permission.VIEW_PEOPLE):
        return Person.objects.none()
    scope = scope_for(user)
    if scope == Scope.ALL:
        return Person.objects.all()
    if scope == Scope.SERVICE:
        return Person.objects.filter(service_id=user.team.service_id) if user.team_id else Person.objects.none()  # type: ignore[union-attr]
    return Person.objects.filter(involvements__case__in=cases_visible_to(user)).distinct()


def people_visible_to(user: User) -> QuerySet[Person]:
    """People the user may open: their scope plus any active break-glass grants."""
    if not has_permission(user, Permission.VIEW_PEOPLE):
        return Person.objects.none()
    granted = break_glass_person_ids(user)
    in_scope = people_in_scope(user)
    if not granted:
        return in_scope
    return Person.objects.filter(Q(pk__in=in_scope.values("pk")) | Q(pk__in=granted))


def get_person_for_user(user: User, person_id: int, *, write: bool = False) -> Person:
    """The person, if this user may see it (and edit it, with `write=True`); otherwise Http404."""
    if write and not has_permission(user, Permission.EDIT_PEOPLE):
        raise Http404("No person found")
    # Emergency (break-glass) access is for reading in a crisis, never for changing another team's record.
    people = people_in_scope(user) if write else people_visible_to(user)
    try:
        return people.prefetch_related("names", "addresses").get(pk=person_id)
    except Person.DoesNotExist:
        raise Http404("No person found") from None


def can_see_restricted_addresses(user: User) -> bool:
    return has_permission(user, Permission.VIEW_RESTRICTED_ADDRESSES)
