from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from safecontext.access.models import BreakGlassGrant
from safecontext.access.queries import grants_to_review
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.cases.queries import caseload_for


def home(request: HttpRequest) -> HttpResponse:
    """My work: the user's caseload, and for managers the emergency accesses awaiting their review."""
    user = request.user
    caseload = list(caseload_for(user=user))  # type: ignore[arg-type]
    # A caseload list shows children's names: each is a read of that child's record.
    record_access(
        by=user,  # type: ignore[arg-type]
        person_ids=[case.subject_id for case in caseload],
        kind=AccessEvent.Kind.LIST,
        path=request.path,
    )
    reviews_waiting = grants_to_review(user).filter(outcome=BreakGlassGrant.Outcome.PENDING).count()  # type: ignore[arg-type]
    return render(request, "core/home.html", {"caseload": caseload, "reviews_waiting": reviews_waiting})
