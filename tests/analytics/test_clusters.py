"""Clusters: the recompute action, the background task (immediately, and once through the real database queue and
`manage.py db_worker`), and the pages that show a run, with people named only within the viewer's scope."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from safecontext.analytics.actions import request_cluster_run
from safecontext.analytics.models import Cluster, ClusterMembership, ClusterRun
from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.core.actions_base import inside_action
from safecontext.network.models import Node
from tests.analytics.network import MARKER_ADULT, build, connect
from tests.conftest import World


@pytest.mark.usefixtures("immediate_tasks")
def test_a_recompute_runs_the_task_and_stores_the_clusters(world: World) -> None:
    network = build(world)
    run = request_cluster_run(by=world.users["manager"], service=world.child.service)
    run.refresh_from_db()
    assert run.status == ClusterRun.Status.FINISHED, run.error
    # 2 children, mother, adult, park, school; 3 loners and Quiet Lane: 10 linked nodes; 8 + 4 links.
    assert (run.node_count, run.edge_count) == (10, 12)
    assert run.cluster_count == 2
    assert run.read_seconds is not None and run.cluster_seconds is not None and run.store_seconds is not None
    first, second = Cluster.objects.filter(run=run).order_by("number")
    assert (first.size, first.people, first.contexts, first.harmful_links) == (6, 4, 2, 3)
    assert (second.size, second.people, second.contexts, second.harmful_links) == (4, 3, 1, 0)
    park_node = Node.objects.get(context=network.park)
    assert ClusterMembership.objects.get(run=run, node=park_node).cluster == first
    events = AuditEvent.objects.filter(target_type="analytics.clusterrun", target_id=str(run.pk))
    actions = set(events.values_list("action", flat=True))
    assert actions == {
        "analytics.cluster_run_requested",
        "analytics.cluster_run_started",
        "analytics.cluster_run_finished",
    }


@pytest.mark.usefixtures("immediate_tasks")
def test_only_current_links_count(world: World) -> None:
    network = build(world)
    old = connect(world, world.child, "friend", network.loners[0])
    with inside_action():
        old.valid_to = old.valid_from
        old.save(update_fields=["valid_to"])
    run = request_cluster_run(by=world.users["manager"], service=world.child.service)
    run.refresh_from_db()
    assert run.edge_count == 12  # the ended link is not part of the network today


def test_pressing_recompute_twice_queues_one_run(world: World) -> None:
    # The database backend (settings.TASKS): the run waits in the queue until a worker takes it.
    first = request_cluster_run(by=world.users["manager"], service=world.child.service)
    second = request_cluster_run(by=world.users["head_of_service"], service=world.child.service)
    assert first.pk == second.pk
    assert ClusterRun.objects.get(pk=first.pk).status == ClusterRun.Status.QUEUED


# db_worker closes the database connection when it finishes, as a long-running worker should: these tests commit.
@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_db_worker_run_the_task(world: World) -> None:
    from django_tasks_db.models import DBTaskResult

    build(world)
    run = request_cluster_run(by=world.users["manager"], service=world.child.service)
    task = DBTaskResult.objects.get(id=run.task_id)
    assert task.task_path == "safecontext.analytics.tasks.compute_clusters"
    assert ClusterRun.objects.get(pk=run.pk).status == ClusterRun.Status.QUEUED
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    run.refresh_from_db()
    assert run.status == ClusterRun.Status.FINISHED, run.error
    assert run.cluster_count == 2
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"


@pytest.mark.usefixtures("immediate_tasks")
def test_a_failing_computation_marks_the_run_failed(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from safecontext.analytics import tasks

    def broken(**kwargs: object) -> None:
        raise RuntimeError("igraph ran out of memory")

    monkeypatch.setattr(tasks, "cluster_network", broken)
    run = request_cluster_run(by=world.users["manager"], service=world.child.service)
    run.refresh_from_db()
    assert run.status == ClusterRun.Status.FAILED
    assert "igraph ran out of memory" in run.error
    assert not Cluster.objects.filter(run=run).exists()


@pytest.mark.usefixtures("immediate_tasks")
def test_the_recompute_button_and_the_run_page(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    build(world)
    client = client_for("manager")
    response = client.post(reverse("analytics:recompute"))
    run = ClusterRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("analytics:cluster_run", kwargs={"cluster_run_id": run.pk})
    page = client.get(response["Location"]).content.decode()
    assert "Finished" in page and "Cluster 1" in page
    assert "Test Child" in page  # Pod A's manager works with Test Child
    assert "Other Youngster" not in page and "O. Y." in page  # Pod B's child: initials only
    assert "Z. M." in page and MARKER_ADULT not in page  # an adult no case of the manager's involves
    seen = set(AccessEvent.objects.filter(actor_username="manager", kind="list").values_list("person_id", flat=True))
    assert world.child.pk in seen and world.other_child.pk not in seen


@pytest.mark.usefixtures("immediate_tasks")
def test_the_clusters_page_shows_the_latest_run(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    build(world)
    client = client_for("front_door")
    empty = client.get(reverse("analytics:clusters")).content.decode()
    assert "have not been computed" in empty and "Recompute clusters" in empty
    request_cluster_run(by=world.users["front_door"], service=world.child.service)
    page = client.get(reverse("analytics:clusters")).content.decode()
    assert "Latest clusters" in page and "Harmful links inside" in page
    assert "Other Youngster" in page  # the front door's scope is the whole service


@pytest.mark.django_db(transaction=True)
def test_the_status_panel_polls_while_the_run_waits(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    run = request_cluster_run(by=world.users["manager"], service=world.child.service)
    client = client_for("manager")
    url = reverse("analytics:cluster_run", kwargs={"cluster_run_id": run.pk})
    panel = client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in panel.content.decode() and "Waiting to start" in panel.content.decode()
    assert "HX-Refresh" not in panel
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true" and "every 2s" not in done.content.decode()


def test_a_run_of_another_service_is_not_found(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from tests import factories

    other_service = factories.make_service("Northbench Children's Services")
    run = request_cluster_run(by=world.users["manager"], service=other_service)
    response = client_for("manager").get(reverse("analytics:cluster_run", kwargs={"cluster_run_id": run.pk}))
    assert response.status_code == 404
