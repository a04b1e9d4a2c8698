"""Sharing pages: recording a share, one record (404 unless every young person in it is visible), telling the young
person later, and the manager's dashboard."""

from __future__ import annotations

from safecontext.audit.models import AccessEvent
from safecontext.sharing.models import SharingRecord
from tests.conftest import World
from tests.sharing.records import make_refusal, make_share


def _form(**changes: str | list[str]) -> dict[str, str | list[str]]:
    data: dict[str, str | list[str]] = {
        "decision": "shared",
        "items": ["safety_plan", "contact_details"],
        "agency": "Brightside Police",
        "recipient_person": "PC Example",
        "purpose": "keep_safe",
        "lawful_basis": "public_task",
        "consent": "given",
        "young_person_told": "yes",
        "family_told": "yes",
        "decision_maker": "Team manager",
        "decided_on_day": "3",
        "decided_on_month": "3",
        "decided_on_year": "2026",
    }
    return data | changes


def test_a_worker_records_a_share(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("allocated_worker")
    assert client.get(f"/sharing/person/{world.child.pk}/new/?item=safety_plan").status_code == 200
    response = client.post(f"/sharing/person/{world.child.pk}/new/", _form())
    record = SharingRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/sharing/{record.pk}/"
    assert record.items == ["safety_plan", "contact_details"]
    page = client.get(f"/sharing/person/{world.child.pk}/").content.decode()
    assert "Brightside Police" in page


def test_after_recording_it_returns_to_the_download_it_was_for(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("allocated_worker").post(
        f"/sharing/person/{world.child.pk}/new/", _form(next="/safety-plans/case/1/family-copy/")
    )
    assert response["Location"] == "/safety-plans/case/1/family-copy/"


def test_an_offsite_next_is_ignored(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("allocated_worker").post(
        f"/sharing/person/{world.child.pk}/new/", _form(next="//evil.example/")
    )
    assert response["Location"].startswith("/sharing/")


def test_bad_input_lists_every_problem_and_saves_nothing(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("allocated_worker").post(
        f"/sharing/person/{world.child.pk}/new/",
        _form(agency="", consent="not_sought", young_person_told="no", decided_on_day="31", decided_on_month="2"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Say which agency it was shared with" in page
    assert "Say why consent was not sought" in page
    assert "Say why the young person was not told" in page
    assert "must be a real date" in page
    assert not SharingRecord.objects.exists()


def test_a_record_about_a_child_you_cannot_see_is_not_found(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    both = make_share([world.child, world.other_child], by=world.users["manager"])
    mine = make_share(world.child, by=world.users["manager"])
    client = client_for("allocated_worker")
    assert client.get(f"/sharing/{both.pk}/").status_code == 404  # Other Youngster is Pod B's
    assert client.get(f"/sharing/{mine.pk}/").status_code == 200
    assert client.get("/sharing/999999/").status_code == 404
    listing = client.get(f"/sharing/person/{world.child.pk}/").content.decode()
    assert "Other Youngster" not in listing
    assert "also about 1 other young person" in listing


def test_reading_a_record_is_recorded_for_each_young_person(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    both = make_share([world.child, world.other_child], by=world.users["head_of_service"])
    assert client_for("head_of_service").get(f"/sharing/{both.pk}/").status_code == 200
    seen = set(AccessEvent.objects.filter(actor_username="head_of_service").values_list("person_id", flat=True))
    assert seen == {world.child.pk, world.other_child.pk}


def test_telling_the_young_person_later_puts_the_share_on_their_list(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    share = make_share(
        world.child, by=world.users["allocated_worker"], young_person_told=False, not_told_reason="Risk from peers"
    )
    client = client_for("allocated_worker")
    assert "Brightside Police" not in client.get(f"/sharing/person/{world.child.pk}/who-knows/").content.decode()
    response = client.post(f"/sharing/{share.pk}/told/", {"young_person_told": "on"})
    assert response.status_code == 302
    assert "Brightside Police" in client.get(f"/sharing/person/{world.child.pk}/who-knows/").content.decode()


def test_the_dashboard_counts_within_the_managers_scope(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    worker = world.users["allocated_worker"]
    make_share(world.child, by=worker)
    make_share(world.child, by=worker, lawful_basis="vital_interests", young_person_told=False, not_told_reason="Risk")
    make_refusal(world.child, by=worker)
    make_share(world.other_child, by=world.users["other_team_worker"])  # Pod B's child: not the Pod A manager's
    page = client_for("manager").get("/sharing/dashboard/").content.decode()
    row = page[page.index("Pod A") :]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[:-1]][:8]
    # shares, consent, public task, legal obligation, vital interests, not told, decisions not to share
    assert cells[:7] == ["2", "0", "1", "0", "1", "1", "1"]
    assert "Pod B" not in page
    assert "Pod B" in client_for("head_of_service").get("/sharing/dashboard/").content.decode()
