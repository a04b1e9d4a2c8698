"""Reads for cases, always through the user's scope (access/scope.py): a case the user may not see is a 404."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Max, Prefetch, Q, QuerySet
from django.http import Http404

from safecontext.access.permissions import Permission, Scope, has_permission, scope_for
from safecontext.access.scope import cases_visible_to
from safecontext.cases.models import Allocation, Case, CaseNote, Relationship, SuggestedLink
from safecontext.cases.rules.relationship_stages import Stage
from safecontext.people.models import PersonName

if TYPE_CHECKING:
    from safecontext.accounts.models import User


def caseload_for(*, user: User) -> QuerySet[Case]:
    """Open cases allocated to this user, or where they are in the professional network (always within scope)."""
    return (
        cases_visible_to(user)
        .filter(Q(allocated_worker_id=user.pk) | Q(network__id=user.pk), status=Case.Status.OPEN)
        .select_related("subject", "team")
        .prefetch_related("subject__names")
        .distinct()
        .order_by("opened_on", "pk")
    )


def get_case_to_manage(user: User, case_id: int) -> Case:
    """The case, if this user may allocate, re-level or close it: a manager of the team holding it (or one whose
    scope is the whole service). Seeing a case is not enough — a manager sitting in another team's case network
    reads it, but the holding team decides who works it. Otherwise Http404."""
    if not has_permission(user, Permission.MANAGE_CASES):
        raise Http404("No case found")
    case = get_case_for_user(user, case_id)
    if scope_for(user) not in {Scope.SERVICE, Scope.ALL} and case.team_id != user.team_id:
        raise Http404("No case found")
    return case


def get_case_for_user(user: User, case_id: int, *, write: bool = False, with_names: bool = True) -> Case:
    """The case, if this user may see it (and record casework on it, with `write=True`); otherwise Http404 —
    the same answer as for a case that does not exist."""
    if not has_permission(user, Permission.VIEW_CASES):
        raise Http404("No case found")
    if write and not has_permission(user, Permission.RECORD_CASEWORK):
        raise Http404("No case found")
    try:
        cases = with_last_visit(cases_visible_to(user).select_related("subject", "team", "allocated_worker"))
        if with_names:
            cases = cases.prefetch_related(Prefetch("subject__names", queryset=PersonName.objects.order_by("id")))
        return cases.get(pk=case_id)
    except Case.DoesNotExist:
        raise Http404("No case found") from None


def get_note_for_user(user: User, note_id: int, *, write: bool = False) -> CaseNote:
    try:
        note = CaseNote.objects.select_related("author").get(pk=note_id)
    except CaseNote.DoesNotExist:
        raise Http404("No case note found") from None
    try:
        note.case = get_case_for_user(user, note.case_id, write=write)
    except Http404:
        raise Http404("No case note found") from None
    return note


def get_relationship_for_user(user: User, relationship_id: int, *, write: bool = False) -> Relationship:
    try:
        relationship = Relationship.objects.select_related("worker", "person").get(pk=relationship_id)
    except Relationship.DoesNotExist:
        raise Http404("No relationship found") from None
    try:
        relationship.case = get_case_for_user(user, relationship.case_id, write=write)
    except Http404:
        raise Http404("No relationship found") from None
    return relationship


def get_suggestion_for_user(user: User, suggestion_id: int, *, write: bool = False) -> SuggestedLink:
    try:
        suggestion = SuggestedLink.objects.select_related("note", "person", "context").get(pk=suggestion_id)
    except SuggestedLink.DoesNotExist:
        raise Http404("No suggested link found") from None
    try:
        suggestion.note.case = get_case_for_user(user, suggestion.note.case_id, write=write)
    except Http404:
        raise Http404("No suggested link found") from None
    return suggestion


def can_see_restricted(user: User, case: Case) -> bool:
    """Restricted sections of notes: only the case's own team and its allocated worker (issue 5)."""
    return bool(
        (user.team_id is not None and user.team_id == case.team_id) or case.allocated_worker_id == user.pk
    ) and has_permission(user, Permission.VIEW_CASES)


def can_record(user: User, case: Case) -> bool:
    return has_permission(user, Permission.RECORD_CASEWORK) and case.status == Case.Status.OPEN


def allocations_of(case: Case) -> list[Allocation]:
    return list(case.allocations.select_related("worker", "team", "recorded_by"))


def relationships_of(case: Case) -> list[Relationship]:
    """The case's relationships, current first (names of the people: `purpose_limited_names`)."""
    return list(case.relationships.select_related("worker").order_by("ended_on", "id"))


def current_spell(relationship: Relationship) -> list[tuple[Stage, dt.date]]:
    """The relationship's current stage and when it began: all `stuck_at_building` needs, since the clock runs from
    the start of the current unbroken spell at stage 1 and a stage never follows itself (check_transition)."""
    return [(Stage(relationship.stage), relationship.stage_since)]


def notes_page(case: Case, *, page: int, per_page: int = 20) -> tuple[list[CaseNote], bool]:
    """One page of the case's notes (newest first) and whether older notes follow. One query on the
    (case, -happened_on, -id) index plus one for the page's suggestions, whatever the number of notes: no count."""
    page = max(page, 1)
    start = (page - 1) * per_page
    notes = list(
        case.notes.select_related("author")
        .prefetch_related(Prefetch("suggestions", queryset=SuggestedLink.objects.order_by("id")))
        .order_by("-happened_on", "-id")[start : start + per_page + 1]
    )
    return notes[:per_page], len(notes) > per_page


def purpose_limited_names(user: User, person_ids: set[int], *, today: dt.date) -> tuple[dict[int, str], set[int]]:
    """Labels for the people a case page shows, and the ids shown by name (an AccessEvent each). As on the network
    map (docs/adr/0020): a person the user may open is named; another young person appears by initials, another
    adult as "An adult". Two queries."""
    from safecontext.access.scope import people_visible_to
    from safecontext.network.map_graph import ADULT_AGE, ADULT_LABEL, age_on, initials

    visible = set(people_visible_to(user).filter(pk__in=person_ids).values_list("pk", flat=True))
    found: dict[int, tuple[str, str, str, dt.date | None]] = {}
    rows = PersonName.objects.filter(person_id__in=person_ids).order_by("person_id", "id")
    for person_id, kind, given, family, born in rows.values_list(
        "person_id", "kind", "given_name", "family_name", "person__date_of_birth"
    ):
        if person_id not in found or kind == PersonName.Kind.LEGAL:
            found[person_id] = (kind, given, family, born)
    labels: dict[int, str] = {}
    for person_id in person_ids:
        _, given, family, born = found.get(person_id, ("", "", "", None))
        if person_id in visible:
            labels[person_id] = f"{given} {family}".strip() or f"Person {person_id}"
        elif born is not None and age_on(born, today) >= ADULT_AGE:
            labels[person_id] = ADULT_LABEL
        else:
            labels[person_id] = initials(given, family)
    return labels, visible


def pending_suggestions(case: Case, *, limit: int = 50) -> list[SuggestedLink]:
    return list(
        SuggestedLink.objects.filter(note__case=case, status=SuggestedLink.Status.PENDING)
        .select_related("context", "person", "note")
        .prefetch_related("person__names")
        .order_by("id")[:limit]
    )


def with_last_visit(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate `last_visit`: the latest note that saw the child on a visit (the statutory cadence counts from it)."""
    seen = Q(notes__child_seen=True, notes__kind__in=CaseNote.VISIT_KINDS)
    return cases.annotate(last_visit=Max("notes__happened_on", filter=seen))


def last_visit_date(case: Case) -> dt.date | None:
    """The latest note recording that the child was seen on a visit (the statutory cadence counts from it)."""
    return (
        case.notes.filter(child_seen=True, kind__in=CaseNote.VISIT_KINDS)
        .order_by("-happened_on")
        .values_list("happened_on", flat=True)
        .first()
    )
