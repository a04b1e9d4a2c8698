"""Every read of meetings, always scoped through access/scope.py (`meetings_visible_to`, `get_meeting_for_user`).

What a user sees of a meeting they may open:
- Council staff whose scope is a team or wider, and anyone who runs meetings, see the whole record: attendees,
  agenda, each item's decision, actions with owners and due dates, the outcome.
- A partner agency (scope "allocated": they see nothing of the front door beyond the meetings they attend) sees the
  meeting and its agenda — who attends and which children, referrals and contexts are discussed — and not the
  decisions, actions or minutes, which are the council's record of the meeting.
- Restricted information (police-sourced, on an item or in the minutes) shows only as "Restricted information" to
  anyone without VIEW_RESTRICTED_INFORMATION.
The agenda names its children to everyone who may open the meeting, whatever their own record scope: taking part
in a strategy or triage meeting is the basis on which agencies share what they know about those children (Working
Together 2023, ch.2 and ch.3), and a meeting the attendees cannot tell apart is no meeting. That is why a young
person withheld in the linked-young-people check (front_door/queries/linked.py) is named once a practitioner has
chosen to hold a complex strategy meeting about them. The page records an AccessEvent (kind "list") for every child
it names (`MeetingPage.child_ids`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils import timezone

from safecontext.access.permissions import Permission, Scope, has_permission, scope_for
from safecontext.access.scope import can_see_restricted_information, meetings_visible_to
from safecontext.accounts.models import User
from safecontext.meetings.models import AgendaItem, Attendee, Meeting, MeetingAction
from safecontext.people.models import Person, PersonName

if TYPE_CHECKING:
    from collections.abc import Iterable

# The meetings page lists this many upcoming and this many recent meetings of each kind: a daily triage meeting a
# working day is 250 a year, and nobody reads a list that long.
LIST_LIMIT = 20
RECENT_DAYS = 28


def sees_meeting_record(user: User) -> bool:
    """Whether the user sees decisions, actions and outcome, or (a partner agency) only the meeting and agenda."""
    return has_permission(user, Permission.RUN_MEETINGS) or scope_for(user) in {Scope.TEAM, Scope.SERVICE, Scope.ALL}


# --- the list ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    items: int


@dataclass
class KindSection:
    kind: str
    label: str
    upcoming: list[MeetingRow] = field(default_factory=list)
    recent: list[MeetingRow] = field(default_factory=list)


def meetings_by_kind(*, user: User, now: dt.datetime | None = None) -> list[KindSection]:
    """Upcoming (scheduled from the start of today) and recent (the last RECENT_DAYS days) meetings the user may see,
    by kind. No child is named here, so the list records no AccessEvent. Two queries per kind, each bounded."""
    now = now or timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    visible = meetings_visible_to(user).annotate(item_count=Count("items")).select_related("chair")
    sections = []
    for kind, label in Meeting.Kind.choices:
        of_kind = visible.filter(kind=kind)
        upcoming = of_kind.filter(scheduled_for__gte=today).order_by("scheduled_for", "pk")[:LIST_LIMIT]
        recent = of_kind.filter(
            scheduled_for__lt=today, scheduled_for__gte=today - dt.timedelta(days=RECENT_DAYS)
        ).order_by("-scheduled_for", "-pk")[:LIST_LIMIT]
        sections.append(
            KindSection(
                kind=kind,
                label=str(label),
                upcoming=[MeetingRow(m, m.item_count) for m in upcoming],
                recent=[MeetingRow(m, m.item_count) for m in recent],
            )
        )
    return sections


# --- one meeting ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Restricted:
    """Police-sourced text as this user may see it: the text, or only that there is some (`hidden`)."""

    text: str = ""
    hidden: bool = False

    def __bool__(self) -> bool:
        return bool(self.text) or self.hidden


@dataclass(frozen=True)
class ActionRow:
    action: MeetingAction
    owner: str
    agency: str
    overdue: bool


@dataclass(frozen=True)
class ItemRow:
    item: AgendaItem
    children: list[tuple[int, str]]  # (person id, name): the item's child, or the referral's children
    referral_id: int | None
    referral_received_at: dt.datetime | None
    context: str
    decision: str
    decided_by: str
    restricted: Restricted
    actions: list[ActionRow]


@dataclass(frozen=True)
class MeetingPage:
    meeting: Meeting
    full_record: bool  # False for a partner agency: the meeting and its agenda only
    can_run: bool
    attendees_by_agency: list[tuple[str, list[Attendee]]]
    items: list[ItemRow]
    general_actions: list[ActionRow]  # actions not tied to one item
    restricted_minutes: Restricted
    child_ids: frozenset[int]


def _names(person_ids: Iterable[int]) -> dict[int, str]:
    names: dict[int, str] = {}
    for person_id, kind, given, family in PersonName.objects.filter(person_id__in=list(set(person_ids))).values_list(
        "person_id", "kind", "given_name", "family_name"
    ):
        full = " ".join(part for part in (given, family) if part)
        if kind == PersonName.Kind.LEGAL or person_id not in names:
            names[person_id] = full
    return names


def _restricted(text: str, *, allowed: bool, shown: bool = True) -> Restricted:
    if not text or not shown:
        return Restricted()
    return Restricted(text=text) if allowed else Restricted(hidden=True)


def _action_row(action: MeetingAction, *, today: dt.date) -> ActionRow:
    owner = action.owner.display_name if action.owner else action.owner_name
    return ActionRow(
        action=action,
        owner=owner,
        agency=action.owner_agency,
        overdue=action.done_at is None and action.due_on < today,
    )


def meeting_page(*, user: User, meeting: Meeting) -> MeetingPage:
    """Everything the meeting page shows, as this user may see it (module docstring). A fixed number of queries."""
    full = sees_meeting_record(user)
    restricted_ok = can_see_restricted_information(user)
    attendees = list(meeting.attendees.select_related("user").order_by("agency", "name", "pk"))
    by_agency: dict[str, list[Attendee]] = defaultdict(list)
    for attendee in attendees:
        by_agency[attendee.agency or "Agency not recorded"].append(attendee)

    items = list(
        meeting.items.select_related("referral", "context", "decided_by").prefetch_related(
            Prefetch("referral__children", queryset=Person.objects.only("pk").order_by("pk"))
        )
    )
    actions = list(meeting.actions.select_related("owner", "item").order_by("due_on", "pk")) if full else []
    person_ids: set[int] = set()
    for item in items:
        if item.child_id:
            person_ids.add(item.child_id)
        elif item.referral_id:
            person_ids.update(child.pk for child in item.referral.children.all())  # type: ignore[union-attr,misc]
    names = _names(person_ids)
    today = timezone.localdate()
    actions_by_item: dict[int | None, list[ActionRow]] = defaultdict(list)
    for action in actions:
        actions_by_item[action.item_id].append(_action_row(action, today=today))

    rows = []
    for item in items:
        if item.child_id:
            children = [(item.child_id, names.get(item.child_id, f"Person {item.child_id}"))]
        elif item.referral_id:
            children = [
                (child.pk, names.get(child.pk, f"Person {child.pk}"))
                for child in item.referral.children.all()  # type: ignore[union-attr,misc]
            ]
        else:
            children = []
        rows.append(
            ItemRow(
                item=item,
                children=children,
                referral_id=item.referral_id,
                referral_received_at=item.referral.received_at if item.referral else None,
                context=item.context.name if item.context else "",
                decision=item.decision if full else "",
                decided_by=item.decided_by.display_name if full and item.decided_by else "",
                restricted=_restricted(item.restricted_information, allowed=restricted_ok, shown=full),
                actions=actions_by_item.get(item.pk, []),
            )
        )
    return MeetingPage(
        meeting=meeting,
        full_record=full,
        can_run=has_permission(user, Permission.RUN_MEETINGS),
        attendees_by_agency=sorted(by_agency.items()),
        items=rows,
        general_actions=actions_by_item.get(None, []),
        restricted_minutes=_restricted(meeting.restricted_minutes, allowed=restricted_ok, shown=full),
        child_ids=frozenset(person_ids),
    )


def get_item_for_meeting(*, meeting: Meeting, item_id: int) -> AgendaItem:
    """An item of this meeting (the meeting already fetched in the user's scope); else 404."""
    try:
        return meeting.items.select_related("referral", "context", "child").get(pk=item_id)
    except AgendaItem.DoesNotExist:
        raise Http404("No agenda item found") from None


def item_children(item: AgendaItem) -> list[tuple[int, str]]:
    """The children an item is about (its child, or its referral's children), with names."""
    if item.child_id:
        ids = [item.child_id]
    elif item.referral_id:
        ids = list(item.referral.children.order_by("pk").values_list("pk", flat=True))  # type: ignore[union-attr,misc]
    else:
        ids = []
    names = _names(ids)
    return [(pk, names.get(pk, f"Person {pk}")) for pk in ids]


def attendee_users(meeting: Meeting) -> list[User]:
    """The attendees who use SafeContext: who an action can be given to, or who chaired the meeting."""
    return list(
        User.objects.filter(meetings_attended__meeting=meeting, is_active=True).order_by(
            "first_name", "last_name", "pk"
        )
    )


def find_user_for_attendance(*, username: str) -> User | None:
    """An active user by username (case-insensitive), to add as an attendee; None if there is none."""
    return User.objects.filter(username__iexact=username.strip(), is_active=True).first()


def agenda_labels(meeting: Meeting) -> tuple[list[tuple[AgendaItem, str]], frozenset[int]]:
    """Each agenda item with a short label ("Item 2: Jordan Smith", "Item 1: Bus route 7"), for choosing which item
    an action belongs to; and the children named (for the AccessEvents). Three queries, whatever the agenda's size."""
    items = list(
        meeting.items.select_related("context").prefetch_related(
            Prefetch("referral__children", queryset=Person.objects.only("pk").order_by("pk"))
        )
    )
    ids: dict[int, list[int]] = {}
    for item in items:
        if item.child_id:
            ids[item.pk] = [item.child_id]
        elif item.referral_id:
            ids[item.pk] = [child.pk for child in item.referral.children.all()]  # type: ignore[union-attr,misc]
        else:
            ids[item.pk] = []
    names = _names(pk for pks in ids.values() for pk in pks)
    labels = []
    for number, item in enumerate(items, start=1):
        about = [names.get(pk, f"Person {pk}") for pk in ids[item.pk]]
        if item.context and not about:
            about = [item.context.name]
        labels.append((item, f"Item {number}: {', '.join(about) or 'Referral'}"))
    return labels, frozenset(pk for pks in ids.values() for pk in pks)
