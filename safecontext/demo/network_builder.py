"""The demo's network as plain data: the links between people, contexts and objects, and a node for each thing
linked (docs/adr/0012-network-nodes.md).

Where each link comes from is kept, as the Link model asks: the family and friends named on each case and the places
Asif mapped with Ali (recorded directly), what each referral mentioned (its source is the referral), and what the
police confirmed at the strategy discussion (its source is the meeting).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from safecontext.demo import data
from safecontext.demo import front_door_data as places
from safecontext.demo.dates import age_on
from safecontext.demo.front_door_plan import ContextPlan, LinkPlan, NodeRef, ObjectPlan, ReferralPlan, london, node_ref

if TYPE_CHECKING:  # the main builder imports this module's caller
    from safecontext.demo.builder import CasePlan, PersonPlan

REFERRAL_PURPOSE = "Front-door screening: named in the referral"
# Source evaluation, in the spirit of the 3x5x2 grading: professionals reporting what they saw are reliable sources;
# individuals (family, neighbours, the young person, anonymous callers) are untested until something corroborates them.
_UNTESTED_SOURCES = frozenset({"1A", "1B", "1C", "1D", "9", "10"})


class Network:
    """The links as they are added, in order: each `add_…` method adds one source's links."""

    def __init__(self, *, today: dt.date, people: dict[str, PersonPlan], cases: Sequence[CasePlan]) -> None:
        self.today = today
        self.people = people
        self.cases = cases
        self.links: list[LinkPlan] = []

    def add_mentions(self, referral: ReferralPlan) -> None:
        reliability = "untested" if referral.source in _UNTESTED_SOURCES else "reliable"
        subjects: list[NodeRef] = [("person", child) for child in referral.children]
        if referral.subject_context:
            subjects = [("context", referral.subject_context)]
        for mention in referral.mentions:
            for subject in subjects:
                # A link reads as a sentence: "Ellis —harmed at→ Route 7", but "Tiny —exploits→ Ellis", and
                # whatever a referral about a place names is linked "to" that place.
                if subject[0] == "context" or mention.link_type in ("exploits", "protective_adult", "parent"):
                    a, b = mention.node, subject
                else:
                    a, b = subject, mention.node
                self.add(
                    a,
                    mention.link_type,
                    b,
                    nature=mention.nature,
                    reliability=reliability,
                    source_kind="referral",
                    source=referral.key,
                    on=referral.received_at.date(),
                    by=referral.recorded_by,
                    at=referral.recorded_at,
                    purpose=REFERRAL_PURPOSE,
                )

    def add_family(self) -> None:
        """Parents, siblings, friends and adults of concern named on each open case, as the allocated worker
        recorded them when the case opened."""
        seen: set[tuple[str, frozenset[str]]] = set()
        directly_recorded = {(spec.a, spec.b) for spec in places.CASE_STUDY_LINKS}
        for case in self.cases:
            subject = case.subject
            for key, relationship in case.involvements[1:]:
                if relationship == "parent":
                    a, link_type, b, nature = key, "parent", subject, "unknown"
                elif relationship == "sibling":
                    a, link_type, b, nature = subject, "sibling", key, "unknown"
                elif relationship == "peer":
                    a, link_type, b, nature = subject, "friend", key, "unknown"
                elif relationship == "other":
                    if (f"p:{key}", f"p:{subject}") in directly_recorded:
                        continue  # the case study records how Dex harms Asif in its own words
                    a, link_type, b, nature = key, "associates", subject, "harmful"
                else:
                    continue
                pair = (link_type, frozenset((a, b)))
                if pair in seen:
                    continue
                seen.add(pair)
                self.add(
                    ("person", a),
                    link_type,
                    ("person", b),
                    nature=nature,
                    source_kind="direct",
                    on=case.opened_on,
                    by=case.allocated_worker,
                    at=london(case.opened_on, "16:00"),
                    purpose=places.FAMILY_PURPOSE,
                )

    def add_case_study(self) -> None:
        for place in data.CASE_STUDY_PLACES:
            link_type = "attends" if place.kind == "school" else "frequents"
            for key in place.frequented_by:
                nature = "harmful" if key == "dex" else "unknown"
                self._direct(places.DirectLinkSpec(f"p:{key}", link_type, f"c:{place.key}", nature, 200))
        for spec in places.CASE_STUDY_LINKS:
            self._direct(spec)

    def _direct(self, spec: places.DirectLinkSpec, purpose: str = places.CASE_STUDY_PURPOSE) -> None:
        day = self.today - dt.timedelta(days=spec.days_ago)
        self.add(
            node_ref(spec.a),
            spec.type,
            node_ref(spec.b),
            nature=spec.nature,
            source_kind="direct",
            on=day,
            by=spec.recorded_by,
            at=london(day, "17:30"),
            purpose=purpose,
        )

    def add(
        self,
        a: NodeRef,
        link_type: str,
        b: NodeRef,
        *,
        nature: str,
        source_kind: str,
        on: dt.date,
        by: str | None,
        at: dt.datetime,
        purpose: str,
        source: str = "",
        reliability: str = "reliable",
    ) -> None:
        self.links.append(LinkPlan(a, b, link_type, nature, reliability, source_kind, source, on, by, at, purpose))

    def add_workers_mapping(self, planned: list[ReferralPlan]) -> None:
        """Schools and everyday places for the generic families' young people, as their workers recorded them.

        Kept away from the contexts that young people awaiting screening are linked to, and a few young people per
        context, so that screening them shows the patterns the demo is about (the Route 7 cluster, Asif's group, the
        'LP' group), not a link through every school in the city."""
        awaiting = {child for r in planned if r.screening is None for child in r.children}
        awaiting_nodes = {("person", key) for key in awaiting}
        awaiting_nodes |= {("context", r.subject_context) for r in planned if r.screening is None and r.subject_context}
        hot = {
            link.b if link.a in awaiting_nodes else link.a for link in self.links if {link.a, link.b} & awaiting_nodes
        }
        open_people = {case.subject for case in self.cases} | {child for r in planned for child in r.children}
        counts: dict[str, int] = defaultdict(int)
        for link in self.links:
            for end, other in ((link.a, link.b), (link.b, link.a)):
                if end[0] == "context" and other[0] == "person" and other[1] in open_people:
                    counts[end[1]] += 1
        generic = [case for case in self.cases if case.key.startswith("f") and case.subject not in awaiting]
        for index, case in enumerate(generic):
            dob = self.people[case.subject].date_of_birth
            if dob is None or case.allocated_worker is None:
                continue
            age = age_on(dob, self.today)
            schools = (
                places.PRIMARY_SCHOOLS if age <= 10 else places.SECONDARY_SCHOOLS if age <= 15 else places.SIXTH_FORMS
            )
            choices = [(schools, "attends", places.GENERIC_SCHOOL_CAP)]
            if index % 3 == 0:
                choices.append((places.EVERYDAY_PLACES, "frequents", places.GENERIC_PLACE_CAP))
            for pool, link_type, cap in choices:
                rotated = pool[index % len(pool) :] + pool[: index % len(pool)]
                for key in rotated:
                    if ("context", key) in hot or counts[key] >= cap:
                        continue
                    counts[key] += 1
                    days = (self.today - case.opened_on).days - 7
                    nature = "protective" if key == "linnet-community-centre" else "unknown"
                    spec = places.DirectLinkSpec(
                        f"p:{case.subject}", link_type, f"c:{key}", nature, days, case.allocated_worker
                    )
                    self._direct(spec, places.GENERIC_PURPOSE)
                    break

    def nodes(
        self, contexts: tuple[ContextPlan, ...], objects: tuple[ObjectPlan, ...], planned: list[ReferralPlan]
    ) -> tuple[NodeRef, ...]:
        """A node for every context and object, and for every person who is linked, mentioned or referred (a referred
        child with nothing linked yet is still somewhere the next referral's links can reach)."""
        nodes: dict[NodeRef, None] = {("context", c.key): None for c in contexts}
        nodes.update({("object", o.key): None for o in objects})
        for link in self.links:
            nodes.update({link.a: None, link.b: None})
        for referral in planned:
            nodes.update({("person", child): None for child in referral.children})
            nodes.update({mention.node: None for mention in referral.mentions})
        return tuple(nodes)
