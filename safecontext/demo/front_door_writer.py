"""Writing the demo's front door (a `FrontDoorPlan`) to the database. Called only from `actions.load_demo_council`,
inside its one transaction and under its one audit event: bulk inserts, no rules — the rules ran in the builder.
"""

from __future__ import annotations

from decimal import Decimal

from safecontext.accounts.models import Service, User
from safecontext.contexts.models import Context
from safecontext.demo.front_door_plan import FrontDoorPlan, NodeRef
from safecontext.front_door.models import Mention, Referral, ScreeningDecision
from safecontext.meetings.models import AgendaItem, Attendee, Meeting, MeetingAction
from safecontext.network.models import Link, Node, ObjectOfInterest
from safecontext.people.models import Person


def write_front_door(
    plan: FrontDoorPlan, *, service: Service, users: dict[str, User], people: dict[str, Person]
) -> dict[str, int]:
    contexts = _create_contexts(plan, service=service)
    objects = _create_objects(plan, service=service)
    nodes = _create_nodes(plan, people=people, contexts=contexts, objects=objects)
    referrals = _create_referrals(plan, service=service, users=users, people=people, contexts=contexts)
    Mention.objects.bulk_create(
        [
            Mention(
                referral=referrals[referral.key],
                role=mention.role,
                as_written=mention.as_written,
                node=nodes[mention.node],
                link_type=mention.link_type,
                created_new_record=mention.created_new_record,
            )
            for referral in plan.referrals
            for mention in referral.mentions
        ]
    )
    screenings = ScreeningDecision.objects.bulk_create(
        [
            ScreeningDecision(
                referral=referrals[referral.key],
                framework_slug=s.framework_slug,
                framework_version=s.framework_version,
                indicator_ids=list(s.indicator_ids),
                suggested_level=s.suggested_level,
                decided_level=s.decided_level,
                level_rationale=s.level_rationale,
                extra_familial_risk=s.extra_familial_risk,
                risk_rationale=s.risk_rationale,
                route=s.route,
                route_explanation=s.route_explanation,
                next_step_due_at=s.next_step_due_at,
                decided_by=users[s.decided_by],
                decided_at=s.decided_at,
            )
            for referral in plan.referrals
            if (s := referral.screening) is not None
        ]
    )
    meetings = _create_meetings(
        plan, service=service, users=users, people=people, contexts=contexts, referrals=referrals
    )
    links = _create_links(plan, nodes=nodes, users=users, referrals=referrals, meetings=meetings)
    return {
        "contexts": len(contexts),
        "objects_of_interest": len(objects),
        "nodes": len(nodes),
        "links": links,
        "referrals": len(referrals),
        "mentions": sum(len(referral.mentions) for referral in plan.referrals),
        "screening_decisions": len(screenings),
        "meetings": len(meetings),
    }


def _create_contexts(plan: FrontDoorPlan, *, service: Service) -> dict[str, Context]:
    rows = Context.objects.bulk_create(
        [
            Context(
                service=service,
                kind=context.kind,
                name=context.name,
                name_key=context.name_key,
                description=context.description,
                postcode=context.postcode,
                latitude=Decimal(context.latitude) if context.latitude else None,
                longitude=Decimal(context.longitude) if context.longitude else None,
            )
            for context in plan.contexts
        ]
    )
    return {context.key: row for context, row in zip(plan.contexts, rows, strict=True)}


def _create_objects(plan: FrontDoorPlan, *, service: Service) -> dict[str, ObjectOfInterest]:
    rows = ObjectOfInterest.objects.bulk_create(
        [
            ObjectOfInterest(
                service=service, kind=o.kind, value=o.value, normalised=o.normalised, description=o.description
            )
            for o in plan.objects
        ]
    )
    return {o.key: row for o, row in zip(plan.objects, rows, strict=True)}


def _create_nodes(
    plan: FrontDoorPlan,
    *,
    people: dict[str, Person],
    contexts: dict[str, Context],
    objects: dict[str, ObjectOfInterest],
) -> dict[NodeRef, Node]:
    def node(ref: NodeRef) -> Node:
        kind, key = ref
        if kind == "person":
            return Node(kind=kind, person=people[key])
        if kind == "context":
            return Node(kind=kind, context=contexts[key])
        return Node(kind=kind, object_of_interest=objects[key])

    rows = Node.objects.bulk_create([node(ref) for ref in plan.nodes])
    return dict(zip(plan.nodes, rows, strict=True))


def _create_referrals(
    plan: FrontDoorPlan,
    *,
    service: Service,
    users: dict[str, User],
    people: dict[str, Person],
    contexts: dict[str, Context],
) -> dict[str, Referral]:
    rows = Referral.objects.bulk_create(
        [
            Referral(
                service=service,
                received_at=r.received_at,
                source=r.source,
                referrer_name=r.referrer_name,
                referrer_agency=r.referrer_agency,
                referrer_contact=r.referrer_contact,
                about=r.about,
                subject_context=contexts[r.subject_context] if r.subject_context else None,
                concerns=r.concerns,
                lawful_basis=r.lawful_basis,
                consent_notes=r.consent_notes,
                restricted=r.restricted,
                status=r.status,
                decision_due_at=r.decision_due_at,
                recorded_by=users[r.recorded_by],
            )
            for r in plan.referrals
        ]
    )
    referrals = {r.key: row for r, row in zip(plan.referrals, rows, strict=True)}
    # `recorded_at` is filled with the moment of insertion; the demo's referrals were recorded as they arrived.
    for row, r in zip(rows, plan.referrals, strict=True):
        row.recorded_at = r.recorded_at
    Referral.objects.bulk_update(rows, ["recorded_at"], batch_size=500)
    children = Referral.children.through
    children.objects.bulk_create(
        [
            children(referral_id=referrals[r.key].pk, person_id=people[key].pk)
            for r in plan.referrals
            for key in r.children
        ]
    )
    return referrals


def _create_meetings(
    plan: FrontDoorPlan,
    *,
    service: Service,
    users: dict[str, User],
    people: dict[str, Person],
    contexts: dict[str, Context],
    referrals: dict[str, Referral],
) -> dict[str, Meeting]:
    rows = Meeting.objects.bulk_create(
        [
            Meeting(
                service=service,
                kind=m.kind,
                scheduled_for=m.scheduled_for,
                due_by=m.due_by,
                status=m.status,
                chair=users[m.chair],
                outcome=m.outcome,
                outcome_notes=m.outcome_notes,
                restricted_minutes=m.restricted_minutes,
            )
            for m in plan.meetings
        ]
    )
    meetings = {m.key: row for m, row in zip(plan.meetings, rows, strict=True)}
    Attendee.objects.bulk_create(
        [
            Attendee(
                meeting=meetings[m.key], user=users[a.username] if a.username else None, name=a.name, agency=a.agency
            )
            for m in plan.meetings
            for a in m.attendees
        ]
    )
    planned_items = [(m.key, item) for m in plan.meetings for item in m.items]
    item_rows = AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                meeting=meetings[key],
                referral=referrals[item.referral],
                child=people[item.child] if item.child else None,
                context=contexts[item.context] if item.context else None,
                position=item.position,
                decision=item.decision,
                restricted_information=item.restricted_information,
                decided_by=users[item.decided_by] if item.decided_by else None,
            )
            for key, item in planned_items
        ]
    )
    items = {(key, item.position): row for (key, item), row in zip(planned_items, item_rows, strict=True)}
    MeetingAction.objects.bulk_create(
        [
            MeetingAction(
                meeting=meetings[m.key],
                item=items[(m.key, a.item_position)] if a.item_position else None,
                description=a.description,
                owner=users[a.owner] if a.owner else None,
                owner_name=a.owner_name,
                owner_agency=a.owner_agency,
                due_on=a.due_on,
                done_at=a.done_at,
            )
            for m in plan.meetings
            for a in m.actions
        ]
    )
    return meetings


def _create_links(
    plan: FrontDoorPlan,
    *,
    nodes: dict[NodeRef, Node],
    users: dict[str, User],
    referrals: dict[str, Referral],
    meetings: dict[str, Meeting],
) -> int:
    def source_id(kind: str, key: str) -> int | None:
        if kind == Link.SourceKind.REFERRAL:
            return referrals[key].pk
        if kind == Link.SourceKind.MEETING:
            return meetings[key].pk
        return None

    rows = Link.objects.bulk_create(
        [
            Link(
                a=nodes[link.a],
                b=nodes[link.b],
                type=link.type,
                nature=link.nature,
                reliability=link.reliability,
                source_kind=link.source_kind,
                source_id=source_id(link.source_kind, link.source),
                valid_from=link.valid_from,
                purpose=link.purpose,
                recorded_by=users[link.recorded_by] if link.recorded_by else None,
            )
            for link in plan.links
        ]
    )
    # As for referrals, `recorded_at` says when each link was recorded, not when the demo was loaded.
    for row, link in zip(rows, plan.links, strict=True):
        row.recorded_at = link.recorded_at
    Link.objects.bulk_update(rows, ["recorded_at"], batch_size=500)
    return len(rows)
