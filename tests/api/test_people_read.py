"""Reading people through the API: the same scope as the pages (404 for what you may not see), every read recorded."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from safecontext.access.permissions import Permission, has_permission
from safecontext.accounts.models import ApiToken
from safecontext.accounts.tokens import ApiTokenRefused, issue_api_token
from safecontext.audit.models import AccessEvent
from tests.api.conftest import token_client
from tests.conftest import EXPECTED_CAN_SEE_CHILD, PERSONAS, World

NOT_FOUND = {"detail": "Not found."}
ClientFor = Callable[[str], Client]


def _detail(person_id: int) -> str:
    return reverse("api:person_detail", kwargs={"person_id": person_id})


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_child_detail_matrix(world: World, persona: str) -> None:
    user = world.users[persona]
    if not has_permission(user, Permission.USE_API):
        # Roles without the API cannot be given a token, and a token that exists anyway does not work.
        # (test_a_token_for_a_role_without_the_api_does_not_work shows such a token is refused at the door.)
        with pytest.raises(ApiTokenRefused):
            issue_api_token(user=user, by=None)
        return
    client = token_client(issue_api_token(user=user, by=None))
    response = client.get(_detail(world.child.pk))
    missing = client.get(_detail(999_999))
    assert missing.status_code == 404
    if EXPECTED_CAN_SEE_CHILD[persona]:
        assert response.status_code == 200, persona
        assert response.json()["id"] == world.child.pk
        assert response.json()["display_name"] == "Test Child"
    else:
        # Not "forbidden": exactly what an id that does not exist gets, so a denial reveals nothing.
        assert response.status_code == 404, persona
        assert response.content == missing.content
        assert response.json() == NOT_FOUND


@pytest.mark.parametrize("persona", ["partner_agency", "no_role", "administrator"])
def test_a_token_for_a_role_without_the_api_does_not_work(world: World, persona: str) -> None:
    from django.utils import timezone

    from safecontext.accounts.api_auth import token_digest

    ApiToken.objects.create(
        user=world.users[persona], digest=token_digest("smuggled"), expires_at=timezone.now() + timezone.timedelta(1)
    )
    assert token_client("smuggled").get(_detail(world.child.pk)).status_code == 401


def test_detail_is_recorded_before_it_is_shown(world: World, api_client_for: ClientFor) -> None:
    response = api_client_for("allocated_worker").get(_detail(world.child.pk))
    assert response.status_code == 200
    event = AccessEvent.objects.get(person_id=world.child.pk)
    assert event.kind == AccessEvent.Kind.API
    assert event.actor_username == "allocated_worker"
    assert event.path == _detail(world.child.pk)
    assert not event.via_break_glass


def test_a_refused_read_records_nothing(world: World, api_client_for: ClientFor) -> None:
    assert api_client_for("other_team_worker").get(_detail(world.child.pk)).status_code == 404
    assert not AccessEvent.objects.exists()


def test_detail_body(world: World, api_client_for: ClientFor) -> None:
    body = api_client_for("allocated_worker").get(_detail(world.child.pk)).json()
    assert body["version"] == 1
    assert body["date_of_birth"] == "2010-04-03"
    assert body["names"] == [{"kind": "legal", "given_name": "Test", "family_name": "Child"}]
    assert body["addresses"][0]["line_1"] == "1 Sample Street"
    assert body["addresses"][0]["restricted"] is True


def test_restricted_address_is_hidden_from_the_front_door(world: World, api_client_for: ClientFor) -> None:
    # Front-door practitioners see the child but not a restricted address: only that one exists.
    response = api_client_for("front_door").get(_detail(world.child.pk))
    assert response.status_code == 200
    [address] = response.json()["addresses"]
    assert address["restricted"] is True
    assert {key: value for key, value in address.items() if key != "restricted"} == dict.fromkeys(
        ["id", "line_1", "line_2", "town", "postcode", "start_date", "end_date"]
    )
    assert "Sample Street" not in response.content.decode()
    assert "BN1" not in response.content.decode()


def test_break_glass_read_is_marked(world: World, api_client_for: ClientFor) -> None:
    from safecontext.access.actions import open_break_glass

    worker = world.users["other_team_worker"]
    open_break_glass(person=world.child, reason="Police called out of hours about this child", by=worker)
    response = api_client_for("other_team_worker").get(_detail(world.child.pk))
    assert response.status_code == 200
    assert AccessEvent.objects.get(person_id=world.child.pk, kind=AccessEvent.Kind.API).via_break_glass


# --- search ------------------------------------------------------------------------------------------------------


def _search(client: Client, **params: str) -> dict:  # type: ignore[type-arg]
    response = client.get(reverse("api:people_search"), params)
    assert response.status_code == 200, response.content
    return response.json()  # type: ignore[no-any-return]


def test_search_finds_and_explains(world: World, api_client_for: ClientFor) -> None:
    body = _search(api_client_for("allocated_worker"), text="Test Child")
    ids = [result["person"]["id"] for result in body["results"]]
    assert world.child.pk in ids
    assert body["count"] == len(body["results"])
    top = body["results"][0]
    assert top["person"]["id"] == world.child.pk
    assert 0 < top["score"] <= 1
    assert top["reasons"]


def test_search_is_scoped(world: World, api_client_for: ClientFor) -> None:
    # Other Youngster's case is held by Pod B: Pod A's worker does not find them; the front door (service) does.
    assert world.other_child.pk not in [
        result["person"]["id"]
        for result in _search(api_client_for("allocated_worker"), text="Other Youngster")["results"]
    ]
    assert world.other_child.pk in [
        result["person"]["id"] for result in _search(api_client_for("front_door"), text="Other Youngster")["results"]
    ]


def test_search_by_date_of_birth_tolerates_swapped_day_and_month(world: World, api_client_for: ClientFor) -> None:
    body = _search(api_client_for("allocated_worker"), text="Test Child", date_of_birth="2010-03-04")
    assert world.child.pk in [result["person"]["id"] for result in body["results"]]


def test_every_search_result_is_recorded(world: World, api_client_for: ClientFor) -> None:
    body = _search(api_client_for("front_door"), text="Child")
    shown = {result["person"]["id"] for result in body["results"]}
    assert shown >= {world.child.pk, world.mother.pk}
    recorded = set(
        AccessEvent.objects.filter(actor_username="front_door", kind=AccessEvent.Kind.API).values_list(
            "person_id", flat=True
        )
    )
    assert recorded == shown


def test_empty_search_shows_and_records_nothing(world: World, api_client_for: ClientFor) -> None:
    assert _search(api_client_for("front_door")) == {"count": 0, "results": []}
    assert not AccessEvent.objects.exists()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"text": "x" * 201}, "text"),
        ({"date_of_birth": "2010-02-30"}, "date_of_birth"),
        ({"date_of_birth": "yesterday"}, "date_of_birth"),
        ({"date_of_birth": "0"}, "date_of_birth"),
        ({"date_of_birth": "0001-01-01"}, "date_of_birth"),  # before 1900: nobody on record (and no 500)
        ({"date_of_birth": "9999-12-31"}, "date_of_birth"),  # in the future
        ({"limit": "0"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"text": "a\x00b"}, "text"),
    ],
)
def test_bad_search_parameters_are_422(world: World, api_client_for: ClientFor, params: dict, field: str) -> None:  # type: ignore[type-arg]
    response = api_client_for("front_door").get(reverse("api:people_search"), params)
    assert response.status_code == 422
    assert field in response.json()["errors"]


# --- ids and who viewed ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("person_id", ["0", "-3", str(2**63), "99999999999999999999999"])
def test_ids_out_of_range_are_422_not_500(world: World, api_client_for: ClientFor, person_id: str) -> None:
    response = api_client_for("front_door").get(f"/api/people/{person_id}")
    assert response.status_code == 422
    assert "person_id" in response.json()["errors"]


def test_largest_id_is_an_ordinary_404(world: World, api_client_for: ClientFor) -> None:
    response = api_client_for("front_door").get(_detail(2**63 - 1))
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_viewers_for_a_manager(world: World, api_client_for: ClientFor) -> None:
    api_client_for("allocated_worker").get(_detail(world.child.pk))
    response = api_client_for("manager").get(reverse("api:person_viewers", kwargs={"person_id": world.child.pk}))
    assert response.status_code == 200
    viewers = response.json()
    # Newest first: the manager's own look at the list is recorded too.
    assert [viewer["username"] for viewer in viewers] == ["manager", "allocated_worker"]
    assert viewers[1] == {
        "at": viewers[1]["at"],
        "username": "allocated_worker",
        "name": "Allocated_worker Tester",
        "role": "social_worker",
        "kind": "api",
        "via_break_glass": False,
    }


@pytest.mark.parametrize("persona", ["allocated_worker", "front_door", "other_team_worker"])
def test_viewers_without_permission_is_404(world: World, api_client_for: ClientFor, persona: str) -> None:
    response = api_client_for(persona).get(reverse("api:person_viewers", kwargs={"person_id": world.child.pk}))
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
