"""`manage.py load_demo`: writes the plan, once, in one audited transaction, and only where the demo is allowed.

Each load hashes 19 passwords (a few seconds), so the tests that load are few and each checks a good deal. The front
door's part of the load is checked in test_load_front_door.py.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.utils import timezone

from safecontext.access.scope import people_in_scope
from safecontext.accounts.models import Service, Team, User
from safecontext.accounts.roles import Role
from safecontext.audit.actions import AuditWriteFailed
from safecontext.audit.models import AuditEvent
from safecontext.cases.models import Case, CaseInvolvement
from safecontext.contexts.models import Context
from safecontext.demo import actions as demo_actions
from safecontext.demo import data
from safecontext.demo.builder import build_demo
from safecontext.front_door.models import Mention, Referral, ScreeningDecision
from safecontext.meetings.models import AgendaItem, Attendee, Meeting, MeetingAction
from safecontext.network.models import Link, Node, ObjectOfInterest
from safecontext.people.identifiers import is_valid_nhs_number
from safecontext.people.models import Address, Person, PersonName
from tests import factories

pytestmark = pytest.mark.django_db

MODELS = (
    Service, Team, User, Person, PersonName, Address, Case, CaseInvolvement, AuditEvent,
    Context, ObjectOfInterest, Node, Link, Referral, Mention, ScreeningDecision,
    Meeting, Attendee, AgendaItem, MeetingAction,
)  # fmt: skip


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def table_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def names_in_database() -> list[tuple[str, str, str, str]]:
    return sorted(
        (name.kind, name.given_name, name.family_name, name.person.nhs_number)
        for name in PersonName.objects.select_related("person")
    )


def test_load_demo_writes_the_council_the_builder_plans() -> None:
    output = load()

    plan = build_demo(today=timezone.localdate())
    assert "Loaded Brightside" in output
    assert Person.objects.count() == len(plan.people) and 220 <= len(plan.people) <= 280
    assert Case.objects.filter(status=Case.Status.OPEN).count() == Case.objects.count() == 50
    # What is in the database is exactly what the (deterministic) builder planned.
    planned = sorted(
        (name.kind, name.given_name, name.family_name, person.nhs_number)
        for person in plan.people
        for name in person.names
    )
    assert names_in_database() == planned
    assert all(name.given_key for name in PersonName.objects.exclude(given_name=""))
    assert all(
        is_valid_nhs_number(n) for n in Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True)
    )
    assert Address.objects.filter(restricted=True).exists()

    users = {user.username: user for user in User.objects.select_related("team", "supervisor")}
    assert {user.role for user in users.values()} == set(Role.values)
    assert [u for u, user in users.items() if user.supervisor is None] == ["dcs.morgan"]
    for spec in plan.users:
        assert users[spec.username].totp_secret == spec.totp_secret
        assert users[spec.username].team.name == spec.team
    assert authenticate(username="ali", password=data.DEMO_PASSWORD) == users["ali"]

    asif = Person.objects.get(names__given_name="Asif", names__family_name="Rahimi")
    asif_case = Case.objects.get(subject=asif)
    assert asif_case.allocated_worker == users["ali"]
    assert asif_case.team.name == data.EMPOWER_YOUTH
    assert {user.username for user in asif_case.network.all()} == {"sw.priya", "police.leon", "school.ruth"}
    assert asif_case.involvements.count() == 10

    # The demo works with record scope: Ali reaches Asif's world and nobody else's.
    visible_to_ali = set(people_in_scope(users["ali"]))
    assert asif in visible_to_ali
    assert len(visible_to_ali) < Person.objects.count() / 3
    assert set(people_in_scope(users["fd.sam"])) == set(Person.objects.all())

    (event,) = AuditEvent.objects.filter(action="demo.loaded")
    assert event.actor_username == "system"
    assert event.target_id == str(Service.objects.get(name=data.COUNCIL_SERVICE).pk)
    assert event.after["people"] == len(plan.people) and event.after["users"] == len(plan.users)


def test_loading_twice_changes_nothing() -> None:
    load()
    before, names_before = table_counts(), names_in_database()

    output = load()

    assert "Demo council already loaded" in output and "without the front door" not in output
    assert table_counts() == before
    assert names_in_database() == names_before
    assert AuditEvent.objects.filter(action="demo.loaded").count() == 1


def test_nothing_is_saved_when_the_audit_event_cannot_be_written(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_record_change(**kwargs: object) -> None:
        raise AuditWriteFailed("could not record demo.loaded")

    monkeypatch.setattr(demo_actions, "record_change", failing_record_change)

    with pytest.raises(AuditWriteFailed):
        load()

    assert all(count == 0 for count in table_counts().values())


def test_load_demo_refuses_where_the_demo_is_not_allowed(settings: object) -> None:
    settings.DEMO_ALLOWED = False  # type: ignore[attr-defined]

    with pytest.raises(CommandError, match="DEMO_ALLOWED"):
        load()

    assert all(count == 0 for count in table_counts().values())


def test_load_demo_refuses_to_mix_into_records_it_did_not_make() -> None:
    factories.make_service(data.COUNCIL_SERVICE)
    factories.make_user("ali")
    before = table_counts()

    with pytest.raises(CommandError, match="never loaded") as error:
        load()

    assert data.COUNCIL_SERVICE in str(error.value) and "ali" in str(error.value)
    assert table_counts() == before
