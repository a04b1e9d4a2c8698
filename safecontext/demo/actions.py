"""Writing the demo council to the database: one action, one transaction, one audit event ("demo.loaded").

The front door's records (contexts, the network, referrals, screening decisions, meetings) are written by
front_door_writer.py inside the same action.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db.models import QuerySet

from safecontext.accounts.models import Service, Team, User
from safecontext.audit.actions import record_change
from safecontext.audit.models import AuditEvent
from safecontext.cases.models import Case, CaseInvolvement, CaseNetworkMember
from safecontext.core.actions_base import action
from safecontext.demo.builder import DemoPlan
from safecontext.demo.front_door_writer import write_front_door
from safecontext.demo.practice import PracticeDemo, write_practice
from safecontext.people.models import Address, Person, PersonName

LOADED_ACTION = "demo.loaded"


class DemoConflict(RuntimeError):
    """The database already holds records the demo would collide with, not put there by the demo."""


@dataclass(frozen=True)
class DemoLoadResult:
    already_loaded: bool
    counts: dict[str, int] = field(default_factory=dict)


def demo_is_loaded() -> bool:
    return _loaded_events().exists()


def demo_lacks_front_door() -> bool:
    """True when the demo in this database was loaded by a version from before the front door (issue 3)."""
    return _loaded_events().exists() and not _loaded_events().filter(after__has_key="referrals").exists()


def _loaded_events() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(action=LOADED_ACTION, target_type=Service._meta.label_lower)


@action
def load_demo_council(*, plan: DemoPlan, password: str, by: User | None = None) -> DemoLoadResult:
    """Write `plan` unless the demo is already there. Loading twice changes nothing, so `make run` can be rerun."""
    if demo_is_loaded():
        return DemoLoadResult(already_loaded=True)
    _refuse_collisions(plan)
    for spec in plan.users:  # before anything is written: a weak demo password must never be set
        validate_password(
            password, user=User(username=spec.username, first_name=spec.first_name, last_name=spec.last_name)
        )

    services = {
        service.name: service
        for service in Service.objects.bulk_create(
            [Service(name=name) for name in (plan.council_service, *plan.partner_services)]
        )
    }
    teams = {
        team.name: team
        for team in Team.objects.bulk_create(
            [Team(name=spec.name, service=services[spec.service], kind=spec.kind) for spec in plan.teams]
        )
    }
    users = _create_users(plan, password=password, teams=teams)
    people = _create_people(plan, service=services[plan.council_service])
    case_count, involvement_count = _create_cases(plan, teams=teams, users=users, people=people)
    front_door = write_front_door(plan.front_door, service=services[plan.council_service], users=users, people=people)
    practice = write_practice(
        PracticeDemo(service=services[plan.council_service], users=users, people=people, today=plan.today, now=plan.now)
    )

    counts = {
        "services": len(services),
        "teams": len(teams),
        "users": len(users),
        "people": len(people),
        "names": sum(len(person.names) for person in plan.people),
        "addresses": sum(len(person.addresses) for person in plan.people),
        "cases": case_count,
        "involvements": involvement_count,
        **front_door,
        **practice,
    }
    record_change(by=by, action=LOADED_ACTION, target=services[plan.council_service], after=counts)
    return DemoLoadResult(already_loaded=False, counts=counts)


def _refuse_collisions(plan: DemoPlan) -> None:
    service_names = [plan.council_service, *plan.partner_services]
    clashing_services = list(Service.objects.filter(name__in=service_names).values_list("name", flat=True))
    clashing_users = list(
        User.objects.filter(username__in=[user.username for user in plan.users]).values_list("username", flat=True)
    )
    if clashing_services or clashing_users:
        raise DemoConflict(
            "The database already has records with the demo's names but the demo was never loaded into it "
            f"(services: {', '.join(clashing_services) or 'none'}; users: {', '.join(clashing_users) or 'none'}). "
            "Use an empty database for the demo."
        )


def _create_users(plan: DemoPlan, *, password: str, teams: dict[str, Team]) -> dict[str, User]:
    # Every demo user shares one published demo password, so it is hashed once (PBKDF2 is slow on purpose: a third
    # of a second per hash) rather than once per user. Real accounts are made by accounts.actions.create_user.
    hashed = make_password(password)
    created = User.objects.bulk_create(
        [
            User(
                username=spec.username,
                password=hashed,
                first_name=spec.first_name,
                last_name=spec.last_name,
                role=spec.role,
                team=teams[spec.team],
                agency=spec.agency,
                totp_secret=spec.totp_secret,
            )
            for spec in plan.users
        ]
    )
    users: dict[str, User] = {user.username: user for user in created}
    for spec in plan.users:  # supervisors once everyone exists
        users[spec.username].supervisor = users[spec.supervisor] if spec.supervisor else None
    User.objects.bulk_update(list(users.values()), ["supervisor"])
    return users


def _create_people(plan: DemoPlan, *, service: Service) -> dict[str, Person]:
    created = Person.objects.bulk_create(
        [
            Person(
                service=service,
                date_of_birth=person.date_of_birth,
                date_of_birth_estimated=person.date_of_birth_estimated,
                sex=person.sex,
                ethnicity=person.ethnicity,
                la_child_id=person.la_child_id,
                nhs_number=person.nhs_number,
                upn=person.upn,
            )
            for person in plan.people
        ]
    )
    people = {plan_person.key: row for plan_person, row in zip(plan.people, created, strict=True)}
    names = [
        PersonName(person=people[person.key], kind=name.kind, given_name=name.given_name, family_name=name.family_name)
        for person in plan.people
        for name in person.names
    ]
    for name in names:
        # bulk_create bypasses PersonName.save(), which fills the search keys; fill them the same way here.
        name.refresh_keys()
    PersonName.objects.bulk_create(names)
    Address.objects.bulk_create(
        [
            Address(
                person=people[person.key],
                line_1=address.line_1,
                line_2=address.line_2,
                town=address.town,
                postcode=address.postcode,
                restricted=address.restricted,
                start_date=address.start_date,
            )
            for person in plan.people
            for address in person.addresses
        ]
    )
    return people


def _create_cases(
    plan: DemoPlan, *, teams: dict[str, Team], users: dict[str, User], people: dict[str, Person]
) -> tuple[int, int]:
    cases = Case.objects.bulk_create(
        [
            Case(
                subject=people[case.subject],
                team=teams[case.team],
                allocated_worker=users[case.allocated_worker] if case.allocated_worker else None,
                status=Case.Status.OPEN,
                opened_on=case.opened_on,
            )
            for case in plan.cases
        ]
    )
    involvements = CaseInvolvement.objects.bulk_create(
        [
            CaseInvolvement(case=row, person=people[person_key], relationship=relationship)
            for case, row in zip(plan.cases, cases, strict=True)
            for person_key, relationship in case.involvements
        ]
    )
    CaseNetworkMember.objects.bulk_create(
        [
            CaseNetworkMember(case_id=row.pk, user_id=users[username].pk)
            for case, row in zip(plan.cases, cases, strict=True)
            for username in case.network
        ]
    )
    return len(cases), len(involvements)
