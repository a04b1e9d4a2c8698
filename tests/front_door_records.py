"""A referral, a triage meeting with that referral on its agenda, and a complex strategy proposal, around the
personas' world — the records the permission matrix opens."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from safecontext.contexts.models import Context
from safecontext.core.actions_base import inside_action
from safecontext.front_door.codes import LawfulBasis, ReferralSource
from safecontext.front_door.models import ComplexStrategyProposal, Referral
from safecontext.meetings.models import AgendaItem, Attendee, Meeting
from safecontext.network.models import Node
from tests.conftest import World


@dataclass
class FrontDoorRecords:
    referral: Referral
    meeting: Meeting
    item: AgendaItem
    proposal: ComplexStrategyProposal


def make_front_door_records(world: World) -> FrontDoorRecords:
    service = world.child.service
    now = timezone.now()
    with inside_action():
        referral = Referral.objects.create(
            service=service,
            received_at=now - dt.timedelta(hours=2),
            source=ReferralSource.SCHOOLS,
            referrer_name="Sam Teacher",
            referrer_agency="Brightside Academy",
            about=Referral.About.CHILDREN,
            concerns="Seen getting into cars after school with older men",
            lawful_basis=LawfulBasis.PUBLIC_TASK,
            decision_due_at=now + dt.timedelta(hours=20),
            recorded_by=world.users["front_door"],
        )
        referral.children.add(world.child)
        meeting = Meeting.objects.create(
            service=service, kind=Meeting.Kind.DAILY_TRIAGE, scheduled_for=now + dt.timedelta(days=1)
        )
        partner = world.users["partner_agency"]
        Attendee.objects.create(meeting=meeting, user=partner, name=partner.display_name, agency="Police")
        item = AgendaItem.objects.create(meeting=meeting, referral=referral, child=world.child, position=1)
        park = Context.objects.create(
            service=service, kind=Context.Kind.PLACE, name="Sample Park", name_key="samplepark"
        )
        node = Node.objects.create(kind=Node.Kind.CONTEXT, context=park)
        proposal = ComplexStrategyProposal.objects.create(referral=referral, through_node=node)
        proposal.young_people.add(world.child, world.other_child)
    return FrontDoorRecords(referral=referral, meeting=meeting, item=item, proposal=proposal)
