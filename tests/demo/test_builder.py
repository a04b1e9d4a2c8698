"""The demo plan, built as plain data: deterministic, synthetic, well-formed, and faithful to the case study."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyotp
import pytest
from django.contrib.auth.password_validation import validate_password

from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from safecontext.demo import data
from safecontext.demo.builder import DemoPlan, age_on, build_demo, demo_totp_secret
from safecontext.people.identifiers import clean_postcode, is_valid_nhs_number, is_valid_upn

TODAY = dt.date(2026, 11, 25)
CHILD_RELATIONSHIPS = {"subject", "sibling", "peer"}
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def plan() -> DemoPlan:
    return build_demo(today=TODAY)


def fingerprint(plan: DemoPlan) -> str:
    return hashlib.sha256(json.dumps(dataclasses.asdict(plan), default=str, sort_keys=True).encode()).hexdigest()


def people_by_key(plan: DemoPlan) -> dict[str, object]:
    return {person.key: person for person in plan.people}


def children(plan: DemoPlan) -> set[str]:
    """The children on cases and the children the front door heard of through a referral."""
    on_cases = {
        key for case in plan.cases for key, relationship in case.involvements if relationship in CHILD_RELATIONSHIPS
    }
    return on_cases | {key for referral in plan.front_door.referrals for key in referral.children}


def test_building_twice_gives_the_same_council(plan: DemoPlan) -> None:
    again = build_demo(today=TODAY)
    assert again == plan
    assert fingerprint(again) == fingerprint(plan)


def test_a_fresh_interpreter_with_another_hash_seed_builds_the_same_council(plan: DemoPlan) -> None:
    # Set or dict ordering that leaked into the random draws would change the council between runs of `make run`.
    script = (
        "import dataclasses, datetime, hashlib, json\n"
        "from safecontext.demo.builder import build_demo\n"
        "plan = build_demo(today=datetime.date(2026, 11, 25))\n"
        "print(hashlib.sha256(json.dumps(dataclasses.asdict(plan), default=str, sort_keys=True).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert digests == {fingerprint(plan)}


def test_names_and_identifiers_do_not_move_with_the_load_date(plan: DemoPlan) -> None:
    later = build_demo(today=TODAY + dt.timedelta(days=400))

    def stable(p: DemoPlan) -> list[tuple[object, ...]]:
        # A UPN's year digits (and so its check letter) follow the year of birth; the rest of it does not move.
        return [
            (x.key, x.names, x.sex, x.ethnicity, x.la_child_id, x.nhs_number, x.upn[4:8] + x.upn[10:]) for x in p.people
        ]

    assert stable(later) == stable(plan)
    assert [(c.key, c.team, c.allocated_worker, c.network, c.involvements) for c in later.cases] == [
        (c.key, c.team, c.allocated_worker, c.network, c.involvements) for c in plan.cases
    ]

    def front_door(p: DemoPlan) -> list[tuple[object, ...]]:
        return [(r.key, r.children, r.concerns, r.mentions, r.screening and r.screening.indicator_ids)
                for r in sorted(p.front_door.referrals, key=lambda r: r.key)]  # fmt: skip

    assert front_door(later) == front_door(plan)
    assert later.front_door.contexts == plan.front_door.contexts


def test_about_two_hundred_people_in_fifty_open_cases_and_more_at_the_front_door(plan: DemoPlan) -> None:
    on_cases = {key for case in plan.cases for key, _ in case.involvements}
    assert 180 <= len(on_cases) <= 230
    assert 220 <= len(plan.people) <= 280  # the front door adds the children it was told about, and Tiny
    assert len(plan.cases) == 50
    assert len({person.key for person in plan.people}) == len(plan.people)
    keys = set(people_by_key(plan))
    for case in plan.cases:
        assert case.involvements[0] == (case.subject, "subject")
        assert {key for key, _ in case.involvements} <= keys
        assert len({key for key, _ in case.involvements}) == len(case.involvements)
        assert case.opened_on < TODAY


def test_cases_are_spread_across_the_teams_and_held_by_their_members(plan: DemoPlan) -> None:
    teams = Counter(case.team for case in plan.cases)
    assert set(teams) == {data.POD_NORTH, data.POD_SOUTH, data.FRONT_DOOR, data.EMPOWER_YOUTH}
    users = {user.username: user for user in plan.users}
    for case in plan.cases:
        assert users[case.allocated_worker].team == case.team
        assert set(case.network) <= set(users)
        assert case.allocated_worker not in case.network
    partners = {user.username for user in plan.users if user.role == Role.PARTNER_AGENCY}
    youth_workers = {user.username for user in plan.users if user.role == Role.YOUTH_WORKER}
    in_networks = {username for case in plan.cases for username in case.network}
    assert partners <= in_networks
    assert youth_workers & in_networks


def test_every_child_is_eight_to_seventeen(plan: DemoPlan) -> None:
    people = people_by_key(plan)
    unknown_age = {key for key in children(plan) if people[key].date_of_birth is None}
    assert unknown_age == {"fd.hamza"}  # named by an anonymous caller: nobody knows how old he is
    for key in children(plan) - unknown_age:
        person = people[key]
        assert 8 <= age_on(person.date_of_birth, TODAY) <= 17, key


def test_identifiers_are_well_formed_unique_and_synthetic(plan: DemoPlan) -> None:
    nhs_numbers = [person.nhs_number for person in plan.people if person.nhs_number]
    upns = [person.upn for person in plan.people if person.upn]
    la_ids = [person.la_child_id for person in plan.people if person.la_child_id]
    assert len(nhs_numbers) > 100
    assert all(is_valid_nhs_number(number) for number in nhs_numbers)
    assert all(number.startswith("999") for number in nhs_numbers)  # NHS England's test range
    assert all(is_valid_upn(upn) and upn[1:4] == data.LA_NUMBER for upn in upns)
    assert all(la_id.startswith("BRT") and len(la_id) == 9 and la_id[3:].isdigit() for la_id in la_ids)
    for values in (nhs_numbers, upns, la_ids):
        assert len(set(values)) == len(values)
    # Only children have LA child ids and UPNs.
    child_keys = children(plan)
    assert all(person.key in child_keys for person in plan.people if person.la_child_id or person.upn)


def test_people_have_the_variety_search_needs(plan: DemoPlan) -> None:
    kinds = Counter(name.kind for person in plan.people for name in person.names)
    assert kinds["nickname"] >= 10 and kinds["previous"] >= 3
    assert sum(person.date_of_birth_estimated for person in plan.people) >= 5
    assert sum(person.date_of_birth is None for person in plan.people) >= 5
    assert not any(person.date_of_birth_estimated and not person.date_of_birth for person in plan.people)
    assert len({person.ethnicity for person in plan.people}) >= 10
    assert {person.sex for person in plan.people} == {"1", "2"}
    addresses = [address for person in plan.people for address in person.addresses]
    assert 0 < len({a.line_1 for a in addresses if a.restricted}) <= 5
    for address in addresses:
        assert clean_postcode(address.postcode) == address.postcode
        assert address.postcode.startswith("BN") and address.town == data.TOWN


def test_users_cover_every_role_and_each_has_a_supervisor_but_the_director(plan: DemoPlan) -> None:
    users = {user.username: user for user in plan.users}
    assert {user.role for user in plan.users} == set(Role.values)
    assert {team.name for team in plan.teams} >= {user.team for user in plan.users}
    without = [user.username for user in plan.users if user.supervisor is None]
    assert without == ["dcs.morgan"]
    for user in plan.users:  # every chain of supervision ends at the Director, without loops
        seen, current = set(), user.username
        while users[current].supervisor is not None:
            assert current not in seen
            seen.add(current)
            current = users[current].supervisor
        assert current == "dcs.morgan"
    for username in users:
        assert username == username.lower() and len(username) <= 13


def test_totp_secrets_are_stable_distinct_and_usable(plan: DemoPlan) -> None:
    secrets = [user.totp_secret for user in plan.users]
    assert len(set(secrets)) == len(secrets)
    for user in plan.users:
        assert len(user.totp_secret) == 32
        assert user.totp_secret == demo_totp_secret(user.username)
        assert pyotp.TOTP(user.totp_secret).now().isdigit()


def test_the_demo_password_passes_the_password_validators(plan: DemoPlan) -> None:
    assert len(data.DEMO_PASSWORD) >= 12
    validate_password(data.DEMO_PASSWORD)
    for user in plan.users:
        validate_password(data.DEMO_PASSWORD, user=User(username=user.username, first_name=user.first_name))


def test_the_case_study_asif_and_ali(plan: DemoPlan) -> None:
    people = people_by_key(plan)
    asif_case = next(case for case in plan.cases if case.subject == "asif")
    assert asif_case.team == data.EMPOWER_YOUTH and asif_case.allocated_worker == "ali"
    assert "sw.priya" in asif_case.network  # the pod's social worker
    asif = people["asif"]
    assert asif.names[0].given_name == "Asif" and asif.names[0].kind == "legal"
    assert age_on(asif.date_of_birth, TODAY) == 15
    relationships = Counter(relationship for _, relationship in asif_case.involvements)
    assert relationships["parent"] == 2 and relationships["sibling"] == 2
    assert 3 <= relationships["peer"] <= 4
    peers = [people[key] for key, relationship in asif_case.involvements if relationship == "peer"]
    assert sum(any(name.kind == "nickname" for name in peer.names) for peer in peers) >= 2
    (adult_key,) = [key for key, relationship in asif_case.involvements if relationship == "other"]
    assert [name.kind for name in people[adult_key].names] == ["nickname", "nickname"]  # known only by street names
    assert people[adult_key].date_of_birth_estimated
    # His friend Tyrese has his own case, with Asif named as a peer: the link the front door needs to see.
    tyrese_case = next(case for case in plan.cases if case.subject == "tyrese")
    assert ("asif", "peer") in tyrese_case.involvements
    ali = next(user for user in plan.users if user.username == "ali")
    assert (ali.first_name, ali.role, ali.team) == ("Ali", Role.YOUTH_WORKER, data.EMPOWER_YOUTH)


def test_the_places_asif_spends_time_are_ready_for_the_next_issue() -> None:
    case_study_keys = {person.key for person in data.CASE_STUDY_PEOPLE}
    kinds = {place.kind for place in data.CASE_STUDY_PLACES}
    assert kinds == {"place", "route", "school", "business"}
    for place in data.CASE_STUDY_PLACES:
        assert "asif" in place.frequented_by
        assert set(place.frequented_by) <= case_study_keys
