"""The demo council's supervision: a cadence for everyone in the chain (demo/data.py USERS), a year of one-to-one
sessions at roughly four-weekly intervals, Ali's latest session with his manager discussing Asif's and Tyrese's
cases (with an action for Ali), a group reflective session, and one supervisee whose supervision is overdue (Owen,
in Pod South: his manager's manager, the head of service, sees it on the dashboard).

All synthetic. Written through supervision/actions.py, so every record has its audit event.
"""

from __future__ import annotations

import datetime as dt

from safecontext.accounts.models import User
from safecontext.cases.models import Case
from safecontext.demo.practice import PracticeDemo
from safecontext.supervision import actions
from safecontext.supervision.models import SupervisionSession

ONE_TO_ONE = SupervisionSession.Kind.ONE_TO_ONE
OVERDUE = "sw.owen"  # last supervised 41 days ago on a 28-day cadence
PARTNER_CADENCE_DAYS = 84  # supervision of shared work only; their own agencies supervise their practice
HISTORY_DAYS = 120  # the arrangements began before the demo's records


def write(demo: PracticeDemo) -> dict[str, int]:
    users = demo.users
    today = demo.today
    for user in sorted(users.values(), key=lambda u: u.username):
        outside = "The council's chief executive, outside SafeContext" if user.supervisor_id is None else ""
        cadence = PARTNER_CADENCE_DAYS if user.role == "partner_agency" else 28
        actions.set_cadence(
            user=user,
            cadence_days=cadence,
            supervised_outside=outside,
            since=today - dt.timedelta(days=HISTORY_DAYS),
            by=None,
        )
    sessions = 0
    ali_latest = today
    for index, user in enumerate(sorted(users.values(), key=lambda u: u.username)):
        if user.supervisor is None:
            continue
        gap = PARTNER_CADENCE_DAYS if user.role == "partner_agency" else 27
        latest = today - dt.timedelta(days=41 if user.username == OVERDUE else 3 + index % 18)
        held_on = latest
        if user.username == "ali":
            ali_latest = latest
        while held_on > today - dt.timedelta(days=HISTORY_DAYS):
            if not (user.username == "ali" and held_on == latest):  # Ali's latest is written below, with cases
                actions.record_session(kind=ONE_TO_ONE, held_on=held_on, supervisee=user, by=user.supervisor)
                sessions += 1
            held_on -= dt.timedelta(days=gap)
    sessions += _ali_with_his_manager(demo, users["ali"], held_on=ali_latest)
    actions.record_session(
        kind=SupervisionSession.Kind.GROUP,
        held_on=today - dt.timedelta(days=9),
        attendees=[users[name] for name in ("sw.priya", "sw.tom", "ali", "yw.jade")],
        themes="Staying alongside young people who push us away; what planned endings ask of us; noticing when we "
        "feel as stuck as the young person does.",
        by=users["tm.north"],
    )
    return {"supervision sessions": sessions + 1}


def _ali_with_his_manager(demo: PracticeDemo, ali: User, *, held_on: dt.date) -> int:
    assert ali.supervisor is not None
    manager = ali.supervisor
    session = actions.record_session(kind=ONE_TO_ONE, held_on=held_on, supervisee=ali, by=manager)
    asif_case = Case.objects.get(subject=demo.people["asif"], allocated_worker=ali)
    actions.add_case_discussion(
        session=session,
        case=asif_case,
        practice_discussion="Ali talked through the last three sessions with Asif: he turns up, but changes the "
        "subject whenever the evenings at the park come up. The football sessions are where he talks most.",
        feelings_and_impact="Ali said he feels protective of Asif and frustrated with the slow pace at school; he "
        "notices he is tired after the late visits.",
        hypotheses="Asif may be testing whether Ali will stay when things get hard, as other adults have not.",
        parallel_processes="Ali described feeling pulled between agencies in the way Asif is pulled between home "
        "and his friends.",
        decisions="Keep the weekly football sessions as the main point of contact. Ali to ask the school to meet "
        "with Asif present, so Asif hears what is shared about him.",
        actions=[
            actions.AgreedAction(
                "Arrange a meeting with the school's safeguarding lead, with Asif present",
                ali,
                held_on + dt.timedelta(days=14),
            )
        ],
        by=manager,
    )
    tyrese_case = Case.objects.filter(subject=demo.people["tyrese"], network__id=ali.pk).first()
    if tyrese_case is not None:
        actions.add_case_discussion(
            session=session,
            case=tyrese_case,
            practice_discussion="Ali sees Tyrese at the youth club with Asif; they talked about keeping the two "
            "pieces of work separate.",
            decisions="Ali to share what he sees at the club with Tyrese's social worker, and tell Tyrese he will.",
            by=manager,
        )
    return 1
