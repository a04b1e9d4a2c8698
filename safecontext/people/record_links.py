"""Where a person's record leads: their cases and the pages of other areas about them, for the signed-in user.

Each link appears only when the user's role may use it and the person is in their scope (the person page has already
checked that); the pages themselves check again, so a link is a convenience, never the gate.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import cases_visible_to
from safecontext.accounts.models import User
from safecontext.cases.models import Case
from safecontext.people.models import Person

P = Permission


@dataclass(frozen=True)
class RecordLink:
    label: str
    url: str


def cases_about(person: Person, *, user: User) -> list[Case]:
    if not has_permission(user, P.VIEW_CASES):
        return []
    return list(cases_visible_to(user).filter(subject=person).select_related("allocated_worker", "team"))


def record_links(person: Person, *, user: User) -> list[RecordLink]:
    pages = (
        ("Open a case", "cases:open", P.MANAGE_CASES),
        ("Network map", "network:person_map", P.VIEW_NETWORK),
        ("Context weightings and plans", "context_plans:for_person", P.VIEW_CONTEXT_CASES),
        ("Information shared about them", "sharing:for_person", P.VIEW_CASES),
        ("Who knows what about me (to go through with them)", "sharing:who_knows", P.VIEW_CASES),
    )
    return [
        RecordLink(label, reverse(url_name, kwargs={"person_id": person.pk}))
        for label, url_name, permission in pages
        if has_permission(user, permission)
    ]
