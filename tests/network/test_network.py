"""The network's writes: objects matched by normalised value, nodes on demand, dated links with their source."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safecontext.audit.models import AuditEvent
from safecontext.contexts.actions import create_context
from safecontext.network.actions import (
    node_for_context,
    node_for_object,
    node_for_person,
    normalise_object_value,
    object_for_value,
    record_link,
)
from safecontext.network.models import Link, Node, ObjectOfInterest
from safecontext.network.queries import links_from_source, node_label
from tests import factories
from tests.conftest import World


@pytest.mark.parametrize(
    ("kind", "value", "normalised"),
    [
        ("vehicle", "ab12 cde", "AB12CDE"),
        ("vehicle", " AB12-CDE ", "AB12CDE"),
        ("phone", "07700 900123", "07700900123"),
        ("phone", "+44 (0)7700-900123", "07700900123"),
        ("phone", "+1 202 555 0143", "12025550143"),  # not a UK number: its digits as they are
        ("phone", "+44 7700 900123", "07700900123"),
        ("online_handle", "@TinyG", "tinyg"),
        ("online_handle", "tiny g", "tinyg"),
    ],
)
def test_object_values_are_normalised_so_the_same_thing_matches(kind: str, value: str, normalised: str) -> None:
    assert normalise_object_value(kind, value) == normalised


def test_an_object_is_matched_by_its_normalised_value_within_the_service(world: World) -> None:
    by = world.users["front_door"]
    service = world.child.service
    car, created = object_for_value(service=service, kind="vehicle", value="AB12 CDE", by=by)
    again, created_again = object_for_value(service=service, kind="vehicle", value="ab12cde", by=by)
    assert (created, created_again, again) == (True, False, car)
    elsewhere, created_elsewhere = object_for_value(
        service=factories.make_service("Elsewhere"), kind="vehicle", value="AB12CDE", by=by
    )
    assert created_elsewhere and elsewhere != car
    assert AuditEvent.objects.filter(action="object_of_interest.created").count() == 2
    with pytest.raises(ValidationError) as raised:
        object_for_value(service=service, kind="vehicle", value=" - ", by=by)
    assert raised.value.message_dict == {"value": ["Enter the vehicle as the referrer gave it"]}
    with pytest.raises(ValidationError):
        object_for_value(service=service, kind="bicycle", value="red", by=by)


def test_nodes_are_made_once_per_record(world: World) -> None:
    by = world.users["front_door"]
    park = create_context(service=world.child.service, kind="place", name="Sample Park", by=by)
    phone, _ = object_for_value(service=world.child.service, kind="phone", value="07700 900123", by=by)
    first = [node_for_person(person=world.child), node_for_context(context=park), node_for_object(obj=phone)]
    second = [node_for_person(person=world.child), node_for_context(context=park), node_for_object(obj=phone)]
    assert first == second
    assert [node.kind for node in first] == ["person", "context", "object"]
    assert Node.objects.count() == 3
    assert [node_label(node) for node in first] == ["Test Child", "Sample Park (place or neighbourhood)", str(phone)]


def test_a_link_records_its_source_and_is_audited(world: World) -> None:
    by = world.users["front_door"]
    child, mother = node_for_person(person=world.child), node_for_person(person=world.mother)
    link = record_link(
        a=mother,
        b=child,
        type=Link.Type.PARENT,
        nature=Link.Nature.PROTECTIVE,
        source_kind=Link.SourceKind.DIRECT,
        source_id=None,
        valid_from=dt.date(2026, 1, 5),
        purpose="  family   network ",
        by=by,
    )
    assert (link.purpose, link.recorded_by, link.reliability) == ("family network", by, "untested")
    event = AuditEvent.objects.get(action="link.recorded")
    assert event.target_id == str(link.pk) and event.after["type"] == "parent"
    with pytest.raises(ValidationError) as raised:
        record_link(
            a=child,
            b=child,
            type="knows",
            source_kind="gossip",
            source_id=None,
            valid_from=dt.date(2026, 1, 5),
            valid_to=dt.date(2026, 1, 1),
            purpose="x" * 201,
            by=by,
        )
    assert set(raised.value.message_dict) == {"b", "type", "source_kind", "valid_to", "purpose"}
    assert Link.objects.count() == 1


def test_links_from_source_are_the_ones_that_source_made(world: World) -> None:
    by = world.users["front_door"]
    child, mother, other = (node_for_person(person=p) for p in (world.child, world.mother, world.other_child))
    made = [
        record_link(
            a=child,
            b=mother,
            type="associates",
            source_kind="referral",
            source_id=7,
            valid_from=dt.date(2026, 1, 5),
            purpose="front door referral",
            by=by,
        ),
        record_link(
            a=child,
            b=other,
            type="friend",
            source_kind="referral",
            source_id=7,
            valid_from=dt.date(2026, 1, 5),
            purpose="front door referral",
            by=by,
        ),
    ]
    record_link(
        a=mother,
        b=other,
        type="associates",
        source_kind="referral",
        source_id=8,
        valid_from=dt.date(2026, 1, 5),
        purpose="front door referral",
        by=by,
    )
    assert links_from_source(source_kind="referral", source_id=7) == made
    assert ObjectOfInterest.objects.count() == 0
