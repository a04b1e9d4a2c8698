"""Reads for genograms, always scoped through access/scope.py (via the case the genogram belongs to)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import cases_visible_to
from safecontext.cases.models import Case

# Case pages fetch the case as the casework pages do: one scope rule, 404 when not visible.
from safecontext.cases.queries import get_case_for_user as get_case_for_user
from safecontext.genograms.drawing import svg
from safecontext.genograms.drawing.family import Member, Relation, RelationKind, Sex
from safecontext.genograms.drawing.layout import generations
from safecontext.genograms.models import Aspect, FamilyCopy, Genogram, GenogramMember, GenogramRelation

if TYPE_CHECKING:
    from safecontext.accounts.models import User


def _needed(write: bool) -> Permission:
    return Permission.RECORD_CASEWORK if write else Permission.VIEW_CASES


def get_member_for_user(user: User, member_id: int, *, write: bool = False) -> GenogramMember:
    if not has_permission(user, _needed(write)):
        raise Http404("No member found")
    try:
        return (
            GenogramMember.objects.filter(genogram__case__in=cases_visible_to(user))
            .select_related("genogram__case__subject", "person")
            .prefetch_related("annotations")
            .get(pk=member_id)
        )
    except GenogramMember.DoesNotExist:
        raise Http404("No member found") from None


def get_relation_for_user(user: User, relation_id: int, *, write: bool = False) -> GenogramRelation:
    if not has_permission(user, _needed(write)):
        raise Http404("No relationship found")
    try:
        return (
            GenogramRelation.objects.filter(genogram__case__in=cases_visible_to(user))
            .select_related("genogram__case", "from_member", "to_member")
            .get(pk=relation_id)
        )
    except GenogramRelation.DoesNotExist:
        raise Http404("No relationship found") from None


def get_family_copy_for_user(user: User, copy_id: int) -> FamilyCopy:
    if not has_permission(user, Permission.VIEW_CASES):
        raise Http404("No file found")
    try:
        return (
            FamilyCopy.objects.filter(genogram__case__in=cases_visible_to(user))
            .select_related("genogram__case")
            .get(pk=copy_id)
        )
    except FamilyCopy.DoesNotExist:
        raise Http404("No file found") from None


def genogram_of(case: Case) -> Genogram | None:
    return Genogram.objects.filter(case=case).first()


def members_of(genogram: Genogram | None) -> list[GenogramMember]:
    if genogram is None:
        return []
    return list(genogram.members.select_related("person").prefetch_related("annotations"))


def relations_of(genogram: Genogram | None) -> list[GenogramRelation]:
    if genogram is None:
        return []
    return list(genogram.relations.select_related("from_member", "to_member"))


def copies_of(genogram: Genogram | None) -> list[FamilyCopy]:
    if genogram is None:
        return []
    # The file's bytes stay in the database until someone downloads it.
    return list(genogram.family_copies.defer("data").select_related("uploaded_by"))


def to_drawing(members: list[GenogramMember], relations: list[GenogramRelation]) -> tuple[list[Member], list[Relation]]:
    labels = dict(Aspect.choices)
    drawn = [
        Member(
            id=member.pk,
            name=member.name,
            sex=Sex(member.sex),
            birth_year=member.birth_year,
            death_year=member.death_year,
            deceased=member.deceased,
            is_subject=member.is_subject,
            annotations=tuple((str(labels[row.aspect]), row.text) for row in member.annotations.all()),
        )
        for member in members
    ]
    links = [Relation(RelationKind(rel.kind), rel.from_member_id, rel.to_member_id) for rel in relations]
    return drawn, links


@dataclass(frozen=True)
class MemberRow:
    """One member as the table beside the drawing shows them: the same facts, in words."""

    member: GenogramMember
    generation: int
    relationships: list[str]
    annotations: list[tuple[str, str]]


def member_rows(members: list[GenogramMember], relations: list[GenogramRelation]) -> list[MemberRow]:
    drawn, links = to_drawing(members, relations)
    rows_generation = generations(drawn, links)
    kinds = dict(GenogramRelation.Kind.choices)
    # Relationships read both ways: "Birth parent of Asif" on the parent, "Child of Karim" on the child.
    inverse = {
        "parent": "Child of",
        "adoptive_parent": "Adopted child of",
        "carer": "Cared for by",
        "foster_carer": "Fostered by",
    }
    said: dict[int, list[str]] = {member.pk: [] for member in members}
    for rel in relations:
        said[rel.from_member_id].append(f"{kinds[rel.kind]} {rel.to_member.name}")
        back = inverse.get(rel.kind, kinds[rel.kind])
        said[rel.to_member_id].append(f"{back} {rel.from_member.name}")
    labels = dict(Aspect.choices)
    return sorted(
        (
            MemberRow(
                member=member,
                generation=rows_generation.get(member.pk, 0) + 1,
                relationships=said[member.pk],
                annotations=[(str(labels[row.aspect]), row.text) for row in member.annotations.all()],
            )
            for member in members
        ),
        key=lambda row: (row.generation, row.member.birth_year or 10_000, row.member.pk),
    )


def describe(case: Case, members: list[GenogramMember], relations: list[GenogramRelation]) -> tuple[str, str]:
    """The SVG's <title> and <desc>."""
    name = case.subject.display_name
    title = f"Genogram of {name}'s family"
    if not members:
        return title, "No one has been recorded on this genogram yet."
    drawn, links = to_drawing(members, relations)
    rows = len(set(generations(drawn, links).values()))
    people = "person" if len(members) == 1 else "people"
    generations_word = "generation" if rows == 1 else "generations"
    description = (
        f"{len(members)} {people} over {rows} {generations_word}. The same information is in the table "
        "'People on the genogram' below the drawing."
    )
    return title, description


def render_svg(case: Case, members: list[GenogramMember], relations: list[GenogramRelation]) -> str:
    drawn, links = to_drawing(members, relations)
    title, description = describe(case, members, relations)
    return svg.render(drawn, links, title=title, description=description)
