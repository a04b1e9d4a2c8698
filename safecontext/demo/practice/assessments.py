"""The demo council's assessment records: Asif's single assessment and his participation (synthetic, seed 000).

Written through the assessments actions, so each is audited like any other change. Dates hang off the day the demo
is loaded (Asif's case opened 240 days before), so nothing lands in the future.
"""

from __future__ import annotations

import datetime as dt

from safecontext.access.permissions import Permission, has_permission
from safecontext.assessments import actions
from safecontext.cases.models import Case
from safecontext.demo.practice import PracticeDemo


def write(demo: PracticeDemo) -> dict[str, int]:
    asif = demo.people.get("asif")
    case = Case.objects.filter(subject=asif).order_by("opened_on").first() if asif else None
    if case is None:
        return {}
    ali = case.allocated_worker or demo.users["ali"]
    opened = case.opened_on
    values: dict[str, object] = {
        "started_on": opened + dt.timedelta(days=3),
        # Going missing overnight and being drawn into carrying drugs for older men (seed 000).
        "factor_codes": ["10A", "24A", "13A"],
        "summary": (
            "Asif has been missing overnight three times and has been seen with older men who are known to use "
            "young people to carry drugs. At home he is close to his mother and younger siblings; his father is "
            "in custody. The worries are mostly outside the home: the park on the estate, the chicken shop and the "
            "route home from school. Asif engages best side by side, on the bike rides with Ali."
        ),
        "outcome": "cin_plan",
        "cin_plan_start": opened + dt.timedelta(days=45),
    }
    assessment = actions.start_assessment(case=case, by=ali, values=values)
    # Authorised by a manager (only managers may): Ali's own supervisor when they can, else a team manager.
    managers = [user for user in demo.users.values() if has_permission(user, Permission.MANAGE_CASES)]
    supervisor = ali.supervisor if ali.supervisor and has_permission(ali.supervisor, Permission.MANAGE_CASES) else None
    manager = supervisor or (managers[0] if managers else None)
    if manager is not None:
        actions.update_assessment(
            assessment=assessment,
            by=manager,
            values={**values, "authorised_on": opened + dt.timedelta(days=38)},
            expected_version=assessment.version,
        )
    entries = [
        (
            "inform",
            10,
            "Ali explained what the assessment is, who would read it and what happens to what he says.",
            "so it's not the police. ok. but my mum sees it?",
        ),
        (
            "involve",
            24,
            "On a bike ride Asif pointed out the places where he feels safe and where he doesn't; they went on the "
            "assessment's map of his week.",
            "the underpass is where they chased me. I go the long way now",
        ),
        (
            "invest",
            60,
            "Asif chose a bike maintenance course at the youth centre; the service paid for the course and the tools.",
            "if I can fix bikes I can make money the proper way innit",
        ),
        (
            "influence",
            95,
            "Asif asked for his review to be held at the youth centre, not at the council offices, and for Ali to "
            "read out his views. Both happened.",
            "I don't want to sit in that room with all of them looking at me. Ali can say it",
        ),
    ]
    for kind, days, what_happened, words in entries:
        actions.record_participation(
            case=case,
            by=ali,
            kind=kind,
            occurred_on=min(opened + dt.timedelta(days=days), demo.today),
            what_happened=what_happened,
            their_words=words,
        )
    return {"single assessments": 1, "participation entries": len(entries)}
