"""Synthetic network records for the linked-young-people and meetings tests: contexts, objects, nodes, links,
referrals and cases, written inside `inside_action()` as actions would (other engineers build intake and screening
at the same time, so these tests do not lean on their actions)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from safecontext.accounts.models import Service, Team, User
from safecontext.cases.models import Case, CaseInvolvement
from safecontext.contexts.models import Context
from safecontext.core.actions_base import inside_action
from safecontext.front_door.codes import LawfulBasis, ReferralSource
from safecontext.front_door.models import Mention, Referral
from safecontext.meetings.models import AgendaItem, Attendee, Meeting
from safecontext.network.models import Link, Node, ObjectOfInterest
from safecontext.people.models import Person
from tests import factories
from tests.conftest import World

TODAY = dt.date(2026, 11, 1)  # only for link dates; the 12-month window is measured from timezone.now()


def node_for(record: Person | Context | ObjectOfInterest) -> Node:
    with inside_action():
        if isinstance(record, Person):
            return Node.objects.get_or_create(kind=Node.Kind.PERSON, person=record)[0]
        if isinstance(record, Context):
            return Node.objects.get_or_create(kind=Node.Kind.CONTEXT, context=record)[0]
        return Node.objects.get_or_create(kind=Node.Kind.OBJECT, object_of_interest=record)[0]


def make_context(name: str, *, service: Service, kind: str = Context.Kind.PLACE) -> Context:
    key = "".join(ch for ch in name.lower() if ch.isalnum())
    with inside_action():
        return Context.objects.create(service=service, kind=kind, name=name, name_key=key)


def make_object(value: str, *, service: Service, kind: str = ObjectOfInterest.Kind.PHONE) -> ObjectOfInterest:
    normalised = "".join(ch for ch in value.lower() if ch.isalnum())
    with inside_action():
        return ObjectOfInterest.objects.create(service=service, kind=kind, value=value, normalised=normalised)


def link(
    a: Person | Context | ObjectOfInterest,
    link_type: str,
    b: Person | Context | ObjectOfInterest,
    *,
    on: dt.date = TODAY,
    valid_to: dt.date | None = None,
    nature: str = Link.Nature.UNKNOWN,
) -> Link:
    a_node, b_node = node_for(a), node_for(b)
    with inside_action():
        return Link.objects.create(
            a=a_node,
            b=b_node,
            type=link_type,
            nature=nature,
            source_kind=Link.SourceKind.DIRECT,
            valid_from=on,
            valid_to=valid_to,
        )


def make_referral(
    *children: Person,
    service: Service,
    by: User,
    received_at: dt.datetime | None = None,
    status: str = Referral.Status.AWAITING_SCREENING,
    context: Context | None = None,
) -> Referral:
    received_at = received_at or timezone.now() - dt.timedelta(hours=1)
    with inside_action():
        referral = Referral.objects.create(
            service=service,
            received_at=received_at,
            source=ReferralSource.POLICE,
            referrer_name="PC Sample",
            referrer_agency="Brightside Police",
            about=Referral.About.CONTEXT if context else Referral.About.CHILDREN,
            subject_context=context,
            concerns="Synthetic concerns for a test",
            lawful_basis=LawfulBasis.PUBLIC_TASK,
            status=status,
            decision_due_at=received_at + dt.timedelta(days=1),
            recorded_by=by,
        )
        if children:
            referral.children.add(*children)
    return referral


def mention_adult_of_concern(referral: Referral, adult: Person, *, as_written: str = "Tiny") -> Mention:
    with inside_action():
        return Mention.objects.create(
            referral=referral,
            role=Mention.Role.ADULT_OF_CONCERN,
            as_written=as_written,
            node=node_for(adult),
            link_type=Link.Type.ASSOCIATES,
        )


def make_case(person: Person, *, team: Team, closed_on: dt.date | None = None) -> Case:
    with inside_action():
        case = Case.objects.create(
            subject=person,
            team=team,
            status=Case.Status.CLOSED if closed_on else Case.Status.OPEN,
            opened_on=(closed_on or timezone.localdate()) - dt.timedelta(days=200),
            closed_on=closed_on,
        )
        CaseInvolvement.objects.create(case=case, person=person, relationship=CaseInvolvement.Relationship.SUBJECT)
    return case


def make_meeting(
    *,
    service: Service,
    kind: str = Meeting.Kind.STRATEGY_DISCUSSION,
    scheduled_for: dt.datetime | None = None,
    attendees: list[User] = (),  # type: ignore[assignment]
) -> Meeting:
    with inside_action():
        meeting = Meeting.objects.create(
            service=service, kind=kind, scheduled_for=scheduled_for or timezone.now() + dt.timedelta(days=1)
        )
        for user in attendees:
            Attendee.objects.create(meeting=meeting, user=user, name=user.display_name, agency=user.agency or "Police")
    return meeting


def add_item(
    meeting: Meeting,
    *,
    child: Person | None = None,
    referral: Referral | None = None,
    context: Context | None = None,
    decision: str = "",
    restricted_information: str = "",
) -> AgendaItem:
    with inside_action():
        return AgendaItem.objects.create(
            meeting=meeting,
            child=child,
            referral=referral,
            context=context,
            position=meeting.items.count() + 1,
            decision=decision,
            restricted_information=restricted_information,
        )


# --- a cluster of young people around one place -----------------------------------------------------------------


def young_person(given: str, family: str = "Sample", **kwargs: object) -> Person:
    return factories.make_person(given, family, date_of_birth=dt.date(2010, 5, 6), **kwargs)  # type: ignore[arg-type]


@dataclass
class Cluster:
    referral: Referral
    bus: Context
    jordan: Person
    sam: Person
    front_door: User
    team: Team


def make_cluster(world: World) -> Cluster:
    """Test Child (a new referral) and two young people open to us — Jordan (an open referral) and Sam (an open
    case) — who all spend time on Bus route 7."""
    service = world.child.service
    front_door = world.users["front_door"]
    team = Team.objects.get(name="Pod B")
    bus = make_context("Bus route 7", service=service)
    jordan, sam = young_person("Jordan"), young_person("Sam")
    make_referral(jordan, service=service, by=front_door, received_at=timezone.now() - dt.timedelta(days=30))
    make_case(sam, team=team)
    for person in (world.child, jordan, sam):
        link(person, Link.Type.FREQUENTS, bus)
    referral = make_referral(world.child, service=service, by=front_door)
    return Cluster(referral, bus, jordan, sam, front_door, team)
