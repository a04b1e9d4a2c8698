"""Every read of person records, always scoped through access/scope.py.

Search never shows a person outside the user's scope — not in results, not in a count — because the blocking
queries themselves are restricted to `people_in_scope(user)`. Break-glass grants open one record; they do not widen
search (docs/adr/0006-tolerant-person-search.md).
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from safecontext.access.scope import can_see_restricted_addresses, people_in_scope
from safecontext.accounts.models import User
from safecontext.audit.models import AccessEvent
from safecontext.people import matching
from safecontext.people.models import Person, PersonName

if TYPE_CHECKING:
    from collections.abc import Iterable

# Each blocking query stops after this many rows, so a search costs the same for a council of 1,000 people as for
# one of 1,000,000: the database reads a bounded slice of an index, and Python scores at most a few thousand names.
MAX_CANDIDATES = 500


@dataclass(frozen=True)
class PersonMatch:
    person: Person
    score: float  # 0..1
    reasons: list[str]


def _word_block(keys: matching.BlockingKeys) -> Q:
    """Names sharing any blocking code with one typed word, in either the given or the family name (people type
    names in either order). Each term is one indexed column, so the database combines index lookups."""
    return (
        Q(given_key__in=keys.phonetic)
        | Q(family_key__in=keys.phonetic)
        | Q(given_sound__in=keys.sound)
        | Q(family_sound__in=keys.sound)
        | Q(given_prefix__in=keys.prefix)
        | Q(family_prefix__in=keys.prefix)
    )


def _candidate_ids(scope: QuerySet[Person], query: matching.Query, *, limit: int) -> set[int]:
    ids: set[int] = set()
    if query.identifier:
        forms = matching.identifier_forms(query.identifier)
        by_identifier = Q(la_child_id=forms.la_child_id) | Q(upn=forms.upn) | Q(nhs_number=forms.nhs_number)
        ids |= set(scope.filter(by_identifier).values_list("pk", flat=True)[:MAX_CANDIDATES])
        return ids

    blocks = [_word_block(keys) for keys in query.blocking]
    if blocks:
        # EXISTS rather than IN (SELECT …): with IN, SQLite walks every person in scope (a whole service) and looks
        # up their names, ~0.9 s a search at 1,000,000 people; with EXISTS it starts from the blocking-key indexes
        # and checks scope for each name found (docs/adr/0013-benchmarks.md).
        names = PersonName.objects.filter(Exists(scope.filter(pk=OuterRef("person_id"))))
        # Strict: one recorded name shares a code with every typed word ("Asif Khan" → given ~ Asif, family ~ Khan).
        strict = names.filter(functools.reduce(operator.and_, blocks))
        ids |= set(strict.values_list("person_id", flat=True)[:MAX_CANDIDATES])
        if len(blocks) > 1 and len(ids) < limit:
            # Relaxed, when strict found few: a code shared with any typed word, so a typo beyond the keys in one
            # name ("Jnoh Smith") can still be found through the other.
            relaxed = names.filter(functools.reduce(operator.or_, blocks))
            ids |= set(relaxed.values_list("person_id", flat=True)[:MAX_CANDIDATES])

    if query.date_of_birth is not None:
        typed = query.date_of_birth
        by_date = Q(date_of_birth__in=matching.date_of_birth_variants(typed)) | Q(
            date_of_birth_estimated=True,
            date_of_birth__range=_within_a_year_of(typed),
        )
        ids |= set(scope.filter(by_date).values_list("pk", flat=True)[:MAX_CANDIDATES])
    return ids


def _within_a_year_of(typed: date) -> tuple[date, date]:
    """366 days either side, clamped to the calendar (a date typed as 0001-01-01 must not crash the search)."""
    ordinal = typed.toordinal()
    return (
        date.fromordinal(max(ordinal - 366, date.min.toordinal())),
        date.fromordinal(min(ordinal + 366, date.max.toordinal())),
    )


def candidate_for(person: Person) -> matching.Candidate:
    """A person as plain data for people/matching.py (uses prefetched names when the query fetched them)."""
    return matching.Candidate(
        person_id=person.pk,
        names=tuple(
            matching.NameRecord(kind=name.kind, given_name=name.given_name, family_name=name.family_name)
            for name in person.names.all()
        ),
        date_of_birth=person.date_of_birth,
        date_of_birth_estimated=person.date_of_birth_estimated,
        nhs_number=person.nhs_number,
        upn=person.upn,
        la_child_id=person.la_child_id,
    )


def search_people(
    *, user: User, text: str = "", date_of_birth: date | None = None, limit: int = 25
) -> list[PersonMatch]:
    """People in the user's scope who match the typed name, alias, identifier and/or date of birth, best first."""
    query = matching.parse_query(text, date_of_birth)
    if query.is_empty or limit <= 0:
        return []
    scope = people_in_scope(user)
    ids = _candidate_ids(scope, query, limit=limit)
    if not ids:
        return []
    # Score plain values (a few thousand candidates at most) and build model instances only for the people shown:
    # creating Person and PersonName objects for every candidate was most of a search's time at a million people.
    ranked = matching.rank(query, _candidates(scope, ids), limit=limit)
    shown = {
        person.pk: person
        for person in scope.filter(pk__in=[found.person_id for found in ranked]).prefetch_related("names")
    }
    return [
        PersonMatch(person=shown[found.person_id], score=found.score, reasons=list(found.reasons))
        for found in ranked
        if found.person_id in shown
    ]


def _candidates(scope: QuerySet[Person], ids: set[int]) -> list[matching.Candidate]:
    """The candidates as plain data for people/matching.py, in two queries (people, then their names)."""
    names: dict[int, list[matching.NameRecord]] = {}
    for person_id, kind, given, family in PersonName.objects.filter(person_id__in=ids).values_list(
        "person_id", "kind", "given_name", "family_name"
    ):
        names.setdefault(person_id, []).append(matching.NameRecord(kind=kind, given_name=given, family_name=family))
    fields = ("pk", "date_of_birth", "date_of_birth_estimated", "nhs_number", "upn", "la_child_id")
    return [
        matching.Candidate(
            person_id=pk,
            names=tuple(names.get(pk, ())),
            date_of_birth=born,
            date_of_birth_estimated=estimated,
            nhs_number=nhs_number,
            upn=upn,
            la_child_id=la_child_id,
        )
        for pk, born, estimated, nhs_number, upn, la_child_id in scope.filter(pk__in=ids).values_list(*fields)
    ]


def is_in_scope(*, user: User, person_id: int) -> bool:
    """Whether the user reaches this person through their role's scope, rather than only through break-glass."""
    return people_in_scope(user).filter(pk=person_id).exists()


def _address_summary(address: Any, *, show_restricted: bool) -> dict[str, Any]:
    if address.restricted and not show_restricted:
        return {"restricted": True}  # not even the town: a refuge's town can be enough to find it
    return {
        "id": address.pk,
        "line_1": address.line_1,
        "line_2": address.line_2,
        "town": address.town,
        "postcode": address.postcode,
        "restricted": address.restricted,
        "start_date": address.start_date,
        "end_date": address.end_date,
    }


def person_summary(person: Person, *, user: User) -> dict[str, Any]:
    """The person's record as plain values for the API and the pages. The caller has already fetched `person`
    through access/scope.py and recorded the read; this only decides what of it this user may see."""
    show_restricted = can_see_restricted_addresses(user)
    names = sorted(person.names.all(), key=lambda name: (name.kind != PersonName.Kind.LEGAL, name.pk))
    return {
        "id": person.pk,
        "version": person.version,
        "display_name": person.display_name,
        "names": [
            {"kind": name.kind, "given_name": name.given_name, "family_name": name.family_name} for name in names
        ],
        "date_of_birth": person.date_of_birth,
        "date_of_birth_estimated": person.date_of_birth_estimated,
        "sex": person.sex,
        "ethnicity": person.ethnicity,
        "la_child_id": person.la_child_id,
        "nhs_number": person.nhs_number,
        "upn": person.upn,
        "addresses": [_address_summary(address, show_restricted=show_restricted) for address in person.addresses.all()],
    }


def viewers_of(*, person_id: int, limit: int = 200) -> list[AccessEvent]:
    """Who has seen this person, newest first. The caller checks VIEW_WHO_VIEWED and that the person is visible."""
    return list(AccessEvent.objects.filter(person_id=person_id).order_by("-at", "-id")[:limit])


def viewer_names(events: Iterable[AccessEvent]) -> dict[int, str]:
    """Display names of the users behind these events (audit rows keep only ids and usernames)."""
    actor_ids = {event.actor_id for event in events if event.actor_id is not None}
    return {user.pk: user.display_name for user in User.objects.filter(pk__in=actor_ids)}
