"""Dates at the ends of the calendar are searched, not crashed on (schemathesis found year 1 and 9999)."""

from __future__ import annotations

import datetime as dt

import pytest

from safecontext.people.queries import search_people
from tests.conftest import World


@pytest.mark.parametrize("typed", [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1, 1, 2)])
def test_search_with_a_date_at_the_ends_of_the_calendar(typed: dt.date, world: World) -> None:
    assert search_people(user=world.users["front_door"], text="", date_of_birth=typed) == []


def test_search_page_with_year_one_is_not_a_server_error(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("front_door").get(
        "/people/", {"date_of_birth_day": "1", "date_of_birth_month": "1", "date_of_birth_year": "0001"}
    )
    assert response.status_code in {200, 400}


def test_a_huge_day_number_is_a_form_error(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("front_door").get(
        "/people/",
        {"date_of_birth_day": "99999999999999999999", "date_of_birth_month": "1", "date_of_birth_year": "2010"},
    )
    assert response.status_code in {200, 400}
    assert "must be a real date" in response.content.decode()


@pytest.mark.parametrize("persona", ["same_team_colleague", "manager", "front_door"])
def test_the_creator_can_open_the_person_they_created(persona: str, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    response = client.post(
        "/people/new/", {"given_name": "Newly", "family_name": "Recorded", "sex": "0", "ethnicity": "NOBT"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get(response["Location"]).status_code == 200
