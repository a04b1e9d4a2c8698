"""A supervision world on top of the personas (tests/conftest.py): the head of service supervises Pod A's manager,
who supervises the allocated worker and has held a one-to-one session with them discussing Test Child's case, with a
marker string planted in every reflective field and an action for the worker, and a group session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from safecontext.accounts.actions import change_user_access
from safecontext.cases.models import Case
from safecontext.supervision import actions
from safecontext.supervision.models import CaseDiscussion, SupervisionAction, SupervisionSession
from tests.conftest import World

MARKER = "REFLECTIVE-MARKER-7Q2"


@dataclass
class SupervisionRecords:
    case: Case
    session: SupervisionSession
    discussion: CaseDiscussion
    action: SupervisionAction
    group: SupervisionSession


def make_supervision_records(world: World) -> SupervisionRecords:
    cached: SupervisionRecords | None = getattr(world, "_supervision_records", None)
    if cached is not None:
        return cached
    manager, worker = world.users["manager"], world.users["allocated_worker"]
    # The manager's manager is in the chain too: she must not see what the worker brought to supervision.
    change_user_access(user=manager, supervisor=world.users["head_of_service"], by=None)
    change_user_access(user=worker, supervisor=manager, by=None)
    change_user_access(user=world.users["same_team_colleague"], supervisor=manager, by=None)
    case = Case.objects.get(subject=world.child)
    held_on = timezone.localdate() - dt.timedelta(days=7)
    session = actions.record_session(
        kind=SupervisionSession.Kind.ONE_TO_ONE, held_on=held_on, supervisee=worker, by=manager
    )
    discussion = actions.add_case_discussion(
        session=session,
        case=case,
        practice_discussion=f"Practice {MARKER}",
        feelings_and_impact=f"Feelings {MARKER}",
        hypotheses=f"Hypotheses {MARKER}",
        parallel_processes=f"Parallel {MARKER}",
        decisions="Keep the weekly visits; review the safety plan with the school",
        actions=[
            actions.AgreedAction("Book a joint visit with the school nurse", worker, held_on + dt.timedelta(days=14))
        ],
        by=manager,
    )
    group = actions.record_session(
        kind=SupervisionSession.Kind.GROUP,
        held_on=held_on,
        attendees=[worker, world.users["same_team_colleague"]],
        themes=f"Working with exploitation at night {MARKER}",
        by=manager,
    )
    records = SupervisionRecords(case, session, discussion, discussion.actions.get(), group)
    world._supervision_records = records  # type: ignore[attr-defined]
    return records
