"""Analytics records for the generated matrices (tests/access/matrix_plugins.py): a finished cluster run of Test
Child's service. Every holder of VIEW_ANALYTICS among the personas works in that service, so the matrix's general
rule (200 with the permission, 404 without) is the expected answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.test import override_settings

from safecontext.analytics.actions import request_cluster_run
from safecontext.analytics.models import ClusterRun

if TYPE_CHECKING:
    from tests.conftest import World

IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def record_ids(world: World) -> dict[str, int]:
    run = ClusterRun.objects.filter(service=world.child.service).first()
    if run is None:
        with override_settings(TASKS=IMMEDIATE_TASKS):
            run = request_cluster_run(by=world.users["manager"], service=world.child.service)
    return {"cluster_run_id": run.pk}


def expected_status(name: str, persona: str, world: World) -> set[int] | None:
    return None
