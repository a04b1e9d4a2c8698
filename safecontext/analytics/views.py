"""Analytics pages. Thin: analytics/queries.py reads within the viewer's service, analytics/actions.py queues the
cluster recompute. Every person a page names is recorded as seen (AccessEvent kind "list") before the page is built;
people outside the viewer's scope appear by initials only and are not recorded (nothing about them is shown).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from safecontext.access.permissions import Permission
from safecontext.accounts.models import Service, User
from safecontext.analytics import actions, queries
from safecontext.analytics.models import ClusterRun
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.http import is_htmx, require_permission, signed_in_user
from safecontext.network.models import Node


def _viewer(request: HttpRequest) -> User:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_ANALYTICS)
    queries.service_id_for(user)  # 404 for a user with no team: there is no service to look across
    return user


def _record_named(request: HttpRequest, person_ids: Iterable[int]) -> None:
    record_access(
        by=signed_in_user(request), person_ids=sorted(person_ids), kind=AccessEvent.Kind.LIST, path=request.path
    )


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    finished, pending = queries.latest_runs(user)
    return render(request, "analytics/index.html", {"finished": finished, "pending": pending})


@require_GET
def shared(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    found = queries.shared_contexts_and_adults(user=user, as_of=timezone.localdate())
    _record_named(request, found.named)
    return render(request, "analytics/shared.html", {"shared": found})


@require_GET
def clusters(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    finished, pending = queries.latest_runs(user)
    views: list[queries.ClusterView] = []
    named: set[int] = set()
    if finished is not None:
        views, labels = queries.clusters_of_run(user=user, run=finished)
        named = labels.named
    _record_named(request, named)
    return render(request, "analytics/clusters.html", {"run": finished, "pending": pending, "clusters": views})


@require_POST
def recompute(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    service = Service.objects.get(pk=queries.service_id_for(user))
    run = actions.request_cluster_run(by=user, service=service)
    return redirect("analytics:cluster_run", cluster_run_id=run.pk)


@require_GET
def cluster_run(request: HttpRequest, cluster_run_id: int) -> HttpResponse:
    user = _viewer(request)
    run = queries.get_cluster_run_for_user(user, cluster_run_id)
    pending = run.status in {ClusterRun.Status.QUEUED, ClusterRun.Status.RUNNING}
    if is_htmx(request):
        # The status panel polls while the run waits or runs; once it is done the whole page is reloaded.
        response = render(request, "analytics/run_status.html", {"run": run, "polling": pending})
        if not pending:
            response["HX-Refresh"] = "true"
        return response
    views: list[queries.ClusterView] = []
    named: set[int] = set()
    if run.status == ClusterRun.Status.FINISHED:
        views, labels = queries.clusters_of_run(user=user, run=run)
        named = labels.named
    _record_named(request, named)
    return render(request, "analytics/cluster_run.html", {"run": run, "polling": pending, "clusters": views})


@require_GET
def hotspots(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    found = queries.hotspots(user=user, as_of=timezone.localdate())
    points = [
        {
            "name": spot.context.name,
            "lat": float(spot.context.latitude),  # type: ignore[arg-type]
            "lng": float(spot.context.longitude),  # type: ignore[arg-type]
            "harmful": spot.harmful_links,
        }
        for spot in found
        if spot.has_location
    ]
    context = {
        "hotspots": found,
        "points": points,
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "days": queries.HOTSPOT_DAYS,
    }
    return render(request, "analytics/hotspots.html", context)


@require_GET
def around(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    service_id = queries.service_id_for(user)
    choices = list(
        Node.objects.filter(context__service_id=service_id)
        .order_by("context__name", "context_id")
        .values_list("context_id", "context__name")[:500]
    )
    raw = request.GET.get("context", "").strip()
    error = ""
    result = None
    context_record = None
    if raw:
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
            error = "Choose a context from the list"
        else:
            context_record = queries.get_context_for_user(user, int(raw))
            result = queries.clusters_around_context(user=user, context=context_record, as_of=timezone.localdate())
            shown = {label.person_id for _, _, members in result.clusters for label in members}
            shown |= {label.person_id for _, label in result.hubs}
            _record_named(request, {pk for pk in shown if pk is not None})
    context = {
        "choices": choices,
        "chosen": context_record,
        "error": error,
        "result": result,
        "limit": queries.SUBGRAPH_LIMIT,
    }
    return render(request, "analytics/around.html", context, status=400 if error else 200)
