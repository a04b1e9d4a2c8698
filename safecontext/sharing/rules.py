"""Sharing records: what was shared about a young person, with whom, why and on what lawful basis, and decisions not
to share, recorded the same way; which exports need one; and the plain-language "who knows what about me" lines.

Sources:
- Working Together to Safeguard Children 2023 (ch.1, information sharing) and the DfE "Information sharing: advice
  for practitioners" (2024): record what was shared, with whom, for what purpose and on what lawful basis, and
  record decisions not to share with the reasons. Consent is one basis among several: where it is the basis it must
  have been given; where another basis is used, say why consent was not sought (or why sharing went ahead without
  it). Be open with the child and family about what is shared unless telling them would put a child at risk, and
  record why when they were not told.
- Seed 000 (Asif and Ali): "Ali was transparent with Asif about what information was shared, why and with whom."

Rules (docs/adr/0016-supervision-and-sharing-rules.md):
- `validate_sharing_record` returns every problem at once, as the context rules do (`Problem`, `Severity`).
- What was shared and why it was shared are closed lists (`ItemKind`, `Purpose`) with a free-text detail beside
  each for professionals: the young person's lines are built only from the closed lists, the agency name and the
  date, so a name typed into any free-text field can never reach them.
- A share the young person was not told about is left out of their lines: the recorded decision not to tell them
  stands until a worker records that they have been told.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from safecontext.contexts.rules import Problem, Severity
from safecontext.front_door.codes import LawfulBasis

__all__ = [
    "ConsentStatus",
    "Decision",
    "ExportKind",
    "ItemKind",
    "LawfulBasis",
    "Problem",
    "Purpose",
    "Severity",
    "SharingRecord",
    "requires_sharing_record",
    "validate_sharing_record",
    "who_knows_what_lines",
]


class Decision(StrEnum):
    SHARED = "shared"
    NOT_SHARED = "not_shared"


class ConsentStatus(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    NOT_SOUGHT = "not_sought"


class ItemKind(StrEnum):
    """What was shared, as the young person reads it ("we shared your safety plan")."""

    SAFETY_PLAN = "safety_plan"
    ASSESSMENT = "assessment"
    PLAN = "plan"
    CHRONOLOGY = "chronology"
    REFERRAL = "referral"
    CONTACT_DETAILS = "contact_details"
    MEETING_NOTES = "meeting_notes"
    RECORD = "record"  # an export of the record itself (CSV, API)
    NETWORK_MAP = "network_map"
    WHO_KNOWS = "who_knows"  # the young person's own "who knows what about me" copy
    OTHER = "other"

    @property
    def for_young_person(self) -> str:
        return _ITEMS_FOR_YOUNG_PERSON[self]


_ITEMS_FOR_YOUNG_PERSON = {
    ItemKind.SAFETY_PLAN: "your safety plan",
    ItemKind.ASSESSMENT: "your assessment",
    ItemKind.PLAN: "your plan",
    ItemKind.CHRONOLOGY: "a timeline of what has happened in your life",
    ItemKind.REFERRAL: "the referral about you",
    ItemKind.CONTACT_DETAILS: "your contact details",
    ItemKind.MEETING_NOTES: "notes from a meeting about you",
    ItemKind.RECORD: "information from your record",
    ItemKind.NETWORK_MAP: "a map of people and places in your life",
    ItemKind.WHO_KNOWS: "the list of who knows what about you",
    ItemKind.OTHER: "some information about you",
}


class Purpose(StrEnum):
    """Why it was shared, finishing the young person's sentence "... so they could ..."."""

    KEEP_SAFE = "keep_safe"
    PROTECT_OTHERS = "protect_others"
    PLAN_SUPPORT = "plan_support"
    HEALTH = "health"
    EDUCATION = "education"
    DISRUPT_EXPLOITATION = "disrupt_exploitation"
    ASSESS = "assess"
    OTHER = "other"

    @property
    def for_young_person(self) -> str:
        return _PURPOSES_FOR_YOUNG_PERSON[self]


_PURPOSES_FOR_YOUNG_PERSON = {
    Purpose.KEEP_SAFE: "help keep you safe",
    Purpose.PROTECT_OTHERS: "help keep other young people safe",
    Purpose.PLAN_SUPPORT: "plan the support you get",
    Purpose.HEALTH: "look after your health",
    Purpose.EDUCATION: "support you at school or college",
    Purpose.DISRUPT_EXPLOITATION: "stop people who might be harming you or others",
    Purpose.ASSESS: "understand what help you need",
    Purpose.OTHER: "help with your support",
}


class ExportKind(StrEnum):
    PDF = "pdf"
    CSV = "csv"
    API_EXPORT = "api_export"
    PRINT = "print"
    # Reading a record on screen inside SafeContext is not a share: the AccessEvent records it.
    ON_SCREEN = "on_screen"


_OUTBOUND = frozenset({ExportKind.PDF, ExportKind.CSV, ExportKind.API_EXPORT, ExportKind.PRINT})


@dataclass(frozen=True)
class SharingRecord:
    """One decision to share, or not to share, information about one or more young people.

    The `*_detail`, `*_reason`, `recipient_person` and `decision_maker` fields are free text for professionals and
    never reach the young person's lines.
    """

    subject_ids: tuple[int, ...]
    decision: Decision
    items: tuple[ItemKind, ...]
    agency: str  # the agency's name from the agency list, shown to the young person
    recipient_person: str  # the person at the agency who received (or asked for) it
    purpose: Purpose | None
    lawful_basis: LawfulBasis | None
    consent: ConsentStatus | None
    young_person_told: bool | None
    family_told: bool | None
    decision_maker: str
    decided_on: date
    items_detail: str = ""
    purpose_detail: str = ""
    consent_reason: str = ""  # why consent was not sought, or why sharing went ahead when it was refused
    not_told_reason: str = ""  # why the young person or family was not told
    reason_not_shared: str = ""


def validate_sharing_record(record: SharingRecord, *, today: date) -> list[Problem]:
    """Every problem with the record, each naming its field; an empty list means it can be saved."""
    problems: list[Problem] = []

    def need(text: str, field: str, message: str) -> None:
        if not text.strip():
            problems.append(Problem(field, message))

    shared = record.decision is Decision.SHARED
    if not record.subject_ids:
        problems.append(Problem("subject_ids", "Say which young person or people the information is about"))
    if not record.items:
        what = "what was shared" if shared else "what was asked for"
        problems.append(Problem("items", f"Say {what}"))
    if ItemKind.OTHER in record.items:
        need(record.items_detail, "items_detail", "Describe the other information")
    need(record.agency, "agency", "Say which agency" + (" it was shared with" if shared else " asked for it"))
    if shared:
        need(record.recipient_person, "recipient_person", "Say who at the agency it was shared with")
    if record.purpose is None:
        problems.append(Problem("purpose", "Say why: the purpose is recorded for every share and every refusal"))
    elif record.purpose is Purpose.OTHER:
        need(record.purpose_detail, "purpose_detail", "Describe the purpose")
    if record.lawful_basis is None:
        problems.append(Problem("lawful_basis", "Choose the lawful basis"))

    if record.consent is None:
        problems.append(Problem("consent", "Say whether consent was given, refused or not sought"))
    elif record.lawful_basis == LawfulBasis.CONSENT and record.consent is not ConsentStatus.GIVEN:
        problems.append(
            Problem(
                "consent",
                "Consent is the lawful basis, so consent must be recorded as given; if it was not given, choose the "
                "basis the decision really rests on",
            )
        )
    elif record.consent is ConsentStatus.NOT_SOUGHT:
        need(record.consent_reason, "consent_reason", "Say why consent was not sought")
    elif record.consent is ConsentStatus.REFUSED and shared:
        need(record.consent_reason, "consent_reason", "Consent was refused: say why the information was still shared")

    if record.young_person_told is None:
        problems.append(Problem("young_person_told", "Say whether the young person was told"))
    if record.family_told is None:
        problems.append(Problem("family_told", "Say whether the family was told"))
    if record.young_person_told is False or record.family_told is False:
        who = "the young person was" if record.young_person_told is False else "the family was"
        if record.young_person_told is False and record.family_told is False:
            who = "the young person and family were"
        need(record.not_told_reason, "not_told_reason", f"Say why {who} not told")

    need(record.decision_maker, "decision_maker", "Say who made the decision")
    if record.decided_on > today:
        problems.append(Problem("decided_on", "The date of the decision cannot be in the future"))
    if not shared:
        need(record.reason_not_shared, "reason_not_shared", "A decision not to share needs its reason")
    elif record.reason_not_shared.strip():
        problems.append(
            Problem("reason_not_shared", "This records a share: remove the reason for not sharing", Severity.WARNING)
        )
    return problems


def requires_sharing_record(export_kind: str) -> bool:
    """Whether producing this export needs a sharing record linked to it (issue 6: every outbound document or export
    of a person's information). An unknown kind is an error, so a new export cannot slip out unrecorded."""
    try:
        kind = ExportKind(export_kind)
    except ValueError:
        known = ", ".join(kind.value for kind in ExportKind)
        raise ValueError(f"Unknown export kind {export_kind!r} (known: {known})") from None
    return kind in _OUTBOUND


def who_knows_what_lines(records: Iterable[SharingRecord], *, subject_id: int) -> list[str]:
    """Plain-language lines for the young person, oldest first: "On 3 March 2026 we shared your safety plan with
    Brightside Police so they could help keep you safe."

    Built only from the date, the item and purpose lists and the agency name: never a person's name or any free
    text. Left out: decisions not to share, shares about other young people, and shares the young person was not
    told about (see the module docstring).
    """
    shown = [
        record
        for record in records
        if subject_id in record.subject_ids
        and record.decision is Decision.SHARED
        and record.young_person_told is True
        and record.items
        and record.purpose is not None
    ]
    lines = []
    for record in sorted(shown, key=lambda record: record.decided_on):
        assert record.purpose is not None  # filtered above; narrows the type
        what = _and_list([item.for_young_person for item in dict.fromkeys(record.items)])
        lines.append(
            f"On {record.decided_on.day} {record.decided_on:%B %Y} we shared {what} with {record.agency.strip()} "
            f"so they could {record.purpose.for_young_person}."
        )
    return lines


def _and_list(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
