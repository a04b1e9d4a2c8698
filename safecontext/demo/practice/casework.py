"""The demo council's casework (issue 5): Asif's case with Ali from referral to moving on, and enough on every other
case for My work and the team lists to mean something.

Asif (seed 000): allocated to Ali at referral and kept by him throughout; the three phases — engagement and
assessment, therapeutic support, moving on — are his relationship's stages, with a rupture and repair after a
friend's arrest; notes in his own words while they cycled, naming people and places that became suggested links
(some accepted, some still waiting). Other cases get a level, an allocation from the day they opened (a few handed
over once), the worker's relationship at stage 1 or 2, and a few visits — some now overdue.

All synthetic. Asif's records go through cases/actions.py (each audited); the generic cases are bulk-written inside
the demo's one load action, as the other demo writers do.
"""

from __future__ import annotations

import datetime as dt
import random

from safecontext.accounts.models import User
from safecontext.cases import actions
from safecontext.cases.models import Allocation, Case, CaseNote, Relationship, StageChange, SuggestedLink
from safecontext.cases.rules.visit_cadence import CaseLevel
from safecontext.demo.practice import PracticeDemo
from safecontext.people.models import Person

# (days after the case opened, kind, who was seen, seen alone, summary, Asif's own words)
ASIF_NOTES: tuple[tuple[int, str, str, bool, str, str], ...] = (
    (3, "home_visit", "Asif and his mother Samira", False,
     "First visit. Asif stayed in his room at first, then came down when I mentioned bikes. Samira worried about "
     "him coming home late and about his friends Tyrese and Little Mo.",
     "I don't need a social worker. You're not a social worker? Then what are you."),
    (10, "walkabout", "Asif", True,
     "Walked the estate with Asif. He pointed out Hollowmere Park and the skate ramps where the group meet after "
     "dark, and said a man called Dex gives out phones there.",
     "Everyone knows Dex. He's alright to you until you owe him."),
    (24, "activity", "Asif", True,
     "First ride together on the old railway path. He was quiet until the Rookery Row underpass, then talked "
     "about being chased there. Said Kyle Brennan was with him that night.",
     "When I'm on the bike nobody can catch me. That's the only time."),
    (45, "school_visit", "Asif and his head of year", False,
     "Met at Brightside Academy with the head of year. Attendance up slightly. Asif asked that his cycling goal "
     "went in the plan.",
     "If you put the cycling in, I'll do the rest of it."),
    (70, "activity", "Asif", True,
     "Long ride to the seafront. Asif talked about his dad being in custody and how his mum has to do everything. "
     "He said he waits outside Chick'n'Go on Marlowe Road most evenings with Jordan Fenwick, and that older boys "
     "hang around the Tidemill skate park now.",
     "My dad's inside so I'm the man of the house, that's what they say. I don't want to be."),
    (118, "phone", "Asif", False,
     "Asif did not come to two sessions after Tyrese was arrested. Spoke by phone: he is angry and frightened. "
     "Tyrese's mum Yetunde has been calling Samira. Agreed I would call for him at home rather than wait at the "
     "meeting point.",
     "Everyone leaves. Why would you be different."),
    (126, "home_visit", "Asif, Samira, Yasmin", True,
     "Called for Asif at home as agreed. He came out on the bike after twenty minutes. Repair: talked about what "
     "happened and that I am still here.",
     "You actually came. OK."),
    (150, "activity", "Asif", True,
     "Ride to the lighthouse. Asif set the route, past the lock-up garages, Ferryman Lane, where he said the "
     "phones get handed out. He talked about wanting to work in a bike shop and asked about the youth club's "
     "mechanics course.",
     "I could fix bikes. I'm good with my hands, my dad was."),
    (185, "meeting", "Asif, Samira, school lead, Ali", False,
     "Review meeting. Asif spoke for himself about the safety plan and his curfew. Samira said home is calmer. "
     "He no longer waits at Brightside Station car park after school.",
     "I'm home by nine now. Mostly. Don't write mostly."),
    (212, "activity", "Asif", True,
     "Ride with Asif and a mechanics course tutor. Talked about the plan for ending: the last review and the last "
     "ride, and who he can call when I'm gone.",
     "So it's not like you're just disappearing. Good."),
    (233, "activity", "Asif", True,
     "Asif led the ride on the old railway path and stopped at the underpass without being asked. Said it's just a "
     "tunnel now.",
     "It's just a tunnel now."),
)  # fmt: skip

STAGES = (  # (days after opening, stage, reason): engagement and assessment, therapeutic support, moving on
    (56, 2, ""),
    (118, 1, "Rupture after Tyrese's arrest: Asif missed sessions; went back to assertive outreach, calling at home"),
    (140, 2, ""),
)
# What Ali decided about the links his notes suggested ("accept", or the reason he declined); others are pending.
DECISIONS = {
    "Rookery Row underpass": "accept",
    "Tidemill skate park": "accept",
    "Yetunde": "Tyrese's mother: a link through Tyrese, not Asif's own",
}
MOVING_ON_DAYS_BEFORE_TODAY = 30
PLANNED_END_IN_DAYS = 60


def write(demo: PracticeDemo) -> dict[str, int]:
    notes, suggestions = _asif(demo)
    generic = _other_cases(demo)
    return {"case notes": notes + generic, "suggested links": suggestions}


def _asif(demo: PracticeDemo) -> tuple[int, int]:
    ali, manager = demo.users["ali"], demo.users["tm.empower"]
    case = Case.objects.select_related("team").get(subject=demo.people["asif"], status=Case.Status.OPEN)
    opened = case.opened_on
    Case.objects.filter(pk=case.pk).update(level=CaseLevel.CHILD_IN_NEED)
    case.level = CaseLevel.CHILD_IN_NEED
    Allocation.objects.create(
        case=case,
        worker=ali,
        team=case.team,
        from_date=opened,
        reason="Allocated at referral: Asif agreed to meet a youth worker who cycles; Ali stays from referral to "
        "closure (Team Around the Relationship)",
        recorded_by=manager,
    )
    young_person = _relationship(case, ali, demo.people["asif"], opened, by=manager)
    mother = _relationship(case, ali, demo.people["asif.mother"], opened + dt.timedelta(days=3), by=ali)

    suggestions = 0
    written: list[CaseNote] = []
    stage_changes = sorted(STAGES)
    for offset, kind, seen, alone, summary, words in ASIF_NOTES:
        day = opened + dt.timedelta(days=offset)
        while stage_changes and stage_changes[0][0] <= offset:
            at, stage, reason = stage_changes.pop(0)
            actions.change_stage(
                relationship=young_person, stage=stage, on=opened + dt.timedelta(days=at), reason=reason, by=ali
            )
            young_person.refresh_from_db()
        if offset >= (demo.today - opened).days - MOVING_ON_DAYS_BEFORE_TODAY and young_person.stage == 2:
            actions.change_stage(
                relationship=young_person,
                stage=3,
                on=demo.today - dt.timedelta(days=MOVING_ON_DAYS_BEFORE_TODAY),
                planned_end_date=demo.today + dt.timedelta(days=PLANNED_END_IN_DAYS),
                by=ali,
            )
            young_person.refresh_from_db()
        note = actions.record_note(
            case=case,
            values={
                "kind": kind,
                "happened_on": min(day, demo.today),
                "who_was_seen": seen,
                "child_seen": "Asif" in seen,
                "seen_alone": alone,
                "summary": summary,
                "own_words": words,
                "restricted": "Police share: Dex is known to them; do not discuss with the family."
                if "Dex" in summary
                else "",
            },
            by=ali,
        )
        written.append(note)
        suggestions += note.suggestions.count()
    actions.change_stage(relationship=mother, stage=2, on=opened + dt.timedelta(days=60), by=ali)
    actions.plan_ending(
        relationship=young_person,
        planned_end_date=demo.today + dt.timedelta(days=PLANNED_END_IN_DAYS),
        last_review_date=demo.today + dt.timedelta(days=45),
        last_visit_date=demo.today + dt.timedelta(days=PLANNED_END_IN_DAYS - 2),
        ending_letter=(
            "Dear Asif,\n\nWe have ridden a long way together since the first time you came down the stairs to talk "
            "about bikes. You did the hard work: you kept coming back, even when you were angry with everyone, and "
            "you told me the truth about what was going on.\n\nYou said on our last ride that the underpass is just "
            "a tunnel now. Remember that you made it that way.\n\nThe mechanics course starts in January. Your mum, "
            "your head of year and the youth club are all there for you, and their numbers are in your safety "
            "plan.\n\nKeep riding.\n\nAli"
        ),
        by=ali,
    )
    # Ali accepted some suggestions and declined one; the latest are waiting for him.
    for suggestion in SuggestedLink.objects.filter(note__case=case).order_by("id"):
        decision = DECISIONS.get(suggestion.mentioned_as)
        if decision == "accept":
            actions.accept_suggestion(
                suggestion=suggestion,
                link_type="associates" if suggestion.person_id else "frequents",
                nature="harmful" if suggestion.context_id else "unknown",
                by=ali,
            )
        elif decision:
            actions.decline_suggestion(suggestion=suggestion, reason=decision, by=ali)
    return len(written), suggestions


def _relationship(case: Case, worker: User, person: Person, on: dt.date, *, by: User) -> Relationship:
    return actions.start_relationship(case=case, worker=worker, person=person, on=on, by=by)


LEVELS = (CaseLevel.CHILD_IN_NEED, CaseLevel.CHILD_IN_NEED, CaseLevel.CHILD_PROTECTION, CaseLevel.EARLY_HELP)
VISIT_SUMMARIES = (
    "Home visit. Talked with the young person about school and friends; the family were welcoming.",
    "Saw the young person alone in their room; they showed me their drawings and talked about their week.",
    "School visit with the designated safeguarding lead; attendance is improving.",
    "Activity: football at the youth club, then food. Talked about who they feel safe with.",
)


def _other_cases(demo: PracticeDemo) -> int:
    """Levels, allocation histories, stage-1/2 relationships and a few visits for every other open case."""
    rng = random.Random(5)  # noqa: S311 - repeatable synthetic data, not secrets
    cases = list(
        Case.objects.filter(status=Case.Status.OPEN)
        .exclude(subject=demo.people["asif"])
        .select_related("team", "allocated_worker")
        .order_by("pk")
    )
    by_team: dict[int, list[User]] = {}
    for user in demo.users.values():
        if user.team_id and user.role in {"social_worker", "youth_worker", "team_manager"}:
            by_team.setdefault(user.team_id, []).append(user)
    allocations: list[Allocation] = []
    relationships: list[Relationship] = []
    notes: list[CaseNote] = []
    for index, case in enumerate(cases):
        level = LEVELS[index % len(LEVELS)]
        Case.objects.filter(pk=case.pk).update(level=level)
        worker = case.allocated_worker
        if worker is None:
            continue
        manager = worker.supervisor or worker
        colleagues = [user for user in by_team.get(case.team_id, []) if user.pk != worker.pk]
        handover = index % 5 == 0 and colleagues and (demo.today - case.opened_on).days > 60
        start = case.opened_on
        if handover:
            first = rng.choice(colleagues)
            start = case.opened_on + dt.timedelta(days=rng.randint(20, 50))
            allocations.append(
                Allocation(
                    case=case,
                    worker=first,
                    team=case.team,
                    from_date=case.opened_on,
                    to_date=start,
                    reason="Allocated at referral",
                    recorded_by=manager,
                )
            )
        allocations.append(
            Allocation(
                case=case,
                worker=worker,
                team=case.team,
                from_date=start,
                reason="Handover: the first worker moved pod" if handover else "Allocated at referral",
                recorded_by=manager,
            )
        )
        stage = 2 if (demo.today - start).days > 70 and index % 3 else 1
        relationships.append(
            Relationship(
                case=case,
                worker=worker,
                person=case.subject,
                with_whom=Relationship.With.YOUNG_PERSON,
                stage=stage,
                stage_since=start + dt.timedelta(days=49 if stage == 2 else 0),
            )
        )
        # Visits: most recent some days ago; every seventh case's last visit is long past (overdue).
        last = demo.today - dt.timedelta(days=40 + rng.randint(0, 20) if index % 7 == 0 else rng.randint(1, 12))
        for visit in range(3):
            day = last - dt.timedelta(days=14 * visit)
            if day < case.opened_on:
                break
            notes.append(
                CaseNote(
                    case=case,
                    kind="home_visit" if visit % 2 == 0 else "activity",
                    happened_on=day,
                    who_was_seen="The young person",
                    child_seen=True,
                    seen_alone=visit == 1,
                    summary=VISIT_SUMMARIES[(index + visit) % len(VISIT_SUMMARIES)],
                    author=worker,
                    stage=stage,
                )
            )
    Allocation.objects.bulk_create(allocations)
    created = Relationship.objects.bulk_create(relationships)
    StageChange.objects.bulk_create(
        [
            StageChange(
                relationship=r,
                stage=1,
                from_date=r.stage_since if r.stage == 1 else r.stage_since - dt.timedelta(days=49),
                recorded_by=r.worker,
            )
            for r in created
        ]
        + [
            StageChange(relationship=r, stage=2, from_date=r.stage_since, recorded_by=r.worker)
            for r in created
            if r.stage == 2
        ]
    )
    CaseNote.objects.bulk_create(notes)
    return len(notes)
