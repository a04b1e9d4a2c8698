"""Synthetic records for tests. Key records are written inside `inside_action()`, as actions would."""

from __future__ import annotations

import datetime as dt
import itertools

import pyotp

from safecontext.accounts.models import Service, Team, User
from safecontext.accounts.roles import Role
from safecontext.cases.models import Case, CaseInvolvement
from safecontext.core.actions_base import inside_action
from safecontext.people.models import Address, Person, PersonName

PASSWORD = "correct-horse-battery-staple-42"
_serial = itertools.count(1)


def make_service(name: str = "Brightside Children's Services") -> Service:
    return Service.objects.get_or_create(name=name)[0]


def make_team(name: str, *, service: Service | None = None, kind: str = Team.Kind.POD) -> Team:
    return Team.objects.get_or_create(name=name, service=service or make_service(), defaults={"kind": kind})[0]


def make_user(
    username: str | None = None,
    *,
    role: Role | str = "",
    team: Team | None = None,
    supervisor: User | None = None,
    **extra: object,
) -> User:
    username = username or f"user{next(_serial)}"
    with inside_action():
        user = _create_user(username, role=role, team=team, supervisor=supervisor, **extra)
    return user


def _create_user(
    username: str, *, role: Role | str, team: Team | None, supervisor: User | None, **extra: object
) -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=username.capitalize(),
        last_name="Tester",
        role=str(role),
        team=team,
        supervisor=supervisor,
        totp_secret=pyotp.random_base32(),
        **extra,
    )
    return user


def make_person(
    given_name: str = "Test",
    family_name: str = "Child",
    *,
    service: Service | None = None,
    date_of_birth: dt.date | None = dt.date(2010, 4, 3),
    aliases: list[tuple[str, str]] | None = None,
    address: str | None = None,
    restricted_address: bool = False,
    **fields: object,
) -> Person:
    from safecontext.people.matching import name_key

    with inside_action():
        person = Person.objects.create(service=service or make_service(), date_of_birth=date_of_birth, **fields)
        names = [(PersonName.Kind.LEGAL, given_name, family_name)]
        names += [(PersonName.Kind.ALIAS, given, family) for given, family in aliases or []]
        for kind, given, family in names:
            PersonName.objects.create(
                person=person,
                kind=kind,
                given_name=given,
                family_name=family,
                given_key=name_key(given),
                family_key=name_key(family),
            )
        if address:
            Address.objects.create(person=person, line_1=address, postcode="BN1 1AA", restricted=restricted_address)
    return person


def make_case(
    subject: Person,
    *,
    team: Team,
    worker: User | None = None,
    network: list[User] | None = None,
    others: list[tuple[Person, str]] | None = None,
) -> Case:
    with inside_action():
        case = Case.objects.create(subject=subject, team=team, allocated_worker=worker, opened_on=dt.date(2026, 9, 1))
        CaseInvolvement.objects.create(case=case, person=subject, relationship=CaseInvolvement.Relationship.SUBJECT)
        for person, relationship in others or []:
            CaseInvolvement.objects.create(case=case, person=person, relationship=relationship)
        if network:
            case.network.set(network)
    return case
