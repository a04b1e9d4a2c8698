"""Duplicate candidates at intake: typos, nicknames, swapped dates, the postcode as one more reason, scored and
explained; only people in the practitioner's scope; never a restricted address confirmed; the htmx partial."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from safecontext.accounts.models import Team, User
from safecontext.accounts.roles import Role
from safecontext.audit.models import AccessEvent
from safecontext.core.actions_base import inside_action
from safecontext.front_door.queries.intake import duplicate_candidates, mention_candidates, normalised_postcode
from safecontext.people.models import Address, Person
from tests import factories
from tests.conftest import World, signed_in_client

Login = Callable[[str], Client]


@pytest.fixture
def known(world: World) -> dict[str, Person]:
    service = world.child.service
    people = {
        "mohammed": factories.make_person("Mohammed", "Khan", service=service, date_of_birth=dt.date(2011, 3, 4)),
        "jaiden": factories.make_person("Jaiden", "Okafor", service=service, date_of_birth=dt.date(2010, 6, 20)),
        "amira_home": factories.make_person("Amira", "Haddad", service=service, date_of_birth=dt.date(2009, 11, 2)),
        "amira_away": factories.make_person("Amira", "Haddad", service=service, date_of_birth=dt.date(2009, 11, 2)),
    }
    with inside_action():
        Address.objects.create(person=people["amira_home"], line_1="3 Quay Street", postcode="BN2 3CD")
        Address.objects.create(person=people["amira_away"], line_1="9 Hill Road", postcode="BN7 1AA")
    return people


def _find(user: User, given: str, family: str, dob: dt.date | None = None, postcode: str = "") -> dict[int, object]:
    return {
        match.person.pk: match
        for match in duplicate_candidates(
            user=user, given_name=given, family_name=family, date_of_birth=dob, postcode=postcode
        )
    }


def test_a_typo_in_the_family_name_still_finds_the_child(world: World, known: dict[str, Person]) -> None:
    found = _find(world.users["front_door"], "Jaiden", "Okafro")
    match = found[known["jaiden"].pk]
    assert match.score >= 0.75  # type: ignore[attr-defined]
    # A transposed pair of letters: found through the sound-alike keys, and said so.
    assert "Family name sounds like 'Okafro'" in match.reasons  # type: ignore[attr-defined]
    typo = _find(world.users["front_door"], "Jaiden", "Okagor")[known["jaiden"].pk]
    assert "Family name is spelt like 'Okagor' (possible typo)" in typo.reasons  # type: ignore[attr-defined]


def test_a_nickname_finds_the_full_name(world: World, known: dict[str, Person]) -> None:
    found = _find(world.users["front_door"], "Mo", "Khan")
    reasons = found[known["mohammed"].pk].reasons  # type: ignore[attr-defined]
    assert "Given name 'Mohammed' is another form of 'Mo'" in reasons


def test_a_date_of_birth_with_day_and_month_swapped_is_explained(world: World, known: dict[str, Person]) -> None:
    found = _find(world.users["front_door"], "Mohammed", "Khan", dt.date(2011, 4, 3))
    match = found[known["mohammed"].pk]
    assert "Date of birth matches with day and month swapped" in match.reasons  # type: ignore[attr-defined]
    exact = _find(world.users["front_door"], "Mohammed", "Khan", dt.date(2011, 3, 4))[known["mohammed"].pk]
    assert exact.score > match.score  # type: ignore[attr-defined]


def test_the_postcode_is_one_more_reason_and_ranks_the_right_record_first(
    world: World, known: dict[str, Person]
) -> None:
    user = world.users["front_door"]
    without = _find(user, "Amira", "Haddad", dt.date(2009, 11, 2))
    assert without[known["amira_home"].pk].score == without[known["amira_away"].pk].score  # type: ignore[attr-defined]
    ranked = duplicate_candidates(
        user=user, given_name="Amira", family_name="Haddad", date_of_birth=dt.date(2009, 11, 2), postcode="bn23cd"
    )
    assert [match.person.pk for match in ranked[:2]] == [known["amira_home"].pk, known["amira_away"].pk]
    assert ranked[0].score > ranked[1].score
    assert ranked[0].reasons[-1] == "An address on record is in BN2 3CD"
    assert ranked[1].reasons[-1] == "No address on record is in BN2 3CD"
    # A postcode that matches makes a certain match; one that differs leaves it strong (people move).
    assert (ranked[0].score, ranked[1].score) == (1.0, 0.895)


def test_a_postcode_alone_or_a_date_alone_finds_no_one(world: World, known: dict[str, Person]) -> None:
    user = world.users["front_door"]
    assert _find(user, "", "", dt.date(2011, 3, 4), "BN2 3CD") == {}
    assert _find(user, "M", "", None, "BN2 3CD") == {}


def test_a_restricted_address_is_never_confirmed_by_its_postcode(world: World) -> None:
    # Test Child's only address is restricted (a refuge, say), in BN1 1AA.
    front_door = _find(world.users["front_door"], "Test", "Child", postcode="BN1 1AA")
    assert not any("BN1 1AA" in reason for reason in front_door[world.child.pk].reasons)  # type: ignore[attr-defined]
    manager = _find(world.users["manager"], "Test", "Child", postcode="BN1 1AA")  # may see restricted addresses
    assert "An address on record is in BN1 1AA" in manager[world.child.pk].reasons  # type: ignore[attr-defined]


def test_a_front_door_of_another_service_sees_none_of_this_services_people(
    world: World, known: dict[str, Person]
) -> None:
    elsewhere = factories.make_service("Elsewhere Council")
    their_front_door = factories.make_user(
        "elsewhere_fd",
        role=Role.FRONT_DOOR,
        team=factories.make_team("Their door", service=elsewhere, kind=Team.Kind.FRONT_DOOR),
    )
    theirs = factories.make_person("Mohammed", "Khan", service=elsewhere, date_of_birth=dt.date(2011, 3, 4))
    assert set(_find(their_front_door, "Mohammed", "Khan", dt.date(2011, 3, 4))) == {theirs.pk}
    assert known["mohammed"].pk in _find(world.users["front_door"], "Mohammed", "Khan")
    assert theirs.pk not in _find(world.users["front_door"], "Mohammed", "Khan")


def test_mentioned_people_are_looked_up_by_what_was_written(world: World, known: dict[str, Person]) -> None:
    found = mention_candidates(user=world.users["front_door"], as_written="Jaiden Okafor")
    assert found[0].person == known["jaiden"]
    assert mention_candidates(user=world.users["front_door"], as_written="J") == []


@pytest.mark.parametrize(("typed", "stored"), [("bn2 3cd", "BN2 3CD"), (" BN23CD ", "BN2 3CD"), ("not one", "")])
def test_postcodes_are_compared_in_their_stored_form(typed: str, stored: str) -> None:
    assert normalised_postcode(typed) == stored


# --- the htmx partial ---------------------------------------------------------------------------------------------


def test_the_partial_shows_explained_candidates_as_radios_and_records_the_search(
    world: World, known: dict[str, Person], client_for: Login
) -> None:
    url = reverse("front_door:duplicate_candidates")
    response = client_for("front_door").get(
        url,
        {
            "for": "child-0",
            "child-0-given_name": "Mo",
            "child-0-family_name": "Khan",
            "child-0-date_of_birth_day": "3",
            "child-0-date_of_birth_month": "4",
            "child-0-date_of_birth_year": "2011",
            "child-0-match": str(known["mohammed"].pk),
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.text
    assert "This is the same child: Mohammed Khan, born 4 March 2011" in html
    assert "Date of birth matches with day and month swapped" in html
    assert f'name="child-0-match" type="radio" value="{known["mohammed"].pk}"' in html
    assert "checked" in html  # the answer already chosen is kept
    assert "None of these \u2013 create a new record" in html
    events = AccessEvent.objects.filter(actor_username="front_door", person_id=known["mohammed"].pk)
    assert events.get().kind == "search"


def test_the_partial_for_a_mention_row_looks_up_people_only(
    world: World, known: dict[str, Person], client_for: Login
) -> None:
    client = client_for("front_door")
    url = reverse("front_door:duplicate_candidates")
    person_row = client.get(
        url, {"for": "mention-1", "mention-1-what": "peer", "mention-1-as_written": "Jaiden Okafor"}
    )
    assert "This is the same person: Jaiden Okafor" in person_row.text
    assert 'name="mention-1-match"' in person_row.text
    place_row = client.get(
        url, {"for": "mention-1", "mention-1-what": "context:place", "mention-1-as_written": "Jaiden"}
    )
    assert "same person" not in place_row.text


def test_the_partial_says_when_nothing_matches_and_ignores_a_made_up_row(world: World, client_for: Login) -> None:
    client = client_for("front_door")
    url = reverse("front_door:duplicate_candidates")
    nothing = client.get(
        url, {"for": "child-0", "child-0-given_name": "Zebedee", "child-0-family_name": "Quartermaine"}
    )
    assert "No existing record matches. A new record will be created." in nothing.text
    for made_up in ("child-99", "person-0", "child-0; drop", ""):
        assert client.get(url, {"for": made_up}).status_code == 200


def test_the_partial_is_only_for_those_who_record_referrals(world: World, client_for: Login) -> None:
    url = reverse("front_door:duplicate_candidates")
    assert client_for("allocated_worker").get(url, {"for": "child-0", "child-0-given_name": "Test"}).status_code == 404
    assert signed_in_client(world.users["manager"]).get(url).status_code == 200
