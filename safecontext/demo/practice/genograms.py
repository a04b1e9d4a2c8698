"""The demo council's genograms: Asif's family (synthetic, seed 000), with cultural and identity notes.

His parents and siblings are people on his case and are linked to their records; his grandparents are recorded on
the genogram only. Written through the genogram actions, so each step is audited.
"""

from __future__ import annotations

from safecontext.cases.models import Case
from safecontext.demo import data
from safecontext.demo.practice import PracticeDemo
from safecontext.genograms import actions
from safecontext.people.models import Person


def _birth_year(person: Person | None, fallback: int) -> int:
    return person.date_of_birth.year if person and person.date_of_birth else fallback


def write(demo: PracticeDemo) -> dict[str, int]:
    asif = demo.people.get("asif")
    case = Case.objects.filter(subject=asif).order_by("opened_on").first() if asif else None
    if case is None:
        return {}
    by = case.allocated_worker or demo.users["ali"]
    year = demo.today.year
    on_case = {involvement.person_id for involvement in case.involvements.all()}

    def person(key: str) -> Person | None:
        found = demo.people.get(key)
        return found if found and found.pk in on_case else None

    names = {spec.key: f"{spec.given_name} {spec.family_name}".strip() for spec in data.CASE_STUDY_PEOPLE}

    def add(key: str | None, values: dict[str, object]) -> int:
        linked = person(key) if key else None
        # A person on the case is shown by their record's name; anyone else by the case study's.
        name = "" if linked or key is None else names.get(key, "")
        member = actions.add_member(case=case, by=by, values={"name": name, "person": linked, **values})
        return member.pk

    grandmother = add(
        None,
        {
            "name": "Maryam Noori",
            "sex": "female",
            "birth_year": year - 71,
            "deceased": True,
            "death_year": year - 4,
            "aspect_geography": "Lived all her life in Herat; Samira went back to see her before she died",
            "aspect_religion": "Muslim",
        },
    )
    grandfather = add(
        None,
        {
            "name": "Rahim Noori",
            "sex": "male",
            "birth_year": year - 74,
            "aspect_geography": "Still in Herat; talks to the family on video calls most weeks",
        },
    )
    samira = add(
        "asif.mother",
        {
            "sex": "female",
            "birth_year": _birth_year(person("asif.mother"), year - 38),
            "aspect_culture": "Speaks Dari at home; holds the family together, she says, 'with tea and shouting'",
            "aspect_religion": "Muslim; prays at home more than at the mosque",
            "aspect_employment": "Works mornings at a bakery on the estate",
            "aspect_geography": "Came to Brightside from Herat, Afghanistan, before the children were born",
        },
    )
    farid = add(
        "asif.father",
        {
            "sex": "male",
            "birth_year": _birth_year(person("asif.father"), year - 42),
            "aspect_employment": "Drove a taxi before custody",
            "aspect_culture": "Speaks Dari and Pashto",
        },
    )
    asif_member = add(
        "asif",
        {
            "sex": "male",
            "birth_year": _birth_year(asif, year - 15),
            "is_subject": True,
            "aspect_gender": "Boy (he/him); says being 'the man of the house' since his dad went away weighs on him",
            "aspect_age": "15; older boys treat him as grown up, which he likes and doesn't",
            "aspect_culture": "Understands Dari, answers in English; loves grime and fixing bikes",
            "aspect_education": "Year 10; says school 'isn't for him' right now",
            "aspect_religion": "Muslim; goes to the mosque at Eid",
        },
    )
    yasmin = add("asif.sister", {"sex": "female", "birth_year": _birth_year(person("asif.sister"), year - 12)})
    idris = add("asif.brother", {"sex": "male", "birth_year": _birth_year(person("asif.brother"), year - 9)})

    relations = [
        ("married", grandfather, grandmother),
        ("parent", grandfather, samira),
        ("parent", grandmother, samira),
        ("married", farid, samira),
        *(("parent", parent, child) for parent in (farid, samira) for child in (asif_member, yasmin, idris)),
    ]
    for kind, first, second in relations:
        actions.add_relation(case=case, by=by, kind=kind, from_member_id=first, to_member_id=second)
    return {"genogram members": 7, "genogram relationships": len(relations)}
