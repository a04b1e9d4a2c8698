"""Reads for sharing, always scoped through access/scope.py.

A sharing record may be about several young people. It is visible only to someone who may see every one of them
(else 404): opening a share from one child's page must not show another child's record to someone outside their
scope. The young person's "who knows" lines are built by the pure rules from closed lists only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from safecontext.access.scope import people_in_scope, people_visible_to
from safecontext.people.models import Person
from safecontext.sharing import rules
from safecontext.sharing.models import SharingRecord

if TYPE_CHECKING:
    from safecontext.accounts.models import User


def records_about(person: Person) -> list[SharingRecord]:
    """Every share and decision not to share about `person`, newest first (the caller checked the person)."""
    return list(
        SharingRecord.objects.filter(subject_links__person=person)
        .select_related("recorded_by")
        .order_by("-decided_on", "-id")
        .distinct()
    )


def subject_ids_of(record: SharingRecord) -> list[int]:
    return list(record.subject_links.order_by("person_id").values_list("person_id", flat=True))


def get_sharing_record_for_user(user: User, share_id: int) -> SharingRecord:
    """The sharing record, if the user may see every young person it is about; otherwise Http404."""
    try:
        record = SharingRecord.objects.select_related("recorded_by").get(pk=share_id)
    except SharingRecord.DoesNotExist:
        raise Http404("No sharing record found") from None
    subject_ids = subject_ids_of(record)
    visible = people_visible_to(user).filter(pk__in=subject_ids).count()
    if not subject_ids or visible != len(subject_ids):
        raise Http404("No sharing record found")
    return record


def who_knows_lines(person: Person) -> list[str]:
    """The young person's plain-language lines, oldest first (rules.who_knows_what_lines): agency, what, why and
    when, from closed lists; never a name or free text, and never a share they were not told about."""
    records = SharingRecord.objects.filter(subject_links__person=person, decision=rules.Decision.SHARED).distinct()
    # Giving the young person their own list is not someone else knowing about them: it is left off the list.
    about_others_knowing = [record for record in records if record.items != [rules.ItemKind.WHO_KNOWS.value]]
    return rules.who_knows_what_lines(
        [record.as_rule((person.pk,)) for record in about_others_knowing], subject_id=person.pk
    )


def not_yet_told(person: Person) -> int:
    """How many shares about the person the young person has not been told of (shown to the worker only)."""
    return (
        SharingRecord.objects.filter(
            subject_links__person=person, decision=rules.Decision.SHARED, young_person_told=False
        )
        .distinct()
        .count()
    )


# --- the manager's dashboard -------------------------------------------------------------------------------------


@dataclass
class TeamSharing:
    team: str
    shares: int = 0
    not_shared: int = 0
    young_person_not_told: int = 0
    by_basis: Counter[str] = field(default_factory=Counter)


def records_in_scope(user: User) -> QuerySet[SharingRecord]:
    """Records every one of whose young people is in the user's role scope."""
    in_scope = people_in_scope(user)
    outside = Person.objects.exclude(pk__in=in_scope.values("pk"))
    return (
        SharingRecord.objects.filter(subject_links__person__in=in_scope.values("pk"))
        .exclude(subject_links__person__in=outside.values("pk"))
        .distinct()
    )


def dashboard(user: User) -> list[TeamSharing]:
    """Per team (the recorder's team): shares by lawful basis, shares the young person was not told about,
    decisions not to share — over the records in the user's scope."""
    teams: dict[str, TeamSharing] = {}
    rows = records_in_scope(user).values_list("team__name", "decision", "lawful_basis", "young_person_told")
    for team_name, decision, basis, told in rows:
        name = team_name or "No team"
        row = teams.setdefault(name, TeamSharing(team=name))
        if decision == rules.Decision.NOT_SHARED:
            row.not_shared += 1
            continue
        row.shares += 1
        row.by_basis[basis] += 1
        if not told:
            row.young_person_not_told += 1
    return sorted(teams.values(), key=lambda row: row.team)
