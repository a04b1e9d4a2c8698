"""The API side of the permission matrix, generated from access/url_policy.py like the page side.

Every GET route is requested, through a bearer token, by every persona whose role may use the API (the others
cannot be issued one; a token kept after a role change is refused: tests/api/test_auth.py). A route needing a
permission the persona lacks, or naming a record outside their scope, answers 404 with the same body as a record
that does not exist.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.url_policy import URL_POLICIES, Audience, UrlPolicy
from safecontext.accounts.tokens import ApiTokenRefused, issue_api_token
from tests.access.matrix_plugins import plugin_expected_status, plugin_record_ids
from tests.access.test_permission_matrix import all_url_names
from tests.conftest import EXPECTED_CAN_SEE_CHILD, EXPECTED_CAN_SEE_REFERRAL, PERSONAS, World
from tests.front_door_records import FrontDoorRecords, make_front_door_records

API_GETS = sorted(name for name, policy in URL_POLICIES.items() if name.startswith("api:") and "GET" in policy.methods)
NOT_FOUND = {"detail": "Not found."}


def _url(name: str, world: World, records: FrontDoorRecords) -> str:
    ids = {"person_id": world.child.pk, "referral_id": records.referral.pk} | plugin_record_ids(world)
    return reverse(name, kwargs={key: ids[key] for key in all_url_names()[name].pattern.converters})


def _expected(policy: UrlPolicy, name: str, persona: str, world: World) -> int:
    user = world.users[persona]
    if policy.audience == Audience.PUBLIC:
        return 200
    if name == "api:api-root":
        return 404  # django-ninja's root route; with the docs page switched off it answers nothing
    if policy.permission and not has_permission(user, policy.permission):
        return 404
    from_the_area = plugin_expected_status(name, persona, world)
    if from_the_area is not None:
        assert len(from_the_area) == 1, "the API matrix expects one status per persona"
        return next(iter(from_the_area))
    if policy.audience == Audience.RECORD:
        expected = EXPECTED_CAN_SEE_REFERRAL if "referral" in name else EXPECTED_CAN_SEE_CHILD
        return 200 if expected[persona] else 404
    return 200


def test_the_matrix_covers_the_api() -> None:
    assert {"api:person_detail", "api:people_search", "api:referral_detail", "api:me"} <= set(API_GETS)


API_USERS = sorted(persona for persona in PERSONAS if persona not in {"administrator", "no_role", "partner_agency"})


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_only_roles_that_use_the_api_get_a_token(persona: str, world: World) -> None:
    user = world.users[persona]
    if persona in API_USERS:
        assert has_permission(user, Permission.USE_API)
        assert issue_api_token(user=user, days=1, by=user)
    else:
        with pytest.raises(ApiTokenRefused):
            issue_api_token(user=user, days=1, by=user)


@pytest.mark.parametrize("persona", API_USERS)
@pytest.mark.parametrize("name", API_GETS)
def test_api_permission_matrix(name: str, persona: str, world: World) -> None:
    records = make_front_door_records(world)
    user = world.users[persona]
    token = issue_api_token(user=user, days=1, by=user)
    response = Client().get(_url(name, world, records), headers={"Authorization": f"Bearer {token}"})
    expected = _expected(URL_POLICIES[name], name, persona, world)
    assert response.status_code == expected, f"{persona} GET {name}: {response.status_code}, expected {expected}"
    if expected == 404 and name != "api:api-root":
        assert response.json() == NOT_FOUND  # indistinguishable from a record that does not exist
