"""network in the JSON API. Same scope, purpose limits and audit as the pages: the graph is the one the map page draws
(network/map_graph.py), every person named in it is recorded as seen before the answer is built, and a centre or link
outside the user's scope answers 404 with the same body as one that does not exist."""

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import ConfigDict, StringConstraints

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import get_person_for_user, people_in_scope
from safecontext.accounts.models import User
from safecontext.api_schemas import NO_CONTROL_CHARACTERS, ErrorOut, IsoDate, ValidationErrorOut
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.http import token_user
from safecontext.network import actions
from safecontext.network.map_graph import MapGraph, get_context_for_user, get_link_for_user, purpose_limited_graph
from safecontext.network.models import Link, Node
from safecontext.network.queries import Filters, neighbourhood

router = Router(tags=["network"])

RecordId = Annotated[int, Path(ge=1, le=2**63 - 1)]
READ: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE: dict[int, Any] = {**READ, 400: ErrorOut, 409: ErrorOut}
LinkType = Literal[
    "friend",
    "sibling",
    "parent",
    "member_of",
    "attends",
    "frequents",
    "associates",
    "exploits",
    "harmed_at",
    "uses",
    "protective_adult",
    "mentioned_with",
]
Nature = Literal["protective", "harmful", "unknown"]
Reliability = Literal["reliable", "untested", "doubtful"]
Text = Annotated[str, StringConstraints(max_length=500, pattern=NO_CONTROL_CHARACTERS)]


class GraphQuery(Schema):
    depth: int = Field(1, ge=1, le=2)
    nature: list[Nature] = Field(default_factory=list)
    type: list[LinkType] = Field(default_factory=list)
    on: IsoDate | None = Field(None, description="Only links valid on this day (YYYY-MM-DD)")


class NodeOut(Schema):
    id: str
    kind: str
    label: str
    detail: str
    hop: int
    withheld: bool = Field(description="True when the viewer may not open this record: initials or kind only")
    hub_links: int | None


class EdgeOut(Schema):
    id: str
    source: str
    target: str
    type: str
    type_label: str
    nature: str
    reliability: str
    valid_from: dt.date
    valid_to: dt.date | None
    purpose: str


class GraphOut(Schema):
    centre: str
    truncated: bool
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class _In(Schema):
    model_config = ConfigDict(extra="forbid")


class EndIn(_In):
    kind: Literal["person", "context"]
    id: int = Field(ge=1, le=2**63 - 1)


class LinkIn(_In):
    a: EndIn
    b: EndIn
    type: LinkType
    nature: Nature = "unknown"
    reliability: Reliability = "untested"
    valid_from: IsoDate
    valid_to: IsoDate | None = None
    purpose: Annotated[str, StringConstraints(max_length=200, pattern=NO_CONTROL_CHARACTERS)] = ""


class CorrectIn(_In):
    version: int = Field(ge=1)
    type: LinkType
    nature: Nature
    reliability: Reliability
    valid_from: IsoDate
    valid_to: IsoDate | None = None
    purpose: Annotated[str, StringConstraints(max_length=200, pattern=NO_CONTROL_CHARACTERS)] = ""
    reason: Text


class EndLinkIn(_In):
    version: int = Field(ge=1)
    valid_to: IsoDate
    reason: Text


class LinkOut(Schema):
    id: int
    version: int
    type: str
    nature: str
    reliability: str
    valid_from: dt.date
    valid_to: dt.date | None


def _refuse_unknown_parameters(request: HttpRequest) -> None:
    # A misspelt filter ("natur=harmful") must not be dropped silently: the map would be wider than asked for.
    unknown = sorted(set(request.GET) - set(GraphQuery.model_fields))
    if unknown:
        raise ValidationError({name: ["This is not a parameter of the network graph"] for name in unknown})


def _filters(params: GraphQuery) -> Filters:
    return Filters(depth=params.depth, natures=frozenset(params.nature), types=frozenset(params.type), on=params.on)


def _answer(request: HttpRequest, user: User, node: Node | None, params: GraphQuery, person_id: int | None) -> Any:
    from safecontext.network.queries import Neighbourhood

    hood = (
        neighbourhood(node, _filters(params))
        if node is not None
        else Neighbourhood(centre=0, hops={}, edges=[], hubs={}, truncated=False)
    )
    graph: MapGraph = purpose_limited_graph(user, hood)
    named = set(graph.named_person_ids) | ({person_id} if person_id is not None else set())
    break_glass = set(graph.break_glass_person_ids)
    if person_id is not None and not people_in_scope(user).filter(pk=person_id).exists():
        break_glass.add(person_id)
    record_access(
        by=user,
        person_ids=sorted(named),
        kind=AccessEvent.Kind.API,
        path=request.get_full_path(),
        break_glass_person_ids=frozenset(break_glass),
    )
    return graph.as_json()


@router.get(
    "/person/{person_id}/graph",
    response={200: GraphOut, **READ},
    url_name="network_person_graph",
    operation_id="network_person_graph",
)
def person_graph(request: HttpRequest, person_id: RecordId, params: Query[GraphQuery]) -> Any:
    """The purpose-limited network around a person: people you may not open appear by initials (young people) or
    as "An adult", never with a name, age or address."""
    _refuse_unknown_parameters(request)
    user = token_user(request)
    if not has_permission(user, Permission.VIEW_NETWORK):
        raise Http404("Not found")
    person = get_person_for_user(user, person_id)
    return _answer(request, user, Node.objects.filter(person=person).first(), params, person.pk)


@router.get(
    "/context/{context_id}/graph",
    response={200: GraphOut, **READ},
    url_name="network_context_graph",
    operation_id="network_context_graph",
)
def context_graph(request: HttpRequest, context_id: RecordId, params: Query[GraphQuery]) -> Any:
    """The purpose-limited network around a context (place, peer group, school, online space)."""
    _refuse_unknown_parameters(request)
    user = token_user(request)
    context = get_context_for_user(user, context_id)
    return _answer(request, user, Node.objects.filter(context=context).first(), params, None)


def _end_node(user: User, end: EndIn) -> Node:
    if end.kind == "person":
        return actions.node_for_person(person=get_person_for_user(user, end.id, write=True))
    return actions.node_for_context(context=get_context_for_user(user, end.id))


def _link_out(link: Link) -> dict[str, Any]:
    return {
        "id": link.pk,
        "version": link.version,
        "type": link.type,
        "nature": link.nature,
        "reliability": link.reliability,
        "valid_from": link.valid_from,
        "valid_to": link.valid_to,
    }


@router.post("/links", response={201: LinkOut, **WRITE}, url_name="network_link_add", operation_id="network_link_add")
def add_link(request: HttpRequest, payload: LinkIn) -> tuple[int, dict[str, Any]]:
    """Add a link between two people or contexts you may see (needs the edit-network permission)."""
    user = token_user(request)
    if not has_permission(user, Permission.EDIT_NETWORK):
        raise Http404("Not found")
    link = actions.add_link(
        a=_end_node(user, payload.a),
        b=_end_node(user, payload.b),
        type=payload.type,
        nature=payload.nature,
        reliability=payload.reliability,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        purpose=payload.purpose,
        by=user,
    )
    return 201, _link_out(link)


@router.post(
    "/links/{link_id}/correct",
    response={200: LinkOut, **WRITE},
    url_name="network_link_correct",
    operation_id="network_link_correct",
)
def correct_link(request: HttpRequest, link_id: RecordId, payload: CorrectIn) -> dict[str, Any]:
    """Correct a link; its earlier values are kept in its history. 409 if it changed since the version you send."""
    user = token_user(request)
    link = get_link_for_user(user, link_id, write=True)
    try:
        link = actions.correct_link(link=link, by=user, **payload.model_dump())
    except actions.LinkEditConflict as conflict:
        raise HttpError(
            409, f"The link has changed since you read it: it is now version {conflict.current_version}"
        ) from None
    return _link_out(link)


@router.post(
    "/links/{link_id}/end",
    response={200: LinkOut, **WRITE},
    url_name="network_link_end",
    operation_id="network_link_end",
)
def end_link(request: HttpRequest, link_id: RecordId, payload: EndLinkIn) -> dict[str, Any]:
    """End a link on `valid_to`, the last day it held."""
    user = token_user(request)
    link = get_link_for_user(user, link_id, write=True)
    try:
        link = actions.end_link(link=link, by=user, **payload.model_dump())
    except actions.LinkEditConflict as conflict:
        raise HttpError(
            409, f"The link has changed since you read it: it is now version {conflict.current_version}"
        ) from None
    return _link_out(link)
