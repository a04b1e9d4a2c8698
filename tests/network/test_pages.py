"""The network pages: the map with its filters and no-JavaScript table, adding, correcting and ending links (with
errors shown, nothing half-saved), and the export refused without a sharing record."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.network.models import Link, LinkRevision, ObjectOfInterest
from safecontext.sharing.models import OutboundDocument
from tests import factories
from tests.conftest import World
from tests.network.helpers import link, place


def _date(prefix: str, day: dt.date | None) -> dict[str, str]:
    if day is None:
        return {f"{prefix}_day": "", f"{prefix}_month": "", f"{prefix}_year": ""}
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def _details(**changes: str) -> dict[str, str]:
    values = {
        "type": "frequents",
        "nature": "harmful",
        "reliability": "reliable",
        "purpose": "safety planning",
        "direction": "out",
        **_date("valid_from", dt.date(2026, 4, 1)),
        **_date("valid_to", None),
    }
    return values | changes


def test_the_map_lists_links_and_filters_them(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    by = world.users["allocated_worker"]
    park = place(world.child, "Riverside Park", by=by)
    link(world.child, park, by=by, type="frequents", nature="harmful")
    link(world.mother, world.child, by=by, type="parent", nature="protective")
    client = client_for("allocated_worker")
    url = reverse("network:person_map", kwargs={"person_id": world.child.pk})
    page = client.get(url).content.decode()
    assert "Riverside Park" in page and "Tessa Child" in page and "2 links shown" in page
    harmful = client.get(url + "?nature=harmful").content.decode()
    assert "Riverside Park" in harmful and "Tessa Child" not in harmful and "1 link shown" in harmful
    assert AccessEvent.objects.filter(actor_username="allocated_worker", person_id=world.mother.pk).exists()
    bad = client.get(url + "?on_day=31&on_month=2&on_year=2026")
    assert bad.status_code == 400 and "There is a problem" in bad.content.decode()


def test_a_person_with_no_links_has_a_map_of_one(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("allocated_worker").get(reverse("network:person_graph", kwargs={"person_id": world.child.pk}))
    assert response.json()["nodes"][0]["label"] == "Test Child" and response.json()["edges"] == []


def test_add_a_link_to_a_context_a_person_and_an_object(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    park = place(world.child, "Riverside Park", by=world.users["manager"])
    client = client_for("allocated_worker")
    url = reverse("network:person_add_link", kwargs={"person_id": world.child.pk})
    assert client.get(url).status_code == 200
    to_park = client.post(url, _details(other_kind="context", other_context=str(park.pk), direction="out"))
    assert to_park.status_code == 302
    to_mother = client.post(
        url, _details(other_kind="person", other_person=str(world.mother.pk), direction="in", type="parent")
    )
    assert to_mother.status_code == 302
    to_phone = client.post(
        url, _details(other_kind="object", object_kind="phone", object_value="07700 900123", type="uses")
    )
    assert to_phone.status_code == 302
    links = Link.objects.order_by("id")
    assert [(link.a.person_id or link.a.context_id, link.type) for link in links] == [
        (world.child.pk, "frequents"),
        (world.mother.pk, "parent"),
        (world.child.pk, "uses"),
    ]
    assert ObjectOfInterest.objects.get().normalised == "07700900123"
    assert AuditEvent.objects.filter(action="link.recorded").count() == 3


def test_adding_a_link_with_errors_saves_nothing(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("allocated_worker")
    url = reverse("network:person_add_link", kwargs={"person_id": world.child.pk})
    # Pod B's child is not this worker's to link: the same words as a number that does not exist.
    hidden = client.post(url, _details(other_kind="person", other_person=str(world.other_child.pk)))
    absent = client.post(url, _details(other_kind="person", other_person="999999"))
    for response in (hidden, absent):
        assert response.status_code == 400
        assert "There is no person with that number that you can link" in response.content.decode()
    wrong = client.post(
        url,
        _details(
            other_kind="person",
            other_person=str(world.mother.pk),
            type="",
            **_date("valid_to", dt.date(2026, 1, 1)),
        ),
    )
    assert wrong.status_code == 400
    assert not Link.objects.exists()
    ended_first = client.post(
        url, _details(other_kind="person", other_person=str(world.mother.pk), **_date("valid_to", dt.date(2026, 1, 1)))
    )
    assert ended_first.status_code == 400 and "The link cannot end before it starts" in ended_first.content.decode()
    assert not Link.objects.exists()


def test_correct_and_end_a_link_through_the_pages(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    made = link(world.other_child, world.child, by=world.users["allocated_worker"])
    client = client_for("allocated_worker")
    correct_url = reverse("network:correct_link", kwargs={"link_id": made.pk})
    page = client.get(correct_url).content.decode()
    assert "Test Child" in page and "Other Youngster" not in page  # Pod B's child, by initials only
    fixed = client.post(correct_url, _details(version="1", type="exploits", reason="Police intelligence"))
    assert fixed.status_code == 302
    stale = client.post(correct_url, _details(version="1", type="associates", reason="Older form"))
    assert stale.status_code == 400 and "Someone changed this link" in stale.content.decode()
    assert "Exploits or harms" in stale.content.decode()  # the differences table shows what is saved now
    end_url = reverse("network:end_link", kwargs={"link_id": made.pk})
    ended = client.post(end_url, {"version": "2", "reason": "Moved away", **_date("valid_to", dt.date(2026, 8, 1))})
    assert ended.status_code == 302
    made.refresh_from_db()
    assert (made.type, made.valid_to, made.version) == ("exploits", dt.date(2026, 8, 1), 3)
    assert LinkRevision.objects.filter(link=made).count() == 2
    history = client.get(correct_url).content.decode()
    assert "Police intelligence" in history and "Moved away" in history


def test_a_link_out_of_scope_is_404(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    stranger = factories.make_person("Sam", "Stranger")
    made = link(world.other_child, stranger, by=world.users["other_team_worker"])
    client = client_for("allocated_worker")
    for name in ("network:correct_link", "network:end_link"):
        assert client.get(reverse(name, kwargs={"link_id": made.pk})).status_code == 404
    assert (
        client_for("other_team_worker").get(reverse("network:correct_link", kwargs={"link_id": made.pk})).status_code
        == 200
    )


def test_export_needs_a_sharing_record(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("allocated_worker")
    url = reverse("network:person_export", kwargs={"person_id": world.child.pk})
    missing = client.post(url, {"sharing_record": ""}, follow=True)
    assert "The network could not be exported" in missing.content.decode()
    unrelated = factories.make_person("Una", "Related")
    from tests.sharing.records import make_share

    wrong_person = make_share(unrelated, by=world.users["manager"], items=["network_map"])
    refused = client.post(url, {"sharing_record": str(wrong_person.pk)}, follow=True)
    assert "not about this young person" in refused.content.decode()
    assert not OutboundDocument.objects.exists()
