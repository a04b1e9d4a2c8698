"""The network map: drawn with Cytoscape from the purpose-limited graph (another team's young person by initials),
a filter that changes the graph, the PNG export with a sharing record, and adding a link (axe-clean throughout)."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from safecontext.people.models import Person
from tests import factories
from tests.browser.axe import assert_accessible
from tests.network.helpers import link, place
from tests.sharing.records import make_share

pytestmark = pytest.mark.browser


@dataclass
class Network:
    worker: User
    child: Person
    share_id: int


@pytest.fixture
def network(transactional_db: None) -> Network:
    pod_a, pod_b = factories.make_team("Pod A"), factories.make_team("Pod B")
    manager = factories.make_user("morgan", role=Role.TEAM_MANAGER, team=pod_a)
    worker = factories.make_user("priya", role=Role.SOCIAL_WORKER, team=pod_a, supervisor=manager)
    other_worker = factories.make_user("sam", role=Role.SOCIAL_WORKER, team=pod_b)
    child = factories.make_person("Kieran", "Oyelaran")
    mother = factories.make_person("Adaeze", "Oyelaran", date_of_birth=dt.date(1985, 6, 1))
    friend = factories.make_person("Quincy", "Marlowe", date_of_birth=dt.date(2011, 2, 2))
    factories.make_case(child, team=pod_a, worker=worker, others=[(mother, "parent")])
    factories.make_case(friend, team=pod_b, worker=other_worker)
    park = place(child, "Riverside Park", by=manager)
    link(child, park, by=manager, type="frequents", nature="harmful")
    link(friend, park, by=manager, type="frequents", nature="harmful")
    link(mother, child, by=manager, type="parent", nature="protective")
    link(child, friend, by=manager, type="friend", nature="unknown")
    share = make_share(child, by=worker, items=["network_map"])
    return Network(worker=worker, child=child, share_id=share.pk)


def test_the_map_draws_filters_and_exports(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], network: Network
) -> None:
    sign_in(network.worker)
    page.goto(url(f"/network/person/{network.child.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kieran Oyelaran")
    drawn = page.locator("#network-map")
    expect(drawn).to_have_attribute("data-node-count", "4")  # Kieran, his mother, the park, Q.M.
    expect(drawn).to_have_attribute("data-edge-count", "3")
    table = page.locator("#network-links")
    expect(table).to_contain_text("Q.M.")
    expect(table).not_to_contain_text("Quincy")
    assert_accessible(page, "network map")

    page.get_by_role("group", name="Nature").get_by_label("Harmful").check()
    page.get_by_role("group", name="How far to look").get_by_label("Links of links (two steps)").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(drawn).to_have_attribute("data-edge-count", "2")  # Kieran and Q.M. at the park
    expect(drawn).to_have_attribute("data-node-count", "3")
    expect(table).not_to_contain_text("Adaeze")
    assert_accessible(page, "network map filtered")

    positions = json.loads(page.locator("#network-positions").input_value())
    assert len(positions) == 3
    page.get_by_label("Sharing record number").fill(str(network.share_id))
    with page.expect_download() as download:
        page.get_by_role("button", name="Export PNG").click()
    picture = Image.open(io.BytesIO(download.value.path().read_bytes()))
    labels = picture.text["Labels"]  # type: ignore[attr-defined]
    assert "Kieran Oyelaran" in labels and "Q.M." in labels and "Quincy" not in labels
    assert "Adaeze" not in labels  # the export is the filtered graph


def test_add_a_link_with_errors_then_correctly(
    page: Page, url: Callable[[str], str], sign_in: Callable[[User], None], network: Network
) -> None:
    sign_in(network.worker)
    page.goto(url(f"/network/person/{network.child.pk}/"))
    page.get_by_role("link", name="Add a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a link")
    assert_accessible(page, "add a link")
    page.get_by_role("button", name="Add link").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose what is at the other end of the link")
    assert_accessible(page, "add a link with errors")
    page.get_by_label("An object (vehicle, phone number, online handle)").check()
    page.get_by_label("Kind of object").select_option("vehicle")
    page.get_by_label("The object as recorded").fill("ab12 cde")
    page.get_by_label("Type of link").select_option("uses")
    page.get_by_role("group", name="Nature").get_by_label("Harmful").check()
    page.get_by_role("group", name="How reliable is the source?").get_by_label("Reliable source").check()
    valid_from = page.get_by_role("group", name="Valid from")
    valid_from.get_by_label("Day").fill("3")
    valid_from.get_by_label("Month").fill("4")
    valid_from.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Add link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kieran Oyelaran")
    expect(page.locator("#network-links")).to_contain_text("ab12 cde")  # as it was written
    expect(page.locator("#network-map")).to_have_attribute("data-node-count", "5")
