"""Builds the demo's front door as plain data (no ORM): contexts, objects, network nodes and links, forty referrals
with their mentions and screening decisions, and the meetings they went to.

Deterministic: the same load moment gives the same plan. Screening decisions are made the way the front door's own
code makes them — the framework's latest version (thresholds.loader), the suggestion rule (thresholds.suggestion),
the routing rules and working-day timescales (front_door.routing, front_door.timescales) — so the demo can never
show a decision its own rules would not have produced.

The clock: referrals are placed relative to `now`, the moment the demo is loaded, so the queue always looks current
whatever the day. Screened referrals sit days or weeks back; the ones on the next triage meeting's agenda were
screened since the last meeting; referrals awaiting screening arrived since the front door's last cut-off (so they
are not yet due), except the overdue ones, which arrived on earlier working days.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from safecontext.demo import data
from safecontext.demo import front_door_data as places
from safecontext.demo import referral_data as referrals
from safecontext.demo.dates import age_on
from safecontext.demo.front_door_plan import (
    ZONE,
    AgendaItemPlan,
    AttendeePlan,
    ContextPlan,
    FrontDoorPlan,
    MeetingActionPlan,
    MeetingPlan,
    MentionPlan,
    ObjectPlan,
    ReferralPlan,
    ScreeningPlan,
    UserName,
    london,
    match_key,
    node_ref,
    previous_working_day,
)
from safecontext.demo.network_builder import Network
from safecontext.demo.referral_specs import (
    NEXT_TRIAGE,
    OVERDUE,
    SCREENED,
    ActionSpec,
    ReferralSpec,
    ScreeningSpec,
)
from safecontext.front_door.routing import DEFAULT as ROUTING_RULES
from safecontext.front_door.routing import ExtraFamilialRisk, RouteKind, next_triage_meeting, route
from safecontext.front_door.timescales import add_working_days, decision_due, is_working_day, next_working_day
from safecontext.thresholds.loader import latest_framework
from safecontext.thresholds.suggestion import suggest_level

if TYPE_CHECKING:  # the main builder imports this module
    from safecontext.demo.builder import CasePlan, PersonPlan

MEETING_PURPOSE = "Confirmed at the strategy discussion"
# Minutes between a referral arriving and its screening, for those screened since the last triage meeting.
_RECEIPT_GAPS = (47, 128, 71, 215, 96)


def build_front_door(
    *,
    now: dt.datetime,
    people: Sequence[PersonPlan],
    cases: Sequence[CasePlan],
    users: dict[str, UserName],
    council_service: str,
) -> FrontDoorPlan:
    return _FrontDoor(now.astimezone(ZONE), people, cases, users, council_service).build()


class _FrontDoor:
    def __init__(
        self,
        now: dt.datetime,
        people: Sequence[PersonPlan],
        cases: Sequence[CasePlan],
        users: dict[str, UserName],
        council_service: str,
    ) -> None:
        self.now = now
        self.today = now.date()
        self.people = {person.key: person for person in people}
        self.cases = cases
        self.users = users
        self.council_service = council_service
        self.framework = latest_framework()
        self.known = self._known_children()
        self.network = Network(today=self.today, people=self.people, cases=cases)

    # --- who the re-referrals are about ---

    def _known_children(self) -> dict[str, str]:
        """Re-referrals name young people already open to a pod: the subjects of the first generic pod cases aged
        12 or over. Their ages are drawn, not dated, so the same children are picked whatever the load date."""
        chosen = [
            case.subject
            for case in self.cases
            if case.key.startswith("f")
            and case.team in (data.POD_NORTH, data.POD_SOUTH)
            and (dob := self.people[case.subject].date_of_birth) is not None
            and age_on(dob, self.today) >= 12
        ][: len(referrals.KNOWN)]
        return dict(zip(referrals.KNOWN, chosen, strict=True))

    # --- the whole plan ---

    def build(self) -> FrontDoorPlan:
        contexts = tuple(_context_plan(spec) for spec in places.all_contexts())
        objects = tuple(
            ObjectPlan(spec.key, spec.kind, spec.value, match_key(spec.value), spec.description)
            for spec in places.OBJECTS
        )
        network = self.network
        network.add_family()
        network.add_case_study()
        planned = [self._referral(spec) for spec in referrals.REFERRALS]
        planned.sort(key=lambda referral: (referral.received_at, referral.key))
        for referral in planned:
            network.add_mentions(referral)
        meetings = self._meetings(planned)
        network.add_workers_mapping(planned)
        nodes = network.nodes(contexts, objects, planned)
        return FrontDoorPlan(
            now=self.now,
            contexts=contexts,
            objects=objects,
            nodes=nodes,
            links=tuple(network.links),
            referrals=tuple(planned),
            meetings=meetings,
        )

    # --- referrals ---

    def _referral(self, spec: ReferralSpec) -> ReferralPlan:
        received, decided = self._times(spec)
        children = tuple(self.known.get(key, key) for key in spec.children)
        given = self.people[children[0]].names[0].given_name if children else ""
        screening = self._screening(spec.screening, received, decided) if spec.screening and decided else None
        return ReferralPlan(
            key=spec.key,
            received_at=received,
            recorded_at=min(received + dt.timedelta(minutes=12), self.now),
            source=spec.source,
            referrer_name=spec.referrer_name,
            referrer_agency=spec.referrer_agency,
            referrer_contact=spec.referrer_contact,
            about="context" if spec.context else "children",
            children=children,
            subject_context=spec.context,
            concerns=spec.concerns.format(given=given),
            lawful_basis=spec.lawful_basis,
            consent_notes=spec.consent_notes.format(given=given),
            restricted=spec.restricted,
            status="screened" if screening else "awaiting_screening",
            decision_due_at=decision_due(received),
            recorded_by=spec.recorded_by,
            mentions=tuple(
                MentionPlan(m.role, m.as_written, node_ref(m.node), m.link_type, m.created_new_record, m.nature)
                for m in spec.mentions
            ),
            screening=screening,
        )

    def _times(self, spec: ReferralSpec) -> tuple[dt.datetime, dt.datetime | None]:
        """When the referral arrived and, if it has been screened, when it was decided."""
        if spec.when == SCREENED:
            received = london(self.today - dt.timedelta(days=spec.days_ago), spec.at)
            assert spec.screening is not None, spec.key
            day = decision_due(received).date()  # screened on the day it was due…
            if spec.screening.late:
                day = next_working_day(day)  # …or, for one, the working day after
            decided = max(london(day, spec.screening.at), received + dt.timedelta(minutes=45))
            return received, decided
        if spec.when == OVERDUE:
            day = self.today
            for _ in range(spec.days_ago):
                day = previous_working_day(day)
            return london(day, spec.at), None
        same = [s.key for s in referrals.REFERRALS if s.when == spec.when]
        index, count = same.index(spec.key), len(same)
        if spec.when == NEXT_TRIAGE:
            # Screened since the last triage meeting, so routing puts them on the next one; received earlier the
            # same working day (a decision made at 09:30 or later leaves room for the largest gap, 3h35).
            start, end = self._since_last_triage()
            decided = (start + (end - start) * (index + 1) / (count + 1)).replace(microsecond=0)
            return decided - dt.timedelta(minutes=_RECEIPT_GAPS[index % len(_RECEIPT_GAPS)]), decided
        # Awaiting screening and not yet due: arrived after the last working day's cut-off, so due today at the
        # earliest (or, at a weekend, on the next working day). At its usual time of day if that fits the window
        # (a school emails in the day, a hospital at night), otherwise spread across it.
        start = london(previous_working_day(self.today), ROUTING_RULES.cut_off.strftime("%H:%M"))
        usual = london(self.today, spec.at)
        if usual >= self.now:
            usual -= dt.timedelta(days=1)
        if start <= usual < self.now:
            return usual, None
        received = start + (self.now - start) * (index + 1) / (count + 1)
        return received.replace(second=0, microsecond=0), None

    def _since_last_triage(self) -> tuple[dt.datetime, dt.datetime]:
        """From the last daily triage meeting to now (or that day's close): decisions made then go to the next."""
        meeting_time = ROUTING_RULES.triage_meeting_time
        if is_working_day(self.today) and dt.datetime.combine(self.today, meeting_time, tzinfo=ZONE) <= self.now:
            last = dt.datetime.combine(self.today, meeting_time, tzinfo=ZONE)
        else:
            last = dt.datetime.combine(previous_working_day(self.today), meeting_time, tzinfo=ZONE)
        close = dt.datetime.combine(last.date(), ROUTING_RULES.cut_off, tzinfo=ZONE)
        return last, min(self.now, close)

    def _screening(self, spec: ScreeningSpec, received: dt.datetime, decided: dt.datetime) -> ScreeningPlan:
        framework = self.framework
        suggestion = suggest_level(framework, spec.indicators)
        decided_level = spec.decided_level or suggestion.level.number
        if decided_level != suggestion.level.number and not spec.level_rationale:
            raise ValueError(f"Screening {spec.indicators}: overriding the suggested level needs a rationale")
        level = framework.level(decided_level)
        decision = route(
            risk=ExtraFamilialRisk(spec.risk),
            level_number=decided_level,
            level_count=len(framework.levels),
            rules=ROUTING_RULES,
            level_name=level.name,
            level_action=level.action,
        )
        return ScreeningPlan(
            framework_slug=framework.slug,
            framework_version=framework.version,
            indicator_ids=spec.indicators,
            suggested_level=suggestion.level.number,
            decided_level=decided_level,
            level_rationale=spec.level_rationale,
            extra_familial_risk=spec.risk,
            risk_rationale=spec.risk_rationale,
            route=decision.kind.value,
            route_explanation=decision.explanation,
            next_step_due_at=decision.due.due_at(received_at=received, decided_at=decided),
            decided_by=spec.decided_by,
            decided_at=decided,
        )

    # --- meetings ---

    def _meetings(self, planned: list[ReferralPlan]) -> tuple[MeetingPlan, ...]:
        specs = {spec.key: spec for spec in referrals.REFERRALS}
        by_slot: dict[dt.datetime, list[ReferralPlan]] = defaultdict(list)
        strategy: MeetingPlan | None = None
        for referral in planned:
            screening = referral.screening
            if screening is None:
                continue
            if screening.route == RouteKind.TRIAGE_MEETING:
                assert screening.next_step_due_at is not None
                by_slot[screening.next_step_due_at].append(referral)
            elif screening.route == RouteKind.STRATEGY_DISCUSSION:
                if referral.key != referrals.STRATEGY_DISCUSSION.referral:
                    raise ValueError(f"Referral {referral.key} is routed to a strategy discussion the demo never held")
                strategy = self._strategy_discussion(referral)
        if strategy is None:
            raise ValueError("The demo's strategy discussion has no high-risk referral")
        next_slot = next_triage_meeting(self.now, meeting_time=ROUTING_RULES.triage_meeting_time)
        meetings = [strategy]
        for number, slot in enumerate(sorted(by_slot)):
            held = slot < self.now
            if not held and slot != next_slot:
                raise ValueError(f"A triage meeting at {slot} is neither held nor the next one ({next_slot})")
            meetings.append(self._triage_meeting(number, slot, by_slot[slot], specs, held=held))
        if next_slot not in by_slot:
            raise ValueError("No referral was screened since the last triage meeting")
        meetings.sort(key=lambda meeting: (meeting.scheduled_for, meeting.key))
        return tuple(meetings)

    def _triage_meeting(
        self,
        number: int,
        slot: dt.datetime,
        on_agenda: list[ReferralPlan],
        specs: dict[str, ReferralSpec],
        *,
        held: bool,
    ) -> MeetingPlan:
        chair = referrals.TRIAGE_CHAIR
        rota = referrals.TRIAGE_ROTA if not held else (referrals.TRIAGE_ROTA[number % len(referrals.TRIAGE_ROTA)],)
        usernames = (*referrals.TRIAGE_COUNCIL, referrals.TRIAGE_POLICE, *rota)
        items: list[AgendaItemPlan] = []
        actions: list[MeetingActionPlan] = []
        for referral in on_agenda:
            spec = specs[referral.key].screening
            assert spec is not None
            first = len(items) + 1
            for child in referral.children or ("",):
                items.append(
                    AgendaItemPlan(
                        position=len(items) + 1,
                        referral=referral.key,
                        child=child,
                        context=referral.subject_context if not child else "",
                        decision=spec.triage_decision if held else "",
                        restricted_information="",
                        decided_by=chair if held else None,
                    )
                )
            if held:
                actions += [self._action(action, slot.date(), first) for action in spec.actions]
        return MeetingPlan(
            key=f"triage-{slot:%Y%m%d}",
            kind="daily_triage",
            scheduled_for=slot,
            due_by=slot,
            status="held" if held else "scheduled",
            chair=chair,
            outcome="",
            outcome_notes="",
            restricted_minutes="",
            attendees=tuple(self._attendee(username) for username in usernames),
            items=tuple(items),
            actions=tuple(actions),
        )

    def _strategy_discussion(self, referral: ReferralPlan) -> MeetingPlan:
        spec = referrals.STRATEGY_DISCUSSION
        screening = referral.screening
        assert screening is not None
        held = london(screening.decided_at.date(), spec.held_at)
        if not screening.decided_at < held <= (screening.next_step_due_at or held) < self.now:
            raise ValueError("The strategy discussion must be held after the decision, on time, and in the past")
        key = f"strategy-{referral.key}"
        items = tuple(
            AgendaItemPlan(position, referral.key, child, "", spec.decision, spec.restricted_information, spec.chair)
            for position, child in enumerate(referral.children, start=1)
        )
        attendees = tuple(self._attendee(username) for username in spec.attendees)
        attendees += tuple(AttendeePlan(None, name, agency) for name, agency in spec.guests)
        for a, link_type, b in spec.links:
            self.network.add(
                node_ref(a),
                link_type,
                node_ref(b),
                nature="harmful",
                source_kind="meeting",
                source=key,
                on=held.date(),
                by=spec.chair,
                at=held + dt.timedelta(hours=1),
                purpose=MEETING_PURPOSE,
            )
        return MeetingPlan(
            key=key,
            kind="strategy_discussion",
            scheduled_for=held,
            due_by=screening.next_step_due_at,
            status="held",
            chair=spec.chair,
            outcome=spec.outcome,
            outcome_notes=spec.outcome_notes,
            restricted_minutes=spec.restricted_minutes,
            attendees=attendees,
            items=items,
            actions=tuple(self._action(action, held.date(), 1) for action in spec.actions),
        )

    def _action(self, spec: ActionSpec, meeting_day: dt.date, item_position: int) -> MeetingActionPlan:
        due_on = add_working_days(meeting_day, spec.due_working_days)
        # Done only if it was due before today: nothing is recorded as done in the future.
        done_at = london(due_on, "15:30") if spec.done and due_on < self.today else None
        return MeetingActionPlan(
            item_position=item_position,
            description=spec.description,
            owner=spec.owner or None,
            owner_name=spec.owner_name,
            owner_agency=spec.owner_agency,
            due_on=due_on,
            done_at=done_at,
        )

    def _attendee(self, username: str) -> AttendeePlan:
        user = self.users[username]
        return AttendeePlan(username, user.name, user.agency or self.council_service)


def _context_plan(spec: places.ContextSpec) -> ContextPlan:
    latitude, longitude = spec.point if spec.point else (None, None)
    return ContextPlan(
        spec.key, spec.kind, spec.name, match_key(spec.name), spec.description, spec.postcode, latitude, longitude
    )
