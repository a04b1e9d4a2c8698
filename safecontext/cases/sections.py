"""Links from the case page to other areas' pages about the same case, by URL name.

Each area owns its page; the case page only lists it. An entry whose URL name does not resolve (the area has not
built it yet) is skipped rather than breaking the case page, so areas can land in any order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from django.urls import NoReverseMatch, reverse

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.url_policy import policy_for

if TYPE_CHECKING:
    from safecontext.accounts.models import User
    from safecontext.cases.models import Case


class Section(NamedTuple):
    url_name: str
    title: str
    description: str
    by: str = "case_id"  # the URL's argument: "case_id" or "person_id" (the case's young person)


SECTIONS: tuple[Section, ...] = (
    Section("assessments:for_case", "Assessments", "Single assessment, factors, plans and dates for the census"),
    Section("assessments:participation", "Participation", "The 4 I's and the young person's views"),
    Section("safety_plans:for_case", "Safety plan", "Worries, goals, who does what, and the family's copy"),
    Section("genograms:for_case", "Cultural genogram", "Family members, relationships and identity"),
    Section("supervision:case_oversight", "Management oversight", "What was decided in supervision"),
    Section("sharing:for_person", "Information sharing", "What was shared, with whom and why", by="person_id"),
    Section("network:person_map", "Network map", "The people, places and things around them", by="person_id"),
    Section(
        "context_plans:for_person",
        "Context weighting and plans",
        "Where harm happens, weighed, and the plans to make those places safer",
        by="person_id",
    ),
)


class SectionLink(NamedTuple):
    title: str
    description: str
    href: str


def section_links(case: Case, *, user: User) -> list[SectionLink]:
    """The sections that exist now and that this user's role may open."""
    links = []
    for section in SECTIONS:
        argument = case.subject_id if section.by == "person_id" else case.pk
        try:
            href = reverse(section.url_name, kwargs={section.by: argument})
        except NoReverseMatch:
            continue
        policy = policy_for(section.url_name)
        if policy is None or (
            policy.permission is not None and not has_permission(user, Permission(policy.permission))
        ):
            continue
        links.append(SectionLink(section.title, section.description, href))
    return links
