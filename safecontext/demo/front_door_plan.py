"""The demo's front door as plain data (no ORM): what front_door_builder.py and network_builder.py build and
front_door_writer.py writes. Keys, not ids: a person, context, object, referral or meeting is named by its key in
the plan, and the writer turns keys into rows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from safecontext.front_door.timescales import LONDON, is_working_day

ZONE = ZoneInfo(LONDON)
NodeRef = tuple[str, str]  # ("person" | "context" | "object", key)
_KINDS = {"p": "person", "c": "context", "o": "object"}


@dataclass(frozen=True)
class ContextPlan:
    key: str
    kind: str
    name: str
    name_key: str
    description: str
    postcode: str
    latitude: str | None
    longitude: str | None


@dataclass(frozen=True)
class ObjectPlan:
    key: str
    kind: str
    value: str
    normalised: str
    description: str


@dataclass(frozen=True)
class LinkPlan:
    a: NodeRef
    b: NodeRef
    type: str
    nature: str
    reliability: str
    source_kind: str  # "referral", "meeting" or "direct"
    source: str  # the referral's or meeting's key; "" for direct links
    valid_from: dt.date
    recorded_by: str | None
    recorded_at: dt.datetime
    purpose: str


@dataclass(frozen=True)
class MentionPlan:
    role: str
    as_written: str
    node: NodeRef
    link_type: str
    created_new_record: bool
    nature: str  # of the link the mention produced


@dataclass(frozen=True)
class ScreeningPlan:
    framework_slug: str
    framework_version: str
    indicator_ids: tuple[str, ...]
    suggested_level: int
    decided_level: int
    level_rationale: str
    extra_familial_risk: str
    risk_rationale: str
    route: str
    route_explanation: str
    next_step_due_at: dt.datetime | None
    decided_by: str
    decided_at: dt.datetime


@dataclass(frozen=True)
class ReferralPlan:
    key: str
    received_at: dt.datetime
    recorded_at: dt.datetime
    source: str
    referrer_name: str
    referrer_agency: str
    referrer_contact: str
    about: str  # "children" or "context"
    children: tuple[str, ...]  # person keys
    subject_context: str  # a context key, or ""
    concerns: str
    lawful_basis: str
    consent_notes: str
    restricted: bool
    status: str
    decision_due_at: dt.datetime
    recorded_by: str
    mentions: tuple[MentionPlan, ...]
    screening: ScreeningPlan | None


@dataclass(frozen=True)
class AttendeePlan:
    username: str | None
    name: str
    agency: str


@dataclass(frozen=True)
class AgendaItemPlan:
    position: int
    referral: str
    child: str  # a person key, or ""
    context: str  # a context key, or ""
    decision: str
    restricted_information: str
    decided_by: str | None


@dataclass(frozen=True)
class MeetingActionPlan:
    item_position: int | None
    description: str
    owner: str | None
    owner_name: str
    owner_agency: str
    due_on: dt.date
    done_at: dt.datetime | None


@dataclass(frozen=True)
class MeetingPlan:
    key: str
    kind: str
    scheduled_for: dt.datetime
    due_by: dt.datetime | None
    status: str
    chair: str
    outcome: str
    outcome_notes: str
    restricted_minutes: str
    attendees: tuple[AttendeePlan, ...]
    items: tuple[AgendaItemPlan, ...]
    actions: tuple[MeetingActionPlan, ...]


@dataclass(frozen=True)
class FrontDoorPlan:
    now: dt.datetime
    contexts: tuple[ContextPlan, ...]
    objects: tuple[ObjectPlan, ...]
    nodes: tuple[NodeRef, ...]
    links: tuple[LinkPlan, ...]
    referrals: tuple[ReferralPlan, ...]
    meetings: tuple[MeetingPlan, ...]


@dataclass(frozen=True)
class UserName:
    """What a meeting needs to know of a user: a name to show and the agency they come from."""

    name: str
    agency: str


def match_key(text: str) -> str:
    """Lower-case letters and digits only, for matching what people write: "Bus route 7", "@tiny.g7", "07700 900417"."""
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def london(day: dt.date, hhmm: str) -> dt.datetime:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=ZONE)


def previous_working_day(day: dt.date) -> dt.date:
    """The last working day strictly before `day` (timescales counts forwards only)."""
    candidate = day - dt.timedelta(days=1)
    while not is_working_day(candidate):
        candidate -= dt.timedelta(days=1)
    return candidate


def node_ref(text: str) -> NodeRef:
    """ "p:asif" → ("person", "asif"); "c:route-7" → ("context", "route-7"); "o:grey-audi" → ("object", "grey-audi")."""
    kind, _, key = text.partition(":")
    return (_KINDS[kind], key)
