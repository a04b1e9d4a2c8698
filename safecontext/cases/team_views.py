"""Lists across cases: my visits due, the team's overdue visits, and continuity of workers. Each list names children,
so each records a LIST AccessEvent for the children shown."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from safecontext.access.permissions import Permission
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.cases import worklists
from safecontext.core.http import require_permission, signed_in_user


def _record_list(request: HttpRequest, person_ids: list[int]) -> None:
    record_access(by=signed_in_user(request), person_ids=person_ids, kind=AccessEvent.Kind.LIST, path=request.path)


@require_GET
def my_visits(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_CASES)
    rows = worklists.visits_due(worklists.caseload_rows(user, today=timezone.localdate()))
    _record_list(request, [row.case.subject_id for row in rows])
    return render(request, "cases/visits_due.html", {"rows": rows, "title": "My visits due", "team": False})


@require_GET
def team_overdue(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.MANAGE_CASES)
    rows = [row for row in worklists.team_rows(user, today=timezone.localdate()) if row.visits.overdue]
    rows.sort(key=lambda row: (-row.visits.days_overdue, row.case.pk))
    _record_list(request, [row.case.subject_id for row in rows])
    return render(request, "cases/visits_due.html", {"rows": rows, "title": "Team's overdue visits", "team": True})


@require_GET
def team_continuity(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.MANAGE_CASES)
    report = worklists.continuity_report(user, today=timezone.localdate())
    _record_list(request, [case.subject_id for case, _ in report.cases])
    return render(request, "cases/continuity.html", {"report": report})
