"""Assessments' records for the generated permission matrices (tests/access/matrix_plugins.py)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from safecontext.assessments import actions
from safecontext.assessments.models import SingleAssessment
from safecontext.cases.models import Case

if TYPE_CHECKING:
    from tests.conftest import World


def record_ids(world: World) -> dict[str, int]:
    case = Case.objects.get(subject=world.child)
    assessment = SingleAssessment.objects.filter(case=case).first() or actions.start_assessment(
        case=case,
        by=world.users["allocated_worker"],
        values={"started_on": dt.date(2026, 9, 2), "factor_codes": ["10A", "24A"]},
    )
    return {"case_id": case.pk, "assessment_id": assessment.pk}


def expected_status(name: str, persona: str, world: World) -> set[int] | None:
    return None  # the general rule holds: 200 exactly for those who may see Test Child's case and hold the permission
