"""analytics in the JSON API. Same scope and audit as the pages: numbers across the viewer's service, people named
only within the viewer's scope (initials otherwise), and every person named recorded as read."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from safecontext.access.permissions import Permission
from safecontext.analytics import queries
from safecontext.analytics.labels import Label
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.http import require_permission, token_user

router = Router(tags=["analytics"])


class LabelOut(Schema):
    label: str
    kind: str
    person_id: int | None  # set only for people the caller may open
    withheld: bool


class SharedRowOut(Schema):
    node_id: int
    context_id: int | None
    what: LabelOut
    young_people: list[LabelOut]  # the first 20, people the caller may open first
    young_people_count: int


class SharedOut(Schema):
    open_young_people: int
    contexts: list[SharedRowOut]
    adults: list[SharedRowOut]


class HotspotOut(Schema):
    context_id: int
    name: str
    kind: str
    postcode: str
    latitude: float | None
    longitude: float | None
    harmful_links: int


def _label(label: Label) -> LabelOut:
    return LabelOut(label=label.text, kind=label.kind, person_id=label.person_id, withheld=label.withheld)


def _row(row: queries.SharedRow) -> SharedRowOut:
    return SharedRowOut(
        node_id=row.node_id,
        context_id=row.context_id,
        what=_label(row.label),
        young_people=[_label(label) for label in row.young_people],
        young_people_count=row.count,
    )


@router.get("/shared", response=SharedOut, url_name="analytics_shared")
def shared(request: HttpRequest) -> SharedOut:
    """Contexts and adults linked to two or more young people with open cases in the caller's service."""
    user = token_user(request)
    require_permission(user, Permission.VIEW_ANALYTICS)
    found = queries.shared_contexts_and_adults(user=user, as_of=timezone.localdate())
    record_access(by=user, person_ids=sorted(found.named), kind=AccessEvent.Kind.API, path=request.path)
    return SharedOut(
        open_young_people=found.open_young_people,
        contexts=[_row(row) for row in found.contexts],
        adults=[_row(row) for row in found.adults],
    )


@router.get("/hotspots", response=list[HotspotOut], url_name="analytics_hotspots")
def hotspots(request: HttpRequest) -> list[HotspotOut]:
    """Contexts with the most harmful links in force in the last 90 days."""
    user = token_user(request)
    require_permission(user, Permission.VIEW_ANALYTICS)
    return [
        HotspotOut(
            context_id=spot.context.pk,
            name=spot.context.name,
            kind=spot.context.kind,
            postcode=spot.context.postcode,
            latitude=float(spot.context.latitude) if spot.context.latitude is not None else None,
            longitude=float(spot.context.longitude) if spot.context.longitude is not None else None,
            harmful_links=spot.harmful_links,
        )
        for spot in queries.hotspots(user=user, as_of=timezone.localdate())
    ]
