"""people/queries.search_people: tolerant matching through the database, always within the user's scope."""

from __future__ import annotations

import datetime as dt

import pytest

from safecontext.accounts.models import Team
from safecontext.cases.models import CaseInvolvement
from safecontext.people import matching, queries
from safecontext.people.models import Person, PersonName
from tests import factories
from tests.conftest import EXPECTED_CAN_SEE_CHILD, World


def found_ids(world: World, persona: str, text: str = "", dob: dt.date | None = None) -> list[int]:
    return [match.person.pk for match in queries.search_people(user=world.users[persona], text=text, date_of_birth=dob)]


@pytest.mark.parametrize(("persona", "can_see"), sorted(EXPECTED_CAN_SEE_CHILD.items()))
def test_search_is_scoped_per_persona(world: World, persona: str, can_see: bool) -> None:
    assert (world.child.pk in found_ids(world, persona, "Test Child")) is can_see
    assert (world.child.pk in found_ids(world, persona, "", world.child.date_of_birth)) is can_see


def test_other_team_worker_finds_their_own_child_but_not_test_child(world: World) -> None:
    ids = found_ids(world, "other_team_worker", "Child")
    assert world.child.pk not in ids and world.mother.pk not in ids
    assert found_ids(world, "other_team_worker", "Other Youngster") == [world.other_child.pk]


def test_identifier_match_outside_scope_is_not_shown(world: World) -> None:
    with factories.inside_action():
        Person.objects.filter(pk=world.child.pk).update(nhs_number="9434765919")
    assert found_ids(world, "allocated_worker", "943 476 5919") == [world.child.pk]
    assert found_ids(world, "other_team_worker", "943 476 5919") == []


@pytest.fixture
def asif(world: World) -> Person:
    """The case study's young person, with an alias, held by Pod A."""
    person = factories.make_person("Asif", "Khan", date_of_birth=dt.date(2009, 11, 2), aliases=[("Az", "")])
    mohammed = factories.make_person("Mohammed", "Ali", date_of_birth=dt.date(2009, 6, 14))
    pod_a = Team.objects.get(name="Pod A")
    factories.make_case(
        person,
        team=pod_a,
        worker=world.users["allocated_worker"],
        others=[(mohammed, CaseInvolvement.Relationship.PEER)],
    )
    return person


@pytest.mark.parametrize(
    "text",
    [
        "Asif Khan",
        "Aasif Khan",
        "Asif Kahn",
        "Khan Asif",
        "Khan, Asif",
        "Az",
        "asif",
        "KHAN",
        "As",
        "Asi Khan",
        "Jsif Khan",
    ],
)
def test_tolerant_search_finds_asif(world: World, asif: Person, text: str) -> None:
    matches = queries.search_people(user=world.users["allocated_worker"], text=text)
    assert asif.pk in [match.person.pk for match in matches], text
    assert all(match.reasons for match in matches)


def test_swapped_day_and_month_is_found_and_explained(world: World, asif: Person) -> None:
    matches = queries.search_people(
        user=world.users["allocated_worker"], text="Asif Khan", date_of_birth=dt.date(2009, 2, 11)
    )
    assert matches[0].person == asif
    assert "Date of birth matches with day and month swapped" in matches[0].reasons


def test_date_of_birth_alone_finds_exact_swapped_and_near(world: World, asif: Person) -> None:
    for dob in (dt.date(2009, 11, 2), dt.date(2009, 2, 11), dt.date(2009, 11, 3)):
        assert asif.pk in found_ids(world, "allocated_worker", "", dob), dob
    assert asif.pk not in found_ids(world, "allocated_worker", "", dt.date(2009, 11, 9))


def test_nickname_finds_mohammed(world: World, asif: Person) -> None:
    matches = queries.search_people(user=world.users["allocated_worker"], text="Mo Ali")
    assert [match.person.display_name for match in matches] == ["Mohammed Ali"]
    assert any("another form of 'Mo'" in reason for reason in matches[0].reasons)


def test_results_are_best_first(world: World, asif: Person) -> None:
    pod_a = Team.objects.get(name="Pod A")
    kahn = factories.make_person("Aasif", "Kahn", date_of_birth=None)
    factories.make_case(kahn, team=pod_a, worker=world.users["allocated_worker"])
    matches = queries.search_people(user=world.users["allocated_worker"], text="Asif Khan")
    assert [match.person.pk for match in matches][:2] == [asif.pk, kahn.pk]
    assert matches[0].score == 1.0 > matches[1].score


def test_blocking_keeps_unrelated_names_out_of_scoring(world: World, asif: Person) -> None:
    """The database narrows the candidates; Python scores only names that share a blocking key."""
    for given, family in [("Peter", "Jones"), ("Zara", "Williams"), ("Oliver", "Brown"), ("Ruby", "Taylor")]:
        factories.make_person(given, family, service=asif.service)
    query = matching.parse_query("Asif Khan")
    ids = queries._candidate_ids(Person.objects.all(), query, limit=25)
    names = set(PersonName.objects.filter(person_id__in=ids).values_list("family_name", flat=True))
    assert "Khan" in names
    assert not names & {"Jones", "Williams", "Brown", "Taylor"}


def test_single_letters_and_empty_searches_return_nothing(world: World, asif: Person) -> None:
    assert found_ids(world, "allocated_worker", "") == []
    assert found_ids(world, "allocated_worker", "A") == []
    assert found_ids(world, "allocated_worker", "   ") == []


def test_person_summary_hides_restricted_addresses_without_permission(world: World) -> None:
    hidden = queries.person_summary(world.child, user=world.users["front_door"])
    shown = queries.person_summary(world.child, user=world.users["allocated_worker"])
    assert hidden["addresses"] == [{"restricted": True}]
    assert shown["addresses"][0]["line_1"] == "1 Sample Street"
    assert shown["addresses"][0]["restricted"] is True
    assert hidden["display_name"] == "Test Child" and hidden["version"] == 1
    assert hidden["names"] == [{"kind": "legal", "given_name": "Test", "family_name": "Child"}]
