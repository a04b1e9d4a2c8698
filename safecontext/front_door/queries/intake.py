"""Reads for referral intake: duplicate candidates for a child being referred, a referral as its page and the API
show it, and the API's list of referrals. Always scoped through access/scope.py.

Duplicate candidates reuse the people search's indexed blocking and explained scoring (people/queries.py,
people/matching.py; docs/adr/0006-tolerant-person-search.md), so the cost for one new child does not grow with the
number of people on record. The postcode is one more reason, looked up by index for the few candidates found; it
never finds anyone on its own (a postcode holds whole families, who are not duplicates of each other).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone

from safecontext.access.scope import (
    can_see_restricted_addresses,
    can_see_restricted_information,
    people_in_scope,
    people_visible_to,
    referrals_visible_to,
)
from safecontext.front_door.models import Mention, Referral, ScreeningDecision
from safecontext.front_door.routing import RouteKind
from safecontext.network.models import Link, Node
from safecontext.network.queries import links_from_source, node_label
from safecontext.people import identifiers, matching
from safecontext.people.models import Address, Person
from safecontext.people.queries import PersonMatch, search_people
from safecontext.thresholds.framework import UnknownFramework
from safecontext.thresholds.loader import get_framework

if TYPE_CHECKING:
    from safecontext.accounts.models import User

# With a postcode typed, it counts for this share of the score: enough to put the record at the typed postcode above
# an otherwise identical one, too little for a different postcode to bury the right child (families move).
POSTCODE_WEIGHT = 0.15
POSTCODE_MATCHES, POSTCODE_DIFFERS, POSTCODE_UNKNOWN = 1.0, 0.3, matching.MISSING_PART_SCORE
# Candidates are re-ranked after the postcode is weighed, so a few more are fetched than are shown.
FETCH_FACTOR = 3
RESTRICTED = "Restricted information"


def normalised_postcode(postcode: str) -> str:
    """The stored form of a postcode ("bn11aa" → "BN1 1AA"), or "" when it is blank or not a postcode's shape."""
    try:
        return identifiers.clean_postcode(postcode or "")
    except identifiers.IdentifierError:
        return ""


def duplicate_candidates(
    *,
    user: User,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date | None,
    postcode: str = "",
    limit: int = 10,
) -> list[PersonMatch]:
    """People in the user's scope who may be the child being referred, best first, each with the reasons it
    matched. Suggestions only: the practitioner picks one or creates a new record; nothing is ever merged here."""
    text = " ".join(part for part in (given_name.strip(), family_name.strip()) if part)
    if limit <= 0 or len(matching.normalise(text)) < 2:
        return []  # a date of birth alone matches hundreds of children in a city: wait for a name
    found = search_people(user=user, text=text, date_of_birth=date_of_birth, limit=limit * FETCH_FACTOR)
    postcode = normalised_postcode(postcode)
    if not postcode or not found:
        return found[:limit]
    addresses = Address.objects.filter(person_id__in=[match.person.pk for match in found])
    if not can_see_restricted_addresses(user):
        # A restricted address (a refuge) counts as no address: confirming, or denying, that a child lives at the
        # postcode typed would say where they are.
        addresses = addresses.filter(restricted=False)
    postcodes: dict[int, set[str]] = {}
    for person_id, recorded in addresses.values_list("person_id", "postcode"):
        postcodes.setdefault(person_id, set()).add(recorded)
    rescored = []
    for match in found:
        recorded_here = postcodes.get(match.person.pk)
        if not recorded_here:
            part, reasons = POSTCODE_UNKNOWN, match.reasons
        elif postcode in recorded_here:
            part, reasons = POSTCODE_MATCHES, [*match.reasons, f"An address on record is in {postcode}"]
        else:
            part, reasons = POSTCODE_DIFFERS, [*match.reasons, f"No address on record is in {postcode}"]
        score = round((1 - POSTCODE_WEIGHT) * match.score + POSTCODE_WEIGHT * part, 3)
        rescored.append(PersonMatch(person=match.person, score=score, reasons=reasons))
    rescored.sort(key=lambda match: (-match.score, match.person.display_name.casefold(), match.person.pk))
    return rescored[:limit]


def person_for_intake(*, user: User, person_id: int) -> Person | None:
    """A person the practitioner picked as "the same child" (or the same peer or adult), if their scope reaches
    them; None otherwise. Break-glass does not count: it opens a record for reading, not for recording on."""
    return people_in_scope(user).filter(pk=person_id).first()


def referral_for_submission(*, user: User, token: str) -> Referral | None:
    """The referral this user already recorded from this form submission (a double click, a resubmit)."""
    if not token:
        return None
    return referrals_visible_to(user).filter(recorded_by=user, submission_token=token).first()


def mention_candidates(*, user: User, as_written: str, limit: int = 5) -> list[PersonMatch]:
    """People in the user's scope who may be the peer or adult a referrer named ("Tiny G", "Jay Smith")."""
    if len(matching.normalise(as_written)) < 2:
        return []
    return search_people(user=user, text=as_written, limit=limit)


# --- one referral -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkShown:
    description: str  # "Test Child —Associates with→ Tiny G"
    nature: str


@dataclass(frozen=True)
class MentionShown:
    mention: Mention
    record_label: str
    person: Person | None
    person_visible: bool
    links: list[LinkShown]


@dataclass(frozen=True)
class ScreeningShown:
    decision: ScreeningDecision
    level_label: str
    route_label: str


@dataclass(frozen=True)
class ReferralShown:
    referral: Referral
    children: list[Person]
    visible_person_ids: frozenset[int]
    restricted_hidden: bool  # the user may not read this referral's restricted (police) information
    mentions: list[MentionShown]  # empty when hidden
    overdue: bool
    screening: ScreeningShown | None
    mentioned_person_ids: list[int] = field(default_factory=list)

    @property
    def shown_person_ids(self) -> list[int]:
        return [child.pk for child in self.children] + self.mentioned_person_ids


def _link_description(link: Link) -> str:
    return f"{node_label(link.a)} —{link.get_type_display()}→ {node_label(link.b)}"


def _screening(referral: Referral) -> ScreeningShown | None:
    try:
        decision = referral.screening
    except ScreeningDecision.DoesNotExist:
        return None
    try:
        level = get_framework(decision.framework_slug, decision.framework_version).level(decision.decided_level)
        level_label = f"Level {level.number}: {level.name}"
    except (UnknownFramework, LookupError, ValueError):
        level_label = f"Level {decision.decided_level}"
    routes = {kind.value: kind.label for kind in RouteKind}
    return ScreeningShown(
        decision=decision, level_label=level_label, route_label=routes.get(decision.route, decision.route)
    )


def is_overdue(referral: Referral, *, now: dt.datetime | None = None) -> bool:
    return referral.status == Referral.Status.AWAITING_SCREENING and (now or timezone.now()) > referral.decision_due_at


def referral_shown(*, referral: Referral, user: User) -> ReferralShown:
    """What of this referral the user may see. The caller fetched it with access.scope.get_referral_for_user and
    records an AccessEvent for `shown_person_ids` before building the page."""
    children = list(referral.children.prefetch_related("names").order_by("pk"))
    hidden = referral.restricted and not can_see_restricted_information(user)
    mentions: list[MentionShown] = []
    mentioned_person_ids: list[int] = []
    if not hidden:
        links = links_from_source(source_kind=Link.SourceKind.REFERRAL, source_id=referral.pk)
        rows = referral.mentions.select_related(
            "node__person", "node__context", "node__object_of_interest"
        ).prefetch_related("node__person__names")
        for mention in rows:
            node: Node = mention.node
            person = node.person
            if person is not None:
                mentioned_person_ids.append(person.pk)
            mentions.append(
                MentionShown(
                    mention=mention,
                    record_label=node_label(node),
                    person=person,
                    person_visible=False,  # filled below, in one query for every person on the page
                    links=[
                        LinkShown(description=_link_description(link), nature=link.get_nature_display())
                        for link in links
                        if node.pk in {link.a_id, link.b_id}
                    ],
                )
            )
    everyone = [child.pk for child in children] + mentioned_person_ids
    visible = frozenset(people_visible_to(user).filter(pk__in=everyone).values_list("pk", flat=True))
    mentions = [
        MentionShown(
            mention=row.mention,
            record_label=row.record_label,
            person=row.person,
            person_visible=row.person is not None and row.person.pk in visible,
            links=row.links,
        )
        for row in mentions
    ]
    return ReferralShown(
        referral=referral,
        children=children,
        visible_person_ids=visible,
        restricted_hidden=hidden,
        mentions=mentions,
        overdue=is_overdue(referral),
        screening=_screening(referral),
        mentioned_person_ids=list(dict.fromkeys(mentioned_person_ids)),
    )


def referral_summary(shown: ReferralShown) -> dict[str, Any]:
    """A referral as plain values for the API (restricted information withheld as the page withholds it)."""
    referral = shown.referral
    return {
        "id": referral.pk,
        "version": referral.version,
        "status": referral.status,
        "received_at": referral.received_at,
        "decision_due_at": referral.decision_due_at,
        "overdue": shown.overdue,
        "source": referral.source,
        "referrer_name": referral.referrer_name,
        "referrer_agency": referral.referrer_agency,
        "referrer_contact": referral.referrer_contact,
        "about": referral.about,
        "children": [{"id": child.pk, "display_name": child.display_name} for child in shown.children],
        "subject_context": (
            {
                "id": referral.subject_context.pk,
                "kind": referral.subject_context.kind,
                "name": referral.subject_context.name,
            }
            if referral.subject_context is not None
            else None
        ),
        "restricted": referral.restricted,
        "concerns": RESTRICTED if shown.restricted_hidden else referral.concerns,
        "lawful_basis": referral.lawful_basis,
        "consent_notes": RESTRICTED if shown.restricted_hidden else referral.consent_notes,
        "mentions": [
            {
                "id": row.mention.pk,
                "role": row.mention.role,
                "as_written": row.mention.as_written,
                "record": row.record_label,
                "node_kind": row.mention.node.kind,
                "person_id": row.person.pk if row.person is not None else None,
                "context_id": row.mention.node.context_id,
                "object_id": row.mention.node.object_of_interest_id,
                "link_type": row.mention.link_type,
                "created_new_record": row.mention.created_new_record,
                "links": [link.description for link in row.links],
            }
            for row in shown.mentions
        ],
        "recorded_at": referral.recorded_at,
    }


def referrals_for_user(
    *, user: User, status: str = "", overdue: bool | None = None, limit: int = 50, offset: int = 0
) -> list[Referral]:
    """The referrals in the user's scope, the soonest decision first (an unknown status raises ValueError)."""
    if status and status not in Referral.Status.values:
        raise ValueError(f"unknown status {status!r}")
    referrals: QuerySet[Referral] = (
        referrals_visible_to(user).select_related("subject_context").prefetch_related("children__names")
    )
    if status:
        referrals = referrals.filter(status=status)
    now = timezone.now()
    if overdue is True:
        referrals = referrals.filter(status=Referral.Status.AWAITING_SCREENING, decision_due_at__lt=now)
    elif overdue is False:
        referrals = referrals.exclude(status=Referral.Status.AWAITING_SCREENING, decision_due_at__lt=now)
    return list(referrals.order_by("decision_due_at", "id")[offset : offset + limit])
