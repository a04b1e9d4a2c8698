"""context_plans' records for the generated matrices (tests/access/matrix_plugins.py).

Weightings, plans, actions and conferences name Test Child, so their RECORD pages follow the general rule (200 exactly
when the persona may open Test Child). The context-case pages name the context case of tests/contexts/records.py,
held by Pod A and led by allocated_worker; the partner register's rows belong to the service.
"""

from __future__ import annotations

from tests.conftest import World
from tests.context_plans.records import make_plan_records

# Who may see Pod A's context case (access.scope.context_cases_visible_to), among those holding the permission.
EXPECTED_CAN_SEE_CONTEXT_CASE = {
    "allocated_worker": True,  # its lead
    "same_team_colleague": True,  # Pod A holds it
    "other_team_worker": False,
    "manager": True,
    "partner_agency": False,
    "no_role": False,
    "front_door": True,  # service scope
    "head_of_service": True,
    "data_officer": False,
    "administrator": False,
    "youth_worker": False,  # allocated scope: not its lead
}
CONTEXT_CASE_PAGES = {
    "context_plans:for_context_case",
    "context_plans:context_case_weighting_new",
    "context_plans:context_case_plan_new",
}


def record_ids(world: World) -> dict[str, int]:
    records = make_plan_records(world)
    return {
        "weighting_id": records.weighting.pk,
        "plan_id": records.plan.pk,
        "plan_action_id": records.plan_action.pk,
        "goal_id": records.goal.pk,
        "conference_id": records.conference.pk,
        "partner_id": records.guardian.pk,
        "context_case_id": records.case_plan.context_case_id or 0,
    }


def expected_status(name: str, persona: str, world: World) -> set[int] | None:
    if name in CONTEXT_CASE_PAGES:
        return {200} if EXPECTED_CAN_SEE_CONTEXT_CASE[persona] else {404}
    return None
