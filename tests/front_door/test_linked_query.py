"""The linked-young-people query: the neighbourhood fetched from network.Link, the 12-month window, adults of
concern, shared objects, busy contexts, the privacy rule, referrals about a context — and a bounded query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from safecontext.accounts.models import User
from safecontext.contexts.models import Context
from safecontext.front_door.models import Referral
from safecontext.front_door.queries import linked as queries
from safecontext.network.models import Link
from tests import factories
from tests.conftest import World
from tests.front_door.factories_linked import (
    Cluster,
    link,
    make_case,
    make_cluster,
    make_context,
    make_object,
    make_referral,
    mention_adult_of_concern,
    young_person,
)


@pytest.fixture
def cluster(world: World) -> Cluster:
    return make_cluster(world)


def _check(cluster: Cluster, user: User | None = None) -> queries.LinkedResult:
    return queries.linked_young_people_for_referral(user=user or cluster.front_door, referral=cluster.referral)


def _names(result: queries.LinkedResult) -> list[str]:
    return [person.name for person in result.young_people]


def test_young_people_sharing_a_place_are_linked_with_the_path(cluster: Cluster) -> None:
    result = _check(cluster)
    assert _names(result) == ["Jordan Sample", "Sam Sample"]
    jordan = result.young_people[0]
    assert jordan.paths == (
        "Test Child —spends time at→ Bus route 7 (place or neighbourhood) ←spends time at— Jordan Sample",
    )
    assert jordan.shared == ("Bus route 7 (place or neighbourhood)",)
    assert jordan.date_of_birth == dt.date(2010, 5, 6)
    assert result.subjects == ("Test Child",)
    assert result.named_person_ids == {cluster.referral.children.get().pk, cluster.jordan.pk, cluster.sam.pk}


def test_three_young_people_through_one_place_suggest_a_complex_strategy_meeting(
    cluster: Cluster, world: World
) -> None:
    result = _check(cluster)
    [suggestion] = result.suggestions
    assert suggestion.through_label == "Bus route 7 (place or neighbourhood)"
    assert suggestion.person_ids == (world.child.pk, cluster.jordan.pk, cluster.sam.pk)  # this child first
    assert "3 young people are linked through Bus route 7" in suggestion.explanation


def test_two_young_people_do_not(world: World) -> None:
    service, front_door = world.child.service, world.users["front_door"]
    park = make_context("Sample Park", service=service)
    jordan = young_person("Jordan")
    make_referral(jordan, service=service, by=front_door)
    link(world.child, Link.Type.FREQUENTS, park)
    link(jordan, Link.Type.FREQUENTS, park)
    referral = make_referral(world.child, service=service, by=front_door)
    result = queries.linked_young_people_for_referral(user=front_door, referral=referral)
    assert _names(result) == ["Jordan Sample"]
    assert result.suggestions == ()


def test_the_twelve_month_window(cluster: Cluster, world: World) -> None:
    service, now = world.child.service, timezone.now()
    old_referral, closed_recently, closed_long_ago, referral_closed = (
        young_person(name) for name in ("Olly", "Casey", "Alex", "Robin")
    )
    # A referral received 13 months ago, screened but never closed, no longer makes a young person open.
    make_referral(
        old_referral,
        service=service,
        by=cluster.front_door,
        received_at=now - dt.timedelta(days=400),
        status=Referral.Status.SCREENED,
    )
    make_case(closed_recently, team=cluster.team, closed_on=timezone.localdate() - dt.timedelta(days=180))
    make_case(closed_long_ago, team=cluster.team, closed_on=timezone.localdate() - dt.timedelta(days=400))
    make_referral(referral_closed, service=service, by=cluster.front_door, status=Referral.Status.CLOSED)
    for person in (old_referral, closed_recently, closed_long_ago, referral_closed):
        link(person, Link.Type.FREQUENTS, cluster.bus)
    assert sorted(_names(_check(cluster))) == ["Casey Sample", "Jordan Sample", "Sam Sample"]


def test_a_link_that_ended_over_a_year_ago_is_history(cluster: Cluster, world: World) -> None:
    school = make_context("Old School", service=world.child.service, kind=Context.Kind.SCHOOL)
    link(world.child, Link.Type.ATTENDS, school, on=dt.date(2019, 9, 1), valid_to=dt.date(2023, 7, 20))
    link(cluster.jordan, Link.Type.ATTENDS, school, on=dt.date(2019, 9, 1))
    ended_recently = make_context("Youth Club", service=world.child.service)
    link(
        world.child,
        Link.Type.FREQUENTS,
        ended_recently,
        on=dt.date(2025, 1, 1),
        valid_to=timezone.localdate() - dt.timedelta(days=60),
    )
    link(cluster.sam, Link.Type.FREQUENTS, ended_recently)
    result = _check(cluster)
    shared = {person.name: person.shared for person in result.young_people}
    assert "Old School (school or education setting)" not in shared["Jordan Sample"]
    assert "Youth Club (place or neighbourhood)" in shared["Sam Sample"]


def test_adults_of_concern_link_young_people_and_other_adults_do_not(cluster: Cluster, world: World) -> None:
    service = world.child.service
    tiny, teacher, mentioned_only = (
        young_person("Tiny", "Adult"),
        young_person("Ms", "Teacher"),
        young_person("Big", "Dee"),
    )
    riley, quinn, avery = young_person("Riley"), young_person("Quinn"), young_person("Avery")
    for person in (riley, quinn, avery):
        make_case(person, team=cluster.team)
    # Tiny is an adult of concern because he exploits someone; Big Dee because a referral named him as one.
    link(world.child, Link.Type.ASSOCIATES, tiny)
    link(tiny, Link.Type.EXPLOITS, riley, nature=Link.Nature.HARMFUL)
    link(world.child, Link.Type.ASSOCIATES, mentioned_only)
    mention_adult_of_concern(make_referral(quinn, service=service, by=cluster.front_door), mentioned_only)
    link(mentioned_only, Link.Type.ASSOCIATES, quinn)
    # A teacher is not an adult of concern: the walk does not pass through them, even along a "harmful" link.
    link(world.child, Link.Type.ASSOCIATES, teacher, nature=Link.Nature.HARMFUL)
    link(teacher, Link.Type.ASSOCIATES, avery)
    result = _check(cluster)
    by_name = {person.name: person for person in result.young_people}
    assert "Avery Sample" not in by_name
    assert by_name["Riley Sample"].paths == (
        "Test Child —associates with→ Tiny Adult (adult of concern) —exploits or harms→ Riley Sample",
    )
    assert by_name["Quinn Sample"].shared == ("Big Dee (adult of concern)",)
    assert tiny.pk in result.named_person_ids


def test_three_linked_through_one_adult_of_concern_suggest_a_meeting(cluster: Cluster, world: World) -> None:
    tiny = young_person("Tiny", "Adult")
    link(world.child, Link.Type.ASSOCIATES, tiny)
    for person in (cluster.jordan, cluster.sam):
        link(tiny, Link.Type.EXPLOITS, person)
    labels = {suggestion.through_label for suggestion in _check(cluster).suggestions}
    assert labels == {"Bus route 7 (place or neighbourhood)", "Tiny Adult (adult of concern)"}


def test_shared_objects_link_but_do_not_suggest_a_meeting(world: World) -> None:
    service, front_door = world.child.service, world.users["front_door"]
    phone = make_object("07700 900123", service=service)
    others = [young_person(name) for name in ("Morgan", "Drew")]
    for person in others:
        make_referral(person, service=service, by=front_door)
        link(person, Link.Type.USES, phone)
    link(world.child, Link.Type.USES, phone)
    referral = make_referral(world.child, service=service, by=front_door)
    result = queries.linked_young_people_for_referral(user=front_door, referral=referral)
    assert _names(result) == ["Morgan Sample", "Drew Sample"]  # in id order: each is linked by one route
    assert result.young_people[0].shared == ("Phone number 07700 900123",)
    assert result.suggestions == ()  # objects count only if a council asks (ADR 0011)


def test_a_young_person_directly_linked_counts_and_young_people_are_never_walked_through(world: World) -> None:
    service, front_door = world.child.service, world.users["front_door"]
    friend, friends_friend = young_person("Kit"), young_person("Lou")
    make_referral(friend, service=service, by=front_door)
    make_referral(friends_friend, service=service, by=front_door)
    link(world.child, Link.Type.FRIEND, friend)
    link(friend, Link.Type.FRIEND, friends_friend)
    referral = make_referral(world.child, service=service, by=front_door)
    result = queries.linked_young_people_for_referral(user=front_door, referral=referral)
    assert [(p.name, p.paths) for p in result.young_people] == [("Kit Sample", ("Test Child —friend of→ Kit Sample",))]


def test_siblings_on_one_referral_are_its_subject_and_count_towards_a_meeting(cluster: Cluster, world: World) -> None:
    sibling = young_person("Tess", "Child")
    link(sibling, Link.Type.FREQUENTS, cluster.bus)
    referral = make_referral(world.child, sibling, service=world.child.service, by=cluster.front_door)
    result = queries.linked_young_people_for_referral(user=cluster.front_door, referral=referral)
    assert _names(result) == ["Jordan Sample", "Sam Sample"]  # the sibling is this referral's own child
    assert set(result.subjects) == {"Test Child", "Tess Child"}
    [suggestion] = result.suggestions
    assert set(suggestion.person_ids) == {world.child.pk, sibling.pk, cluster.jordan.pk, cluster.sam.pk}
    assert set(suggestion.person_ids[:2]) == {world.child.pk, sibling.pk}


def test_a_busy_context_is_summarised_with_a_count(cluster: Cluster, world: World) -> None:
    school = make_context("Brightside Academy", service=world.child.service, kind=Context.Kind.SCHOOL)
    link(world.child, Link.Type.ATTENDS, school)
    pupils = [young_person(f"Pupil{i}") for i in range(queries.BUSY_CONTEXT_LIMIT + 1)]
    for pupil in pupils:
        make_case(pupil, team=cluster.team)
        link(pupil, Link.Type.ATTENDS, school)
    link(cluster.jordan, Link.Type.ATTENDS, school)
    result = _check(cluster)
    assert _names(result) == ["Jordan Sample", "Sam Sample"]  # linked by the bus route; no pupil listed
    [busy] = result.busy_contexts
    assert (busy.label, busy.young_people) == ("Brightside Academy (school or education setting)", len(pupils) + 1)
    assert {s.through_label for s in result.suggestions} == {"Bus route 7 (place or neighbourhood)"}
    assert not {pupil.pk for pupil in pupils} & result.named_person_ids


def test_a_neighbour_too_busy_for_the_link_budget_is_summarised_with_its_link_count(
    cluster: Cluster, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    park = make_context("Ulbury Park", service=world.child.service)
    link(world.child, Link.Type.FREQUENTS, park)
    visitors = [young_person(f"Visitor{i}") for i in range(4)]
    for visitor in visitors:
        make_referral(visitor, service=world.child.service, by=cluster.front_door)
        link(visitor, Link.Type.FREQUENTS, park)
    tiny = young_person("Tiny", "Adult")
    link(world.child, Link.Type.ASSOCIATES, tiny)
    link(tiny, Link.Type.EXPLOITS, cluster.jordan)
    # Links: Tiny 2, the bus route 3, the park 5. A budget of 6 checks Tiny first (adults before places), then the
    # quieter bus route; the park does not fit and is summarised.
    monkeypatch.setattr(queries, "LINK_BUDGET", 6)
    result = _check(cluster)
    assert _names(result) == ["Jordan Sample", "Sam Sample"]
    [busy] = result.busy_contexts
    assert (busy.label, busy.young_people, busy.links) == ("Ulbury Park (place or neighbourhood)", None, 5)
    assert {s.through_label for s in result.suggestions} == {"Bus route 7 (place or neighbourhood)"}
    assert not {visitor.pk for visitor in visitors} & result.named_person_ids


def test_a_referral_about_a_context_past_the_link_limit_is_summarised(
    cluster: Cluster, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "CONTEXT_LINK_LIMIT", 2)
    referral = make_referral(service=world.child.service, by=cluster.front_door, context=cluster.bus)
    result = queries.linked_young_people_for_referral(user=cluster.front_door, referral=referral)
    assert result.young_people == () and result.suggestions == ()
    [busy] = result.busy_contexts
    assert (busy.young_people, busy.links) == (None, 3)


def test_a_young_person_outside_the_users_scope_is_shown_without_name_or_date_of_birth(
    cluster: Cluster, world: World
) -> None:
    elsewhere = factories.make_service("Another Council")
    stranger = young_person("Secret", "Person", service=elsewhere)
    make_referral(stranger, service=elsewhere, by=cluster.front_door)
    link(stranger, Link.Type.FREQUENTS, cluster.bus)
    result = _check(cluster)
    [withheld] = [person for person in result.young_people if person.withheld]
    assert withheld.name == queries.WITHHELD_YOUNG_PERSON
    assert withheld.date_of_birth is None
    assert "Secret" not in " ".join(withheld.paths)
    assert withheld.paths[0].endswith(
        "←spends time at— A young person known to another team (SafeContext number withheld)"
    )
    assert stranger.pk not in result.named_person_ids
    # Still a linked young person: the meeting suggestion counts them.
    assert stranger.pk in result.suggestions[0].person_ids


def test_a_referral_about_a_context_shows_every_young_person_linked_to_it(cluster: Cluster, world: World) -> None:
    referral = make_referral(service=world.child.service, by=cluster.front_door, context=cluster.bus)
    result = queries.linked_young_people_for_referral(user=cluster.front_door, referral=referral)
    assert result.about_context
    assert result.subjects == ("Bus route 7 (place or neighbourhood)",)
    # Test Child is open too (the cluster's referral about them).
    assert sorted(_names(result)) == ["Jordan Sample", "Sam Sample", "Test Child"]
    assert result.young_people[0].paths[0].startswith("Bus route 7 (place or neighbourhood) ←spends time at— ")
    [suggestion] = result.suggestions
    assert len(suggestion.person_ids) == 3


def test_a_referral_about_a_context_nobody_is_linked_to(world: World) -> None:
    quiet = make_context("Quiet Lane", service=world.child.service)
    referral = make_referral(service=world.child.service, by=world.users["front_door"], context=quiet)
    result = queries.linked_young_people_for_referral(user=world.users["front_door"], referral=referral)
    assert (result.subjects, result.young_people, result.suggestions) == (
        ("Quiet Lane (place or neighbourhood)",),
        (),
        (),
    )


def test_a_child_with_no_links(world: World) -> None:
    referral = make_referral(world.child, service=world.child.service, by=world.users["front_door"])
    result = queries.linked_young_people_for_referral(user=world.users["front_door"], referral=referral)
    assert (result.young_people, result.suggestions, result.subjects) == ((), (), ("Test Child",))


def test_the_number_of_queries_does_not_grow_with_the_neighbourhood(
    cluster: Cluster, world: World, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    tiny = young_person("Tiny", "Adult")
    link(world.child, Link.Type.ASSOCIATES, tiny)
    link(tiny, Link.Type.EXPLOITS, cluster.jordan)
    with django_assert_max_num_queries(9):
        small = _check(cluster)
    for i in range(30):
        person, place = young_person(f"Extra{i}"), make_context(f"Place {i}", service=world.child.service)
        make_case(person, team=cluster.team)
        link(person, Link.Type.FREQUENTS, place)
        link(world.child, Link.Type.FREQUENTS, place)
        link(tiny, Link.Type.EXPLOITS, person)
    with django_assert_max_num_queries(9):
        large = _check(cluster)
    assert len(large.young_people) == len(small.young_people) + 30


def test_twelve_months_before_handles_the_leap_day() -> None:
    assert queries.twelve_months_before(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)
    assert queries.twelve_months_before(dt.date(2026, 11, 25)) == dt.date(2025, 11, 25)
