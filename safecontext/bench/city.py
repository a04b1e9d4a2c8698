"""The benchmark city as rows: people (population.py), contexts, objects, network nodes, 5 links a person, and the
front door's open work. Pure: rows are plain tuples of ints, strings, bools and None, generated lazily table by
table, so a city of a million people streams into the database without ever being held in memory.

The network's shape is what makes the linked-young-people check hard, so it is drawn on purpose: households give
parent and sibling links; children attend schools (a few big secondaries with thousands of pupils); young people join
small peer groups, online spaces and have friends near them; a few adults of concern exploit several young people;
phones, vehicles and handles are used by one to three people; the rest of the 5 links a person are places people
spend time, with Zipf popularity, so the busiest place (a bus route, a town centre) has thousands of links.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from safecontext.bench import names
from safecontext.bench.names import zipf_cumulative
from safecontext.bench.population import AS_OF, Population, Scale, iso, postcode

# A context kind, id range and weights; node ids: people 1..P, then contexts, then objects.
SCHOOL, PEER_GROUP, ONLINE, PLACE = "school", "peer_group", "online", "place"
Row = tuple[object, ...]
LinkSpec = tuple[int, int, str, str]  # (a node, b node, type, nature)


@dataclass(frozen=True)
class Refs:
    """Ids of the few rows created through the ORM before the bulk load (services, teams, users)."""

    service_id: int
    other_service_id: int
    front_door_user_id: int
    worker_user_id: int
    case_team_ids: tuple[int, ...]


@dataclass(frozen=True)
class Table:
    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]  # attnames, in the order of each row
    rows: Callable[[], Iterator[Row]]


def name_key(name: str) -> str:
    """As contexts.Context.name_key: lower-case letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


class City:
    def __init__(self, scale: Scale, *, seed: int = 2026, today: dt.date = AS_OF) -> None:
        self.scale = scale
        self.seed = seed
        self.today = today
        self.population = Population(scale, seed=seed, today=today)
        pop = self.population
        c = scale.contexts
        self.schools = max(4, c * 2 // 100)
        self.secondary_schools = max(2, self.schools * 8 // 100)
        self.big_schools = min(5, self.secondary_schools // 2 or 1)
        self.peer_groups = c * 30 // 100
        self.online_spaces = c * 8 // 100
        self.places = c - self.schools - self.peer_groups - self.online_spaces
        # The open work: children aged 10-17 in the measured council, drawn once.
        candidates = [i for i in range(scale.people) if pop.service[i] == 0 and 10 <= pop.age(i) <= 17]
        if len(candidates) < scale.open_work:
            raise ValueError(f"Only {len(candidates):,} children aged 10-17 for {scale.open_work:,} open referrals.")
        drawn = pop.rng("open-work").sample(candidates, scale.open_work)
        self.case_subjects = tuple(i + 1 for i in drawn[: scale.cases])
        self.referral_subjects = tuple(i + 1 for i in drawn[scale.cases :])
        self._structured_link_count: int | None = None

    # --- node ids -------------------------------------------------------------------------------------------------

    def context_id(self, kind: str, n: int) -> int:
        """Context ids: schools first, then peer groups, online spaces and places."""
        offset = {SCHOOL: 0, PEER_GROUP: self.schools, ONLINE: self.schools + self.peer_groups}.get(kind)
        if offset is None:
            offset = self.schools + self.peer_groups + self.online_spaces
        return offset + n + 1

    def context_node(self, context_id: int) -> int:
        return self.scale.people + context_id

    def object_node(self, object_id: int) -> int:
        return self.scale.people + self.scale.contexts + object_id

    # --- tables ---------------------------------------------------------------------------------------------------

    def tables(self, refs: Refs) -> list[Table]:
        pop = self.population
        services = (refs.service_id, refs.other_service_id)
        return [
            Table("people.Person", pop.PERSON_FIELDS, lambda: pop.person_rows(services)),
            Table("people.PersonName", pop.NAME_FIELDS, pop.name_rows),
            Table("people.Address", pop.ADDRESS_FIELDS, pop.address_rows),
            Table("contexts.Context", CONTEXT_FIELDS, lambda: self.context_rows(refs)),
            Table("network.ObjectOfInterest", OBJECT_FIELDS, lambda: self.object_rows(refs)),
            Table("network.Node", NODE_FIELDS, self.node_rows),
            Table("network.Link", LINK_FIELDS, lambda: self.link_rows(refs)),
            Table("cases.Case", CASE_FIELDS, lambda: self.case_rows(refs)),
            Table("cases.CaseInvolvement", INVOLVEMENT_FIELDS, self.involvement_rows),
            Table("front_door.Referral", REFERRAL_FIELDS, lambda: self.referral_rows(refs)),
            Table("front_door.Referral_children", REFERRAL_CHILD_FIELDS, self.referral_child_rows),
        ]

    def context_rows(self, refs: Refs) -> Iterator[Row]:
        created = f"{self.today.isoformat()} 08:00:00"
        starts, ends = names.FAMILY_STARTS, names.FAMILY_ENDS
        for context_id in range(1, self.scale.contexts + 1):
            n = context_id - 1
            place_name = f"{starts[n % len(starts)]}{ends[(n // len(starts)) % len(ends)]}"
            if n < self.schools:
                kind = SCHOOL
                name = f"{place_name} Academy {n}" if n < self.secondary_schools else f"{place_name} Primary {n}"
            elif n < self.schools + self.peer_groups:
                kind, name = PEER_GROUP, f"{place_name} Boys {n}"
            elif n < self.schools + self.peer_groups + self.online_spaces:
                kind, name = ONLINE, f"Group chat {n}"
            else:
                kind = PLACE
                name = f"Bus route {n}" if n % 10 == 0 else f"{place_name} Park {n}"
            yield (context_id, refs.service_id, kind, name, name_key(name), "", postcode(n), None, None, created, 1)

    def object_rows(self, refs: Refs) -> Iterator[Row]:
        for object_id in range(1, self.scale.objects + 1):
            kind = ("vehicle", "phone", "online_handle")[object_id % 3]
            if kind == "vehicle":
                value = f"XZ{object_id % 100:02d} B{object_id:06d}"
            elif kind == "phone":
                value = f"07{object_id:09d}"
            else:
                value = f"@{names.GIVEN_NAMES[object_id % len(names.GIVEN_NAMES)].lower()}{object_id}"
            yield (object_id, refs.service_id, kind, value, name_key(value), "")

    def node_rows(self) -> Iterator[Row]:
        for person_id in range(1, self.scale.people + 1):
            yield (person_id, "person", person_id, None, None)
        for context_id in range(1, self.scale.contexts + 1):
            yield (self.context_node(context_id), "context", None, context_id, None)
        for object_id in range(1, self.scale.objects + 1):
            yield (self.object_node(object_id), "object", None, None, object_id)

    # --- links ----------------------------------------------------------------------------------------------------

    def structured_links(self) -> Iterator[LinkSpec]:
        """Every link except the places people frequent (which make up the rest of the 5 a person)."""
        yield from self._family_links()
        yield from self._school_links()
        yield from self._group_links()
        yield from self._object_links()
        yield from self._exploitation_links()
        yield from self._friend_links()

    def _family_links(self) -> Iterator[LinkSpec]:
        pop = self.population
        for household in range(len(pop.household_start)):
            members = pop.household_members(household)
            adults = members[: pop.household_adults[household]]
            children = members[len(adults) :]
            for adult in adults:
                for child in children:
                    yield adult + 1, child + 1, "parent", "protective"
            for i, first in enumerate(children):
                for second in children[i + 1 :]:
                    yield first + 1, second + 1, "sibling", "unknown"

    def _school_links(self) -> Iterator[LinkSpec]:
        pop, rng = self.population, self.population.rng("schools")
        # A big school takes four times the pupils of an ordinary secondary.
        secondary_weights = list(
            itertools.accumulate(4.0 if rank < self.big_schools else 1.0 for rank in range(self.secondary_schools))
        )
        primaries = self.schools - self.secondary_schools
        for index in range(self.scale.people):
            age = pop.age(index)
            if 4 <= age < 11:
                school = self.secondary_schools + rng.randrange(primaries)
            elif 11 <= age < 18:
                school = rng.choices(range(self.secondary_schools), cum_weights=secondary_weights)[0]
            else:
                continue
            yield index + 1, self.context_node(self.context_id(SCHOOL, school)), "attends", "unknown"

    def _group_links(self) -> Iterator[LinkSpec]:
        pop, rng = self.population, self.population.rng("groups")
        online_weights = zipf_cumulative(self.online_spaces, 1.0, 20.0)
        for index in range(self.scale.people):
            age = pop.age(index)
            if 10 <= age <= 24 and rng.random() < 0.4:
                group = self.context_id(PEER_GROUP, rng.randrange(self.peer_groups))
                yield index + 1, self.context_node(group), "member_of", "unknown"
            if 10 <= age <= 40 and rng.random() < 0.15:
                space = rng.choices(range(self.online_spaces), cum_weights=online_weights)[0]
                yield index + 1, self.context_node(self.context_id(ONLINE, space)), "member_of", "unknown"

    def _object_links(self) -> Iterator[LinkSpec]:
        rng = self.population.rng("objects")
        for object_id in range(1, self.scale.objects + 1):
            users = rng.sample(range(1, self.scale.people + 1), rng.choice((1, 1, 2, 3)))
            for person_id in users:
                yield person_id, self.object_node(object_id), "uses", "unknown"

    def _young_people(self) -> list[int]:
        return [i + 1 for i in range(self.scale.people) if 10 <= self.population.age(i) <= 24]

    def _exploitation_links(self) -> Iterator[LinkSpec]:
        pop, rng = self.population, self.population.rng("exploitation")
        teenagers = [i + 1 for i in range(self.scale.people) if 12 <= pop.age(i) <= 17]
        for index in range(self.scale.people):
            if 18 <= pop.age(index) <= 40 and rng.random() < 0.003:
                for victim in rng.sample(teenagers, rng.randrange(2, 7)):
                    yield index + 1, victim, "exploits", "harmful"

    def _friend_links(self) -> Iterator[LinkSpec]:
        rng = self.population.rng("friends")
        young = self._young_people()
        for position, person_id in enumerate(young):
            for _ in range(rng.randrange(1, 4)):
                # Friends are near each other in the city: drawn from a window around this young person.
                other = young[min(len(young) - 1, max(0, position + rng.randrange(-500, 501)))]
                if other != person_id:
                    yield person_id, other, "friend", "unknown"

    def structured_link_count(self) -> int:
        if self._structured_link_count is None:
            self._structured_link_count = sum(1 for _ in self.structured_links())
        return self._structured_link_count

    def _place_links(self) -> Iterator[LinkSpec]:
        """Places people spend time, spread so that the city has exactly 5 links a person."""
        rng = self.population.rng("places")
        remaining = self.scale.links - self.structured_link_count()
        if remaining < 0:
            raise ValueError("The structured links alone exceed 5 a person; the city's proportions are wrong.")
        # Zipf popularity, tempered (offset 30) so the busiest place has about 0.5% of visits, not a tenth.
        weights = zipf_cumulative(self.places, 1.0, 30.0)
        people = self.scale.people
        base, extra = divmod(remaining, people)
        for index in range(people):
            count = base + ((index + 1) * extra // people - index * extra // people)
            chosen: set[int] = set()
            while len(chosen) < min(count, self.places):
                chosen.add(rng.choices(range(self.places), cum_weights=weights)[0])
            for place in sorted(chosen):
                yield index + 1, self.context_node(self.context_id(PLACE, place)), "frequents", "unknown"

    def link_rows(self, refs: Refs) -> Iterator[Row]:
        rng = self.population.rng("link-details")
        days = [iso(self.today.toordinal() - back) for back in range(3 * 365)]
        reliabilities = ("reliable", "untested", "untested", "doubtful")
        row_id = 0
        for source in (self.structured_links(), self._place_links()):
            for a, b, link_type, nature in source:
                row_id += 1
                back = rng.randrange(len(days))
                valid_from = days[back]
                valid_to = days[back // 2] if back > 60 and rng.random() < 0.05 else None
                yield (
                    row_id, a, b, link_type, nature, reliabilities[row_id % 4], "direct", None, valid_from, valid_to,
                    "", refs.worker_user_id, f"{valid_from} 12:00:00",
                )  # fmt: skip

    # --- open work: cases and referrals ---------------------------------------------------------------------------

    def case_rows(self, refs: Refs) -> Iterator[Row]:
        rng = self.population.rng("cases")
        teams = refs.case_team_ids
        for case_id, subject in enumerate(self.case_subjects, start=1):
            opened = iso(self.today.toordinal() - rng.randrange(1, 400))
            yield (case_id, subject, teams[case_id % len(teams)], refs.worker_user_id, "open", opened, None)

    def involvement_rows(self) -> Iterator[Row]:
        pop = self.population
        row_id = 0
        for case_id, subject in enumerate(self.case_subjects, start=1):
            row_id += 1
            yield row_id, case_id, subject, "subject"
            household = pop.household[subject - 1]
            members = pop.household_members(household)
            for adult in members[: pop.household_adults[household]]:
                row_id += 1
                yield row_id, case_id, adult + 1, "parent"

    def referral_rows(self, refs: Refs) -> Iterator[Row]:
        rng = self.population.rng("referrals")
        sources = ("2A", "6", "3E", "1A", "5A", "8")
        start = dt.datetime.combine(self.today, dt.time(8, 0))
        for referral_id, _subject in enumerate(self.referral_subjects, start=1):
            received = start - dt.timedelta(minutes=rng.randrange(3 * 24 * 60))
            due = dt.datetime.combine(received.date() + dt.timedelta(days=1), dt.time(23, 59, 59))
            yield (
                referral_id, refs.service_id, f"{received:%Y-%m-%d %H:%M:%S}", rng.choice(sources),
                "Synthetic referrer", "Benchton agencies", "", "children", None,
                "Synthetic concerns for the benchmark city.", "public_task", "", False, "awaiting_screening",
                f"{due:%Y-%m-%d %H:%M:%S}", refs.front_door_user_id, f"{received:%Y-%m-%d %H:%M:%S}", 1,
            )  # fmt: skip

    def referral_children(self) -> Iterator[tuple[int, int]]:
        """(referral id, person id): the subject, and a sibling on about one referral in five."""
        pop, rng = self.population, self.population.rng("referral-children")
        for referral_id, subject in enumerate(self.referral_subjects, start=1):
            yield referral_id, subject
            household = pop.household[subject - 1]
            siblings = [
                i + 1 for i in pop.household_members(household)[pop.household_adults[household] :] if i + 1 != subject
            ]
            if siblings and rng.random() < 0.2:
                yield referral_id, rng.choice(siblings)

    def referral_child_rows(self) -> Iterator[Row]:
        for row_id, (referral_id, person_id) in enumerate(self.referral_children(), start=1):
            yield row_id, referral_id, person_id

    def open_young_people(self) -> set[int]:
        return set(self.case_subjects) | {person_id for _, person_id in self.referral_children()}


CONTEXT_FIELDS = (
    "id", "service_id", "kind", "name", "name_key", "description", "postcode", "latitude", "longitude", "created_at",
    "version",
)  # fmt: skip
OBJECT_FIELDS = ("id", "service_id", "kind", "value", "normalised", "description")
NODE_FIELDS = ("id", "kind", "person_id", "context_id", "object_of_interest_id")
LINK_FIELDS = (
    "id", "a_id", "b_id", "type", "nature", "reliability", "source_kind", "source_id", "valid_from", "valid_to",
    "purpose", "recorded_by_id", "recorded_at",
)  # fmt: skip
CASE_FIELDS = ("id", "subject_id", "team_id", "allocated_worker_id", "status", "opened_on", "closed_on")
INVOLVEMENT_FIELDS = ("id", "case_id", "person_id", "relationship")
REFERRAL_FIELDS = (
    "id", "service_id", "received_at", "source", "referrer_name", "referrer_agency", "referrer_contact", "about",
    "subject_context_id", "concerns", "lawful_basis", "consent_notes", "restricted", "status", "decision_due_at",
    "recorded_by_id", "recorded_at", "version",
)  # fmt: skip
REFERRAL_CHILD_FIELDS = ("id", "referral_id", "person_id")
