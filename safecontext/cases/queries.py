from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from safecontext.access.scope import cases_visible_to
from safecontext.cases.models import Case

if TYPE_CHECKING:
    from safecontext.accounts.models import User


def caseload_for(*, user: User) -> QuerySet[Case]:
    """Open cases allocated to this user, or where they are in the professional network (always within scope)."""
    from django.db.models import Q

    return (
        cases_visible_to(user)
        .filter(Q(allocated_worker_id=user.pk) | Q(network__id=user.pk), status=Case.Status.OPEN)
        .select_related("subject", "team")
        .prefetch_related("subject__names")
        .distinct()
        .order_by("opened_on", "pk")
    )
