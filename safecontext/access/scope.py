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
from safecontext.contexts.models import Context
from safecontext.front_door.models import Referral
from safecontext.meetings.models import Meeting
from safecontext.people.models import Person

if TYPE_CHECKING:
    from safecontext.accounts.models import User
    from safecontext.contexts.models import ContextCase


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
    if not user.is_authenticated or not has_permission(user, Permission.BREAK_GLASS):
        return frozenset()  # a user whose role changed loses emergency access with the role
    return frozenset(
        BreakGlassGrant.objects.filter(user_id=user.pk, expires_at__gt=timezone.now())
        .exclude(outcome=BreakGlassGrant.Outcome.INAPPROPRIATE)
        .values_list("person_id", flat=True)
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
    in_my_cases = Q(involvements__case__in=cases_visible_to(user))
    if scope == Scope.TEAM and user.team_id:
        return Person.objects.filter(in_my_cases | Q(held_by_team_id=user.team_id)).distinct()
    return Person.objects.filter(in_my_cases).distinct()


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


def meetings_visible_to(user: User) -> QuerySet[Meeting]:
    """Front door and managers see their service's meetings; everyone else only the meetings they attend — a partner
    agency sees nothing of the front door beyond the meetings it takes part in."""
    if not has_permission(user, Permission.VIEW_MEETINGS):
        return Meeting.objects.none()
    scope = scope_for(user)
    if scope == Scope.ALL:
        return Meeting.objects.all()
    if scope == Scope.SERVICE or has_permission(user, Permission.RUN_MEETINGS):
        return Meeting.objects.filter(service_id=user.team.service_id) if user.team_id else Meeting.objects.none()  # type: ignore[union-attr]
    return Meeting.objects.filter(attendees__user_id=user.pk).distinct()


def referrals_visible_to(user: User) -> QuerySet[Referral]:
    """The front door and managers see their service's referrals; a team sees referrals about the children it works
    with; anyone sees the referrals on the agenda of a meeting they attend. Partner agencies: meetings only."""
    if not has_permission(user, Permission.VIEW_REFERRALS):
        return Referral.objects.none()
    scope = scope_for(user)
    if scope == Scope.ALL:
        return Referral.objects.all()
    if scope == Scope.SERVICE or has_permission(user, Permission.RECORD_REFERRALS):
        return Referral.objects.filter(service_id=user.team.service_id) if user.team_id else Referral.objects.none()  # type: ignore[union-attr]
    on_my_agendas = Q(agenda_items__meeting__attendees__user_id=user.pk)
    if scope == Scope.TEAM:
        about_my_children = Q(children__in=people_in_scope(user))
        return Referral.objects.filter(on_my_agendas | about_my_children).distinct()
    return Referral.objects.filter(on_my_agendas).distinct()


def get_referral_for_user(user: User, referral_id: int, *, write: bool = False) -> Referral:
    """The referral, if this user may see it (and record on it, with `write=True`); otherwise Http404."""
    if write and not has_permission(user, Permission.SCREEN_REFERRALS):
        raise Http404("No referral found")
    try:
        return referrals_visible_to(user).get(pk=referral_id)
    except Referral.DoesNotExist:
        raise Http404("No referral found") from None


def get_meeting_for_user(user: User, meeting_id: int, *, write: bool = False) -> Meeting:
    if write and not has_permission(user, Permission.RUN_MEETINGS):
        raise Http404("No meeting found")
    try:
        return meetings_visible_to(user).get(pk=meeting_id)
    except Meeting.DoesNotExist:
        raise Http404("No meeting found") from None


def contexts_visible_to(user: User) -> QuerySet[Context]:
    """Contexts (places, peer groups, schools, online spaces) belong to a service: its members who work with
    referrals see them all, as the front door must to spot a place named in separate referrals."""
    if not has_permission(user, Permission.VIEW_REFERRALS):
        return Context.objects.none()
    if scope_for(user) == Scope.ALL:
        return Context.objects.all()
    return Context.objects.filter(service_id=user.team.service_id) if user.team_id else Context.objects.none()  # type: ignore[union-attr]


def can_see_restricted_information(user: User) -> bool:
    return has_permission(user, Permission.VIEW_RESTRICTED_INFORMATION)


# --- Level 2 context cases (issue 4) -------------------------------------------------------------------------------
# Like a child's case: a team holds it and a lead worker leads it. Partner agencies hold no VIEW_CONTEXT_CASES.


def context_cases_visible_to(user: User) -> QuerySet[ContextCase]:
    from safecontext.contexts.models import ContextCase

    if not has_permission(user, Permission.VIEW_CONTEXT_CASES):
        return ContextCase.objects.none()
    scope = scope_for(user)
    cases = ContextCase.objects.all()
    if scope == Scope.ALL:
        return cases
    if scope == Scope.SERVICE:
        return cases.filter(team__service_id=user.team.service_id) if user.team_id else cases.none()  # type: ignore[union-attr]
    if scope == Scope.TEAM and user.team_id:
        return cases.filter(Q(lead_worker_id=user.pk) | Q(team_id=user.team_id))
    if scope in {Scope.ALLOCATED, Scope.TEAM}:
        return cases.filter(lead_worker_id=user.pk)
    return cases.none()


def get_context_case_for_user(user: User, context_case_id: int, *, write: bool = False) -> ContextCase:
    """The context case, if this user may see it (and work on it, with `write=True`); otherwise Http404."""
    from safecontext.contexts.models import ContextCase

    if write and not has_permission(user, Permission.MANAGE_CONTEXT_CASES):
        raise Http404("No context case found")
    try:
        return context_cases_visible_to(user).select_related("context", "team", "lead_worker").get(pk=context_case_id)
    except ContextCase.DoesNotExist:
        raise Http404("No context case found") from None
