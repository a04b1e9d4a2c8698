"""Sharing records for the generated matrices (tests/access/matrix_plugins.py): a share about Test Child.

Pages follow the general RECORD rule. The API person export needs `?sharing_record=N`: the matrix asks without one,
so a persona who may see Test Child gets 400 (the refusal with its message), anyone else 404."""

from __future__ import annotations

from typing import TYPE_CHECKING

from safecontext.sharing.models import SharingRecord
from tests.conftest import EXPECTED_CAN_SEE_CHILD
from tests.sharing.records import make_share

if TYPE_CHECKING:
    from tests.conftest import World


def record_ids(world: World) -> dict[str, int]:
    share = SharingRecord.objects.filter(subject_links__person=world.child).first()
    if share is None:
        share = make_share(world.child, by=world.users["allocated_worker"])
    return {"share_id": share.pk}


def expected_status(name: str, persona: str, world: World) -> set[int] | None:
    if name == "api:sharing_person_export":
        return {400} if EXPECTED_CAN_SEE_CHILD[persona] else {404}
    return None
