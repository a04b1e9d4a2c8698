"""The demo council's context cases (issue 4, Level 2): the places in seed 000's case study — the Hollowmere Park
neighbourhood Asif cycles through, his peer group (the Hollowmere group) and his school (Brightside Academy) — each
opened as a case on the Context the front door already holds, with a baseline assessment; the park has a review
that shows change (the skate-ramp lights were fixed and a warden now walks it in the evenings). All synthetic.
"""

from __future__ import annotations

import datetime as dt

from safecontext.accounts.models import User
from safecontext.contexts import actions
from safecontext.contexts.models import Context, ContextCase
from safecontext.demo.practice import PracticeDemo
from safecontext.front_door.models import Referral

PARK = "Hollowmere Park"
GROUP = "Hollowmere group (Asif and friends)"
SCHOOL = "Brightside Academy"
GROUP_MEMBERS = ("asif", "tyrese", "kyle", "mo", "jordan")

PARK_BASELINE = {
    "nb.yp.feel_safe": 2,
    "nb.yp.positive_activity": 3,
    "nb.yp.approached": 4,
    "nb.yp.tell_someone": 2,
    "nb.gd.present": 1,
    "nb.gd.recognise": 2,
    "nb.gd.act": 2,
    "nb.env.visible": 1,
    "nb.env.services": 3,
    "nb.env.policy": 2,
}
PARK_REVIEW = PARK_BASELINE | {
    "nb.yp.feel_safe": 3,
    "nb.yp.approached": 3,
    "nb.yp.tell_someone": 3,
    "nb.gd.present": 3,
    "nb.gd.recognise": 3,
    "nb.env.visible": 4,
    "nb.env.policy": 1,  # the dispersal order moved the group to the underpass: worse
}


def write(demo: PracticeDemo) -> dict[str, int]:
    contexts = {c.name: c for c in Context.objects.filter(service=demo.service, name__in=[PARK, GROUP, SCHOOL])}
    if len(contexts) < 3 or "tm.empower" not in demo.users:
        return {}
    manager = demo.users["tm.empower"]  # Ali's manager at Empower Youth: context cases need a lead who manages
    assert manager.team is not None
    counts = {"context cases": 0, "context case members": 0, "context assessments": 0, "context reviews": 0}

    park = _open(demo, contexts[PARK], lead=manager, days_ago=60, level=3, details={
        "summary": "Young people, Asif among them, are approached by older men at the skate ramps after dark and "
                   "offered phones and lifts; residents say the group is moved on rather than protected.",
        "address": "Hollowmere Park, Hollowmere Estate", "postcode": "BN7 3ZB",
        "latitude": "50.84612", "longitude": "-0.13977",
        "area_points": "50.84680, -0.14060\n50.84690, -0.13890\n50.84540, -0.13880\n50.84530, -0.14050",
        "area_description": "The park and its paths from Marlowe Road to the skate ramps",
    })  # fmt: skip
    group = _open(demo, contexts[GROUP], lead=manager, days_ago=45, level=3, details={
        "summary": "Five friends since primary school who come to Empower Youth together in a crisis; older men "
                   "around Chick'n'Go pull them into running errands.",
    })  # fmt: skip
    school = _open(demo, contexts[SCHOOL], lead=manager, days_ago=30, level=2, details={
        "summary": "Concerns about drug dealing in school, where the referral about Asif began.",
        "postcode": "BN7 3ZF", "latitude": "50.84377", "longitude": "-0.13105",
    })  # fmt: skip
    counts["context cases"] = 3

    for key in GROUP_MEMBERS:
        if key in demo.people:
            actions.add_member(
                context_case=group,
                person=demo.people[key],
                joined_on=demo.today - dt.timedelta(days=45),
                by=manager,
            )
            counts["context case members"] += 1

    baseline = actions.record_assessment(
        context_case=park,
        answers=dict(PARK_BASELINE),
        section_notes={"guardianship": "No adult is in the park after 6pm; the warden's hours end at 5."},
        evidence_sources=["young_people", "residents", "businesses", "walkabout"],
        evidence_notes="Evening walkabout with two young people from Empower Youth; door-knocking on Kestrel Rise.",
        assessed_on=demo.today - dt.timedelta(days=56),
        by=manager,
    )
    actions.add_young_peoples_words(
        assessment=baseline,
        words="After dark you don't go past the ramps on your own. That's where they wait.",
        attributed_to="A boy, 15, on the walkabout",
        section_key="young_people",
        by=manager,
    )
    review = actions.record_assessment(
        context_case=park,
        answers=dict(PARK_REVIEW),
        section_notes={"environment": "The ramp lights were fixed in week 3; a dispersal order now covers the park."},
        evidence_sources=["young_people", "residents", "walkabout"],
        assessed_on=demo.today - dt.timedelta(days=3),
        review_of=baseline,
        by=manager,
    )
    actions.add_young_peoples_words(
        assessment=review,
        words="You can see who's at the ramps now the lights work. Bev says hello.",
        attributed_to="Two young people at Empower Youth",
        section_key="guardianship",
        by=manager,
    )
    actions.update_context_case(context_case=park, changes={"wellbeing_level": 2}, expected_version=1, by=manager)

    actions.record_assessment(
        context_case=group,
        answers={"pg.fn.look_out": 4, "pg.fn.pressure": 4, "pg.fn.leave": 2, "pg.fn.positive_identity": 3,
                 "pg.gd.trusted_adult": 3, "pg.gd.parents_connected": 2, "pg.gd.older_influence": 4,
                 "pg.env.money": 2, "pg.env.racism": 2, "pg.env.safe_places": 2},
        section_notes={"environment_family": "Three of the five families are in temporary accommodation; the boys "
                                             "describe being stopped and searched more than their white friends."},
        evidence_sources=["young_people", "staff"],
        assessed_on=demo.today - dt.timedelta(days=40),
        by=manager,
    )  # fmt: skip
    actions.record_assessment(
        context_case=school,
        answers={"sc.st.feel_safe": 3, "sc.st.harmful_behaviour": 3, "sc.st.belong": 2, "sc.gd.trusted_staff": 3,
                 "sc.gd.respond": 2, "sc.gd.hotspots": 2, "sc.env.policy": 2, "sc.env.journey": 2},
        evidence_sources=["young_people", "staff", "walkabout"],
        assessed_on=demo.today - dt.timedelta(days=25),
        by=manager,
    )  # fmt: skip
    counts["context assessments"] = 4
    counts["context reviews"] = 1
    return counts


def _open(
    demo: PracticeDemo, context: Context, *, lead: User, days_ago: int, level: int, details: dict[str, object]
) -> ContextCase:
    assert lead.team is not None
    referral = Referral.objects.filter(service=demo.service, subject_context=context).order_by("received_at").first()
    return actions.open_context_case(
        context=context,
        team=lead.team,
        lead_worker=lead,
        opened_on=demo.today - dt.timedelta(days=days_ago),
        referral=referral,
        details={"wellbeing_level": level, **details},
        by=lead,
    )
