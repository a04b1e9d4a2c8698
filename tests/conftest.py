"""Personas (after healthchecks' Alice/Bob/Charlie and job-server's permission tests).

One child, Test Child, has an open case held by Pod A and allocated to `allocated_worker`. Each persona stands in a
different relation to that record; `EXPECTED_CAN_SEE_CHILD` says which of them may open it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyotp
import pytest
from django.test import Client

from safecontext.accounts.models import Team, User
from safecontext.accounts.roles import Role
from safecontext.cases.models import CaseInvolvement
from safecontext.people.models import Person
from tests import factories


@dataclass
class World:
    child: Person
    mother: Person
    other_child: Person
    users: dict[str, User]


PERSONAS: dict[str, tuple[Role | str, str]] = {
    # persona: (role, team)
    "allocated_worker": (Role.SOCIAL_WORKER, "Pod A"),
    "same_team_colleague": (Role.SOCIAL_WORKER, "Pod A"),
    "other_team_worker": (Role.SOCIAL_WORKER, "Pod B"),
    "manager": (Role.TEAM_MANAGER, "Pod A"),
    "partner_agency": (Role.PARTNER_AGENCY, "Police"),
    "no_role": ("", "Pod A"),
    "front_door": (Role.FRONT_DOOR, "Front Door"),
    "head_of_service": (Role.HEAD_OF_SERVICE, "Management"),
    "data_officer": (Role.DATA_OFFICER, "Management"),
    "administrator": (Role.ADMINISTRATOR, "Management"),
    "youth_worker": (Role.YOUTH_WORKER, "Pod B"),
}

EXPECTED_CAN_SEE_CHILD = {
    "allocated_worker": True,
    "same_team_colleague": True,
    "other_team_worker": False,
    "manager": True,
    "partner_agency": False,
    "no_role": False,
    "front_door": True,
    "head_of_service": True,
    "data_officer": True,
    "administrator": False,
    "youth_worker": False,
}


# A referral about Test Child, on the agenda of a triage meeting the partner-agency user attends.
EXPECTED_CAN_SEE_REFERRAL = {
    "allocated_worker": True,  # about a child their team works with
    "same_team_colleague": True,
    "other_team_worker": False,
    "manager": True,
    "partner_agency": True,  # only because it is on the agenda of a meeting they attend
    "no_role": False,
    "front_door": True,
    "head_of_service": True,
    "data_officer": True,
    "administrator": False,
    "youth_worker": False,
}
EXPECTED_CAN_SEE_MEETING = {
    "allocated_worker": False,  # social workers see the meetings they attend
    "same_team_colleague": False,
    "other_team_worker": False,
    "manager": True,
    "partner_agency": True,  # attends it
    "no_role": False,
    "front_door": True,
    "head_of_service": True,
    "data_officer": False,
    "administrator": False,
    "youth_worker": False,
}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    """PBKDF2's deliberate slowness protects real passwords; synthetic test users would make the suite crawl."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: None) -> World:
    service = factories.make_service()
    teams = {
        name: factories.make_team(name, service=service, kind=kind)
        for name, kind in [
            ("Pod A", Team.Kind.POD),
            ("Pod B", Team.Kind.POD),
            ("Front Door", Team.Kind.FRONT_DOOR),
            ("Management", Team.Kind.MANAGEMENT),
        ]
    }
    partner_service = factories.make_service("Brightside Police")
    teams["Police"] = factories.make_team("Police", service=partner_service, kind=Team.Kind.PARTNER)
    users = {
        persona: factories.make_user(persona, role=role, team=teams[team]) for persona, (role, team) in PERSONAS.items()
    }
    child = factories.make_person("Test", "Child", address="1 Sample Street", restricted_address=True)
    mother = factories.make_person("Tessa", "Child", date_of_birth=None)
    other_child = factories.make_person("Other", "Youngster", date_of_birth=None)
    factories.make_case(
        child,
        team=teams["Pod A"],
        worker=users["allocated_worker"],
        others=[(mother, CaseInvolvement.Relationship.PARENT)],
    )
    factories.make_case(other_child, team=teams["Pod B"], worker=users["other_team_worker"])
    return World(child=child, mother=mother, other_child=other_child, users=users)


def signed_in_client(user: User) -> Client:
    """A client signed in the way a person signs in: username, password and a current TOTP code."""
    client = Client()
    response = client.post(
        "/account/sign-in/",
        {"username": user.username, "password": factories.PASSWORD, "code": pyotp.TOTP(user.totp_secret).now()},
    )
    assert response.status_code == 302, f"sign-in failed for {user.username}: {response.status_code}"
    return client


@pytest.fixture
def client_for(world: World):  # type: ignore[no-untyped-def]
    def _client_for(persona: str) -> Client:
        return signed_in_client(world.users[persona])

    return _client_for
