"""Network analytics in the browser: the hotspot map draws its points with no tile server configured, the shared
contexts and adults, a cluster recompute (the task run at once) and clusters and hubs around a context — every page
axe-clean, and another team's young person shown by initials only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from safecontext.accounts.models import Team, User
from safecontext.accounts.roles import Role
from tests import factories
from tests.analytics.matrix import IMMEDIATE_TASKS
from tests.analytics.network import Network, build
from tests.browser.axe import assert_accessible
from tests.conftest import World

pytestmark = pytest.mark.browser


@pytest.fixture
def analytics_world(transactional_db: None, settings) -> tuple[World, Network]:  # type: ignore[no-untyped-def]
    settings.TASKS = IMMEDIATE_TASKS
    pod_a, pod_b = factories.make_team("Pod A"), factories.make_team("Pod B", kind=Team.Kind.POD)
    manager = factories.make_user("morgan", role=Role.TEAM_MANAGER, team=pod_a)
    worker = factories.make_user("priya", role=Role.SOCIAL_WORKER, team=pod_a, supervisor=manager)
    other_worker = factories.make_user("sam", role=Role.SOCIAL_WORKER, team=pod_b)
    child = factories.make_person("Test", "Child")
    mother = factories.make_person("Tessa", "Child", date_of_birth=None)
    other_child = factories.make_person("Other", "Youngster", date_of_birth=None)
    factories.make_case(child, team=pod_a, worker=worker)
    factories.make_case(other_child, team=pod_b, worker=other_worker)
    world = World(child=child, mother=mother, other_child=other_child, users={"manager": manager})
    return world, build(world)


def test_analytics_pages(
    page: Page,
    url: Callable[[str], str],
    sign_in: Callable[[User], None],
    analytics_world: tuple[World, Network],
) -> None:
    world, network = analytics_world
    sign_in(world.users["manager"])
    tiles_requested: list[str] = []
    page.on("request", lambda request: tiles_requested.append(request.url) if "tile" in request.url else None)

    page.goto(url("/analytics/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Network analytics")
    assert_accessible(page, "analytics overview")

    page.get_by_role("link", name="Hotspots").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hotspots")
    the_map = page.get_by_role("region", name="Map of hotspots: the same places as the table below")
    expect(the_map).to_be_visible()
    # Leaflet drew one circle for Ulbury Park (the only hotspot with a location), with no tiles behind it.
    expect(the_map).to_have_attribute("data-points-drawn", "1")
    expect(the_map.locator("path.leaflet-interactive")).to_have_count(1)
    expect(the_map.locator("img.leaflet-tile")).to_have_count(0)
    expect(page.get_by_role("table")).to_contain_text("Ulbury Park")
    assert not tiles_requested
    assert_accessible(page, "hotspots page with its map")

    page.goto(url("/analytics/shared/"))
    shared = page.get_by_role("table").first
    expect(shared).to_contain_text("Ulbury Park")
    expect(page.locator("main")).to_contain_text("O. Y.")
    expect(page.locator("main")).not_to_contain_text("Youngster")
    assert_accessible(page, "shared contexts and adults")

    page.goto(url("/analytics/clusters/"))
    assert_accessible(page, "clusters page before any run")
    page.get_by_role("button", name="Recompute clusters").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cluster run")
    expect(page.get_by_role("status")).to_contain_text("Finished")
    expect(page.get_by_role("heading", name="Cluster 1")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Markerton")
    assert_accessible(page, "a finished cluster run")

    page.goto(url("/analytics/around/"))
    page.get_by_label("Context").select_option(label="Ulbury Park")
    page.get_by_role("button", name="Show clusters and hubs").click()
    expect(page.get_by_role("heading", name="Around Ulbury Park")).to_be_visible()
    expect(page.get_by_role("heading", name="Hubs", exact=True)).to_be_visible()
    expect(page.get_by_label("Context")).to_have_value(str(network.park.pk))
    expect(page.locator("main")).to_contain_text("Test Child")
    expect(page.locator("main")).not_to_contain_text("Youngster")
    assert_accessible(page, "clusters and hubs around a context")
