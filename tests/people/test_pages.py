"""The people pages: scope (404), access events, restricted addresses, version conflicts, bad input, audit failure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safecontext.access.models import BreakGlassGrant
from safecontext.audit.actions import AuditWriteFailed
from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.core.actions_base import inside_action
from safecontext.people.models import Person, PersonName
from tests.conftest import EXPECTED_CAN_SEE_CHILD, World

Login = Callable[[str], Client]
VALID_NHS = "9434765919"


def detail_url(person: Person) -> str:
    return reverse("people:detail", kwargs={"person_id": person.pk})


def edit_url(person: Person) -> str:
    return reverse("people:edit", kwargs={"person_id": person.pk})


def edit_form(person: Person, **changes: str) -> dict[str, str]:
    legal = person.legal_name
    dob = person.date_of_birth
    data = {
        "version": str(person.version),
        "given_name": legal.given_name if legal else "",
        "family_name": legal.family_name if legal else "",
        "date_of_birth_day": str(dob.day) if dob else "",
        "date_of_birth_month": str(dob.month) if dob else "",
        "date_of_birth_year": str(dob.year) if dob else "",
        "sex": person.sex,
        "ethnicity": person.ethnicity,
        "la_child_id": person.la_child_id,
        "nhs_number": person.nhs_number,
        "upn": person.upn,
    }
    data.update(changes)
    return data


# --- record page --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "can_see"), sorted(EXPECTED_CAN_SEE_CHILD.items()))
def test_detail_answers_404_out_of_scope_and_records_each_view(
    world: World, login: Login, persona: str, can_see: bool
) -> None:
    response = login(persona).get(detail_url(world.child))
    assert response.status_code == (200 if can_see else 404)
    events = AccessEvent.objects.filter(person_id=world.child.pk, actor_username=persona)
    if can_see:
        assert "Test Child" in response.text
        event = events.get()
        assert (event.kind, event.path, event.via_break_glass) == ("page", detail_url(world.child), False)
    else:
        assert "Test Child" not in response.text
        assert not events.exists()


def test_a_missing_person_looks_the_same_as_a_hidden_one(world: World, login: Login) -> None:
    client = login("other_team_worker")
    hidden = client.get(detail_url(world.child))
    missing = client.get(reverse("people:detail", kwargs={"person_id": 999999}))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


@pytest.mark.parametrize(
    ("persona", "shown"), [("allocated_worker", True), ("front_door", False), ("data_officer", False)]
)
def test_restricted_address_needs_permission(world: World, login: Login, persona: str, shown: bool) -> None:
    response = login(persona).get(detail_url(world.child))
    assert response.status_code == 200
    assert ("1 Sample Street" in response.text) is shown
    assert ("BN1 1AA" in response.text) is shown
    assert ("Restricted address" in response.text) is not shown


def test_break_glass_view_is_flagged(world: World, login: Login) -> None:
    user = world.users["other_team_worker"]
    with inside_action():
        BreakGlassGrant.objects.create(
            user=user,
            person=world.child,
            reason="Police call out of hours",
            expires_at=timezone.now() + dt.timedelta(hours=4),
        )
    response = login("other_team_worker").get(detail_url(world.child))
    assert response.status_code == 200
    assert "emergency access" in response.text
    event = AccessEvent.objects.get(person_id=world.child.pk, actor_username="other_team_worker")
    assert event.via_break_glass
    # A break-glass grant opens the record, but does not put the child into search results.
    search = login("other_team_worker").get(reverse("people:search"), {"name": "Test Child"})
    assert detail_url(world.child) not in search.text
    assert not AccessEvent.objects.filter(person_id=world.child.pk, kind="search").exists()


def test_failed_access_record_means_no_data_is_shown(
    world: World, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit table locked")

    monkeypatch.setattr(AccessEvent.objects, "bulk_create", broken)
    response = login("allocated_worker").get(detail_url(world.child))
    assert response.status_code == 503
    assert "Sample Street" not in response.text and "Test Child" not in response.text


# --- search page --------------------------------------------------------------------------------------------------


def test_search_page_shows_results_with_reasons_and_records_them(world: World, login: Login) -> None:
    response = login("allocated_worker").get(reverse("people:search"), {"name": "Tesst Chlid"})
    assert response.status_code == 200
    assert "Test Child" in response.text
    assert "possible typo" in response.text
    assert 'hx-get="/people/"' in response.text
    event = AccessEvent.objects.get(person_id=world.child.pk, actor_username="allocated_worker")
    assert event.kind == "search"


def test_search_by_date_of_birth_on_the_page(world: World, login: Login) -> None:
    response = login("allocated_worker").get(
        reverse("people:search"), {"date_of_birth_day": "4", "date_of_birth_month": "3", "date_of_birth_year": "2010"}
    )
    assert "Test Child" in response.text
    assert "day and month swapped" in response.text


def test_htmx_search_returns_only_the_results(world: World, login: Login) -> None:
    response = login("allocated_worker").get(
        reverse("people:search"), {"name": "Child"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text and "<table" in response.text
    assert "HX-Request" in response["Vary"]
    assert set(AccessEvent.objects.filter(kind="search").values_list("person_id", flat=True)) == {
        world.child.pk,
        world.mother.pk,
    }


def test_search_without_a_search_records_nothing(world: World, login: Login) -> None:
    response = login("allocated_worker").get(reverse("people:search"))
    assert response.status_code == 200
    assert not AccessEvent.objects.exists()


def test_out_of_scope_search_shows_no_hint(world: World, login: Login) -> None:
    response = login("other_team_worker").get(reverse("people:search"), {"name": "Test Child"})
    assert response.status_code == 200
    assert detail_url(world.child) not in response.text
    assert "No matching records" in response.text
    assert not AccessEvent.objects.filter(person_id=world.child.pk).exists()


def test_impossible_date_in_search_is_a_form_error(world: World, login: Login) -> None:
    response = login("allocated_worker").get(
        reverse("people:search"), {"date_of_birth_day": "31", "date_of_birth_month": "2", "date_of_birth_year": "2010"}
    )
    assert response.status_code == 400
    assert "Date of birth must be a real date" in response.text
    assert 'href="#id_date_of_birth_day"' in response.text


@pytest.mark.parametrize("persona", ["no_role", "administrator"])
def test_people_pages_are_404_without_permission(world: World, login: Login, persona: str) -> None:
    client = login(persona)
    assert client.get(reverse("people:search")).status_code == 404
    assert client.get(reverse("people:create")).status_code == 404


# --- create -------------------------------------------------------------------------------------------------------


def create_form(**changes: str) -> dict[str, str]:
    data = {
        "given_name": "Priya",
        "family_name": "Sharma",
        "date_of_birth_day": "9",
        "date_of_birth_month": "10",
        "date_of_birth_year": "2011",
        "sex": "2",
        "ethnicity": "AIND",
        "nhs_number": "943 476 5919",
        "upn": "",
        "la_child_id": "",
    }
    data.update(changes)
    return data


def test_create_a_person(world: World, login: Login) -> None:
    response = login("front_door").post(reverse("people:create"), create_form())
    person = Person.objects.get(names__family_name="Sharma")
    assert response.status_code == 302 and response["Location"] == detail_url(person)
    assert person.service == world.users["front_door"].team.service  # type: ignore[union-attr]
    assert person.nhs_number == VALID_NHS and person.date_of_birth == dt.date(2011, 10, 9)
    assert AuditEvent.objects.filter(action="person.created", target_id=str(person.pk)).exists()


def test_create_shows_possible_existing_records_first(world: World, login: Login) -> None:
    client = login("front_door")
    data = create_form(
        given_name="Test",
        family_name="Chlid",
        date_of_birth_day="3",
        date_of_birth_month="4",
        date_of_birth_year="2010",
    )
    response = client.post(reverse("people:create"), data)
    assert response.status_code == 200
    assert "Possible existing records" in response.text and "Test Child" in response.text
    assert not Person.objects.filter(names__family_name="Chlid").exists()
    assert AccessEvent.objects.filter(person_id=world.child.pk, kind="search").exists()
    response = client.post(reverse("people:create"), {**data, "confirm_new": "1"})
    assert response.status_code == 302
    assert Person.objects.filter(names__family_name="Chlid").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date_of_birth_year": str(timezone.localdate().year + 1)}, "must be today or in the past"),
        ({"date_of_birth_day": "31", "date_of_birth_month": "2"}, "Date of birth must be a real date"),
        ({"date_of_birth_month": ""}, "Date of birth must include a month"),
        ({"nhs_number": "943 476 5918"}, "Enter a valid NHS number"),
        ({"upn": "A801200005001"}, "Enter a valid unique pupil number"),
        ({"given_name": "", "family_name": ""}, "Enter a given name or a family name"),
        ({"sex": "5"}, "Select the person&#x27;s sex"),
    ],
)
def test_create_with_bad_input_shows_errors_and_saves_nothing(
    world: World, login: Login, changes: dict[str, str], message: str
) -> None:
    response = login("front_door").post(reverse("people:create"), create_form(**changes))
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert message in response.text
    assert not Person.objects.filter(names__family_name="Sharma").exists()
    assert not AuditEvent.objects.exists()


def test_create_needs_permission(world: World, login: Login) -> None:
    assert login("youth_worker").post(reverse("people:create"), create_form()).status_code == 404
    assert not Person.objects.filter(names__family_name="Sharma").exists()


# --- edit and conflicts -------------------------------------------------------------------------------------------


def test_edit_page_records_a_view_and_saves(world: World, login: Login) -> None:
    client = login("allocated_worker")
    page = client.get(edit_url(world.child))
    assert page.status_code == 200 and 'name="version" value="1"' in page.text
    assert AccessEvent.objects.filter(person_id=world.child.pk, kind="page").count() == 1
    response = client.post(edit_url(world.child), edit_form(world.child, nhs_number=VALID_NHS))
    assert response.status_code == 302
    world.child.refresh_from_db()
    assert world.child.nhs_number == VALID_NHS and world.child.version == 2


def test_stale_edit_gets_a_conflict_page_and_the_first_edit_is_kept(world: World, login: Login) -> None:
    first, second = login("allocated_worker"), login("same_team_colleague")
    first_form = edit_form(world.child)
    second_form = edit_form(world.child)
    assert 'name="version" value="1"' in first.get(edit_url(world.child)).text
    assert 'name="version" value="1"' in second.get(edit_url(world.child)).text

    saved = first.post(edit_url(world.child), {**first_form, "family_name": "Childs", "nhs_number": VALID_NHS})
    assert saved.status_code == 302
    stale = second.post(edit_url(world.child), {**second_form, "family_name": "Chyld", "la_child_id": "BHC-001"})

    assert stale.status_code == 409
    assert "Someone else has changed this record" in stale.text
    assert "<table" in stale.text
    for value in ("Childs", "Chyld", "943 476 5919", "BHC-001"):
        assert value in stale.text
    assert 'name="version" value="2"' in stale.text  # the form now stands on the current version
    assert 'value="Chyld"' in stale.text  # what the second editor typed is kept in the form

    child = Person.objects.get(pk=world.child.pk)
    assert child.legal_name.family_name == "Childs"  # type: ignore[union-attr]
    assert child.nhs_number == VALID_NHS and child.la_child_id == "" and child.version == 2
    assert AuditEvent.objects.filter(action="person.updated").count() == 1

    # Saving again from the conflict page is a deliberate choice, made against version 2.
    reapplied = second.post(
        edit_url(world.child), {**second_form, "version": "2", "family_name": "Chyld", "la_child_id": "BHC-001"}
    )
    assert reapplied.status_code == 302
    child = Person.objects.get(pk=world.child.pk)
    assert child.legal_name.family_name == "Chyld" and child.version == 3  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date_of_birth_year": "2999"}, "must be today or in the past"),
        ({"date_of_birth_day": "31", "date_of_birth_month": "2"}, "must be a real date"),
        ({"nhs_number": "1234567890"}, "Enter a valid NHS number"),
        ({"version": ""}, "missing the version"),
    ],
)
def test_edit_with_bad_input_saves_nothing(world: World, login: Login, changes: dict[str, str], message: str) -> None:
    response = login("allocated_worker").post(edit_url(world.child), edit_form(world.child, **changes))
    assert response.status_code == 400
    assert message in response.text
    child = Person.objects.get(pk=world.child.pk)
    assert child.version == 1 and child.date_of_birth == dt.date(2010, 4, 3) and child.nhs_number == ""
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("target", ["record_change", "create"])
def test_failed_audit_write_answers_503_and_changes_nothing(
    world: World, login: Login, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise AuditWriteFailed("audit unavailable") if target == "record_change" else RuntimeError("disk full")

    if target == "record_change":
        monkeypatch.setattr("safecontext.people.actions.record_change", broken)
    else:
        monkeypatch.setattr(AuditEvent.objects, "create", broken)
    response = login("allocated_worker").post(
        edit_url(world.child), edit_form(world.child, family_name="Changed", nhs_number=VALID_NHS)
    )
    assert response.status_code == 503
    child = Person.objects.get(pk=world.child.pk)
    assert child.version == 1 and child.nhs_number == ""
    assert child.legal_name.family_name == "Child"  # type: ignore[union-attr]


@pytest.mark.parametrize("persona", ["other_team_worker", "partner_agency", "head_of_service", "data_officer"])
def test_edit_is_404_without_edit_permission_or_scope(world: World, login: Login, persona: str) -> None:
    client = login(persona)
    assert client.get(edit_url(world.child)).status_code == 404
    assert client.post(edit_url(world.child), edit_form(world.child, family_name="X")).status_code == 404
    assert Person.objects.get(pk=world.child.pk).version == 1


# --- names and addresses ------------------------------------------------------------------------------------------


def test_add_an_alias_then_find_the_person_by_it(world: World, login: Login) -> None:
    client = login("allocated_worker")
    url = reverse("people:add_name", kwargs={"person_id": world.child.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "alias", "given_name": "Tee", "family_name": ""})
    assert response.status_code == 302
    assert PersonName.objects.filter(person=world.child, kind="alias", given_name="Tee").exists()
    search = client.get(reverse("people:search"), {"name": "Tee"})
    assert "Alias &#x27;Tee&#x27; matches" in search.text


def test_add_a_name_with_no_name_is_an_error(world: World, login: Login) -> None:
    url = reverse("people:add_name", kwargs={"person_id": world.child.pk})
    response = login("allocated_worker").post(url, {"kind": "alias", "given_name": "", "family_name": ""})
    assert response.status_code == 400 and "Enter a given name or a family name" in response.text


def test_add_an_address(world: World, login: Login) -> None:
    client = login("allocated_worker")
    url = reverse("people:add_address", kwargs={"person_id": world.child.pk})
    bad = client.post(url, {"line_1": "2 Example Road", "postcode": "NOPE"})
    assert bad.status_code == 400 and "Enter a real postcode" in bad.text
    good = client.post(
        url,
        {
            "line_1": "2 Example Road",
            "town": "Brighton",
            "postcode": "bn2 1aa",
            "start_date_day": "1",
            "start_date_month": "9",
            "start_date_year": "2025",
        },
    )
    assert good.status_code == 302
    page = client.get(detail_url(world.child))
    assert "2 Example Road" in page.text and "BN2 1AA" in page.text


# --- who viewed ---------------------------------------------------------------------------------------------------


def test_who_viewed_lists_views_and_is_itself_recorded(world: World, login: Login) -> None:
    login("allocated_worker").get(detail_url(world.child))
    url = reverse("people:who_viewed", kwargs={"person_id": world.child.pk})
    response = login("manager").get(url)
    assert response.status_code == 200
    assert "allocated_worker" in response.text and "Record page" in response.text
    assert AccessEvent.objects.filter(person_id=world.child.pk, actor_username="manager", path=url).exists()


def test_who_viewed_flags_break_glass(world: World, login: Login) -> None:
    with inside_action():
        BreakGlassGrant.objects.create(
            user=world.users["other_team_worker"],
            person=world.child,
            reason="Urgent strategy discussion",
            expires_at=timezone.now() + dt.timedelta(hours=4),
        )
    login("other_team_worker").get(detail_url(world.child))
    response = login("manager").get(reverse("people:who_viewed", kwargs={"person_id": world.child.pk}))
    assert "Emergency access</strong>" in response.text


@pytest.mark.parametrize("persona", ["allocated_worker", "front_door", "other_team_worker", "partner_agency"])
def test_who_viewed_is_404_without_permission_or_scope(world: World, login: Login, persona: str) -> None:
    response = login(persona).get(reverse("people:who_viewed", kwargs={"person_id": world.child.pk}))
    assert response.status_code == 404
    assert not AccessEvent.objects.exists()
