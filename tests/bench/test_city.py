"""The benchmark city at a small scale (2,000 people): deterministic, the right size, loadable, and the shared-contexts
query agrees with a count made by hand from the generated rows. The benchmark itself is `make bench`, not a test."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import defaultdict

import jellyfish
import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from safecontext.bench import names
from safecontext.bench.__main__ import BENCH_DATABASE_NAME, BENCH_SQLITE, bench_database_url
from safecontext.bench.city import City, Refs
from safecontext.bench.load import load_city
from safecontext.bench.measure import bench_user, measure_duplicates, measure_linked
from safecontext.bench.population import Scale
from safecontext.bench.shared import shared_contexts
from safecontext.cases.models import Case
from safecontext.contexts.models import Context
from safecontext.front_door.models import Referral
from safecontext.network.models import Link, Node, ObjectOfInterest
from safecontext.people import matching
from safecontext.people.models import Address, Person, PersonName

PEOPLE = 2_000
REFS = Refs(service_id=1, other_service_id=2, front_door_user_id=1, worker_user_id=2, case_team_ids=(1, 2))


def _digest(city: City) -> dict[str, str]:
    digests = {}
    for table in city.tables(REFS):
        digest = hashlib.sha256()
        for row in table.rows():
            digest.update(repr(row).encode())
        digests[table.model] = digest.hexdigest()
    return digests


def test_the_same_seed_gives_the_same_city_and_another_seed_a_different_one():
    first = _digest(City(Scale(PEOPLE), seed=7))
    assert first == _digest(City(Scale(PEOPLE), seed=7))
    other = _digest(City(Scale(PEOPLE), seed=8))
    assert first["people.PersonName"] != other["people.PersonName"]
    assert first["network.Link"] != other["network.Link"]


def test_the_city_has_the_issues_proportions():
    city = City(Scale(PEOPLE), seed=7)
    counts = {table.model: sum(1 for _ in table.rows()) for table in city.tables(REFS)}
    assert counts["people.Person"] == PEOPLE
    assert counts["contexts.Context"] == PEOPLE // 20  # 50,000 for a million
    assert counts["network.ObjectOfInterest"] == PEOPLE // 100
    assert counts["network.Node"] == PEOPLE + PEOPLE // 20 + PEOPLE // 100
    assert counts["network.Link"] == 5 * PEOPLE  # 5,000,000 for a million
    assert counts["cases.Case"] + counts["front_door.Referral"] == PEOPLE // 40  # 25,000 for a million
    # About one person in ten has an alias, nickname or previous name besides the legal name.
    assert PEOPLE * 1.07 <= counts["people.PersonName"] <= PEOPLE * 1.13
    assert counts["people.Address"] >= PEOPLE


def test_every_person_has_one_legal_name_and_the_blocking_keys_people_matching_stores():
    city = City(Scale(PEOPLE), seed=7)
    legal: defaultdict[int, int] = defaultdict(int)
    fields = city.population.NAME_FIELDS
    for row in city.population.name_rows():
        record = dict(zip(fields, row, strict=True))
        legal[record["person_id"]] += record["kind"] == "legal"
        name = PersonName(given_name=record["given_name"], family_name=record["family_name"])
        name.refresh_keys()
        assert {key: getattr(name, key) for key in PersonName.KEY_FIELDS} == {
            key: record[key] for key in PersonName.KEY_FIELDS
        }
    assert len(legal) == PEOPLE
    assert set(legal.values()) == {1}


def test_links_join_two_different_nodes_that_exist():
    city = City(Scale(PEOPLE), seed=7)
    nodes = {row[0] for row in city.node_rows()}
    for link_id, a, b, *_ in city.link_rows(REFS):
        assert a != b, link_id
        assert a in nodes and b in nodes, link_id


def test_the_busiest_contexts_are_hubs():
    """A few big schools and busy places, so the linked-young-people check meets the shape of a real network."""
    people = 20_000  # at 2,000 people there are too few contexts for a shape to show
    city = City(Scale(people), seed=7)
    degree: defaultdict[int, int] = defaultdict(int)
    for _id, _a, b, *_ in city.link_rows(REFS):
        if b > people:  # a context or object node
            degree[b] += 1
    busiest = sorted(degree.values(), reverse=True)
    assert busiest[0] >= 1_000
    assert busiest[0] >= 20 * busiest[len(busiest) // 2]


def test_every_formal_given_name_has_a_nickname_to_swap_in():
    for given in names.FORMAL_GIVEN_NAMES:
        assert matching.nickname_forms(given), given


def test_typos_stay_within_the_edit_distance_asked_for():
    rng = random.Random(1)
    for name in names.FAMILY_NAMES[:300]:
        for edits in (1, 2):
            typed = names.with_typos(name, rng, edits=edits)
            assert jellyfish.damerau_levenshtein_distance(typed.lower(), name.lower()) <= edits
            assert typed[0] == name[0]


def test_the_benchmark_never_uses_the_configured_database():
    assert bench_database_url(None) == f"sqlite:///{BENCH_SQLITE}"
    assert bench_database_url("sqlite:////srv/safecontext/db.sqlite3") == f"sqlite:///{BENCH_SQLITE}"
    assert (
        bench_database_url("postgres://postgres@127.0.0.1:5432/safecontext")
        == f"postgres://postgres@127.0.0.1:5432/{BENCH_DATABASE_NAME}"
    )
    with pytest.raises(SystemExit):
        bench_database_url("mysql://localhost/safecontext")


def test_scale_refuses_a_city_too_small_to_draw():
    with pytest.raises(ValueError, match="at least"):
        Scale(10)


@pytest.mark.django_db(transaction=True)
def test_a_small_city_loads_and_is_measured():
    today = timezone.localdate()
    city = City(Scale(PEOPLE), seed=7, today=today)
    timings = load_city(city, fast=False)

    loaded = {timing.what: timing.rows for timing in timings if timing.is_table}
    assert loaded["people_person"] == Person.objects.count() == PEOPLE
    assert loaded["people_personname"] == PersonName.objects.count()
    assert loaded["people_address"] == Address.objects.count()
    assert Context.objects.count() == PEOPLE // 20
    assert ObjectOfInterest.objects.count() == PEOPLE // 100
    assert Node.objects.count() == PEOPLE + PEOPLE // 20 + PEOPLE // 100
    assert Link.objects.count() == 5 * PEOPLE
    assert Case.objects.count() + Referral.objects.count() == PEOPLE // 40
    connection.check_constraints()  # every foreign key points at a row
    # The ids came with the rows: the next row the ORM writes must not collide with them.
    assert apps.get_model("people.Person").objects.order_by("-id").first().pk == PEOPLE

    user = bench_user()
    duplicates = measure_duplicates(user=user, people=PEOPLE, today=today, seed=7, existing=20, new=5)[0]
    assert len(duplicates.timings_ms) == 25
    assert any(note.startswith("recall") for note in duplicates.notes)
    linked = measure_linked(user=user, people=PEOPLE, seed=7, count=10)[0]
    assert len(linked.timings_ms) == 10

    # The one-statement recompute agrees with a count made by hand from the generated links.
    open_people = city.open_young_people()
    by_hand: defaultdict[int, set[int]] = defaultdict(set)
    since = today - dt.timedelta(days=365)
    for _id, a, b, *_rest, valid_to, _purpose, _by, _at in city.link_rows(REFS):
        if valid_to is not None and dt.date.fromisoformat(valid_to) < since:
            continue
        for person_node, other in ((a, b), (b, a)):
            if person_node in open_people and PEOPLE < other <= PEOPLE + PEOPLE // 20:
                by_hand[other].add(person_node)  # person nodes have the person's id
    expected = sorted((node, len(people)) for node, people in by_hand.items() if len(people) >= 2)
    assert sorted(shared_contexts(user=user, now=timezone.now())) == expected
