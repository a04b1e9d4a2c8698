"""The network map as a PNG, drawn on the server from the same purpose-limited graph as the page (map_graph.py).

The browser may post where its layout put each node (`{"n12": [x, y], …}`), so the picture matches the screen; but
every word in the picture comes from the server's graph, never from the browser. The labels are also written into a
PNG tEXt chunk ("Labels"), so what the image says can be checked without reading pixels (the leak test does).
An export of a person's network is an outbound document: `sharing.outbound.authorise_outbound` must allow it first.
"""

from __future__ import annotations

import io
import json
import math
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from safecontext.access.scope import get_person_for_user
from safecontext.core.http import signed_in_user
from safecontext.network.map_graph import MapGraph
from safecontext.sharing.outbound import authorise_outbound
from safecontext.sharing.rules import ItemKind

if TYPE_CHECKING:
    from safecontext.network.queries import Filters
    from safecontext.network.views import Centre

WIDTH, HEIGHT, MARGIN = 1600, 1200, 90
NATURE_COLOURS = {"protective": (0, 112, 60), "harmful": (212, 53, 28), "unknown": (80, 90, 95)}
KIND_COLOURS = {"person": (29, 112, 184), "context": (244, 119, 56), "object": (76, 44, 146)}
WITHHELD_COLOUR = (120, 120, 120)
MAX_POSITIONS = 10_000


def parse_positions(raw: str) -> dict[str, tuple[float, float]]:
    """The browser's layout, if it sent a usable one: node id → (x, y). Anything malformed is ignored (the server
    lays the graph out itself), never an error: the picture is the same graph either way."""
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(data, dict) or len(data) > MAX_POSITIONS:
        return {}
    positions: dict[str, tuple[float, float]] = {}
    for key, value in data.items():
        if (
            isinstance(key, str)
            and isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in value)
        ):
            positions[key] = (float(value[0]), float(value[1]))
    return positions


def _layout(graph: MapGraph, posted: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Pixel positions: the posted layout scaled to the image when it covers every node; otherwise rings by hop."""
    ids = [node.id for node in graph.nodes]
    if ids and all(node_id in posted for node_id in ids):
        xs = [posted[node_id][0] for node_id in ids]
        ys = [posted[node_id][1] for node_id in ids]
        span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)
        scaled = {
            node_id: (MARGIN + (posted[node_id][0] - min(xs)) * scale, MARGIN + (posted[node_id][1] - min(ys)) * scale)
            for node_id in ids
        }
        if all(math.isfinite(v) for xy in scaled.values() for v in xy):  # a span beyond a float: rings instead
            return scaled
    centre = (WIDTH / 2, HEIGHT / 2)
    positions: dict[str, tuple[float, float]] = {}
    by_hop: dict[int, list[str]] = {}
    for node in graph.nodes:
        by_hop.setdefault(node.hop, []).append(node.id)
    for hop, members in by_hop.items():
        radius = 0.0 if hop == 0 else (HEIGHT / 2 - MARGIN) * hop / max(by_hop)
        for index, node_id in enumerate(members):
            angle = 2 * math.pi * index / len(members)
            positions[node_id] = (centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle))
    return positions


def render_png(graph: MapGraph, posted: dict[str, tuple[float, float]], *, title: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=16)
    positions = _layout(graph, posted)
    for edge in graph.edges:
        if edge.source in positions and edge.target in positions:
            width = 4 if edge.nature == "harmful" else 2
            draw.line([positions[edge.source], positions[edge.target]], fill=NATURE_COLOURS[edge.nature], width=width)
    for node in graph.nodes:
        x, y = positions[node.id]
        colour = WITHHELD_COLOUR if node.withheld else KIND_COLOURS.get(node.kind, WITHHELD_COLOUR)
        radius = 14 if node.hop else 20
        box = (x - radius, y - radius, x + radius, y + radius)
        if node.kind == "person":
            draw.ellipse(box, fill=colour, outline="black")
        else:
            draw.rectangle(box, fill=colour, outline="black")
        label = node.label + (f" ({node.hub_links:,} links)" if node.hub_links else "")
        draw.text((x + radius + 4, y - 8), label, fill="black", font=font)
    draw.text((MARGIN / 3, MARGIN / 3), title, fill="black", font=ImageFont.load_default(size=24))
    info = PngInfo()
    info.add_text("Title", title)
    info.add_text("Labels", "\n".join(graph.labels()))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def export_png(request: HttpRequest, centre: Centre, filters: Filters, data: dict[str, Any]) -> HttpResponse:
    """Authorise the outbound document (raises SharingRecordRequired, a ValidationError), then draw the PNG."""
    from safecontext.audit.models import AccessEvent
    from safecontext.network.views import build_graph

    user = signed_in_user(request)
    person = get_person_for_user(user, centre.record_id)
    authorise_outbound(
        by=user,
        person=person,
        sharing_record_id=data["sharing_record"],
        kind="network_png",
        description=f"Network map (depth {filters.depth}) centred on this young person",
        item=ItemKind.NETWORK_MAP,
        path=request.get_full_path(),
    )
    graph = build_graph(request, centre, filters, kind=AccessEvent.Kind.EXPORT)
    png = render_png(graph, parse_positions(data.get("positions") or ""), title=f"Network of {centre.title}")
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="network-{centre.record_id}.png"'
    response["Cache-Control"] = "no-store"
    return response
