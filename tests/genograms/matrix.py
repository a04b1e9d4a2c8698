"""Genograms' records for the generated permission matrices (tests/access/matrix_plugins.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from safecontext.cases.models import Case
from safecontext.genograms import actions
from safecontext.genograms.models import FamilyCopy, GenogramMember, GenogramRelation

if TYPE_CHECKING:
    from tests.conftest import World

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def record_ids(world: World) -> dict[str, int]:
    case = Case.objects.get(subject=world.child)
    worker = world.users["allocated_worker"]
    member = GenogramMember.objects.filter(genogram__case=case).first()
    if member is None:
        member = actions.add_member(
            case=case, by=worker, values={"person": world.child, "sex": "male", "is_subject": True}
        )
        mother = actions.add_member(case=case, by=worker, values={"person": world.mother, "sex": "female"})
        actions.add_relation(case=case, by=worker, kind="parent", from_member_id=mother.pk, to_member_id=member.pk)
        actions.upload_family_copy(case=case, by=worker, filename="ours.png", data=PNG)
    relation = GenogramRelation.objects.filter(genogram__case=case).first()
    copy = FamilyCopy.objects.filter(genogram__case=case).first()
    assert relation is not None and copy is not None
    return {
        "case_id": case.pk,
        "genogram_member_id": member.pk,
        "genogram_relation_id": relation.pk,
        "family_copy_id": copy.pk,
    }


def expected_status(name: str, persona: str, world: World) -> set[int] | None:
    return None  # the general rule holds: 200 exactly for those who may see Test Child's case and hold the permission
