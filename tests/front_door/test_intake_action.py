"""record_referral: subjects, mentions matched or created, a link per mention with the referral as its source,
the decision deadline, audit events, validation with clear messages, and all-or-nothing writes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.accounts.models import Team
from safecontext.accounts.roles import Role
from safecontext.audit.actions import AuditWriteFailed
from safecontext.audit.models import AuditEvent
from safecontext.contexts.models import Context
from safecontext.front_door import timescales
from safecontext.front_door.actions import intake
from safecontext.front_door.actions.intake import NO_SUBJECT, NewContext, NewPerson, add_child_to_referral
from safecontext.front_door.models import Mention, Referral
from safecontext.network.models import Link, Node, ObjectOfInterest
from safecontext.network.queries import links_from_source
from safecontext.people.models import Person
from tests import factories
from tests.conftest import World
from tests.front_door.factories_intake import adult, context_referral, peer, place, referral_about, thing


def _errors(raised: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return raised.value.message_dict


def _counts() -> tuple[int, ...]:
    return (
        Referral.objects.count(),
        Mention.objects.count(),
        Person.objects.count(),
        Context.objects.count(),
        ObjectOfInterest.objects.count(),
        Node.objects.count(),
        Link.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_referral_links_each_child_to_everything_it_mentions(world: World) -> None:
    front_door = world.users["front_door"]
    received = timezone.now() - dt.timedelta(hours=3)
    referral = referral_about(
        [world.child],
        new_children=[NewPerson(given_name="Tia", family_name="Child", date_of_birth=dt.date(2012, 5, 1))],
        mentions=[
            peer("Jay Smith"),
            adult("Tessa Child", existing_person_id=world.mother.pk, link_type=Link.Type.EXPLOITS, nature="harmful"),
            place("Bus route 7"),
            thing("ab12 cde", ObjectOfInterest.Kind.VEHICLE),
        ],
        received_at=received,
        by=front_door,
    )

    children = list(referral.children.order_by("pk"))
    assert children[0] == world.child
    sibling = children[1]
    assert (sibling.display_name, sibling.date_of_birth) == ("Tia Child", dt.date(2012, 5, 1))
    assert referral.status == Referral.Status.AWAITING_SCREENING
    assert referral.decision_due_at == timescales.decision_due(received)

    mentions = {mention.as_written: mention for mention in referral.mentions.select_related("node")}
    assert {name: m.created_new_record for name, m in mentions.items()} == {
        "Jay Smith": True,
        "Tessa Child": False,  # matched to the existing record the practitioner chose
        "Bus route 7": True,
        "ab12 cde": True,
    }
    jay = mentions["Jay Smith"].node.person
    assert jay is not None and jay.display_name == "Jay Smith"
    assert mentions["Bus route 7"].node.context.name == "Bus route 7"
    car = mentions["ab12 cde"].node.object_of_interest
    assert (car.kind, car.value, car.normalised) == ("vehicle", "ab12 cde", "AB12CDE")

    links = links_from_source(source_kind=Link.SourceKind.REFERRAL, source_id=referral.pk)
    assert len(links) == 4 * 2  # every mention, from each of the two children
    for link in links:
        assert (link.source_kind, link.source_id) == ("referral", referral.pk)
        assert link.valid_from == timezone.localdate(received)
        assert link.recorded_by == front_door
        assert link.purpose == "front door referral"
    by_type = {(link.a.person_id, link.type, link.b_id) for link in links}
    mother_node = world.mother.node
    # "adult —exploits→ child": the mentioned adult is the one doing it, so the link starts at them.
    assert {
        (world.mother.pk, "exploits", world.child.node.pk),
        (world.mother.pk, "exploits", sibling.node.pk),
    } <= by_type
    assert all(link.nature == "harmful" for link in links if mother_node.pk in {link.a_id, link.b_id})
    types = {mention.as_written: mention.link_type for mention in mentions.values()}
    assert types == {
        "Jay Smith": "associates",
        "Tessa Child": "exploits",
        "Bus route 7": "frequents",
        "ab12 cde": "mentioned_with",
    }

    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions.count("referral.recorded") == 1
    assert actions.count("person.created") == 2  # the new sibling and Jay Smith
    assert actions.count("context.created") == 1
    assert actions.count("object_of_interest.created") == 1
    assert actions.count("link.recorded") == 8
    event = AuditEvent.objects.get(action="referral.recorded")
    assert event.target_id == str(referral.pk)
    assert event.after["children"] == [world.child.pk, sibling.pk]
    assert len(event.after["mentions"]) == 4


def test_a_second_referral_meets_the_first_at_the_same_place_and_car(world: World) -> None:
    front_door = world.users["front_door"]
    first = referral_about(
        [world.child],
        mentions=[place("The Level"), thing("AB12 CDE", "vehicle"), thing("+44 7700 900123", "phone")],
        by=front_door,
    )
    second = referral_about(
        [world.other_child],
        mentions=[
            place("level"),
            thing("ab12cde", "vehicle"),
            thing("07700 900123", "phone"),
            place("Level", "school"),
        ],
        by=front_door,
    )
    assert Context.objects.filter(kind="place").count() == 1
    assert ObjectOfInterest.objects.count() == 2
    flags = dict(second.mentions.values_list("as_written", "created_new_record"))
    assert flags == {"level": False, "ab12cde": False, "07700 900123": False, "Level": True}  # a school is not a place
    first_nodes = set(first.mentions.values_list("node_id", flat=True))
    assert first_nodes <= set(second.mentions.values_list("node_id", flat=True))
    place_node = Context.objects.get(kind="place").node
    linked = {link.a.person_id for link in Link.objects.filter(b=place_node).select_related("a")}
    assert linked == {world.child.pk, world.other_child.pk}


def test_a_referral_about_a_context_links_the_people_named_to_it(world: World) -> None:
    front_door = world.users["front_door"]
    referral = context_referral(
        by=front_door,
        name="Riverside Crew",
        kind=Context.Kind.PEER_GROUP,
        mentions=[peer("Kai Brown"), place("Riverside skate park")],
    )
    assert referral.about == Referral.About.CONTEXT
    assert list(referral.children.all()) == []
    crew = referral.subject_context
    assert crew is not None and (crew.kind, crew.name, crew.name_key) == (
        "peer_group",
        "Riverside Crew",
        "riversidecrew",
    )
    links = links_from_source(source_kind="referral", source_id=referral.pk)
    described = {(link.a_id, link.type, link.b_id) for link in links}
    kai = Person.objects.get(names__given_name="Kai")
    skate_park = Context.objects.get(name="Riverside skate park")
    # "Kai —member of→ Riverside Crew": a person is a member of a peer group, not the other way round.
    assert described == {(kai.node.pk, "member_of", crew.node.pk), (crew.node.pk, "mentioned_with", skate_park.node.pk)}


def test_an_existing_context_can_be_the_subject(world: World) -> None:
    front_door = world.users["front_door"]
    first = context_referral(by=front_door, name="Bus route 7")
    second = referral_about(by=front_door, about=Referral.About.CONTEXT, subject_context=first.subject_context)
    assert second.subject_context == first.subject_context
    assert Context.objects.count() == 1


def test_the_same_submission_token_records_the_referral_once(world: World) -> None:
    front_door = world.users["front_door"]
    first = referral_about([world.child], mentions=[peer("Jay Smith")], submission_token="abc123", by=front_door)
    again = referral_about([world.child], mentions=[peer("Jay Smith")], submission_token="abc123", by=front_door)
    assert again == first
    assert Referral.objects.count() == 1
    assert Person.objects.filter(names__given_name="Jay").count() == 1


# --- validation ---------------------------------------------------------------------------------------------------


def test_a_referral_without_a_subject_is_refused_with_a_clear_message(world: World) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as raised:
        referral_about([], by=world.users["front_door"])
    assert _errors(raised) == {"children": [NO_SUBJECT]}
    with pytest.raises(ValidationError) as raised:
        referral_about(by=world.users["front_door"], about=Referral.About.CONTEXT)
    assert _errors(raised) == {"subject_context": [NO_SUBJECT]}
    assert _counts() == before


def test_children_and_a_context_cannot_both_be_the_subject(world: World) -> None:
    front_door = world.users["front_door"]
    with pytest.raises(ValidationError) as raised:
        referral_about([world.child], by=front_door, new_subject_context=NewContext(kind="place", name="Park"))
    assert "subject_context" in _errors(raised)
    with pytest.raises(ValidationError) as raised:
        referral_about(
            [world.child],
            by=front_door,
            about=Referral.About.CONTEXT,
            new_subject_context=NewContext(kind="place", name="Park"),
        )
    assert _errors(raised) == {"children": ["A referral about a context has no children as its subject"]}


@pytest.mark.parametrize(
    ("received_at", "message"),
    [
        (dt.timedelta(hours=2), "The date and time the referral was received must be now or in the past"),
        (-dt.timedelta(days=400), "The referral must have been received in the last 12 months"),
    ],
)
def test_the_received_time_must_be_believable(world: World, received_at: dt.timedelta, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        referral_about([world.child], received_at=timezone.now() + received_at, by=world.users["front_door"])
    assert _errors(raised) == {"received_at": [message]}


def test_a_naive_received_time_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        referral_about([world.child], received_at=dt.datetime(2026, 1, 1, 9, 0), by=world.users["front_door"])
    assert "received_at" in _errors(raised)


def test_unknown_codes_are_refused_and_every_problem_is_reported_at_once(world: World) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as raised:
        referral_about(
            [world.child],
            source="99",
            lawful_basis="because",
            referrer_name="  ",
            concerns="",
            mentions=[
                intake.MentionInput(role="stranger", as_written="Someone"),
                place("Somewhere", kind="galaxy"),
                thing("   ", "vehicle"),
                peer("Jay", link_type="knows"),
            ],
            by=world.users["front_door"],
        )
    errors = _errors(raised)
    assert errors["source"] == ["Choose the source of the referral from the list"]
    assert errors["lawful_basis"] == ["Choose the lawful basis for recording this referral"]
    assert errors["referrer_name"] == ["Enter the referrer's name"]
    assert errors["concerns"] == ["Enter the concerns, in the referrer's words"]
    assert errors["mentions.0.role"]
    assert errors["mentions.1.context_kind"]
    assert errors["mentions.2.as_written"] == ["Enter what the referrer wrote"]
    assert errors["mentions.3.link_type"] == ["Choose how they are linked from the list"]
    assert _counts() == before


def test_records_outside_the_recorders_scope_cannot_be_named(world: World) -> None:
    elsewhere = factories.make_service("Elsewhere Council")
    stranger = factories.make_person("Far", "Away", service=elsewhere)
    front_door = world.users["front_door"]
    with pytest.raises(ValidationError) as raised:
        referral_about([stranger], by=front_door)
    assert _errors(raised) == {"children": ["A child chosen was not found"]}
    with pytest.raises(ValidationError) as raised:
        referral_about([world.child], mentions=[peer("Far Away", existing_person_id=stranger.pk)], by=front_door)
    assert _errors(raised) == {"mentions.0.existing_person_id": ["The person chosen was not found"]}
    with pytest.raises(ValidationError) as raised:
        referral_about([world.child], mentions=[peer("Test", existing_person_id=world.child.pk)], by=front_door)
    assert _errors(raised) == {"mentions.0.existing_person_id": ["This is a child the referral is about"]}


def test_a_new_child_with_an_impossible_date_of_birth_is_refused(world: World) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        referral_about(
            new_children=[NewPerson(given_name="", family_name=""), NewPerson("Baby", "Child", tomorrow)],
            by=world.users["front_door"],
        )
    errors = _errors(raised)
    assert errors["new_children.0.given_name"] == ["Enter a given name or a family name"]
    assert errors["new_children.1.date_of_birth"] == ["Date of birth must be today or in the past"]


# --- all or nothing -----------------------------------------------------------------------------------------------


def test_a_failure_half_way_saves_nothing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real_record_link = intake.record_link

    def failing_link(**kwargs: object) -> Link:
        calls.append(kwargs)
        if len(calls) == 3:
            raise RuntimeError("the database went away")
        return real_record_link(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(intake, "record_link", failing_link)
    before = _counts()
    with pytest.raises(RuntimeError):
        referral_about(
            [world.child],
            new_children=[NewPerson("Tia", "Child")],
            mentions=[peer("Jay Smith"), place("Bus route 7"), thing("AB12CDE", "vehicle")],
            by=world.users["front_door"],
        )
    assert len(calls) == 3
    assert _counts() == before


def test_a_failed_audit_write_saves_nothing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_audit(**kwargs: object) -> None:
        raise AuditWriteFailed("could not record referral.recorded")

    monkeypatch.setattr(intake, "record_change", failing_audit)
    before = _counts()
    with pytest.raises(AuditWriteFailed):
        referral_about([world.child], mentions=[peer("Jay Smith"), place("Bus route 7")], by=world.users["front_door"])
    assert _counts() == before


# --- a sibling found later ----------------------------------------------------------------------------------------


def test_a_sibling_added_later_gets_the_same_links(world: World) -> None:
    front_door = world.users["front_door"]
    referral = referral_about(
        [world.child], mentions=[adult("Big Dave", nature="harmful"), place("Bus route 7")], by=front_door
    )
    sibling = factories.make_person("Tia", "Child", service=world.child.service)
    add_child_to_referral(referral=referral, child=sibling, by=front_door)
    assert set(referral.children.all()) == {world.child, sibling}
    sibling_links = [
        link
        for link in links_from_source(source_kind="referral", source_id=referral.pk)
        if sibling.node.pk in {link.a_id, link.b_id}
    ]
    assert sorted((link.type, link.nature) for link in sibling_links) == [
        ("associates", "harmful"),
        ("frequents", "unknown"),
    ]
    assert AuditEvent.objects.filter(action="referral.child_added", target_id=str(referral.pk)).exists()
    with pytest.raises(ValidationError):
        add_child_to_referral(referral=referral, child=sibling, by=front_door)


def test_another_service_cannot_see_or_name_this_services_people(world: World) -> None:
    elsewhere = factories.make_service("Elsewhere Council")
    their_front_door = factories.make_user(
        "elsewhere_fd",
        role=Role.FRONT_DOOR,
        team=factories.make_team("Their door", service=elsewhere, kind=Team.Kind.FRONT_DOOR),
    )
    with pytest.raises(ValidationError) as raised:
        referral_about([world.child], by=their_front_door)
    assert _errors(raised) == {"children": ["A child chosen was not found"]}
