"""A small synthetic network in Test Child's service for the analytics tests (written through the network's and
contexts' own actions, as the pages would).

Test Child (Pod A's open case) and Other Youngster (Pod B's open case) both spend time at Ulbury Park, both attend
Marker Academy, and an adult of concern, "Zebedee Markerton", exploits both; the adult's links and one to the park
are harmful. A second, separate group (two adults and a phone) makes a second cluster. "Markerton" and "Youngster"
are markers: a viewer who may not open those records must never see them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from safecontext.contexts.actions import create_context
from safecontext.contexts.models import Context
from safecontext.core.actions_base import inside_action
from safecontext.network.actions import node_for_context, node_for_person, record_link
from safecontext.network.models import Link, Node
from safecontext.people.models import Person
from tests import factories
from tests.conftest import World

MARKER_ADULT = "Markerton"


@dataclass
class Network:
    park: Context
    school: Context
    far_place: Context
    adult: Person
    loners: list[Person]


def _node(thing: Person | Context) -> Node:
    return node_for_person(person=thing) if isinstance(thing, Person) else node_for_context(context=thing)


def connect(
    world: World,
    a: Person | Context,
    link_type: str,
    b: Person | Context,
    *,
    nature: str = "unknown",
    days_ago: int = 30,
) -> Link:
    return record_link(
        a=_node(a),
        b=_node(b),
        type=link_type,
        nature=nature,
        source_kind=Link.SourceKind.DIRECT,
        source_id=None,
        valid_from=timezone.localdate() - dt.timedelta(days=days_ago),
        purpose="analytics test",
        by=world.users["manager"],
    )


def build(world: World) -> Network:
    service = world.child.service
    by = world.users["manager"]
    park = create_context(service=service, kind="place", name="Ulbury Park", by=by)
    school = create_context(service=service, kind="school", name="Marker Academy", by=by)
    far_place = create_context(service=service, kind="place", name="Quiet Lane", by=by)
    with inside_action():
        park.latitude, park.longitude = Decimal("50.82500"), Decimal("-0.13800")
        park.save(update_fields=["latitude", "longitude"])
    adult = factories.make_person("Zebedee", MARKER_ADULT, service=service, date_of_birth=dt.date(1990, 1, 1))
    for child in (world.child, world.other_child):
        connect(world, child, "frequents", park)
        connect(world, child, "attends", school)
        connect(world, adult, "exploits", child, nature="harmful")
    connect(world, adult, "frequents", park, nature="harmful")
    connect(world, world.mother, "parent", world.child, nature="protective")
    loners = [
        factories.make_person(given, "Loner", service=service, date_of_birth=dt.date(1985, 5, 5))
        for given in ("Ann", "Bob", "Cat")
    ]
    connect(world, loners[0], "associates", loners[1])
    connect(world, loners[1], "associates", loners[2])
    connect(world, loners[2], "frequents", far_place)
    connect(world, loners[0], "frequents", far_place)
    return Network(park, school, far_place, adult, loners)
