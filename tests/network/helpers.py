"""Links for the network tests, written through the real actions."""

from __future__ import annotations

import datetime as dt

from safecontext.accounts.models import User
from safecontext.contexts.actions import create_context
from safecontext.contexts.models import Context
from safecontext.network.actions import node_for_context, node_for_person, record_link
from safecontext.network.models import Link, Node
from safecontext.people.models import Person


def node(thing: Person | Context) -> Node:
    return node_for_person(person=thing) if isinstance(thing, Person) else node_for_context(context=thing)


def link(
    a: Person | Context,
    b: Person | Context,
    *,
    by: User,
    type: str = "friend",
    nature: str = "unknown",
    valid_from: dt.date = dt.date(2026, 1, 1),
    valid_to: dt.date | None = None,
    purpose: str = "safety planning",
) -> Link:
    return record_link(
        a=node(a),
        b=node(b),
        type=type,
        nature=nature,
        source_kind="direct",
        source_id=None,
        valid_from=valid_from,
        valid_to=valid_to,
        purpose=purpose,
        by=by,
    )


def place(service_person: Person, name: str, *, by: User, kind: str = "place") -> Context:
    return create_context(service=service_person.service, kind=kind, name=name, by=by)
