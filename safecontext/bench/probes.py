"""The labelled inputs for the duplicate-candidates measurement: "new children" as a practitioner would type them.

Most are existing children typed with the slips that make duplicates — a letter wrong, dropped, doubled or swapped
(edit distance 1 or 2), a nickname for the given name, the day and month of birth the other way round — labelled with
the person they really are. The rest are children the city has never seen, labelled None: the right answer for them
is "no strong match". Drawn deterministically from the seed, from the database the city was loaded into.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from safecontext.bench import names
from safecontext.bench.population import postcode
from safecontext.people import matching
from safecontext.people.models import Address, Person, PersonName


@dataclass(frozen=True)
class Probe:
    given_name: str
    family_name: str
    date_of_birth: dt.date
    postcode: str
    true_person_id: int | None  # None: a child the city has never seen
    slips: tuple[str, ...]  # what was changed, for the report


def _swapped(day: dt.date) -> dt.date | None:
    if day.day > 12 or day.day == day.month:
        return None
    return dt.date(day.year, day.day, day.month)


def _nickname(given: str, rng: random.Random) -> str | None:
    forms = sorted(matching.nickname_forms(given))
    return rng.choice(forms).capitalize() if forms else None


def misspell(
    given: str, family: str, born: dt.date, kind: int, rng: random.Random
) -> tuple[str, str, dt.date, list[str]]:
    """One of five kinds of slip (cycled by the caller), and in a quarter of cases the date swapped as well."""
    slips: list[str] = []
    if kind == 3 and (nickname := _nickname(given, rng)):
        given = nickname
        slips.append("nickname")
    elif kind == 4 and (swapped := _swapped(born)):
        born = swapped
        slips.append("day/month swapped")
    elif kind == 1:
        given = names.with_typos(given, rng, edits=1)
        slips.append("given name, 1 slip")
    elif kind == 2:
        family = names.with_typos(family, rng, edits=2)
        slips.append("family name, 2 slips")
    else:
        family = names.with_typos(family, rng, edits=1)
        slips.append("family name, 1 slip")
    if "day/month swapped" not in slips and rng.random() < 0.25 and (swapped := _swapped(born)):
        born = swapped
        slips.append("day/month swapped")
    return given, family, born, slips


def existing_children(*, service_id: int, today: dt.date, count: int, rng: random.Random) -> list[Probe]:
    """`count` children (under 18) of the measured council, typed with slips."""
    people = Person.objects.filter(service_id=service_id, date_of_birth__gt=today - dt.timedelta(days=18 * 365))
    max_id = Person.objects.order_by("-id").values_list("id", flat=True).first() or 0
    chosen: list[int] = []
    seen: set[int] = set()
    while len(chosen) < count:
        batch = sorted({rng.randrange(1, max_id + 1) for _ in range(count * 8)} - seen)
        seen.update(batch)
        found = set(people.filter(pk__in=batch).values_list("pk", flat=True))
        chosen.extend(pk for pk in batch if pk in found)
        if len(seen) >= max_id:
            break
    chosen = chosen[:count]
    legal = {
        person_id: (given, family)
        for person_id, given, family in PersonName.objects.filter(
            person_id__in=chosen, kind=PersonName.Kind.LEGAL
        ).values_list("person_id", "given_name", "family_name")
    }
    births = dict(Person.objects.filter(pk__in=chosen).values_list("pk", "date_of_birth"))
    postcodes: dict[int, str] = {}
    for person_id, code in Address.objects.filter(person_id__in=chosen, end_date__isnull=True).values_list(
        "person_id", "postcode"
    ):
        postcodes.setdefault(person_id, code)
    probes = []
    for position, person_id in enumerate(chosen):
        given, family = legal[person_id]
        born = births[person_id]
        assert born is not None  # the city gives everyone a date of birth
        given, family, born, slips = misspell(given, family, born, position % 5, rng)
        # A referrer gives the child's address about half the time.
        code = postcodes.get(person_id, "") if rng.random() < 0.5 else ""
        probes.append(Probe(given, family, born, code, person_id, tuple(slips)))
    return probes


def new_children(*, today: dt.date, count: int, rng: random.Random) -> list[Probe]:
    """`count` children nobody has recorded: names drawn as the city's are, and no one with that legal name and
    date of birth exists (checked, so the label "new" is true)."""
    probes: list[Probe] = []
    while len(probes) < count:
        given = names.GIVEN_NAMES[names.pick_given_index(rng)]
        family = names.FAMILY_NAMES[names.pick_family_index(rng)]
        born = today - dt.timedelta(days=rng.randrange(18 * 365))
        exists = PersonName.objects.filter(
            kind=PersonName.Kind.LEGAL, given_name=given, family_name=family, person__date_of_birth=born
        ).exists()
        if not exists:
            # A postcode somewhere in the city: a new family can move in next door to any other.
            probes.append(Probe(given, family, born, postcode(rng.randrange(1000)), None, ("new child",)))
    return probes
