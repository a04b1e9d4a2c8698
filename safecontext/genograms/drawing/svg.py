"""A genogram as SVG text. Pure: `render(members, relations, title=, description=)` → str.

Presentation attributes only (fill=, stroke=), never a style attribute: the Content Security Policy allows no inline
styles. Every piece of text is escaped. The SVG carries a <title> and <desc> and is labelled by them (role="img");
the page puts a table of the same facts beside it for people who cannot see the drawing.
"""

from __future__ import annotations

from html import escape

from safecontext.genograms.drawing.family import Member, Relation, Sex
from safecontext.genograms.drawing.layout import COUPLE_DROP, SIZE, SUBJECT_RING, Layout, Line, Placed, Stroke, lay_out

INK = "#0b0c0c"
DASHES = {Stroke.SOLID: "", Stroke.DASHED: ' stroke-dasharray="8 5"', Stroke.DOTTED: ' stroke-dasharray="2 4"'}
LABEL_MAX = 20
# A white outline behind each label keeps it readable where a line passes under it.
HALO = ' stroke="#ffffff" stroke-width="4" paint-order="stroke"'


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _line(line: Line) -> str:
    width = "1.5" if line.purpose == "care" else "2"
    colour = "#505a5f" if line.purpose == "care" else INK
    return (
        f'<line x1="{_number(line.x1)}" y1="{_number(line.y1)}" x2="{_number(line.x2)}" y2="{_number(line.y2)}" '
        f'stroke="{colour}" stroke-width="{width}"{DASHES[line.stroke]} data-purpose="{line.purpose}"/>'
    )


def _symbol(placed: Placed) -> list[str]:
    member, x, y, half = placed.member, placed.x, placed.y, SIZE / 2
    shapes: list[str] = []

    def outline(grow: float) -> str:
        h = half + grow
        if member.sex == Sex.MALE:
            return (
                f'<rect x="{_number(x - h)}" y="{_number(y - h)}" width="{_number(2 * h)}" height="{_number(2 * h)}" '
                f'fill="{"#ffffff" if grow == 0 else "none"}" stroke="{INK}" stroke-width="2"/>'
            )
        if member.sex == Sex.FEMALE:
            return (
                f'<circle cx="{_number(x)}" cy="{_number(y)}" r="{_number(h)}" '
                f'fill="{"#ffffff" if grow == 0 else "none"}" stroke="{INK}" stroke-width="2"/>'
            )
        corners = ((x, y - h), (x + h, y), (x, y + h), (x - h, y))
        points = " ".join(f"{_number(px)},{_number(py)}" for px, py in corners)
        return (
            f'<polygon points="{points}" fill="{"#ffffff" if grow == 0 else "none"}" stroke="{INK}" stroke-width="2"/>'
        )

    shapes.append(outline(0))
    if member.is_subject:
        shapes.append(outline(SUBJECT_RING))  # the index person: a double outline
    if member.deceased:
        d = half * 0.8
        shapes.append(
            f'<path d="M{_number(x - d)} {_number(y - d)} L{_number(x + d)} {_number(y + d)} '
            f'M{_number(x + d)} {_number(y - d)} L{_number(x - d)} {_number(y + d)}" stroke="{INK}" stroke-width="2"/>'
        )
    name = member.name if len(member.name) <= LABEL_MAX else member.name[: LABEL_MAX - 1] + "…"
    label_y = y + half + COUPLE_DROP + 20  # below the couple line
    shapes.append(
        f'<text x="{_number(x)}" y="{_number(label_y)}" text-anchor="middle" font-family="Arial, sans-serif" '
        f'font-size="13" fill="{INK}"{HALO}>{escape(name)}</text>'
    )
    if member.years:
        shapes.append(
            f'<text x="{_number(x)}" y="{_number(label_y + 15)}" text-anchor="middle" font-family="Arial, sans-serif" '
            f'font-size="12" fill="#505a5f"{HALO}>{escape(member.years)}</text>'
        )
    return shapes


def render_layout(layout: Layout, *, title: str, description: str, element_id: str = "genogram") -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_number(layout.width)}" '
        f'height="{_number(layout.height)}" viewBox="0 0 {_number(layout.width)} {_number(layout.height)}" '
        f'aria-labelledby="{element_id}-title {element_id}-desc" id="{element_id}" class="sc-genogram">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(description)}</desc>',
    ]
    parts.extend(_line(line) for line in layout.lines if line.purpose != "care")
    parts.extend(_line(line) for line in layout.lines if line.purpose == "care")
    for placed in layout.placed:
        parts.append(f'<g data-member="{placed.member.id}">')
        parts.extend(_symbol(placed))
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def render(members: list[Member], relations: list[Relation], *, title: str, description: str) -> str:
    return render_layout(lay_out(members, relations), title=title, description=description)
