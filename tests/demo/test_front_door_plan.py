"""The demo's front door, as planned (no database): realistic volumes, the Route 7 cluster, screening decisions the
front door's own rules would have made, and a clock that holds whenever the demo is loaded."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from safecontext.accounts.roles import Role
from safecontext.contexts.models import Context
from safecontext.demo import data
from safecontext.demo.builder import DemoPlan, build_demo
from safecontext.demo.front_door_plan import FrontDoorPlan, NodeRef, ReferralPlan
from safecontext.front_door.codes import LawfulBasis, ReferralSource
from safecontext.front_door.linking import (
    Edge,
    Node,
    NodeKind,
    complex_strategy_proposals,
    linked_young_people,
    young_people_linked_to,
)
from safecontext.front_door.models import Mention
from safecontext.front_door.routing import ExtraFamilialRisk, RouteKind, next_triage_meeting, route
from safecontext.front_door.timescales import decision_due
from safecontext.network.models import Link, ObjectOfInterest
from safecontext.thresholds.loader import get_framework, latest_framework
from safecontext.thresholds.suggestion import suggest_level

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=LONDON)  # a Wednesday
CLUSTER = ("fd.ellis", "fd.precious", "fd.harvey", "fd.sami")
ROUTE_7: NodeRef = ("context", "route-7")
TINY: NodeRef = ("person", "tiny")


@pytest.fixture(scope="module")
def plan() -> DemoPlan:
    return build_demo(today=NOW.date(), now=NOW)


@pytest.fixture(scope="module")
def front_door(plan: DemoPlan) -> FrontDoorPlan:
    return plan.front_door


def awaiting(front_door: FrontDoorPlan) -> list[ReferralPlan]:
    return [r for r in front_door.referrals if r.screening is None]


class Graph:
    """The plan's links as the linking rules see them (node ids are positions in the plan's node list)."""

    def __init__(self, plan: DemoPlan) -> None:
        fd = plan.front_door
        self.ids = {ref: number for number, ref in enumerate(fd.nodes)}
        self.refs = {number: ref for ref, number in self.ids.items()}
        self.edges = [Edge(self.node(link.a), link.type, self.node(link.b), link.valid_from) for link in fd.links]
        # Open: the subject of an open case, or a child with a referral (none is closed in the demo).
        self.open_people = {
            self.ids[("person", case.subject)] for case in plan.cases if ("person", case.subject) in self.ids
        }
        self.open_people |= {self.ids[("person", child)] for r in fd.referrals for child in r.children}
        self.adults = {self.ids[m.node] for r in fd.referrals for m in r.mentions if m.role == "adult_of_concern"}

    def node(self, ref: NodeRef) -> Node:
        return Node(NodeKind(ref[0]), self.ids[ref])

    def linked(self, person: str) -> tuple[set[str], set[NodeRef]]:
        """The young people linked to `person`, and the nodes a complex strategy meeting would be proposed through."""
        child = self.ids[("person", person)]
        linked = linked_young_people(child, self.edges, self.open_people, adults_of_concern=self.adults)
        proposals = complex_strategy_proposals(child, linked)
        return (
            {self.refs[p.person_id][1] for p in linked},
            {self.refs[p.shared_node.id] for p in proposals},
        )


def test_about_forty_referrals_over_the_last_four_weeks(front_door: FrontDoorPlan) -> None:
    referrals = front_door.referrals
    assert 38 <= len(referrals) <= 42
    assert len({r.key for r in referrals}) == len(referrals)
    oldest = min(r.received_at for r in referrals)
    assert NOW - dt.timedelta(days=29) <= oldest and all(r.received_at < NOW for r in referrals)
    statuses = Counter(r.status for r in referrals)
    assert statuses["screened"] >= 20 and statuses["awaiting_screening"] >= 8
    overdue = [r for r in awaiting(front_door) if r.decision_due_at < NOW]
    assert 3 <= len(overdue) <= 6
    assert len(awaiting(front_door)) - len(overdue) >= 3
    # Various DfE sources and every lawful basis.
    assert {r.source for r in referrals} <= set(ReferralSource.values)
    assert len({r.source for r in referrals}) >= 10
    assert {r.lawful_basis for r in referrals} == set(LawfulBasis.values)
    assert any(r.restricted for r in referrals)
    assert any(len(r.children) >= 2 for r in referrals)  # siblings referred together


def test_referrals_about_a_context_come_from_partners(front_door: FrontDoorPlan) -> None:
    about_places = [r for r in front_door.referrals if r.about == "context"]
    assert 0 < len(about_places) <= 3
    contexts = {c.key: c for c in front_door.contexts}
    for referral in about_places:
        assert referral.children == () and contexts[referral.subject_context].kind == Context.Kind.PLACE
        assert not referral.source.startswith("1") and referral.source not in ("9", "10")  # a partner agency
    assert "route-7" in {r.subject_context for r in about_places}


def test_contexts_objects_and_links_are_well_formed(plan: DemoPlan, front_door: FrontDoorPlan) -> None:
    contexts = front_door.contexts
    assert 24 <= len(contexts) <= 32
    assert {c.key for c in contexts} >= {place.key for place in data.CASE_STUDY_PLACES}
    kinds = Counter(c.kind for c in contexts)
    assert set(kinds) == set(Context.Kind.values) and kinds["online"] >= 3 and kinds["school"] >= 5
    assert len({c.name_key for c in contexts}) == len(contexts)
    assert all(c.name_key.isalnum() and c.name_key == c.name_key.lower() for c in contexts)
    assert {o.kind for o in front_door.objects} == set(ObjectOfInterest.Kind.values)
    assert all(o.value.startswith("07700 900") for o in front_door.objects if o.kind == "phone")  # Ofcom drama range
    assert len({(o.kind, o.normalised) for o in front_door.objects}) == len(front_door.objects)

    nodes = set(front_door.nodes)
    assert len(nodes) == len(front_door.nodes)
    people = {person.key for person in plan.people}
    assert {key for kind, key in nodes if kind == "person"} <= people
    assert {("context", c.key) for c in contexts} | {("object", o.key) for o in front_door.objects} <= nodes
    links = front_door.links
    assert 200 <= len(links) <= 400
    referral_keys = {r.key for r in front_door.referrals}
    for link in links:
        assert link.a in nodes and link.b in nodes and link.a != link.b
        assert link.type in Link.Type.values and link.nature in Link.Nature.values
        assert link.reliability in Link.Reliability.values and link.source_kind in Link.SourceKind.values
        assert link.valid_from <= NOW.date() and link.recorded_at <= NOW and link.purpose
        if link.source_kind == "referral":
            assert link.source in referral_keys
    for referral in front_door.referrals:
        assert {("person", child) for child in referral.children} <= nodes
        for mention in referral.mentions:
            assert mention.node in nodes and mention.role in Mention.Role.values
            # Each mention produced a link from this referral, to what it names.
            assert any(
                link.source == referral.key and mention.node in (link.a, link.b) and link.type == mention.link_type
                for link in links
            ), (referral.key, mention.as_written)


def test_asifs_world_is_in_the_network(front_door: FrontDoorPlan) -> None:
    links = {(link.a[1], link.type, link.b[1]) for link in front_door.links}
    asif = "asif"
    for place in data.CASE_STUDY_PLACES:
        assert (asif, "attends" if place.kind == "school" else "frequents", place.key) in links
    assert {(asif, "friend", peer) for peer in ("tyrese", "kyle", "mo", "jordan")} <= links
    assert (asif, "member_of", "hollowmere-group") in links
    assert ("dex", "exploits", asif) in links
    assert ("dex", "uses", "grey-audi") in links


def test_the_route_7_cluster_young_people_referred_separately(plan: DemoPlan, front_door: FrontDoorPlan) -> None:
    about = {child: r for r in front_door.referrals for child in r.children if child in CLUSTER}
    assert set(about) == set(CLUSTER)
    referrals = list(about.values())
    # Separately: a referral each, from different referrers and agencies, on different days.
    assert len({r.key for r in referrals}) == len(CLUSTER)
    assert len({r.referrer_name for r in referrals}) == len(CLUSTER)
    assert len({r.source for r in referrals}) == len(CLUSTER)
    assert len({r.received_at.date() for r in referrals}) == len(CLUSTER)
    assert any(r.screening is None for r in referrals)
    links = front_door.links
    for child in CLUSTER:
        me: NodeRef = ("person", child)
        assert any({link.a, link.b} == {me, ROUTE_7} and link.source == about[child].key for link in links), child
        assert any((link.a, link.type, link.b) == (TINY, "exploits", me) for link in links), child

    # One adult, three spellings: each referrer's own, kept as written on the mention, all matched to one person.
    spellings = {m.as_written for r in referrals for m in r.mentions if m.node == TINY}
    assert spellings == {"Tiny", "Tiney", "Tyni"}
    tiny = next(person for person in plan.people if person.key == "tiny")
    assert {name.given_name for name in tiny.names} == spellings
    assert not [p for p in plan.people if p.key != "tiny" and {n.given_name for n in p.names} & spellings]
    created = [m for r in front_door.referrals for m in r.mentions if m.node == TINY and m.created_new_record]
    assert len(created) == 1  # created by the first referral; every later one matched the same record


def test_screening_a_cluster_referral_shows_the_others_and_proposes_a_complex_strategy_meeting(plan: DemoPlan) -> None:
    graph = Graph(plan)
    waiting = [child for r in awaiting(plan.front_door) for child in r.children if child in CLUSTER]
    assert waiting
    for child in waiting:
        linked, through = graph.linked(child)
        assert set(CLUSTER) - {child} <= linked
        assert {ROUTE_7, TINY} <= through  # three or more young people through the bus route and through Tiny
    # The police's referral about the bus route shows every young person linked to it.
    on_route = young_people_linked_to(graph.node(ROUTE_7), graph.edges, graph.open_people)
    assert {graph.refs[p.person_id][1] for p in on_route} == set(CLUSTER)


def test_other_waiting_referrals_show_only_the_patterns_the_demo_means(plan: DemoPlan) -> None:
    """Workers' links for the generic families keep away from the contexts of young people waiting to be screened,
    so the proposals a screener sees are the demo's patterns, not an accident of shared schools."""
    graph = Graph(plan)
    proposals = {child: graph.linked(child)[1] for r in awaiting(plan.front_door) for child in r.children}
    assert proposals["mo"] >= {("person", "dex"), ("context", "chicken-shop")}  # Asif's group (seed 000)
    assert proposals["fd.hamza"] == {("context", "lp-group")}
    expected = {"fd.harvey", "fd.sami", "mo", "fd.hamza"}
    assert {child for child, through in proposals.items() if through} == expected


def test_every_screening_decision_is_what_the_front_door_rules_give(front_door: FrontDoorPlan) -> None:
    latest = latest_framework()
    screened = [r for r in front_door.referrals if r.screening is not None]
    routes = Counter()
    for referral in screened:
        s = referral.screening
        assert s is not None
        assert (s.framework_slug, s.framework_version) == (latest.slug, latest.version)
        framework = get_framework(s.framework_slug, s.framework_version)
        assert s.indicator_ids and all(framework.has_indicator(i) for i in s.indicator_ids), referral.key
        assert s.suggested_level == suggest_level(framework, s.indicator_ids).level.number
        assert (s.decided_level != s.suggested_level) == bool(s.level_rationale)
        level = framework.level(s.decided_level)
        expected = route(
            risk=ExtraFamilialRisk(s.extra_familial_risk),
            level_number=s.decided_level,
            level_count=len(framework.levels),
            level_name=level.name,
            level_action=level.action,
        )
        assert (s.route, s.route_explanation) == (expected.kind, expected.explanation)
        assert s.next_step_due_at == expected.due.due_at(received_at=referral.received_at, decided_at=s.decided_at)
        assert referral.received_at < s.decided_at < NOW and s.risk_rationale
        routes[s.route] += 1
    assert set(routes) == set(RouteKind)  # every route the rules know, each with its own next step
    assert routes[RouteKind.STRATEGY_DISCUSSION] == 1
    overrides = [r.key for r in screened if r.screening and r.screening.decided_level != r.screening.suggested_level]
    assert len(overrides) >= 3  # up and down, each with its rationale


def test_decisions_are_due_within_one_working_day(front_door: FrontDoorPlan) -> None:
    for referral in front_door.referrals:
        assert referral.decision_due_at == decision_due(referral.received_at)
    screened = [r for r in front_door.referrals if r.screening]
    late = [r.key for r in screened if r.screening and r.screening.decided_at > r.decision_due_at]
    assert late == ["noah"]  # one decision made a day late, so timeliness figures are not all perfect


def test_the_next_triage_meeting_has_the_medium_and_low_risk_referrals_and_the_partners(
    plan: DemoPlan, front_door: FrontDoorPlan
) -> None:
    slot = next_triage_meeting(NOW)
    (meeting,) = [m for m in front_door.meetings if m.kind == "daily_triage" and m.status == "scheduled"]
    assert meeting.scheduled_for == slot and meeting.due_by == slot
    on_agenda = {item.referral for item in meeting.items}
    due_there = {r.key for r in front_door.referrals if r.screening and r.screening.next_step_due_at == slot}
    assert on_agenda == due_there and len(on_agenda) >= 4
    for key in on_agenda:
        referral = next(r for r in front_door.referrals if r.key == key)
        assert referral.screening and referral.screening.extra_familial_risk in ("medium", "low")
    assert [item.position for item in meeting.items] == list(range(1, len(meeting.items) + 1))
    assert any(item.context for item in meeting.items)  # a referral about a place is on the agenda as that place
    roles = {user.username: user.role for user in plan.users}
    partners = {a.username for a in meeting.attendees if a.username and roles[a.username] == Role.PARTNER_AGENCY}
    assert partners == {"police.leon", "school.ruth", "health.amara"}
    assert {a.agency for a in meeting.attendees} >= {"Brightside Police", "Brightside Schools", "Brightside Health"}


def test_medium_and_low_risk_referrals_screened_earlier_went_to_held_triage_meetings(
    front_door: FrontDoorPlan,
) -> None:
    meetings = {m.scheduled_for: m for m in front_door.meetings if m.kind == "daily_triage"}
    for referral in front_door.referrals:
        s = referral.screening
        if s is None or s.route != RouteKind.TRIAGE_MEETING:
            continue
        assert s.next_step_due_at in meetings, referral.key
        meeting = meetings[s.next_step_due_at]
        items = [item for item in meeting.items if item.referral == referral.key]
        assert len(items) == max(1, len(referral.children))
        if meeting.status == "held":
            assert meeting.scheduled_for < NOW and all(item.decision and item.decided_by for item in items)
    assert sum(m.status == "held" for m in meetings.values()) >= 3


def test_one_strategy_discussion_held_with_an_outcome_and_owned_actions(front_door: FrontDoorPlan) -> None:
    (meeting,) = [m for m in front_door.meetings if m.kind == "strategy_discussion"]
    (referral,) = [r for r in front_door.referrals if r.screening and r.screening.route == "strategy_discussion"]
    assert referral.screening is not None and referral.screening.extra_familial_risk == "high"
    assert [item.referral for item in meeting.items] == [referral.key]
    assert meeting.status == "held" and meeting.outcome == "s47" and meeting.outcome_notes
    assert referral.screening.decided_at < meeting.scheduled_for <= referral.screening.next_step_due_at
    assert meeting.restricted_minutes and meeting.chair
    assert len(meeting.actions) >= 3
    for action in meeting.actions:
        assert (action.owner or (action.owner_name and action.owner_agency)) and action.due_on
        assert action.done_at is None or action.done_at < NOW
    assert any(a.done_at for a in meeting.actions) and any(a.done_at is None for a in meeting.actions)
    assert {a.username for a in meeting.attendees} >= {"police.leon", "school.ruth", "health.amara"}
    # What the police confirmed there is in the network, with the meeting as its source.
    assert any(link.source_kind == "meeting" and link.source == meeting.key for link in front_door.links)


def test_building_twice_at_the_same_moment_gives_the_same_front_door(front_door: FrontDoorPlan) -> None:
    assert build_demo(today=NOW.date(), now=NOW).front_door == front_door


def test_now_must_be_on_the_day_being_loaded() -> None:
    with pytest.raises(ValueError, match="London"):
        build_demo(today=NOW.date(), now=NOW + dt.timedelta(days=1))
    with pytest.raises(ValueError, match="London"):
        build_demo(today=NOW.date(), now=NOW.replace(tzinfo=None))


def _load_moments() -> list[dt.datetime]:
    # Across a year, at times either side of the triage meeting and the cut-off; and the awkward days: bank
    # holiday weekends, Christmas, the clocks changing.
    start = dt.datetime(2026, 12, 1, tzinfo=LONDON)
    times = (dt.time(0, 5), dt.time(9, 31), dt.time(12, 0), dt.time(17, 0), dt.time(23, 50))
    moments = [
        dt.datetime.combine(start.date() + dt.timedelta(days=5 * n), times[n % len(times)], tzinfo=LONDON)
        for n in range(73)
    ]
    awkward = ("2026-12-24 08:00", "2026-12-29 09:29", "2027-03-29 09:30", "2027-03-28 02:30", "2027-04-05 10:00",
               "2027-05-31 18:00", "2027-10-31 01:30", "2027-01-01 12:00")  # fmt: skip
    moments += [dt.datetime.fromisoformat(text).replace(tzinfo=LONDON) for text in awkward]
    return moments


@pytest.mark.parametrize("now", _load_moments(), ids=lambda moment: f"{moment:%Y-%m-%d_%H%M}")
def test_the_clock_holds_whenever_the_demo_is_loaded(now: dt.datetime) -> None:
    fd = build_demo(today=now.date(), now=now).front_door
    for referral in fd.referrals:
        assert referral.received_at < now and referral.recorded_at <= now
        assert referral.decision_due_at == decision_due(referral.received_at)
        if referral.screening:
            assert referral.received_at < referral.screening.decided_at < now
    waiting = [r for r in fd.referrals if r.screening is None]
    assert sum(r.decision_due_at < now for r in waiting) == 5  # the overdue ones, and only those
    slot = next_triage_meeting(now)
    scheduled = [m for m in fd.meetings if m.status == "scheduled"]
    assert [m.scheduled_for for m in scheduled] == [slot]
    for meeting in fd.meetings:
        if meeting.status == "held":
            assert meeting.scheduled_for < now
            assert all(a.done_at is None or a.done_at < now for a in meeting.actions)
    assert all(link.recorded_at <= now and link.valid_from <= now.date() for link in fd.links)
