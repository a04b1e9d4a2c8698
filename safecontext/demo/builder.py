"""Builds the demo council as plain data (no ORM), deterministically: the same seed gives the same people, names,
identifiers and secrets on every run and every machine. `actions.load_demo_council` writes a plan to the database.

Only dates depend on the day the demo is loaded (`today`), so that Asif stays about 15 and cases stay recently
opened; every random choice is drawn the same way whatever the date, so names and identifiers never move (except
a UPN's year-of-allocation digits and check letter, which follow the child's year of birth). The front door
(front_door_builder.py) also follows the moment of loading (`now`), so its queue always looks current.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import random
from dataclasses import dataclass, field

from safecontext.demo import data, referral_data
from safecontext.demo.dates import age_on as age_on  # re-exported: tests and callers know it from here
from safecontext.demo.dates import years_before
from safecontext.demo.front_door_builder import build_front_door
from safecontext.demo.front_door_data import TINY
from safecontext.demo.front_door_plan import ZONE, FrontDoorPlan, UserName
from safecontext.demo.synthetic_ids import synthetic_nhs_number, synthetic_upn

# Plain strings rather than the models' TextChoices, so this module needs no Django set-up.
LEGAL, ALIAS, NICKNAME, PREVIOUS = "legal", "alias", "nickname", "previous"
SUBJECT, SIBLING, PARENT, FAMILY, PEER, OTHER = "subject", "sibling", "parent", "family", "peer", "other"
MALE, FEMALE = "1", "2"

# The other parent of a child of mixed heritage (DfE mixed codes name both sides).
_MIXED_OTHER_PARENT = {"MWBC": "BCRB", "MWBA": "BAFR", "MWAS": "APKN", "MOTH": "OOTH"}
_POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXY"  # the letters Royal Mail uses in the last place of a postcode


@dataclass(frozen=True)
class NamePlan:
    kind: str
    given_name: str
    family_name: str


@dataclass(frozen=True)
class AddressPlan:
    line_1: str
    line_2: str
    town: str
    postcode: str
    restricted: bool
    start_date: dt.date | None


@dataclass(frozen=True)
class PersonPlan:
    key: str
    names: tuple[NamePlan, ...]
    sex: str
    ethnicity: str
    date_of_birth: dt.date | None
    date_of_birth_estimated: bool
    la_child_id: str = ""
    nhs_number: str = ""
    upn: str = ""
    addresses: tuple[AddressPlan, ...] = ()

    @property
    def display_name(self) -> str:
        first = self.names[0]
        return " ".join(part for part in (first.given_name, first.family_name) if part)


@dataclass(frozen=True)
class UserPlan:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str
    supervisor: str | None
    agency: str
    job_title: str
    totp_secret: str


@dataclass(frozen=True)
class CasePlan:
    key: str
    team: str
    subject: str  # a PersonPlan key
    allocated_worker: str | None  # a username
    network: tuple[str, ...]  # usernames
    involvements: tuple[tuple[str, str], ...]  # (PersonPlan key, relationship), the subject first
    opened_on: dt.date


@dataclass(frozen=True)
class DemoPlan:
    council_service: str
    partner_services: tuple[str, ...]
    teams: tuple[data.TeamSpec, ...]
    users: tuple[UserPlan, ...]
    people: tuple[PersonPlan, ...]
    cases: tuple[CasePlan, ...]
    front_door: FrontDoorPlan
    today: dt.date
    now: dt.datetime


def demo_totp_secret(username: str) -> str:
    """A stable base32 TOTP secret (32 characters, 160 bits as RFC 4226 recommends) derived from a fixed seed, so
    `make run` prints the same secrets every time and an authenticator app set up once keeps working."""
    digest = hmac.new(data.TOTP_SEED, username.encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:20]).decode()


def build_demo(*, today: dt.date, now: dt.datetime | None = None) -> DemoPlan:
    """The demo council as loaded on `today`; `now` (timezone-aware, on `today` in London) is the moment of loading,
    which places the front door's referrals and meetings. Without it, midday on `today`."""
    if now is None:
        now = dt.datetime.combine(today, dt.time(12, 0), tzinfo=ZONE)
    elif now.tzinfo is None or now.astimezone(ZONE).date() != today:
        raise ValueError(f"now ({now}) must be timezone-aware and fall on {today} in London")
    rng = random.Random(data.DEMO_SEED)  # noqa: S311 - repeatable synthetic data, not secrets
    builder = _Builder(rng=rng, today=today)
    builder.add_case_study()
    builder.add_generic_families()
    builder.add_front_door_people()
    users = tuple(
        UserPlan(
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            role=spec.role,
            team=spec.team,
            supervisor=spec.supervisor,
            agency=spec.agency,
            job_title=spec.job_title,
            totp_secret=demo_totp_secret(spec.username),
        )
        for spec in data.USERS
    )
    services = {team.name: team.service for team in data.TEAMS}
    front_door = build_front_door(
        now=now,
        people=builder.people,
        cases=builder.cases,
        users={user.username: UserName(f"{user.first_name} {user.last_name}", services[user.team]) for user in users},
        council_service=data.COUNCIL_SERVICE,
    )
    return DemoPlan(
        council_service=data.COUNCIL_SERVICE,
        partner_services=data.PARTNER_SERVICES,
        teams=data.TEAMS,
        users=users,
        people=tuple(builder.people),
        cases=tuple(builder.cases),
        front_door=front_door,
        today=today,
        now=now,
    )


@dataclass
class _Builder:
    rng: random.Random
    today: dt.date
    people: list[PersonPlan] = field(default_factory=list)
    cases: list[CasePlan] = field(default_factory=list)
    _la_counter: int = 100
    _used: set[str] = field(default_factory=set)
    _surnames_used: set[str] = field(default_factory=set)

    # --- identifiers and dates ---

    def la_child_id(self) -> str:
        reserved = {person.la_child_id for person in data.CASE_STUDY_PEOPLE}
        while True:
            self._la_counter += self.rng.randint(3, 25)
            value = f"{data.LA_CHILD_ID_PREFIX}{self._la_counter:06d}"
            if value not in reserved and value not in self._used:
                self._used.add(value)
                return value

    def nhs_number(self) -> str:
        while (value := synthetic_nhs_number(self.rng)) in self._used:
            pass
        self._used.add(value)
        return value

    def upn(self, date_of_birth: dt.date | None, age: int) -> str:
        # A UPN is allocated when a child first starts school, at four or five; the year is part of the number.
        birth_year = date_of_birth.year if date_of_birth else self.today.year - age
        while (value := synthetic_upn(self.rng, la_number=data.LA_NUMBER, year_allocated=birth_year + 5)) in self._used:
            pass
        self._used.add(value)
        return value

    def date_of_birth(self, age: int, *, estimated: bool) -> dt.date:
        days_since_birthday = self.rng.randint(1, 364)  # drawn either way, so later choices never shift
        if estimated:
            # An estimated date of birth is recorded as 1 January of the estimated year.
            return dt.date(self.today.year - age, 1, 1)
        return years_before(self.today, age) - dt.timedelta(days=days_since_birthday)

    def address(self, *, restricted: bool = False) -> AddressPlan:
        street = self.rng.choice(data.STREETS)
        number = self.rng.randint(1, 140)
        estate = self.rng.choice(data.ESTATES) if self.rng.random() < 0.4 else ""
        postcode = f"BN{self.rng.randint(1, 9)} {self.rng.randint(1, 9)}Z{self.rng.choice(_POSTCODE_UNIT_LETTERS)}"
        start = self.today - dt.timedelta(days=self.rng.randint(60, 3000))
        return AddressPlan(f"{number} {street}", estate, data.TOWN, postcode, restricted, start)

    # --- the case study (seed 000) ---

    def add_case_study(self) -> None:
        home = AddressPlan(*data.CASE_STUDY_HOME[:2], data.TOWN, data.CASE_STUDY_HOME[2], False, None)
        tyrese_home = AddressPlan(*data.TYRESE_HOME[:2], data.TOWN, data.TYRESE_HOME[2], False, None)
        for spec in data.CASE_STUDY_PEOPLE:
            first_kind = LEGAL if spec.name_is_legal else NICKNAME
            names = [NamePlan(first_kind, spec.given_name, spec.family_name)]
            names += [NamePlan(NICKNAME, nickname, "") for nickname in spec.nicknames]
            if spec.previous_family_name:
                names.append(NamePlan(PREVIOUS, spec.given_name, spec.previous_family_name))
            dob = self.date_of_birth(spec.age, estimated=spec.dob_estimated) if spec.age is not None else None
            addresses: tuple[AddressPlan, ...] = ()
            if spec.lives_with_asif:
                addresses = (home,)
            elif spec.key in {"tyrese", "tyrese.mother"}:
                addresses = (tyrese_home,)
            known = spec.name_is_legal  # nothing is known to identify a man known only as "Dex"
            self.people.append(
                PersonPlan(
                    key=spec.key,
                    names=tuple(names),
                    sex=spec.sex,
                    ethnicity=spec.ethnicity,
                    date_of_birth=dob,
                    date_of_birth_estimated=spec.dob_estimated,
                    la_child_id=spec.la_child_id,
                    nhs_number=self.nhs_number() if known else "",
                    upn=self.upn(dob, spec.age or 0) if spec.is_child else "",
                    addresses=addresses,
                )
            )
        asif_network = tuple((spec.key, spec.relationship) for spec in data.CASE_STUDY_PEOPLE if spec.relationship)
        self.cases.append(
            CasePlan(
                key="asif",
                team=data.EMPOWER_YOUTH,
                subject="asif",
                allocated_worker="ali",
                # Ali shares with the professional network (seed 000): the pod's social worker who holds his friend
                # Tyrese's case, the police officer after his arrest, and his school's safeguarding lead.
                network=("sw.priya", "police.leon", "school.ruth"),
                involvements=asif_network,
                opened_on=self.today - dt.timedelta(days=240),
            )
        )
        self.cases.append(
            CasePlan(
                key="tyrese",
                team=data.POD_NORTH,
                subject="tyrese",
                allocated_worker="sw.priya",
                network=("ali",),  # Tyrese came to Empower Youth with Asif
                involvements=(("tyrese", SUBJECT), ("tyrese.mother", PARENT), ("asif", PEER), ("mo", PEER)),
                opened_on=self.today - dt.timedelta(days=120),
            )
        )

    # --- the generic families ---

    def surname(self, heritage: data.Heritage) -> str:
        unused = [name for name in heritage.surnames if name not in self._surnames_used]
        name = self.rng.choice(unused or list(heritage.surnames))
        self._surnames_used.add(name)
        return name

    def child_age(self) -> int:
        # Extra-familial harm is mostly met in adolescence, so older children are likelier to be referred.
        return self.rng.choices(range(8, 18), weights=[1, 1, 2, 2, 3, 4, 5, 5, 5, 4])[0]

    def child(
        self,
        key: str,
        heritage: data.Heritage,
        family_name: str,
        ethnicity: str,
        age: int,
        taken: set[str],
        *,
        addresses: tuple[AddressPlan, ...],
        estimated_chance: float = 0.06,
        known_chance: float = 0.9,
    ) -> PersonPlan:
        sex = self.rng.choice((MALE, FEMALE))
        pool = [name for name in (heritage.boys if sex == MALE else heritage.girls) if name not in taken]
        given = self.rng.choice(pool)
        taken.add(given)
        names = [NamePlan(LEGAL, given, family_name)]
        if given in data.CHILD_NICKNAMES and self.rng.random() < 0.5:
            names.append(NamePlan(NICKNAME, data.CHILD_NICKNAMES[given], ""))
        estimated = self.rng.random() < estimated_chance
        dob = self.date_of_birth(age, estimated=estimated)
        known = self.rng.random() < known_chance
        return PersonPlan(
            key=key,
            names=tuple(names),
            sex=sex,
            ethnicity=ethnicity,
            date_of_birth=dob,
            date_of_birth_estimated=estimated,
            la_child_id=self.la_child_id() if known else "",
            nhs_number=self.nhs_number() if known else "",
            upn=self.upn(dob, age) if known else "",
            addresses=addresses,
        )

    def adult(
        self,
        key: str,
        given_pool: tuple[str, ...],
        family_name: str,
        sex: str,
        ethnicity: str,
        age: int,
        *,
        addresses: tuple[AddressPlan, ...],
        previous_family_name: str = "",
    ) -> PersonPlan:
        given = self.rng.choice(given_pool)
        names = [NamePlan(LEGAL, given, family_name)]
        if previous_family_name:
            names.append(NamePlan(PREVIOUS, given, previous_family_name))
        dob_kind = self.rng.choices(("exact", "estimated", "unknown"), weights=[7, 1, 2])[0]
        dob = self.date_of_birth(age, estimated=dob_kind == "estimated")
        has_nhs = self.rng.random() < 0.6
        return PersonPlan(
            key=key,
            names=tuple(names),
            sex=sex,
            ethnicity=ethnicity,
            date_of_birth=None if dob_kind == "unknown" else dob,
            date_of_birth_estimated=dob_kind == "estimated",
            nhs_number=self.nhs_number() if has_nhs else "",
            addresses=addresses,
        )

    def adult_of_concern(self, key: str) -> PersonPlan:
        heritage = self.rng.choices(data.HERITAGES, weights=[h.weight for h in data.HERITAGES])[0]
        nickname = self.rng.choice(data.ADULT_OF_CONCERN_NICKNAMES)
        age = self.rng.randint(19, 31)
        dob = self.date_of_birth(age, estimated=True)
        names: tuple[NamePlan, ...]
        if self.rng.random() < 0.5:  # known only by a street name
            names = (NamePlan(NICKNAME, nickname, ""),)
        else:
            names = (
                NamePlan(LEGAL, self.rng.choice(heritage.men), self.surname(heritage)),
                NamePlan(NICKNAME, nickname, ""),
            )
        known_dob = self.rng.random() < 0.7  # otherwise nobody can even guess his age
        return PersonPlan(key, names, MALE, heritage.ethnicities[0], dob if known_dob else None, known_dob)

    def add_generic_families(self) -> None:
        teams = [team for team, count in data.GENERIC_CASES_PER_TEAM.items() for _ in range(count)]
        self.rng.shuffle(teams)
        restricted_families = set(self.rng.sample(range(len(teams)), 3))
        next_worker = dict.fromkeys(data.CASEHOLDERS, 0)
        for index, team in enumerate(teams):
            family = f"f{index + 1:02d}"
            involvements = self.add_family(family, restricted=index in restricted_families)
            holders = data.CASEHOLDERS[team]
            worker = holders[next_worker[team] % len(holders)]
            next_worker[team] += 1
            self.cases.append(
                CasePlan(
                    key=family,
                    team=team,
                    subject=f"{family}.child",
                    allocated_worker=worker,
                    network=self.network_for(team),
                    involvements=involvements,
                    opened_on=self.today - dt.timedelta(days=self.rng.randint(14, 500)),
                )
            )

    def network_for(self, team: str) -> tuple[str, ...]:
        if team == data.FRONT_DOOR:
            return ()  # still being screened: no network yet
        chances: list[tuple[str, float]] = [("school.ruth", 0.3), ("police.leon", 0.12), ("health.amara", 0.12)]
        if team == data.EMPOWER_YOUTH:
            chances.append((self.rng.choice(data.CASEHOLDERS[data.POD_NORTH] + data.CASEHOLDERS[data.POD_SOUTH]), 0.3))
        else:
            chances.append((self.rng.choice(data.CASEHOLDERS[data.EMPOWER_YOUTH]), 0.12))
        return tuple(username for username, chance in chances if self.rng.random() < chance)

    def add_family(self, family: str, *, restricted: bool) -> tuple[tuple[str, str], ...]:
        rng = self.rng
        heritage = rng.choices(data.HERITAGES, weights=[h.weight for h in data.HERITAGES])[0]
        ethnicity = rng.choice(heritage.ethnicities)
        family_name = self.surname(heritage)
        # A family that has fled domestic abuse: the household's address is restricted and the father has none.
        home = (self.address(restricted=restricted),)
        taken: set[str] = set()
        subject_age = self.child_age()
        subject = self.child(f"{family}.child", heritage, family_name, ethnicity, subject_age, taken, addresses=home)
        involvements = [(subject.key, SUBJECT)]
        self.people.append(subject)

        mother_ethnicity = "WBRI" if ethnicity in _MIXED_OTHER_PARENT else ethnicity
        father_ethnicity = _MIXED_OTHER_PARENT.get(ethnicity, ethnicity)
        if rng.random() < 0.9:
            own_name = rng.random() < 0.7
            mother = self.adult(
                f"{family}.mother",
                heritage.women,
                family_name if own_name else self.surname(heritage),
                FEMALE,
                mother_ethnicity,
                subject_age + rng.randint(20, 34),
                addresses=home,
                previous_family_name=self.surname(heritage) if own_name and rng.random() < 0.3 else "",
            )
        else:  # a grandmother brings the children up (kinship care)
            mother = self.adult(
                f"{family}.grandmother", heritage.women, family_name, FEMALE, mother_ethnicity,
                subject_age + rng.randint(45, 60), addresses=home,
            )  # fmt: skip
        involvements.append((mother.key, PARENT))
        self.people.append(mother)

        if rng.random() < 0.55:
            living = rng.choices(("home", "elsewhere", "unknown"), weights=[5, 3, 2])[0]
            if restricted and living == "home":
                living = "unknown"
            addresses = {"home": home, "elsewhere": (self.address(),), "unknown": ()}[living]
            father = self.adult(
                f"{family}.father", heritage.men, family_name, MALE, father_ethnicity,
                subject_age + rng.randint(22, 40), addresses=addresses,
            )  # fmt: skip
            involvements.append((father.key, PARENT))
            self.people.append(father)

        for number in range(1, rng.choices((0, 1, 2, 3), weights=[2, 4, 3, 1])[0] + 1):
            sibling = self.child(
                f"{family}.sibling{number}", heritage, family_name, ethnicity, rng.randint(8, 17), taken, addresses=home
            )
            involvements.append((sibling.key, SIBLING))
            self.people.append(sibling)

        if rng.random() < 0.25:  # a friend named in the referral, often known only loosely
            peer_heritage = rng.choices(data.HERITAGES, weights=[h.weight for h in data.HERITAGES])[0]
            peer = self.child(
                f"{family}.peer",
                peer_heritage,
                self.surname(peer_heritage),
                rng.choice(peer_heritage.ethnicities),
                min(17, max(8, subject_age + rng.randint(-1, 1))),
                set(),
                addresses=(),
                estimated_chance=0.4,
                known_chance=0.5,
            )
            involvements.append((peer.key, PEER))
            self.people.append(peer)

        if rng.random() < 0.08:
            adult = self.adult_of_concern(f"{family}.adult")
            involvements.append((adult.key, OTHER))
            self.people.append(adult)
        return tuple(involvements)

    # --- the front door's people (issue 3): children first heard of through a referral, and the adult of concern
    # at the centre of the Route 7 cluster ---

    def add_front_door_people(self) -> None:
        households: dict[str, tuple[AddressPlan, ...]] = {}
        for spec in referral_data.REFERRED_CHILDREN:
            names = [NamePlan(LEGAL, spec.given_name, spec.family_name)]
            names += [NamePlan(NICKNAME, nickname, "") for nickname in spec.nicknames]
            if spec.household and spec.household in households:
                addresses = households[spec.household]
            else:
                addresses = (self.address(),) if spec.known else ()
                if spec.household:
                    households[spec.household] = addresses
            dob = self.date_of_birth(spec.age, estimated=False) if spec.age is not None else None
            self.people.append(
                PersonPlan(
                    key=spec.key,
                    names=tuple(names),
                    sex=spec.sex,
                    ethnicity=spec.ethnicity,
                    date_of_birth=dob,
                    date_of_birth_estimated=False,
                    la_child_id=self.la_child_id() if spec.known else "",
                    nhs_number=self.nhs_number() if spec.known else "",
                    upn=self.upn(dob, spec.age or 0) if spec.known else "",
                    addresses=addresses,
                )
            )
        # One record, found from three spellings: the referrers' spellings are kept as his other names, so a search
        # for any of them finds him (the first, the one most referrers use, is the name he is shown by).
        self.people.append(
            PersonPlan(
                key=TINY,
                names=tuple(NamePlan(NICKNAME, spelling, "") for spelling in referral_data.TINY_NAMES),
                sex=MALE,
                ethnicity="NOBT",
                date_of_birth=self.date_of_birth(referral_data.TINY_AGE, estimated=True),
                date_of_birth_estimated=True,
            )
        )
