"""Reads for supervision, always scoped.

A session is seen only by the people in it (its supervisor, its supervisee, a group's attendees): anyone else gets
404, as for a record that does not exist. The reflective content of a case discussion is read only through
`session_page`, for the supervisor and supervisee; `oversight_for_case` and `open_actions_for` never load it
(docs/adr/0025-supervision-records.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from safecontext.access.scope import cases_visible_to
from safecontext.accounts.models import User
from safecontext.cases.models import Case
from safecontext.supervision.models import (
    REFLECTIVE_FIELDS,
    CaseDiscussion,
    SupervisionAction,
    SupervisionSession,
)


def cases_to_discuss(supervisee: User) -> QuerySet[Case]:
    """The open cases the supervisee works on (allocated, or in the professional network), within their scope."""
    return (
        cases_visible_to(supervisee)
        .filter(Q(allocated_worker_id=supervisee.pk) | Q(network__id=supervisee.pk), status=Case.Status.OPEN)
        .select_related("subject")
        .prefetch_related("subject__names")
        .distinct()
        .order_by("pk")
    )


def owners_for(session: SupervisionSession, case: Case) -> list[User]:
    """Who may own an action agreed about `case`: the supervisee, the supervisor, and the case's allocated worker."""
    candidates = [session.supervisee, session.supervisor, case.allocated_worker]
    owners: dict[int, User] = {}
    for user in candidates:
        if user is not None and user.pk not in owners:
            owners[user.pk] = user
    return list(owners.values())


def sessions_for(user: User) -> QuerySet[SupervisionSession]:
    """Sessions this user held, received or attended."""
    return (
        SupervisionSession.objects.filter(Q(supervisor=user) | Q(supervisee=user) | Q(attendance__user=user))
        .select_related("supervisor", "supervisee")
        .distinct()
        .order_by("-held_on", "-pk")
    )


def get_session_for_user(user: User, supervision_session_id: int) -> SupervisionSession:
    try:
        return sessions_for(user).get(pk=supervision_session_id)
    except SupervisionSession.DoesNotExist:
        raise Http404("No supervision session found") from None


def may_see_reflective(user: User, session: SupervisionSession) -> bool:
    """The reflective content of a discussion: its supervisor and supervisee, nobody else, whatever their role."""
    return user.pk in {session.supervisor_id, session.supervisee_id}


@dataclass(frozen=True)
class DiscussionView:
    discussion: CaseDiscussion
    case_label: str
    person_id: int
    actions: list[SupervisionAction]


@dataclass(frozen=True)
class SessionPage:
    session: SupervisionSession
    discussions: list[DiscussionView]
    attendees: list[User]
    person_ids: list[int]


def session_page(user: User, session: SupervisionSession) -> SessionPage:
    discussions = CaseDiscussion.objects.filter(session=session).select_related("case__subject")
    if not may_see_reflective(user, session):
        discussions = discussions.defer(*REFLECTIVE_FIELDS)  # a group attendee: there are none, but never load them
    discussions = discussions.prefetch_related(
        "case__subject__names", Prefetch("actions", queryset=SupervisionAction.objects.select_related("owner"))
    ).order_by("pk")
    views = [
        DiscussionView(
            discussion=discussion,
            case_label=_case_label(discussion.case),
            person_id=discussion.case.subject_id,
            actions=list(discussion.actions.all()),
        )
        for discussion in discussions
    ]
    attendees = [
        attendance.user for attendance in session.attendance.select_related("user").order_by("user__last_name")
    ]
    return SessionPage(session, views, attendees, sorted({view.person_id for view in views}))


def _case_label(case: Case) -> str:
    return f"Case {case.pk}: {case.subject.display_name}"


# --- management oversight on the case file ------------------------------------------------------------------------


@dataclass(frozen=True)
class OversightAction:
    description: str
    owner_name: str
    due_on: dt.date
    done_on: dt.date | None


@dataclass(frozen=True)
class OversightEntry:
    """What supervision decided about a case: never the reflective content."""

    held_on: dt.date
    kind: str
    supervisor_name: str
    supervisee_name: str
    decisions: str
    actions: tuple[OversightAction, ...]


def oversight_for_case(case: Case) -> list[OversightEntry]:
    """Each supervision discussion of the case, oldest first: date, who, what was decided and the actions agreed."""
    discussions = (
        CaseDiscussion.objects.filter(case=case)
        .only("pk", "decisions", "session__held_on", "session__kind", "session__supervisor", "session__supervisee")
        .select_related("session__supervisor", "session__supervisee")
        .prefetch_related(Prefetch("actions", queryset=SupervisionAction.objects.select_related("owner")))
        .order_by("session__held_on", "pk")
    )
    entries = []
    for discussion in discussions:
        session = discussion.session
        entries.append(
            OversightEntry(
                held_on=session.held_on,
                kind=session.get_kind_display(),
                supervisor_name=session.supervisor.display_name,
                supervisee_name=session.supervisee.display_name if session.supervisee else "",
                decisions=discussion.decisions,
                actions=tuple(
                    OversightAction(
                        description=agreed.description,
                        owner_name=agreed.owner.display_name,
                        due_on=agreed.due_on,
                        done_on=agreed.done_at.date() if agreed.done_at else None,
                    )
                    for agreed in discussion.actions.all()
                ),
            )
        )
    return entries


# --- actions on their owners' lists ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenAction:
    action_id: int
    description: str
    due_on: dt.date
    overdue: bool
    agreed_on: dt.date
    case_id: int
    # The young person's name and id only when the owner may see the case; otherwise the case number alone.
    case_label: str
    person_id: int | None


def open_actions_for(user: User, *, today: dt.date | None = None) -> list[OpenAction]:
    """The user's open supervision actions, soonest due first. Each names the case only as far as the user's scope
    allows. A page showing them must record access for the `person_id`s it shows."""
    from django.utils import timezone

    today = today or timezone.localdate()
    rows = list(
        SupervisionAction.objects.filter(owner=user, done_at__isnull=True)
        .select_related("discussion__session", "discussion__case__subject")
        .prefetch_related("discussion__case__subject__names")
        .order_by("due_on", "pk")
    )
    visible = set(
        cases_visible_to(user).filter(pk__in={row.discussion.case_id for row in rows}).values_list("pk", flat=True)
    )
    return [
        OpenAction(
            action_id=row.pk,
            description=row.description,
            due_on=row.due_on,
            overdue=row.due_on < today,
            agreed_on=row.discussion.session.held_on,
            case_id=row.discussion.case_id,
            case_label=_case_label(row.discussion.case)
            if row.discussion.case_id in visible
            else f"Case {row.discussion.case_id}",
            person_id=row.discussion.case.subject_id if row.discussion.case_id in visible else None,
        )
        for row in rows
    ]


def get_open_action_for_owner(user: User, supervision_action_id: int) -> SupervisionAction:
    try:
        return SupervisionAction.objects.get(pk=supervision_action_id, owner=user, done_at__isnull=True)
    except SupervisionAction.DoesNotExist:
        raise Http404("No action found") from None


def colleagues_of(user: User) -> list[User]:
    """Active users in the same service, for peer and group sessions."""
    if user.team is None:
        return []
    return list(
        User.objects.filter(is_active=True, team__service_id=user.team.service_id)
        .exclude(pk=user.pk)
        .exclude(role="")
        .order_by("last_name", "first_name", "pk")
    )


def supervisees_list(user: User) -> list[User]:
    return list(User.objects.filter(supervisor=user, is_active=True).order_by("last_name", "first_name", "pk"))


def get_supervisee_for_cadence(user: User, supervisee_id: int) -> User:
    """Someone whose cadence this user sets: their supervisee, or a supervisee of one of their supervisees."""
    try:
        return User.objects.select_related("supervisor").get(
            Q(supervisor=user) | Q(supervisor__supervisor=user), pk=supervisee_id, is_active=True
        )
    except User.DoesNotExist:
        raise Http404("No person found") from None
