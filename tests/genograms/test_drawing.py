"""The pure genogram layout and SVG renderer: notation, rows, lines, escaping and accessibility."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

from safecontext.genograms.drawing.family import Member, Relation, RelationKind, Sex
from safecontext.genograms.drawing.layout import SIZE, generations, lay_out
from safecontext.genograms.drawing.svg import render

SVG = "{http://www.w3.org/2000/svg}"
K = RelationKind

GRANDAD = Member(1, "Grandad", Sex.MALE, 1950, 2020, deceased=True)
FATHER = Member(2, "Father", Sex.MALE, 1975)
MOTHER = Member(3, "Mother", Sex.FEMALE, 1980)
CHILD = Member(4, "Child", Sex.MALE, 2010, is_subject=True)
SISTER = Member(5, "Sister", Sex.FEMALE, 2013)
BROTHER = Member(6, "Brother", Sex.MALE, 2016)
FAMILY = [GRANDAD, FATHER, MOTHER, CHILD, SISTER, BROTHER]
RELATIONS = [
    Relation(K.PARENT, 1, 2),
    Relation(K.MARRIED, 2, 3),
    *(Relation(K.PARENT, parent, child) for parent in (2, 3) for child in (4, 5, 6)),
]


def test_generations_follow_descent_and_partners_share_a_row() -> None:
    assert generations(FAMILY, RELATIONS) == {1: 0, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2}


def test_a_loop_in_the_data_cannot_hang_the_layout() -> None:
    a, b = Member(1, "A"), Member(2, "B")
    layout = lay_out([a, b], [Relation(K.PARENT, 1, 2), Relation(K.PARENT, 2, 1)])
    assert len(layout.placed) == 2


def test_rows_partners_side_by_side_and_children_in_birth_order_below() -> None:
    layout = lay_out(FAMILY, RELATIONS)
    father, mother = layout.at(2), layout.at(3)
    children = [layout.at(4), layout.at(5), layout.at(6)]
    assert father.y == mother.y and abs(father.x - mother.x) > SIZE
    row_one = sorted(p.x for p in layout.placed if p.generation == 1)
    assert row_one == sorted([father.x, mother.x])  # nobody between the couple
    assert all(child.y > father.y for child in children)
    assert [child.member.name for child in sorted(children, key=lambda p: p.x)] == ["Child", "Sister", "Brother"]
    # The sibship is centred under the couple.
    couple_mid = (father.x + mother.x) / 2
    assert abs(sum(child.x for child in children) / 3 - couple_mid) < 1
    assert all(p.x >= SIZE / 2 for p in layout.placed) and layout.width > max(p.x for p in layout.placed)


def test_children_hang_from_one_sibship_line_under_the_couple_line() -> None:
    layout = lay_out(FAMILY, RELATIONS)
    couple = [line for line in layout.lines if line.purpose == "couple" and line.y1 == line.y2]
    assert len(couple) == 1
    sibship = [line for line in layout.lines if line.purpose == "sibship"]
    children_x = [layout.at(member_id).x for member_id in (4, 5, 6)]
    bar = next(line for line in sibship if line.y1 == line.y2 and min(line.x1, line.x2) <= min(children_x))
    assert min(bar.x1, bar.x2) == min(children_x) and max(bar.x1, bar.x2) == max(children_x)
    drop = [line for line in layout.lines if line.purpose == "descent" and line.x1 == (couple[0].x1 + couple[0].x2) / 2]
    assert drop and drop[0].y1 == couple[0].y1  # from the middle of the couple line down to the sibship


def test_separation_is_one_slash_and_divorce_two_and_partners_are_dashed() -> None:
    for kind, slashes in ((K.SEPARATED, 1), (K.DIVORCED, 2), (K.MARRIED, 0), (K.PARTNER, 0)):
        layout = lay_out([FATHER, MOTHER], [Relation(kind, 2, 3)])
        assert sum(1 for line in layout.lines if line.purpose == "slash") == slashes, kind
        dashed = {line.stroke for line in layout.lines if line.purpose == "couple"}
        assert dashed == ({"dashed"} if kind == K.PARTNER else {"solid"})


def test_half_siblings_hang_under_their_own_couple() -> None:
    second_wife = Member(7, "Second wife", Sex.FEMALE, 1982)
    half_sister = Member(8, "Half sister", Sex.FEMALE, 2019)
    relations = [
        Relation(K.DIVORCED, 2, 3),
        Relation(K.MARRIED, 2, 7),
        Relation(K.PARENT, 2, 4),
        Relation(K.PARENT, 3, 4),
        Relation(K.PARENT, 2, 8),
        Relation(K.PARENT, 7, 8),
    ]
    layout = lay_out([FATHER, MOTHER, second_wife, CHILD, half_sister], relations)
    assert layout.at(8).generation == layout.at(4).generation == 1
    assert layout.at(4).x != layout.at(8).x
    descents = [line for line in layout.lines if line.purpose == "descent" and line.x1 == line.x2]
    assert len({line.x1 for line in descents}) >= 3  # two drops from two couples, and the children's own lines


def test_siblings_without_parents_share_a_sibship_line() -> None:
    layout = lay_out([CHILD, SISTER], [Relation(K.SIBLING, 4, 5)])
    assert layout.at(4).y == layout.at(5).y
    assert any(line.purpose == "sibship" and line.y1 == line.y2 for line in layout.lines)


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_the_svg_uses_standard_symbols_and_is_labelled() -> None:
    svg = render(FAMILY, RELATIONS, title="Genogram of Child's family", description="Six people over three generations")
    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "genogram-title genogram-desc"
    assert root.find(f"{SVG}title").text == "Genogram of Child's family"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == "Six people over three generations"  # type: ignore[union-attr]
    groups = {g.get("data-member"): g for g in root.iter(f"{SVG}g")}
    assert groups["2"].find(f"{SVG}rect") is not None  # a male: square
    assert groups["3"].find(f"{SVG}circle") is not None  # a female: circle
    assert len(groups["4"].findall(f"{SVG}rect")) == 2  # the child the work is about: double outline
    assert groups["1"].find(f"{SVG}path") is not None  # deceased: an X
    assert groups["2"].find(f"{SVG}path") is None
    assert "1950\N{EN DASH}2020" in svg


def test_unknown_sex_is_a_diamond() -> None:
    root = _parse(render([Member(9, "Baby")], [], title="t", description="d"))
    assert next(root.iter(f"{SVG}polygon")) is not None


def test_text_is_escaped_and_there_is_no_inline_style() -> None:
    hostile = Member(1, '<script>alert("x")</script>', Sex.MALE)
    svg = render([hostile], [], title="<b>title</b>", description="a & b")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "<b>" not in svg
    assert "style=" not in svg  # the CSP forbids inline styles
    _parse(svg)  # still well-formed


def test_an_empty_genogram_still_renders() -> None:
    root = _parse(render([], [], title="Empty", description="No one recorded yet"))
    assert root.find(f"{SVG}title") is not None


def test_a_partner_who_married_in_sits_beside_the_person_they_are_with() -> None:
    gran, grandad = Member(1, "Gran", Sex.FEMALE, 1950), Member(2, "Grandad", Sex.MALE, 1948)
    daughter, son = Member(3, "Daughter", Sex.FEMALE, 1975), Member(4, "Son", Sex.MALE, 1978)
    husband = Member(5, "Husband", Sex.MALE, 1972)
    grandchild = Member(6, "Grandchild", Sex.FEMALE, 2005)
    relations = [
        Relation(K.MARRIED, 2, 1),
        *(Relation(K.PARENT, parent, child) for parent in (1, 2) for child in (3, 4)),
        Relation(K.MARRIED, 5, 3),
        Relation(K.PARENT, 3, 6),
        Relation(K.PARENT, 5, 6),
    ]
    layout = lay_out([gran, grandad, daughter, son, husband, grandchild], relations)
    row = sorted((p for p in layout.placed if p.generation == 1), key=lambda p: p.x)
    names = [p.member.name for p in row]
    assert abs(names.index("Husband") - names.index("Daughter")) == 1
    assert layout.at(6).generation == 2
    # The grandchild hangs under the daughter's couple, not under the grandparents.
    couple_mid = (layout.at(3).x + layout.at(5).x) / 2
    assert abs(layout.at(6).x - couple_mid) < 1
    xs = [p.x for p in row]
    assert all(b - a >= 100 for a, b in itertools.pairwise(xs))  # no two symbols overlap
