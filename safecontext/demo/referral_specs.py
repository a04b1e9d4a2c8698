"""The shapes of the demo's front-door data (referral_data.py, other_referrals.py): plain, frozen specs that
front_door_builder.py turns into a plan. Times are kept as offsets from the load moment; see ReferralSpec.
"""

from __future__ import annotations

from dataclasses import dataclass

SCREENED, NEXT_TRIAGE, AWAITING, OVERDUE = "screened", "next_triage", "awaiting", "overdue"


@dataclass(frozen=True)
class ReferredChildSpec:
    """A child the front door first hears of through a referral (a new record, created at intake)."""

    key: str
    given_name: str
    family_name: str
    sex: str
    age: int | None  # None: nobody knows how old they are
    ethnicity: str
    nicknames: tuple[str, ...] = ()
    known: bool = True  # False: no identifiers yet (an anonymous referral gives a first name only)
    household: str = ""  # siblings share a household key, and so an address


@dataclass(frozen=True)
class MentionSpec:
    role: str  # Mention.Role value
    as_written: str
    node: str  # "p:<person>", "c:<context>" or "o:<object>"
    link_type: str  # Link.Type value
    nature: str = "unknown"
    created_new_record: bool = False


@dataclass(frozen=True)
class ActionSpec:
    description: str
    owner: str = ""  # a username; or, for someone outside SafeContext, owner_name and owner_agency
    due_working_days: int = 1  # after the meeting
    done: bool = False
    owner_name: str = ""
    owner_agency: str = ""


@dataclass(frozen=True)
class ScreeningSpec:
    indicators: tuple[str, ...]  # ids in the default framework (thresholds.loader.latest_framework)
    risk: str  # none / low / medium / high
    risk_rationale: str
    decided_by: str
    decided_level: int | None = None  # None: the practitioner agreed with the suggestion
    level_rationale: str = ""
    at: str = "11:00"  # when on its decision day the referral was screened (screened referrals only)
    late: bool = False  # decided the working day after it was due
    triage_decision: str = ""  # what the daily triage meeting decided (medium and low risk)
    actions: tuple[ActionSpec, ...] = ()


@dataclass(frozen=True)
class ReferralSpec:
    key: str
    when: str  # SCREENED, NEXT_TRIAGE, AWAITING or OVERDUE
    days_ago: int
    at: str  # "HH:MM", when it arrived; for AWAITING, its usual time of day (see front_door_builder)
    source: str  # DfE CIN census source of referral (front_door.codes.ReferralSource)
    referrer_name: str
    referrer_agency: str
    referrer_contact: str
    concerns: str  # "{given}" is the child's given name, for re-referrals of children already known
    lawful_basis: str
    consent_notes: str
    recorded_by: str
    children: tuple[str, ...] = ()  # person keys; "@known1"… are children already open to the council
    context: str = ""  # a context key, when the referral is about a context
    restricted: bool = False
    mentions: tuple[MentionSpec, ...] = ()
    screening: ScreeningSpec | None = None


@dataclass(frozen=True)
class StrategySpec:
    """The one strategy discussion already held (Working Together 2023, ch.3)."""

    referral: str
    held_at: str  # on the screening decision's day
    chair: str
    attendees: tuple[str, ...]  # usernames
    guests: tuple[tuple[str, str], ...]  # (name, agency) of attendees outside SafeContext
    outcome: str
    outcome_notes: str
    restricted_minutes: str
    decision: str
    restricted_information: str
    actions: tuple[ActionSpec, ...]
    # What the police confirmed at the meeting, recorded as links whose source is the meeting.
    links: tuple[tuple[str, str, str], ...]


# Mention.Role values, and the lawful bases the referrals use most (front_door.codes.LawfulBasis).
PEER, ADULT, CONTEXT, OBJECT = "peer", "adult_of_concern", "context", "object"
PUBLIC_TASK, CONSENT = "public_task", "consent"
NOT_SOUGHT_RISK = (
    "Consent not sought: asking could alert the adult and put the young person at greater risk (Information Sharing "
    "Advice for safeguarding practitioners, 2024)."
)


# Short constructors, so the tables of referrals read as tables.
def mention(
    role: str, as_written: str, node: str, link_type: str, nature: str = "unknown", new: bool = False
) -> MentionSpec:
    return MentionSpec(role, as_written, node, link_type, nature, new)


def act(description: str, owner: str, days: int, done: bool = True) -> ActionSpec:
    return ActionSpec(description, owner, days, done)
