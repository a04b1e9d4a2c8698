"""Where each member and line goes. Pure: `lay_out(members, relations)` → `Layout`.

1. Generations: a parent sits one row above their child; partners and siblings share a row (relaxed until stable;
   a loop in the data cannot hang it, the number of passes is bounded).
2. Order within a row: children under their parents (by the mean position of their parents), siblings by birth
   year, and a partner who came into the family beside the person they are with.
3. Positions: left to right, each sibship centred under its parents where there is room.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from safecontext.genograms.drawing.family import (
    CARE_KINDS,
    COUPLE_KINDS,
    DESCENT_KINDS,
    Member,
    Relation,
    RelationKind,
)

SIZE = 40  # a symbol's width and height
GAP_X = 140  # centre to centre within a row: room for a name under each symbol
ROW_HEIGHT = 160
MARGIN = 70
COUPLE_DROP = 12  # how far below the symbols the couple line runs (the names go under it)
SUBJECT_RING = 6  # the gap between the two outlines of the child the work is about
SIBSHIP_RISE = 35  # how far above the children their sibship line runs


class Stroke(StrEnum):
    SOLID = "solid"
    DASHED = "dashed"
    DOTTED = "dotted"


@dataclass(frozen=True)
class Placed:
    member: Member
    x: float  # centre
    y: float  # centre
    generation: int


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: Stroke = Stroke.SOLID
    purpose: str = ""  # "couple", "descent", "sibship", "care", "slash"


@dataclass(frozen=True)
class Layout:
    placed: tuple[Placed, ...]
    lines: tuple[Line, ...]
    width: float
    height: float

    def at(self, member_id: int) -> Placed:
        return next(placed for placed in self.placed if placed.member.id == member_id)


def generations(members: Iterable[Member], relations: Iterable[Relation]) -> dict[int, int]:
    ids = [member.id for member in members]
    known = set(ids)
    rels = [rel for rel in relations if rel.a in known and rel.b in known and rel.a != rel.b]
    gen = dict.fromkeys(ids, 0)
    for _ in range(len(ids) * 2 + 2):
        changed = False
        for rel in rels:
            if rel.kind in DESCENT_KINDS:
                if gen[rel.b] < gen[rel.a] + 1:
                    gen[rel.b] = gen[rel.a] + 1
                    changed = True
            elif rel.kind in COUPLE_KINDS or rel.kind == RelationKind.SIBLING:
                high = max(gen[rel.a], gen[rel.b])
                if gen[rel.a] != high or gen[rel.b] != high:
                    gen[rel.a] = gen[rel.b] = high
                    changed = True
        if not changed:
            break
    return gen


def _sort_key(member: Member) -> tuple[int, int]:
    return (member.birth_year if member.birth_year is not None else 10_000, member.id)


def lay_out(members: list[Member], relations: list[Relation]) -> Layout:
    if not members:
        return Layout(placed=(), lines=(), width=2 * MARGIN, height=2 * MARGIN)
    by_id = {member.id: member for member in members}
    rels = [rel for rel in relations if rel.a in by_id and rel.b in by_id and rel.a != rel.b]
    gen = generations(members, rels)
    parents: dict[int, list[int]] = {member.id: [] for member in members}
    partners: dict[int, list[int]] = {member.id: [] for member in members}
    for rel in rels:
        if rel.kind in DESCENT_KINDS:
            parents[rel.b].append(rel.a)
        elif rel.kind in COUPLE_KINDS:
            partners[rel.a].append(rel.b)
            partners[rel.b].append(rel.a)

    x: dict[int, float] = {}
    for row in sorted(set(gen.values())):
        in_row = sorted((member for member in members if gen[member.id] == row), key=_sort_key)
        # Members with parents on the genogram, grouped into sibships under them; the others (partners who married
        # in, the top generation) join beside the partner they are with, or at the end.
        anchored = [m for m in in_row if any(p in x for p in parents[m.id])]
        groups: dict[tuple[int, ...], list[Member]] = {}
        for member in anchored:
            groups.setdefault(tuple(sorted(p for p in parents[member.id] if p in x)), []).append(member)
        ordered_groups = sorted(groups.items(), key=lambda item: sum(x[p] for p in item[0]) / len(item[0]))
        order: list[tuple[Member, float | None]] = []  # member, desired centre
        for parent_ids, sibship in ordered_groups:
            centre = sum(x[p] for p in parent_ids) / len(parent_ids)
            for index, member in enumerate(sibship):
                order.append((member, centre + (index - (len(sibship) - 1) / 2) * GAP_X))
        placed_ids = {member.id for member, _ in order}
        for member in in_row:
            if member.id in placed_ids:
                continue
            partner_at = next(
                (i for i, (other, _) in enumerate(order) if other.id in partners[member.id]),
                None,
            )
            if partner_at is None:
                order.append((member, None))
            else:
                order.insert(partner_at + 1, (member, None))  # beside the person they are with
            placed_ids.add(member.id)
        cursor: float | None = None
        for member, desired in order:
            position = desired if desired is not None else (cursor + GAP_X if cursor is not None else 0.0)
            if cursor is not None and position < cursor + GAP_X:
                position = cursor + GAP_X
            x[member.id] = position
            cursor = position

    shift = MARGIN + SIZE / 2 - min(x.values())
    placed = tuple(
        Placed(
            member=member,
            x=x[member.id] + shift,
            y=MARGIN + SIZE / 2 + gen[member.id] * ROW_HEIGHT,
            generation=gen[member.id],
        )
        for member in sorted(members, key=lambda m: (gen[m.id], x[m.id]))
    )
    at = {p.member.id: p for p in placed}
    lines = _lines(at, rels, parents)
    width = max(p.x for p in placed) + SIZE / 2 + MARGIN
    height = max(p.y for p in placed) + SIZE / 2 + MARGIN + 20  # room for the labels under the last row
    return Layout(placed=placed, lines=tuple(lines), width=width, height=height)


def _top(placed: Placed) -> float:
    """Where a line from above meets the symbol: the outer outline for the child the work is about."""
    return placed.y - SIZE / 2 - (SUBJECT_RING if placed.member.is_subject else 0)


def _lines(at: dict[int, Placed], rels: list[Relation], parents: dict[int, list[int]]) -> list[Line]:
    lines: list[Line] = []
    couple_mid: dict[frozenset[int], tuple[float, float]] = {}
    for rel in rels:
        if rel.kind not in COUPLE_KINDS:
            continue
        left, right = sorted((at[rel.a], at[rel.b]), key=lambda p: p.x)
        y = max(left.y, right.y) + SIZE / 2 + COUPLE_DROP
        stroke = Stroke.DASHED if rel.kind == RelationKind.PARTNER else Stroke.SOLID
        lines.append(Line(left.x, left.y + SIZE / 2, left.x, y, stroke, "couple"))
        lines.append(Line(right.x, right.y + SIZE / 2, right.x, y, stroke, "couple"))
        lines.append(Line(left.x, y, right.x, y, stroke, "couple"))
        mid = (left.x + right.x) / 2
        couple_mid[frozenset({rel.a, rel.b})] = (mid, y)
        slashes = {RelationKind.SEPARATED: 1, RelationKind.DIVORCED: 2}.get(rel.kind, 0)
        for index in range(slashes):
            offset = (index - (slashes - 1) / 2) * 8
            lines.append(Line(mid + offset - 5, y + 9, mid + offset + 5, y - 9, Stroke.SOLID, "slash"))

    # Descent: children of the same parents share one sibship line hanging from their parents' couple line.
    sibships: dict[tuple[int, ...], list[int]] = {}
    adopted: set[tuple[int, int]] = set()
    for rel in rels:
        if rel.kind == RelationKind.ADOPTIVE_PARENT:
            adopted.add((rel.a, rel.b))
    for child, child_parents in parents.items():
        if child_parents:
            sibships.setdefault(tuple(sorted(child_parents)), []).append(child)
    for parent_ids, children in sibships.items():
        pair = frozenset(parent_ids)
        if len(parent_ids) == 2 and pair in couple_mid:
            origin_x, origin_y = couple_mid[pair]
        else:
            origin_x = sum(at[p].x for p in parent_ids) / len(parent_ids)
            origin_y = max(at[p].y for p in parent_ids) + SIZE / 2
        top = min(at[c].y for c in children) - SIZE / 2
        bar_y = top - SIBSHIP_RISE
        xs = [at[c].x for c in children]
        lines.append(Line(origin_x, origin_y, origin_x, bar_y, Stroke.SOLID, "descent"))
        lines.append(Line(min([*xs, origin_x]), bar_y, max([*xs, origin_x]), bar_y, Stroke.SOLID, "sibship"))
        for child in children:
            is_adopted = any((p, child) in adopted for p in parent_ids)
            stroke = Stroke.DASHED if is_adopted else Stroke.SOLID
            lines.append(Line(at[child].x, bar_y, at[child].x, _top(at[child]), stroke, "descent"))

    # Siblings whose parents are not drawn: a sibship line above them with no descent.
    sibling_groups = _sibling_groups(rels, parents)
    for group in sibling_groups:
        xs = [at[m].x for m in group]
        bar_y = min(at[m].y for m in group) - SIZE / 2 - SIBSHIP_RISE
        lines.append(Line(min(xs), bar_y, max(xs), bar_y, Stroke.SOLID, "sibship"))
        for sibling in group:
            lines.append(Line(at[sibling].x, bar_y, at[sibling].x, _top(at[sibling]), Stroke.SOLID, "sibship"))

    for rel in rels:
        if rel.kind in CARE_KINDS:
            carer, cared_for = at[rel.a], at[rel.b]
            lines.append(Line(carer.x, carer.y, cared_for.x, cared_for.y, Stroke.DOTTED, "care"))
    return lines


def _sibling_groups(rels: list[Relation], parents: dict[int, list[int]]) -> list[list[int]]:
    """Connected groups of SIBLING relations among members without parents on the genogram."""
    links: dict[int, set[int]] = {}
    for rel in rels:
        if rel.kind == RelationKind.SIBLING and not parents[rel.a] and not parents[rel.b]:
            links.setdefault(rel.a, set()).add(rel.b)
            links.setdefault(rel.b, set()).add(rel.a)
    seen: set[int] = set()
    groups: list[list[int]] = []
    for start in sorted(links):
        if start in seen:
            continue
        group, stack = [], [start]
        while stack:
            member = stack.pop()
            if member in seen:
                continue
            seen.add(member)
            group.append(member)
            stack.extend(links[member] - seen)
        groups.append(sorted(group))
    return groups
