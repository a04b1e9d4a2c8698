"""The benchmark city's people: households, names (with aliases), dates of birth, addresses. Pure, no Django.

Everything is drawn from `random.Random` seeded with the city's seed and a stage name, so the same seed gives the
same city on every machine, and adding a stage never moves the rows of another. People live in households (so
siblings share a family name, an address and parents, as duplicate checks and sibling links need), and the per-person
facts are kept in compact arrays: a million people cost a few megabytes before any row is written.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from safecontext.bench import names
from safecontext.people import matching
from safecontext.people.identifiers import nhs_number_check_digit

# A fixed "today" for the city, so the same seed gives the same rows whatever the day; `make bench` passes the real
# date so that the children are children today.
AS_OF = dt.date(2026, 11, 25)
FULL_SCALE_PEOPLE = 1_000_000
MIN_PEOPLE = 1_000

# Plain strings rather than the models' TextChoices, so this module needs no Django set-up.
LEGAL, ALIAS, NICKNAME, PREVIOUS = "legal", "alias", "nickname", "previous"
ETHNICITIES = ("WBRI", "WBRI", "WBRI", "WOTH", "WIRI", "MWBC", "MWAS", "AIND", "APKN", "ABAN", "BAFR", "BCRB", "CHNE")
STREET_KINDS = ("Road", "Street", "Close", "Avenue", "Lane", "Way", "Gardens", "Crescent")
POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXY"  # Royal Mail's letters for the last two places of a postcode
# "XZ" is not a UK postcode area, so no synthetic postcode is anyone's real address.
POSTCODE_AREA = "XZ"
TOWNS = ("Benchton", "Northbench")  # the council being measured, and a neighbouring one
NHS_TEST_PREFIX = "999"  # NHS England never issues numbers beginning 999


@dataclass(frozen=True)
class Scale:
    """How big the city is. Everything is proportional to the number of people (the issue's 1,000,000 city has
    50,000 contexts, 5,000,000 links and 25,000 open referrals and cases)."""

    people: int

    def __post_init__(self) -> None:
        if isinstance(self.people, bool) or not isinstance(self.people, int) or self.people < MIN_PEOPLE:
            raise ValueError(f"A benchmark city needs at least {MIN_PEOPLE:,} people (got {self.people!r}).")

    @property
    def contexts(self) -> int:
        return self.people // 20

    @property
    def objects(self) -> int:
        return self.people // 100

    @property
    def links(self) -> int:
        return self.people * 5

    @property
    def open_work(self) -> int:
        return self.people // 40

    @property
    def referrals(self) -> int:
        return self.open_work // 2

    @property
    def cases(self) -> int:
        return self.open_work - self.referrals


def iso(day_ordinal: int) -> str:
    return dt.date.fromordinal(day_ordinal).isoformat()


@functools.cache
def keys_for(name: str) -> matching.StoredKeys:
    """The blocking keys people.matching stores for a name part (PersonName.refresh_keys), cached per spelling."""
    return matching.stored_keys(name)


def postcode(index: int) -> str:
    """A well-formed synthetic postcode in the non-existent area XZ; about a dozen households share one."""
    letters = POSTCODE_UNIT_LETTERS
    units = len(letters) ** 2
    district, rest = divmod(index, units * 10)
    sector, unit = divmod(rest, units)
    return f"{POSTCODE_AREA}{district + 1} {sector}{letters[unit // len(letters)]}{letters[unit % len(letters)]}"


class Population:
    """Who lives in the city. Person ids are 1..people; index i in the arrays is person i + 1."""

    def __init__(self, scale: Scale, *, seed: int, today: dt.date = AS_OF) -> None:
        self.scale = scale
        self.seed = seed
        self.today = today
        self.today_ordinal = today.toordinal()
        n = scale.people
        self.family = array("i")
        self.given = array("i")
        self.dob = array("i")  # date of birth as a proleptic Gregorian ordinal
        self.sex = array("b")
        self.service = array("b")  # 0: the council being measured; 1: its neighbour (outside the user's scope)
        self.household = array("i")
        self.household_start = array("i")  # index of each household's first person
        self.household_adults = array("b")
        rng = self.rng("people")
        while len(self.family) < n:
            self._add_household(rng, n)

    def rng(self, stage: str) -> random.Random:
        return random.Random(f"{self.seed}:{stage}")  # noqa: S311 - repeatable synthetic data, not secrets

    def _add_household(self, rng: random.Random, n: int) -> None:
        household = len(self.household_start)
        self.household_start.append(len(self.family))
        shape = rng.random()
        if shape < 0.42:
            adults, children = 1, 0
        elif shape < 0.70:
            adults, children = 2, 0
        else:
            adults = 2 if rng.random() < 0.7 else 1
            children = rng.choices((1, 2, 3, 4), weights=(35, 35, 20, 10))[0]
        self.household_adults.append(adults)
        service = 1 if rng.random() < 0.05 else 0
        family = names.pick_family_index(rng)
        for position in range(adults + children):
            if len(self.family) >= n:
                return
            adult = position < adults
            if adult:
                years = rng.randrange(20, 60) if children else rng.randrange(18, 90)
                age_days = years * 365 + rng.randrange(365)
                # A partner keeps their own family name in about one couple in six.
                own_family = names.pick_family_index(rng) if position == 1 and rng.random() < 0.15 else family
            else:
                age_days = rng.randrange(18 * 365)
                own_family = family
            self.family.append(own_family)
            self.given.append(names.pick_given_index(rng))
            self.dob.append(self.today_ordinal - age_days)
            self.sex.append(rng.choice((1, 2)))
            self.service.append(service)
            self.household.append(household)

    # --- facts about one person (by index) ----------------------------------------------------------------------

    def age(self, index: int) -> int:
        return (self.today_ordinal - self.dob[index]) // 365

    def household_members(self, household: int) -> range:
        start = self.household_start[household]
        end = self.household_start[household + 1] if household + 1 < len(self.household_start) else len(self.family)
        return range(start, end)

    def given_name(self, index: int) -> str:
        return names.GIVEN_NAMES[self.given[index]]

    def family_name(self, index: int) -> str:
        return names.FAMILY_NAMES[self.family[index]]

    # --- rows -----------------------------------------------------------------------------------------------------

    PERSON_FIELDS = (
        "id", "service_id", "date_of_birth", "date_of_birth_estimated", "sex", "ethnicity", "la_child_id",
        "nhs_number", "upn", "version", "created_at", "updated_at",
    )  # fmt: skip

    def person_rows(self, service_ids: tuple[int, int]) -> Iterator[tuple[object, ...]]:
        rng = self.rng("person-details")
        created = f"{self.today.isoformat()} 08:00:00"
        nhs_stem = 0
        for index in range(len(self.family)):
            child = self.age(index) < 18
            nhs_number = la_child_id = ""
            if child:
                # Valid modulus-11 NHS numbers in the 999 test range, in order (a stem with no check digit is skipped).
                while nhs_stem < 1_000_000 and not nhs_number:
                    first_nine = f"{NHS_TEST_PREFIX}{nhs_stem:06d}"
                    check = nhs_number_check_digit(first_nine)
                    nhs_stem += 1
                    if check is not None:
                        nhs_number = f"{first_nine}{check}"
                la_child_id = f"BT{index + 1:07d}"
            yield (
                index + 1,
                service_ids[self.service[index]],
                iso(self.dob[index]),
                rng.random() < 0.02,
                str(self.sex[index]),
                rng.choice(ETHNICITIES),
                la_child_id,
                nhs_number,
                "",
                1,
                created,
                created,
            )

    NAME_FIELDS = (
        "id", "person_id", "kind", "given_name", "family_name", "given_key", "family_key", "given_sound",
        "family_sound", "given_prefix", "family_prefix",
    )  # fmt: skip

    def name_records(self) -> Iterator[tuple[int, str, str, str]]:
        """(person id, kind, given, family): the legal name of everyone, and another name for about one in ten."""
        rng = self.rng("aliases")
        for index in range(len(self.family)):
            given, family = self.given_name(index), self.family_name(index)
            yield index + 1, LEGAL, given, family
            if rng.random() >= 0.10:
                continue
            roll = rng.random()
            short_forms = sorted(matching.nickname_forms(given))
            if short_forms and roll < 0.5:
                yield index + 1, NICKNAME, rng.choice(short_forms).capitalize(), family
            elif roll < 0.75:
                yield index + 1, ALIAS, rng.choice(names.SYLLABLE_GIVEN_NAMES), family
            else:
                yield index + 1, PREVIOUS, given, names.FAMILY_NAMES[names.pick_family_index(rng)]

    def name_rows(self) -> Iterator[tuple[object, ...]]:
        for row_id, (person_id, kind, given, family) in enumerate(self.name_records(), start=1):
            g, f = keys_for(given), keys_for(family)
            yield (row_id, person_id, kind, given, family, g.phonetic, f.phonetic, g.sound, f.sound, g.prefix, f.prefix)

    def name_count(self) -> int:
        return sum(1 for _ in self.name_records())

    ADDRESS_FIELDS = ("id", "person_id", "line_1", "line_2", "town", "postcode", "restricted", "start_date", "end_date")

    def address_records(self) -> Iterator[tuple[int, str, str, str, bool, str, str | None]]:
        """(person id, line 1, town, postcode, restricted, start, end): everyone's current address, shared by the
        household, and a previous address for about one in thirty."""
        rng = self.rng("addresses")
        for household in range(len(self.household_start)):
            members = self.household_members(household)
            if not members:
                continue
            street = f"{names.FAMILY_STARTS[household % len(names.FAMILY_STARTS)]}"
            street += f"{names.FAMILY_ENDS[(household // 7) % len(names.FAMILY_ENDS)]}"
            line_1 = f"{household % 97 + 1} {street} {STREET_KINDS[household % len(STREET_KINDS)]}"
            town = TOWNS[self.service[members[0]]]
            code = postcode(household // 12)
            restricted = rng.random() < 0.01  # a refuge, or a child placed away from people who harm them
            moved_in = iso(self.today_ordinal - rng.randrange(3650))
            for index in members:
                yield index + 1, line_1, town, code, restricted, moved_in, None
                if rng.random() < 1 / 30:
                    before = postcode(rng.randrange(max(1, len(self.household_start) // 12)))
                    yield index + 1, f"{rng.randrange(1, 200)} Old Road", town, before, False, "2015-01-01", moved_in

    def address_rows(self) -> Iterator[tuple[object, ...]]:
        for row_id, (person_id, line_1, town, code, restricted, start, end) in enumerate(
            self.address_records(), start=1
        ):
            yield (row_id, person_id, line_1, "", town, code, restricted, start, end)

    def address_count(self) -> int:
        return sum(1 for _ in self.address_records())
