"""'Who knows what about me' (issue 6, cap. 5): a plain-language page and printable copy for the young person that
carry no name, address or detail of anyone else. Marker strings are put in every free-text field of the shares and
on the other people involved; none may reach the page or the PDF."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from pypdf import PdfReader

from safecontext.accounts.tokens import issue_api_token
from safecontext.audit.models import AccessEvent
from safecontext.sharing.models import OutboundDocument
from safecontext.sharing.outbound import REQUIRED_MESSAGE
from tests import factories
from tests.conftest import World
from tests.sharing.records import make_refusal, make_share

MARKERS = {
    "items_detail": "MARKER-ITEMS-Zebedee",
    "recipient_person": "MARKER-RECIPIENT-Quentin",
    "purpose_detail": "MARKER-PURPOSE-Xanthe",
    "decision_maker": "MARKER-DECIDER-Wilhelmina",
    "consent_reason": "MARKER-CONSENT-Ulysses",
    "not_told_reason": "MARKER-NOTTOLD-Ottoline",
}


def pdf_text(content: bytes) -> str:
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


@pytest.fixture
def shares(world: World) -> None:
    worker = world.users["allocated_worker"]
    other = factories.make_person("Peregrine", "Sentinelworth", address="99 Marker Road")
    # Told, with every free-text field carrying a marker, and another child named as a subject too.
    make_share(
        [world.child, other],
        by=worker,
        items=["safety_plan", "other"],
        purpose="other",
        consent="not_sought",
        family_told=False,
        **MARKERS,
    )
    make_share(world.child, by=worker, agency="Brightside Academy", purpose="education", items=["plan"])
    make_share(world.child, by=worker, agency="The young person", items=["who_knows"], purpose="plan_support")
    # Not told (a recorded reason), and a decision not to share: neither is on the young person's list.
    make_share(world.child, by=worker, agency="Hidden Agency Ltd", young_person_told=False, not_told_reason="risk")
    make_refusal(world.child, by=worker, agency="Refused Agency Ltd")
    make_share(world.mother, by=worker, agency="Mother Only Agency")


def _assert_no_leak(text: str, world: World) -> None:
    for marker in [*MARKERS.values(), "Peregrine", "Sentinelworth", "99 Marker Road", "Tessa", "1 Sample Street"]:
        assert marker not in text
    for hidden in ["Hidden Agency Ltd", "Refused Agency Ltd", "Mother Only Agency", "PC Example", "Team manager"]:
        assert hidden not in text


def test_the_page_lists_each_share_in_plain_language_and_nothing_else(shares: None, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("allocated_worker").get(f"/sharing/person/{world.child.pk}/who-knows/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Who knows what about you, Test" in page
    assert "we shared your safety plan and some information about you with Brightside Police" in page
    assert "we shared your plan with Brightside Academy so they could support you at school or college" in page
    _assert_no_leak(page.split('id="main-content"')[1], world)
    assert "with The young person" not in page  # giving them their own copy is not someone else knowing
    assert AccessEvent.objects.filter(person_id=world.child.pk, actor_username="allocated_worker").exists()


def test_the_printed_copy_needs_a_share_and_leaks_nothing(shares: None, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("allocated_worker")
    url = f"/sharing/person/{world.child.pk}/who-knows/copy/"
    refused = client.post(url, {})
    assert refused.status_code == 400 and REQUIRED_MESSAGE in refused.content.decode()
    share_id = client.get(url).content.decode().split('name="sharing_record" type="radio" value="')[1].split('"')[0]
    response = client.post(url, {"sharing_record": share_id})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Who knows what about you, Test" in text
    assert "Brightside Academy" in text
    assert "Printed on" in text
    _assert_no_leak(text, world)
    own_copy = OutboundDocument.objects.get(kind="who_knows_pdf")
    assert own_copy.sharing_record.agency == "The young person"


# --- the API export --------------------------------------------------------------------------------------------


def _api(world: World, persona: str) -> Client:
    user = world.users[persona]
    token = issue_api_token(user=user, days=1, by=user)
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_the_api_export_is_refused_without_a_share(world: World) -> None:
    response = _api(world, "allocated_worker").get(f"/api/sharing/person/{world.child.pk}/export")
    assert response.status_code == 400
    assert response.json() == {"detail": REQUIRED_MESSAGE}
    assert not OutboundDocument.objects.exists()


def test_the_api_export_with_a_share_is_linked_and_audited(world: World) -> None:
    share = make_share(world.child, by=world.users["allocated_worker"], items=["record"])
    response = _api(world, "allocated_worker").get(
        f"/api/sharing/person/{world.child.pk}/export?sharing_record={share.pk}"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["person"]["id"] == world.child.pk and body["sharing_record_id"] == share.pk
    document = OutboundDocument.objects.get(pk=body["outbound_document_id"])
    assert document.kind == "person_export" and document.sharing_record == share
    assert AccessEvent.objects.filter(person_id=world.child.pk, kind=AccessEvent.Kind.EXPORT).exists()


def test_the_api_export_of_someone_out_of_scope_is_not_found(world: World) -> None:
    share = make_share(world.other_child, by=world.users["other_team_worker"], items=["record"])
    response = _api(world, "allocated_worker").get(
        f"/api/sharing/person/{world.other_child.pk}/export?sharing_record={share.pk}"
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_the_api_lists_a_persons_records_without_naming_other_children(world: World) -> None:
    make_share([world.child, world.other_child], by=world.users["manager"])
    make_refusal(world.child, by=world.users["allocated_worker"])
    response = _api(world, "allocated_worker").get(f"/api/sharing/person/{world.child.pk}/records")
    assert response.status_code == 200
    records = response.json()["records"]
    assert [record["decision"] for record in sorted(records, key=lambda r: r["id"])] == ["shared", "not_shared"]
    assert max(record["also_about_other_young_people"] for record in records) == 1
    assert "Youngster" not in response.content.decode()  # the other child is counted, never named
    assert AccessEvent.objects.filter(person_id=world.child.pk, kind=AccessEvent.Kind.API).exists()
    assert _api(world, "other_team_worker").get(f"/api/sharing/person/{world.child.pk}/records").status_code == 404
