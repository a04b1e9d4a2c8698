"""Asif's safety plan (seed 000), written with him and his mother: a curfew, and what happens if he goes missing.
Two versions: the first written early in the work, the second after a missing episode added its contingency."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from safecontext.cases.models import Case
from safecontext.demo.practice import PracticeDemo
from safecontext.safety_plans.actions import save_safety_plan

FIRST: dict[str, Any] = {
    "worries": (
        "Asif has been out late with older boys near the Hollowmere Estate and the chicken shop on Station Road. "
        "A grey car waits outside the shop. His mum is worried he is being asked to carry things for people."
    ),
    "young_person_words": "\"I'm not stupid, I know who's trouble. I just don't want to be stuck at home.\"",
    "safety_goals": (
        "Asif is home by 9pm on school nights and 10pm at weekends.\n"
        "Asif keeps his phone charged and on, and answers Mum's call."
    ),
    "family_actions": "Mum texts Asif at 8.30pm to remind him. Yasmin and Idris are not asked to cover for him.",
    "network_actions": "Uncle Karim picks Asif up from football on Thursdays.",
    "guardian_actions": (
        "The youth club on Hollowmere Road lets Asif stay until closing and calls Mum if he leaves upset."
    ),
    "professional_actions": (
        "Ali rides with Asif every Tuesday and checks in after weekends. "
        "School keeps his timetable and tells Mum the same day if he misses a lesson."
    ),
    "warning_signs": "New trainers or a second phone. Staying out past curfew. Not answering Mum. Missing football.",
    "who_took_part": "Asif, Samira (Mum) and Ali",
    "contingencies": [
        {"if": "Asif is not home by 9pm", "then": "Mum rings him; if he has not answered by 9.30pm she rings Ali"},
    ],
    "contacts": [
        {"name": "Samira Rahimi", "role": "Mum", "phone": "07700 900 123"},
        {"name": "Ali Haddad", "role": "Youth worker, Empower Youth", "phone": "01632 960 455"},
    ],
}

MISSING_EPISODE: list[dict[str, str]] = [
    {"if": "Asif is not home by 9pm", "then": "Mum rings him; if he has not answered by 9.30pm she rings Ali"},
    {
        "if": "Asif has not come home or answered by 10pm",
        "then": "Mum reports him missing to the police on 101 (999 if she thinks he is in danger) and tells Ali",
    },
    {
        "if": "Asif comes home after being missing",
        "then": "Mum says she is glad he is home; Ali arranges his return home conversation within 72 hours",
    },
]


def write(demo: PracticeDemo) -> dict[str, int]:
    case = Case.objects.filter(subject=demo.people["asif"], allocated_worker=demo.users["ali"]).first()
    if case is None:
        return {"safety_plans": 0, "safety_plan_versions": 0}
    review_on = max(demo.today, timezone.localdate()) + dt.timedelta(days=28)
    ali = demo.users["ali"]
    plan = save_safety_plan(by=ali, case=case, values={**FIRST, "review_on": review_on}, version=None)
    plan = save_safety_plan(
        by=ali,
        case=case,
        values={
            **FIRST,
            "contingencies": MISSING_EPISODE,
            "warning_signs": FIRST["warning_signs"] + " Going quiet after a phone call.",
            "review_on": review_on,
        },
        version=plan.version,
    )
    return {"safety_plans": 1, "safety_plan_versions": plan.version}
