"""Network pages: the map centred on a person or a context, its JSON, the PNG export, and adding, correcting and
ending links. Thin: the graph comes from network/queries.py and map_graph.py (purpose-limited for the viewer), the
writes from network/actions.py. Every page that shows people records an AccessEvent for each person named, before
the response is built; a centre the viewer may not see answers 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import get_person_for_user, people_in_scope
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import require_permission, signed_in_user
from safecontext.network import actions
from safecontext.network.forms import AddLinkForm, CorrectLinkForm, EndLinkForm, ExportForm, filters_from
from safecontext.network.map_graph import (
    MapGraph,
    MapNode,
    get_context_for_user,
    get_link_for_user,
    purpose_limited_graph,
)
from safecontext.network.models import Link, Node
from safecontext.network.queries import Filters, Neighbourhood, neighbourhood

LEGEND = [
    ("protective", "Protective link", "solid green line"),
    ("harmful", "Harmful link", "thick red line"),
    ("unknown", "Nature not known", "dashed grey line"),
]


class Centre:
    """What a map is centred on: a person or a context, already fetched with the viewer."""

    def __init__(self, *, kind: str, record_id: int, title: str, node: Node | None, person_id: int | None) -> None:
        self.kind = kind
        self.record_id = record_id
        self.title = title
        self.node = node
        self.person_id = person_id

    @property
    def url_args(self) -> dict[str, int]:
        return {"person_id": self.record_id} if self.kind == "person" else {"context_id": self.record_id}

    def url(self, name: str) -> str:
        return reverse(f"network:{self.kind}_{name}", kwargs=self.url_args)

    @property
    def url_map(self) -> str:
        return self.url("map")

    @property
    def url_export(self) -> str:
        return self.url("export")


def person_centre(request: HttpRequest, person_id: int) -> Centre:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_NETWORK)
    person = get_person_for_user(user, person_id)
    node = Node.objects.filter(person=person).first()
    return Centre(kind="person", record_id=person.pk, title=person.display_name, node=node, person_id=person.pk)


def context_centre(request: HttpRequest, context_id: int) -> Centre:
    user = signed_in_user(request)
    context = get_context_for_user(user, context_id)
    node = Node.objects.filter(context=context).first()
    return Centre(kind="context", record_id=context.pk, title=context.name, node=node, person_id=None)


def build_graph(request: HttpRequest, centre: Centre, filters: Filters, *, kind: str) -> MapGraph:
    """The purpose-limited graph, with the viewer's AccessEvents written for everyone it names."""
    user = signed_in_user(request)
    if centre.node is None:  # nothing linked yet: the centre alone
        alone = MapNode("n0", centre.kind, centre.title, "No links recorded yet", 0, False)
        graph = MapGraph(centre="n0", nodes=[alone], edges=[], truncated=False)
    else:
        graph = purpose_limited_graph(user, neighbourhood(centre.node, filters))
    named = set(graph.named_person_ids)
    if centre.person_id is not None:
        named.add(centre.person_id)
        break_glass = graph.break_glass_person_ids | (
            set() if people_in_scope(user).filter(pk=centre.person_id).exists() else {centre.person_id}
        )
    else:
        break_glass = set(graph.break_glass_person_ids)
    record_access(
        by=user,
        person_ids=sorted(named),
        kind=kind,
        path=request.get_full_path(),
        break_glass_person_ids=frozenset(break_glass),
    )
    return graph


TAGS = {"harmful": "govuk-tag--red", "protective": "govuk-tag--green", "unknown": "govuk-tag--grey"}
NATURES = dict(Link.Nature.choices)
RELIABILITIES = dict(Link.Reliability.choices)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def table_rows(graph: MapGraph, nodes: dict[str, MapNode]) -> list[dict[str, Any]]:
    """The links table, formatted here rather than in the template: a map of a few hundred links renders in a
    fraction of the time (an include and a date filter per cell cost ~1 ms a row)."""
    correct = reverse("network:correct_link", kwargs={"link_id": 1}).removesuffix("1/correct/")
    return [
        {
            "edge": edge,
            "source": nodes.get(edge.source),
            "target": nodes.get(edge.target),
            "tag": TAGS.get(edge.nature, "govuk-tag--grey"),
            "nature": NATURES.get(edge.nature, edge.nature),
            "valid": f"{_day(edge.valid_from)} to {_day(edge.valid_to) if edge.valid_to else 'now'}",
            "reliability": RELIABILITIES.get(edge.reliability, edge.reliability),
            "correct_url": f"{correct}{edge.link_id}/correct/",
            "end_url": f"{correct}{edge.link_id}/end/",
        }
        for edge in graph.edges
    ]


def _map_page(request: HttpRequest, centre: Centre) -> HttpResponse:
    user = signed_in_user(request)
    form, filters = filters_from(request.GET)
    graph = build_graph(request, centre, filters, kind=AccessEvent.Kind.PAGE)
    nodes = {node.id: node for node in graph.nodes}
    query = request.GET.urlencode()

    return render(
        request,
        "network/map.html",
        {
            "centre": centre,
            "form": form,
            "graph": graph,
            "graph_json": graph.as_json(),  # drawn from the page itself: no second request, no second AccessEvent
            "nodes": nodes,
            "rows": table_rows(graph, nodes),
            "hubs": [node for node in graph.nodes if node.hub_links],
            "legend": LEGEND,
            "graph_url": centre.url("graph") + (f"?{query}" if query else ""),
            "add_url": centre.url("add_link"),
            "export_form": ExportForm(),
            "can_edit": has_permission(user, Permission.EDIT_NETWORK),
            "can_export": centre.kind == "person" and has_permission(user, Permission.RECORD_SHARING),
            "query": query,
        },
        status=400 if form.errors else 200,
    )


@require_GET
def person_map(request: HttpRequest, person_id: int) -> HttpResponse:
    return _map_page(request, person_centre(request, person_id))


@require_GET
def context_map(request: HttpRequest, context_id: int) -> HttpResponse:
    return _map_page(request, context_centre(request, context_id))


def _graph_json(request: HttpRequest, centre: Centre) -> JsonResponse:
    _, filters = filters_from(request.GET)
    graph = build_graph(request, centre, filters, kind=AccessEvent.Kind.PAGE)
    return JsonResponse(graph.as_json())


@require_GET
def person_graph(request: HttpRequest, person_id: int) -> JsonResponse:
    return _graph_json(request, person_centre(request, person_id))


@require_GET
def context_graph(request: HttpRequest, context_id: int) -> JsonResponse:
    return _graph_json(request, context_centre(request, context_id))


# --- export -----------------------------------------------------------------------------------------------------


@require_POST
def person_export(request: HttpRequest, person_id: int) -> HttpResponse:
    """The map as a PNG, drawn on the server from the same purpose-limited graph (network/png.py); an outbound
    document, so it needs a sharing record (sharing/outbound.py)."""
    from safecontext.network import export

    user = signed_in_user(request)
    require_permission(user, Permission.RECORD_SHARING)
    centre = person_centre(request, person_id)
    form = ExportForm(request.POST)
    _, filters = filters_from(request.POST)
    if form.is_valid():
        try:
            return export.export_png(request, centre, filters, form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
    for message in [*form.non_field_errors(), *[e for errors in form.errors.values() for e in errors]][:3]:
        messages.error(request, f"The network could not be exported: {message}")
    return redirect(centre.url("map"))


# --- links ------------------------------------------------------------------------------------------------------


def _other_end(request: HttpRequest, form: AddLinkForm) -> Node | None:
    """The node at the other end of a new link: a person in the user's scope, a context they may see, or an object
    recorded in their service. None (and a form error) otherwise — the same words whether or not it exists."""
    user = signed_in_user(request)
    data = form.cleaned_data
    kind = data["other_kind"]
    if kind == "person":
        try:
            person = get_person_for_user(user, data["other_person"], write=True)
        except Http404:
            form.add_error("other_person", "There is no person with that number that you can link")
            return None
        return actions.node_for_person(person=person)
    if kind == "context":
        try:
            context = get_context_for_user(user, data["other_context"])
        except Http404:
            form.add_error("other_context", "There is no context with that number that you can link")
            return None
        return actions.node_for_context(context=context)
    service = user.service
    if service is None:
        raise Http404("Page not found")
    obj, _ = actions.object_for_value(service=service, kind=data["object_kind"], value=data["object_value"], by=user)
    return actions.node_for_object(obj=obj)


def _add_link(request: HttpRequest, centre: Centre) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.EDIT_NETWORK)
    if centre.kind == "person":
        get_person_for_user(user, centre.record_id, write=True)  # break-glass reads; it never adds links
        record_access(by=user, person_ids=[centre.record_id], kind=AccessEvent.Kind.PAGE, path=request.get_full_path())
    form = AddLinkForm(
        request.POST or None, initial={"nature": "unknown", "reliability": "untested", "direction": "out"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            link = _record_new_link(request, centre, form)
        except ValidationError as error:
            add_validation_errors(form, _renamed(error))
        else:
            if link is not None:
                messages.success(request, "The link has been added")
                return redirect(centre.url("map"))
    return render(
        request, "network/add_link.html", {"centre": centre, "form": form}, status=400 if form.errors else 200
    )


def _renamed(error: ValidationError) -> ValidationError:
    """An action's field names as the form calls them ("b" is the other end, "value" the object's value)."""
    if not hasattr(error, "error_dict"):
        return error
    names = {"b": "__all__", "a": "__all__", "value": "object_value", "kind": "object_kind"}
    renamed: dict[str, list[str]] = {}
    for field, field_messages in error.message_dict.items():
        renamed.setdefault(names.get(field, field), []).extend(field_messages)
    return ValidationError(renamed)


def _record_new_link(request: HttpRequest, centre: Centre, form: AddLinkForm) -> Link | None:
    from django.db import transaction

    user = signed_in_user(request)
    data = form.cleaned_data
    with transaction.atomic():
        other = _other_end(request, form)
        if other is None:
            return None
        here = (
            actions.node_for_person(person=get_person_for_user(user, centre.record_id, write=True))
            if centre.kind == "person"
            else actions.node_for_context(context=get_context_for_user(user, centre.record_id))
        )
        a, b = (here, other) if data["direction"] == "out" else (other, here)
        return actions.add_link(
            a=a,
            b=b,
            type=data["type"],
            nature=data["nature"],
            reliability=data["reliability"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            purpose=data["purpose"],
            by=user,
        )


@require_http_methods(["GET", "POST"])
def person_add_link(request: HttpRequest, person_id: int) -> HttpResponse:
    return _add_link(request, person_centre(request, person_id))


@require_http_methods(["GET", "POST"])
def context_add_link(request: HttpRequest, context_id: int) -> HttpResponse:
    return _add_link(request, context_centre(request, context_id))


def _link_context(request: HttpRequest, link: Link) -> dict[str, Any]:
    """The link's two ends as the viewer may see them (the same purpose limits as the map), with AccessEvents."""
    user = signed_in_user(request)
    hood = Neighbourhood(centre=link.a_id, hops={link.a_id: 0, link.b_id: 1}, edges=[], hubs={}, truncated=False)
    graph = purpose_limited_graph(user, hood)
    record_access(
        by=user,
        person_ids=sorted(graph.named_person_ids),
        kind=AccessEvent.Kind.PAGE,
        path=request.get_full_path(),
        break_glass_person_ids=frozenset(graph.break_glass_person_ids),
    )
    ends = {node.id: node for node in graph.nodes}
    a, b = ends[f"n{link.a_id}"], ends[f"n{link.b_id}"]
    back = a.url or b.url
    return {"link": link, "a": a, "b": b, "back": back, "revisions": list(link.revisions.select_related("by"))}


@require_http_methods(["GET", "POST"])
def correct_link(request: HttpRequest, link_id: int) -> HttpResponse:
    user = signed_in_user(request)
    link = get_link_for_user(user, link_id, write=True)
    initial = {field: getattr(link, field) for field in actions.CORRECTABLE_FIELDS} | {"version": link.version}
    form = CorrectLinkForm(request.POST or None, initial=initial)
    differences: list[actions.LinkDifference] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.correct_link(
                link=link,
                version=data["version"],
                type=data["type"],
                nature=data["nature"],
                reliability=data["reliability"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                purpose=data["purpose"],
                reason=data["reason"],
                by=user,
            )
        except actions.LinkEditConflict as conflict:
            differences = conflict.differences
            link = conflict.link
            form.add_error(None, "Someone changed this link while you were correcting it. Check the differences.")
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The link has been corrected; its earlier values are kept in its history")
            return redirect("network:correct_link", link_id=link.pk)
    context = _link_context(request, link) | {"form": form, "differences": differences}
    return render(request, "network/correct_link.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def end_link(request: HttpRequest, link_id: int) -> HttpResponse:
    user = signed_in_user(request)
    link = get_link_for_user(user, link_id, write=True)
    form = EndLinkForm(request.POST or None, initial={"version": link.version})
    differences: list[actions.LinkDifference] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.end_link(
                link=link, version=data["version"], valid_to=data["valid_to"], reason=data["reason"], by=user
            )
        except actions.LinkEditConflict as conflict:
            differences = conflict.differences
            link = conflict.link
            form.add_error(None, "Someone changed this link while you were ending it. Check the differences.")
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The link has been ended")
            return redirect("network:correct_link", link_id=link.pk)
    context = _link_context(request, link) | {"form": form, "differences": differences}
    return render(request, "network/end_link.html", context, status=400 if form.errors else 200)
