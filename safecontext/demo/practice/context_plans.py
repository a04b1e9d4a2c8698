"""The demo council's context weightings and plans (issue 4): Asif's weighting of four months ago and of last week,
so the change shows; a plan targeting the context that must change first, with guardians from the partners register
(the owner of Chick'n'Go and the warden of Hollowmere Park, seed 000's places) owning actions; and the context
conference that agreed them. If the context cases' writer opened a case on Hollowmere Park, it gets a weighting and a
plan whose goals are measured by its assessment questions. All synthetic: the guardians are invented.
"""

from __future__ import annotations

import datetime as dt

from safecontext.accounts.models import User
from safecontext.context_plans import actions, queries
from safecontext.context_plans.cleaning import EntryInput
from safecontext.context_plans.models import Partner
from safecontext.contexts.models import Context, ContextCase
from safecontext.demo.practice import PracticeDemo

PARK = "Hollowmere Park"
SHOP = "Chick'n'Go, Marlowe Road"
PATH = "The old railway path, Kestrel Rise to the seafront"
SCHOOL = "Brightside Academy"
GROUP = "Hollowmere group (Asif and friends)"
ROUTE_7 = "Route 7 bus / Brightside Interchange"
# The neighbourhood assessment's questions (contexts/questionnaires/neighbourhood-v1.toml) the park goal is measured by.
MEASURES = ("nb.yp.feel_safe", "nb.yp.tell_someone", "nb.gd.present", "nb.gd.recognise")


def write(demo: PracticeDemo) -> dict[str, int]:
    contexts = {context.name: context for context in Context.objects.filter(service=demo.service)}
    if PARK not in contexts or "asif" not in demo.people:
        return {}
    manager = demo.users["tm.empower"]
    asif = demo.people["asif"]

    def box(name: str, weight: int, label: str = "") -> EntryInput:
        return EntryInput(label or name, contexts.get(name), weight)

    actions.record_weighting(
        subject=asif,
        entries=[box(PARK, 35), box(SHOP, 30), box(SCHOOL, 20), box(GROUP, 15, "His friends (Hollowmere group)")],
        rationale="From Ali's first cycling conversations: Asif is approached in the park after dark and outside "
        "Chick'n'Go; school is where the dealing concerns began. His friends protect him as much as they pull him in.",
        recorded_on=demo.today - dt.timedelta(days=120),
        by=manager,
    )
    latest = actions.record_weighting(
        subject=asif,
        entries=[
            box(SHOP, 35),
            box(PARK, 25),
            box(GROUP, 20, "His friends (Hollowmere group)"),
            box(PATH, 10, "The underpass on the railway path"),
            box(SCHOOL, 10),
        ],
        rationale="The grey car now waits outside Chick'n'Go most evenings and Asif says that is where he is asked "
        "to run errands. The park is calmer since the skate-ramp lights were fixed; school has a plan with his "
        "safeguarding lead. He pointed out the underpass where he was chased.",
        recorded_on=demo.today - dt.timedelta(days=7),
        by=manager,
    )

    shop_owner = actions.add_partner(
        service_id=demo.service.pk,
        values={"kind": "guardian", "name": "Yusuf Karim", "role": "Shop owner", "organisation": "Chick'n'Go",
                "contact": "01632 960118", "consents_to_contact": True},
        contexts=[contexts[SHOP]],
        by=manager,
    )  # fmt: skip
    warden = actions.add_partner(
        service_id=demo.service.pk,
        values={"kind": "guardian", "name": "Bev Thornton", "role": "Park warden",
                "organisation": "Brightside Parks", "contact": "01632 960227", "consents_to_contact": True},
        contexts=[contexts[PARK]],
        by=manager,
    )  # fmt: skip
    bus = actions.add_partner(
        service_id=demo.service.pk,
        values={"kind": "partner", "name": "Route 7 safety lead", "role": "Transport safety lead",
                "organisation": "Brightside Buses", "consents_to_contact": False},
        contexts=[contexts[ROUTE_7]] if ROUTE_7 in contexts else [],
        by=manager,
    )  # fmt: skip

    plan = actions.create_plan(
        subject=asif,
        title="Safer evenings around Marlowe Road and Hollowmere Park",
        weighting=latest,
        targets_first=queries.first_box(latest),
        review_on=demo.today + dt.timedelta(days=35),
        by=manager,
    )
    evenings = actions.add_goal(
        plan=plan,
        statement="Asif and his friends can spend evenings at Chick'n'Go with adults nearby who know them and "
        "look out for them",
        what_will_show_it="Asif says he can eat there with his friends without being asked to run errands",
        how_we_will_know="Ali asks Asif on their Friday ride; Yusuf tells Ali what staff have seen",
        by=manager,
    )
    park = actions.add_goal(
        plan=plan,
        statement="Young people feel safe crossing Hollowmere Park after dark",
        what_will_show_it="The group uses the lit path by the skate ramps on the way home",
        how_we_will_know="The warden's evening walks and a walkabout with the group in six weeks",
        by=manager,
    )
    conference = actions.record_conference(
        plan=plan,
        held_on=demo.today - dt.timedelta(days=5),
        chair=manager,
        attendee_users=[demo.users[name] for name in ("ali", "sw.priya", "police.leon", "school.ruth")],
        attendee_partners=[shop_owner, warden],
        decisions="Chick'n'Go staff will know the group by name and call the police non-emergency line about the "
        "grey car. The warden will walk the skate-ramp area with Empower Youth weekly. Ali keeps cycling the railway "
        "path with Asif and brings what he points out to the next conference.",
        by=manager,
    )
    owned = [
        ("Agree which member of staff knows the group by name on Friday and Saturday evenings", shop_owner, evenings),
        ("Walk the skate-ramp area at 8pm with the Empower Youth team every Wednesday", warden, park),
        ("Share the route 7 evening timetable changes with the youth team", bus, None),
    ]
    for number, (description, partner, goal) in enumerate(owned):
        actions.add_plan_action(
            plan=plan, description=description, owner_partner=partner, goal=goal, conference=conference,
            due_on=demo.today + dt.timedelta(days=7 * (number + 1)), by=manager,
        )  # fmt: skip
    actions.add_plan_action(
        plan=plan,
        description="Cycle the railway path with Asif and note where he feels unsafe",
        owner_user=demo.users["ali"],
        goal=evenings,
        conference=conference,
        due_on=demo.today + dt.timedelta(days=14),
        by=manager,
    )
    counts = {"context weightings": 2, "context plans": 1, "partners": 3, "context conferences": 1}
    return counts | _neighbourhood_case(demo, contexts, warden, manager)


def _neighbourhood_case(
    demo: PracticeDemo, contexts: dict[str, Context], warden: Partner, manager: User
) -> dict[str, int]:
    """The Hollowmere Park context case (opened by the context cases' writer, if it did): its own weighting and a
    plan whose goal is measured by the neighbourhood assessment's questions."""
    case = ContextCase.objects.filter(context=contexts[PARK]).order_by("id").first()
    if case is None:
        return {}
    weighting = actions.record_weighting(
        subject=case,
        entries=[
            EntryInput("The skate ramps after dark", contexts[PARK], 45),
            EntryInput("Chick'n'Go and Marlowe Road", contexts.get(SHOP), 35),
            EntryInput("The railway path underpass", contexts.get(PATH), 20),
        ],
        rationale="Young people on the walkabout named the ramps first; residents named the shop's forecourt.",
        recorded_on=demo.today - dt.timedelta(days=10),
        by=manager,
    )
    plan = actions.create_plan(
        subject=case,
        title="A park young people can cross safely",
        weighting=weighting,
        targets_first=queries.first_box(weighting),
        review_on=demo.today + dt.timedelta(days=42),
        by=manager,
    )
    available = {key for key, _text in queries.question_choices(plan)}
    goal = actions.add_goal(
        plan=plan,
        statement="Young people say they feel safe in the park and know an adult there they can go to",
        what_will_show_it="Young people name the warden and the youth workers as adults they trust",
        how_we_will_know="The neighbourhood assessment re-run at review, with young people's own words",
        measured_by=[key for key in MEASURES if key in available],
        by=manager,
    )
    conference = actions.record_conference(
        plan=plan,
        held_on=demo.today - dt.timedelta(days=8),
        chair=manager,
        attendee_users=[demo.users[name] for name in ("ali", "police.leon")],
        attendee_partners=[warden],
        decisions="Brightside Parks will fix the skate-ramp lights; the warden walks the park with Empower Youth "
        "on Wednesday evenings and young people are told who she is.",
        by=manager,
    )
    actions.add_plan_action(
        plan=plan, description="Introduce herself to the young people at the skate ramps on Wednesday evenings",
        owner_partner=warden, goal=goal, conference=conference, due_on=demo.today + dt.timedelta(days=7), by=manager,
    )  # fmt: skip
    return {"context weightings": 3, "context plans": 2, "context conferences": 2}
