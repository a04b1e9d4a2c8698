"""Supervision's records for the generated matrices (tests/access/matrix_plugins.py)."""

from __future__ import annotations

from tests.conftest import World
from tests.supervision.records import make_supervision_records

# The session's supervisor (manager) and supervisee (allocated_worker): the only people who may open it.
IN_THE_SESSION = {"manager", "allocated_worker"}


def record_ids(world: World) -> dict[str, int]:
    records = make_supervision_records(world)
    return {
        "case_id": records.case.pk,
        "supervision_session_id": records.session.pk,
        "supervision_action_id": records.action.pk,
        "supervisee_id": world.users["allocated_worker"].pk,
    }


def expected_status(name: str, persona: str, world: World) -> set[int] | None:
    if name == "supervision:session":
        return {200} if persona in IN_THE_SESSION else {404}
    if name == "supervision:add_discussion":
        return {200} if persona == "manager" else {404}  # the session's supervisor only
    if name == "supervision:cadence":
        # The worker's supervisor, or the supervisor's own manager, sets how often the worker is supervised.
        return {200} if persona in {"manager", "head_of_service"} else {404}
    return None
