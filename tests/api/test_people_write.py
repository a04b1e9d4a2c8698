"""Writing people through the API: permissions, validation (422 with field names, never 500), the version check
(409 with the differences, nothing lost) and the audit (a failed audit write saves nothing: 503)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.people.models import Address, Person, PersonName
from tests.conftest import World

ClientFor = Callable[[str], Client]
VALID_NHS_NUMBER = "9434765919"  # the NHS's own published example: check digit 9
VALID_UPN = "B801200005001"  # check letter B: (8*2 + 1*4 + 2*5 + 5*10 + 1*13) mod 23 = 1


def _post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, body, content_type="application/json")


def _patch(client: Client, person: Person, body: Any) -> Any:
    return client.patch(_url("api:person_update", person), body, content_type="application/json")


def _url(name: str, person: Person | None = None) -> str:
    return reverse(name, kwargs={"person_id": person.pk}) if person else reverse(name)


def _errors(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"]
    return body["errors"]  # type: ignore[no-any-return]


# --- create ------------------------------------------------------------------------------------------------------


def test_create(world: World, api_client_for: ClientFor) -> None:
    response = _post(
        api_client_for("front_door"),
        _url("api:person_create"),
        {
            "given_name": "Jaiden",
            "family_name": "Okafor",
            "date_of_birth": "2011-06-14",
            "sex": "1",
            "ethnicity": "BAFR",
            "nhs_number": "943 476 5919",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert person.service == world.users["front_door"].service
    assert body["display_name"] == "Jaiden Okafor"
    assert body["nhs_number"] == VALID_NHS_NUMBER
    assert body["version"] == 1
    assert AuditEvent.objects.filter(action="person.created", target_id=str(person.pk)).exists()
    assert AccessEvent.objects.filter(person_id=person.pk, kind="api").exists()


def test_create_without_permission_is_403(world: World, api_client_for: ClientFor) -> None:
    # Youth workers may edit people on their cases but not add people; no record is involved, so 403 reveals nothing.
    response = _post(api_client_for("youth_worker"), _url("api:person_create"), {"given_name": "A", "family_name": "B"})
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to add people."}
    assert not Person.objects.filter(names__given_name="A").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"nhs_number": "9434765918"}, "nhs_number"),  # wrong check digit
        ({"nhs_number": "943476591"}, "nhs_number"),  # nine digits
        ({"nhs_number": "NHS1234567"}, "nhs_number"),  # not digits: refused by the schema
        ({"upn": "A801200005002"}, "upn"),  # wrong check letter
        ({"date_of_birth": (timezone.localdate() + dt.timedelta(days=1)).isoformat()}, "date_of_birth"),
        ({"date_of_birth": "1899-12-31"}, "date_of_birth"),
        ({"date_of_birth": "2011-02-30"}, "date_of_birth"),
        ({"date_of_birth": 20110214}, "date_of_birth"),
        ({"date_of_birth": 0}, "date_of_birth"),  # not read as seconds since 1970
        ({"sex": "M"}, "sex"),
        ({"sex": 1}, "sex"),
        ({"ethnicity": "XXXX"}, "ethnicity"),
        ({"given_name": "x" * 101}, "given_name"),
        ({"given_name": 42}, "given_name"),
        ({"given_name": ["Jo"]}, "given_name"),
        ({"given_name": "Jo\x00"}, "given_name"),
        ({"family_name": None}, "family_name"),
        ({"la_child_id": "x" * 21}, "la_child_id"),
        ({"date_of_birth_estimated": "yes"}, "date_of_birth_estimated"),
        ({"date_of_birth_estimated": True}, "date_of_birth"),  # estimated, but no date given
        ({"given_name": " ", "family_name": ""}, "given_name"),  # a name is needed
        ({"nickname": "JJ"}, "nickname"),  # unknown fields are refused, not ignored
    ],
)
def test_create_validation(world: World, api_client_for: ClientFor, body: dict[str, Any], field: str) -> None:
    before = Person.objects.count()
    response = _post(
        api_client_for("front_door"), _url("api:person_create"), {"given_name": "Jo", "family_name": "Bloggs", **body}
    )
    errors = _errors(response)
    assert field in errors, errors
    assert all(isinstance(message, str) and message for message in errors[field])
    assert Person.objects.count() == before


def test_create_missing_fields(world: World, api_client_for: ClientFor) -> None:
    errors = _errors(_post(api_client_for("front_door"), _url("api:person_create"), {}))
    assert set(errors) == {"given_name", "family_name"}


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2", b"\xff\xfe"])
def test_a_body_that_is_not_json_is_400(world: World, api_client_for: ClientFor, body: bytes) -> None:
    response = api_client_for("front_door").post(_url("api:person_create"), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Cannot parse request body")


@pytest.mark.parametrize("body", [[], '"text"', 42, None])
def test_json_that_is_not_an_object_is_422(world: World, api_client_for: ClientFor, body: Any) -> None:
    response = _post(api_client_for("front_door"), _url("api:person_create"), body)
    assert response.status_code == 422, response.content


# --- update and the version check --------------------------------------------------------------------------------


def test_update(world: World, api_client_for: ClientFor) -> None:
    response = _patch(
        api_client_for("allocated_worker"),
        world.child,
        {"version": 1, "changes": {"given_name": "Tess", "nhs_number": VALID_NHS_NUMBER, "date_of_birth": None}},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2
    assert body["display_name"] == "Tess Child"
    assert body["date_of_birth"] is None
    world.child.refresh_from_db()
    assert (world.child.nhs_number, world.child.version) == (VALID_NHS_NUMBER, 2)
    event = AuditEvent.objects.get(action="person.updated", target_id=str(world.child.pk))
    assert event.before["given_name"] == "Test" and event.after["given_name"] == "Tess"


def test_stale_edit_is_409_with_the_differences_and_nothing_is_lost(world: World, api_client_for: ClientFor) -> None:
    worker, colleague = api_client_for("allocated_worker"), api_client_for("same_team_colleague")
    # Both read version 1; the colleague saves first.
    assert _patch(colleague, world.child, {"version": 1, "changes": {"sex": "2", "upn": VALID_UPN}}).status_code == 200
    response = _patch(worker, world.child, {"version": 1, "changes": {"sex": "1", "given_name": "Toby"}})
    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == 2
    assert "Nothing was saved" in body["detail"]
    assert body["differences"] == [
        {"field": "given_name", "label": "Given name", "theirs": "Test", "yours": "Toby"},
        {"field": "sex", "label": "Sex", "theirs": "Female", "yours": "Male"},
    ]
    world.child.refresh_from_db()
    assert (world.child.sex, world.child.upn, world.child.version) == ("2", VALID_UPN, 2)
    assert world.child.display_name == "Test Child"
    # Resent with the current version, it is saved.
    assert _patch(worker, world.child, {"version": 2, "changes": {"sex": "1"}}).json()["version"] == 3


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"version": 1, "changes": {"nhs_number": "9434765918"}}, "changes.nhs_number"),
        ({"version": 1, "changes": {"date_of_birth": "2999-01-01"}}, "changes.date_of_birth"),
        ({"version": 1, "changes": {"sex": "7"}}, "changes.sex"),
        ({"version": 1, "changes": {"sex": None}}, "changes.sex"),
        ({"version": 1, "changes": {"family_name": "y" * 101}}, "changes.family_name"),
        ({"version": 1, "changes": {"given_name": "", "family_name": ""}}, "changes.given_name"),
        ({"version": 1, "changes": {"version": 9}}, "changes.version"),
        ({"version": "1", "changes": {}}, "version"),
        ({"version": 1.5, "changes": {}}, "version"),
        ({"version": 0, "changes": {}}, "version"),
        ({"changes": {"sex": "1"}}, "version"),
        ({"version": 1}, "changes"),
        ({"version": 1, "changes": []}, "changes"),
    ],
)
def test_update_validation(world: World, api_client_for: ClientFor, body: dict[str, Any], field: str) -> None:
    errors = _errors(_patch(api_client_for("allocated_worker"), world.child, body))
    assert field in errors, errors
    world.child.refresh_from_db()
    assert world.child.version == 1


@pytest.mark.parametrize("persona", ["other_team_worker", "head_of_service", "data_officer"])
def test_update_without_edit_or_scope_is_404(world: World, api_client_for: ClientFor, persona: str) -> None:
    # Other team: not in scope. Head of service and data officer: can see, cannot edit. All get the same 404.
    response = _patch(api_client_for(persona), world.child, {"version": 1, "changes": {"sex": "1"}})
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    world.child.refresh_from_db()
    assert world.child.version == 1


def test_empty_changes_change_nothing(world: World, api_client_for: ClientFor) -> None:
    response = _patch(api_client_for("allocated_worker"), world.child, {"version": 1, "changes": {}})
    assert response.status_code == 200
    assert response.json()["version"] == 1
    assert not AuditEvent.objects.filter(action="person.updated").exists()


# --- names and addresses -----------------------------------------------------------------------------------------


def test_add_alias(world: World, api_client_for: ClientFor) -> None:
    client = api_client_for("allocated_worker")
    response = _post(
        client, _url("api:person_add_name", world.child), {"kind": "alias", "given_name": "TC", "family_name": ""}
    )
    assert response.status_code == 201, response.content
    assert {"kind": "alias", "given_name": "TC", "family_name": ""} in response.json()["names"]
    assert response.json()["version"] == 2
    # The same name twice is refused; so is a second legal name.
    assert "given_name" in _errors(
        _post(client, _url("api:person_add_name", world.child), {"given_name": "TC", "family_name": ""})
    )
    assert "kind" in _errors(
        _post(
            client, _url("api:person_add_name", world.child), {"kind": "legal", "given_name": "X", "family_name": "Y"}
        )
    )


def test_add_restricted_address_is_hidden_from_the_front_door(world: World, api_client_for: ClientFor) -> None:
    response = _post(
        api_client_for("allocated_worker"),
        _url("api:person_add_address", world.mother),
        {
            "line_1": "2 Refuge Road",
            "town": "Brightside",
            "postcode": "bn2 3cd",
            "restricted": True,
            "start_date": "2026-01-05",
        },
    )
    assert response.status_code == 201, response.content
    address = Address.objects.get(line_1="2 Refuge Road")
    assert (address.postcode, address.restricted) == ("BN2 3CD", True)
    front_door = api_client_for("front_door").get(_url("api:person_detail", world.mother))
    assert front_door.json()["addresses"] == [
        {
            "restricted": True,
            "id": None,
            "line_1": None,
            "line_2": None,
            "town": None,
            "postcode": None,
            "start_date": None,
            "end_date": None,
        }
    ]
    assert "Refuge" not in front_door.content.decode()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"line_1": ""}, "line_1"),
        ({"line_1": "   "}, "line_1"),
        ({"line_1": "1 High St", "postcode": "NOT A CODE"}, "postcode"),
        ({"line_1": "1 High St", "postcode": "ZZZZ999"}, "postcode"),
        ({"line_1": "1 High St", "restricted": "true"}, "restricted"),
        ({"line_1": "1 High St", "start_date": "2999-01-01"}, "start_date"),
        ({"line_1": "x" * 201}, "line_1"),
        ({}, "line_1"),
    ],
)
def test_add_address_validation(world: World, api_client_for: ClientFor, body: dict[str, Any], field: str) -> None:
    errors = _errors(_post(api_client_for("allocated_worker"), _url("api:person_add_address", world.child), body))
    assert field in errors, errors
    assert Address.objects.filter(person=world.child).count() == 1


def test_add_to_someone_out_of_scope_is_404(world: World, api_client_for: ClientFor) -> None:
    client = api_client_for("other_team_worker")
    for name, body in [
        ("api:person_add_name", {"given_name": "X", "family_name": "Y"}),
        ("api:person_add_address", {"line_1": "1 High St"}),
    ]:
        response = _post(client, _url(name, world.child), body)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}
    assert PersonName.objects.filter(person=world.child).count() == 1


# --- a failed audit write saves nothing --------------------------------------------------------------------------


@pytest.fixture
def break_audit(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call it once the clients exist (issuing tokens is audited too); from then on no audit row can be written."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("audit database unavailable")

    def _break() -> None:
        monkeypatch.setattr(AuditEvent.objects, "create", refuse)
        monkeypatch.setattr(AccessEvent.objects, "bulk_create", refuse)

    return _break


AUDIT_FAILED = {"detail": "The audit record could not be written, so nothing was saved or shown. Try again later."}


def test_audit_failure_on_create_is_503_and_saves_nothing(
    world: World, api_client_for: ClientFor, break_audit: Callable[[], None]
) -> None:
    client = api_client_for("front_door")
    break_audit()
    before = (Person.objects.count(), PersonName.objects.count())
    response = _post(client, _url("api:person_create"), {"given_name": "Jo", "family_name": "Bloggs"})
    assert response.status_code == 503
    assert response.json() == AUDIT_FAILED
    assert (Person.objects.count(), PersonName.objects.count()) == before


def test_audit_failure_on_update_is_503_and_saves_nothing(
    world: World, api_client_for: ClientFor, break_audit: Callable[[], None]
) -> None:
    client = api_client_for("allocated_worker")
    break_audit()
    response = _patch(client, world.child, {"version": 1, "changes": {"given_name": "Tess"}})
    assert response.status_code == 503
    assert response.json() == AUDIT_FAILED
    world.child.refresh_from_db()
    assert (world.child.version, world.child.display_name) == (1, "Test Child")


def test_audit_failure_on_add_address_is_503_and_saves_nothing(
    world: World, api_client_for: ClientFor, break_audit: Callable[[], None]
) -> None:
    client = api_client_for("allocated_worker")
    break_audit()
    response = _post(client, _url("api:person_add_address", world.child), {"line_1": "9 New Road"})
    assert response.status_code == 503
    assert not Address.objects.filter(line_1="9 New Road").exists()
    world.child.refresh_from_db()
    assert world.child.version == 1


def test_access_record_failure_shows_nothing(
    world: World, api_client_for: ClientFor, break_audit: Callable[[], None]
) -> None:
    client = api_client_for("allocated_worker")
    break_audit()
    for response in [
        client.get(_url("api:person_detail", world.child)),
        client.get(_url("api:people_search"), {"text": "Test"}),
    ]:
        assert response.status_code == 503
        assert response.json() == AUDIT_FAILED
        assert "Child" not in response.content.decode()
