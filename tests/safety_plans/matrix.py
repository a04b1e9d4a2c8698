"""Safety plan records for the generated matrices (tests/access/matrix_plugins.py): Test Child's case and a saved
version of its plan. Every safety plan page follows the general RECORD rule (200 exactly when the persona can see
Test Child and holds the page's permission), so `expected_status` leaves them to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from safecontext.cases.models import Case
from safecontext.safety_plans.models import SafetyPlanVersion
from tests.safety_plans.plans import make_plan

if TYPE_CHECKING:
    from tests.conftest import World


def record_ids(world: World) -> dict[str, int]:
    case = Case.objects.get(subject=world.child)
    version = SafetyPlanVersion.objects.filter(plan__case=case).first()
    if version is None:
        plan = make_plan(case, by=world.users["allocated_worker"])
        version = plan.versions.get(number=plan.version)
    return {"case_id": case.pk, "safety_plan_version_id": version.pk}


def expected_status(name: str, persona: str, world: World) -> set[int] | None:
    return None
