from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from safecontext.access.models import BreakGlassGrant
from safecontext.access.permissions import Permission, has_permission
from safecontext.access.queries import grants_to_review
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.cases import worklists
from safecontext.core.http import signed_in_user
from safecontext.supervision.views import my_actions_context

# My work shows at most this many of the team's cases; the full lists are on the team pages.
TEAM_ROWS_SHOWN = 50


def home(request: HttpRequest) -> HttpResponse:
    """My work: the user's caseload with each relationship's stage, visits due, plans due for review and flags; for
    managers, the team's cases and the emergency accesses awaiting their review."""
    user = signed_in_user(request)
    today = timezone.localdate()
    caseload = worklists.caseload_rows(user, today=today)
    is_manager = has_permission(user, Permission.MANAGE_CASES)
    team = worklists.team_rows(user, today=today) if is_manager else []
    team.sort(key=lambda row: (not row.flags, row.visits.due or today.replace(year=today.year + 1), row.case.pk))
    team = team[:TEAM_ROWS_SHOWN]
    # A caseload list shows children's names: each is a read of that child's record.
    record_access(
        by=user,
        person_ids=[row.case.subject_id for row in caseload + team],
        kind=AccessEvent.Kind.LIST,
        path=request.path,
    )
    reviews_waiting = grants_to_review(user).filter(outcome=BreakGlassGrant.Outcome.PENDING).count()
    due = worklists.visits_due(caseload)
    return render(
        request,
        "core/my_work.html",
        {
            "caseload": caseload,
            "visits_due_soon": [row for row in due if row.visits.overdue or (row.visits.due - today).days <= 7],  # type: ignore[operator]
            "flagged": sum(bool(row.flags) for row in caseload),
            "team": team,
            "team_flagged": sum(bool(row.flags) for row in team),
            "is_manager": is_manager,
            "reviews_waiting": reviews_waiting,
            # What was agreed in supervision lands on the owner's list (issue 6).
            **my_actions_context(request),
        },
    )
