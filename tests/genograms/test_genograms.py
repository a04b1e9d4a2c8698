"""Genograms through the pages, the actions and the API: members, relationships, annotations, the family's copy."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from safecontext.accounts.tokens import issue_api_token
from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.cases.models import Case
from safecontext.genograms import actions
from safecontext.genograms.models import FamilyCopy, GenogramMember, GenogramRelation, IdentityAnnotation
from tests.conftest import World

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64


def _case(world: World) -> Case:
    return Case.objects.get(subject=world.child)


def _family(world: World) -> tuple[GenogramMember, GenogramMember]:
    case, worker = _case(world), world.users["allocated_worker"]
    child = actions.add_member(
        case=case, by=worker, values={"person": world.child, "sex": "male", "birth_year": 2010, "is_subject": True}
    )
    mother = actions.add_member(
        case=case,
        by=worker,
        values={"person": world.mother, "sex": "female", "aspect_religion": "Muslim", "aspect_geography": "Herat"},
    )
    actions.add_relation(case=case, by=worker, kind="parent", from_member_id=mother.pk, to_member_id=child.pk)
    return child, mother


def test_the_page_draws_the_family_with_a_table_alternative(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _family(world)
    response = client_for("allocated_worker").get(f"/genograms/case/{_case(world).pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and '<title id="genogram-title">Genogram of Test Child&#x27;s family</title>' in body
    assert "People on the genogram" in body
    assert "Birth parent of Test Child" in body and "Child of Tessa Child" in body
    assert "Religion:</strong> Muslim" in body
    assert "style=" not in body.split("<svg", 1)[1].split("</svg>", 1)[0]
    # The child and the mother shown on it are both recorded as seen.
    seen = set(AccessEvent.objects.filter(actor_username="allocated_worker").values_list("person_id", flat=True))
    assert {world.child.pk, world.mother.pk} <= seen


def test_the_print_page_has_the_drawing_and_no_edit_links(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    child, _ = _family(world)
    body = client_for("same_team_colleague").get(f"/genograms/case/{_case(world).pk}/print/").content.decode()
    assert "<svg" in body and "genogram.css" in body
    assert f"/genograms/members/{child.pk}/edit/" not in body


def test_adding_a_member_with_errors_then_success(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("allocated_worker")
    url = f"/genograms/case/{_case(world).pk}/members/new/"
    bad = client.post(url, {"sex": "female", "birth_year": "1990", "death_year": "1980", "aspect_culture": "x" * 600})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Enter the name" in text
    assert "Tick &#x27;Has died&#x27; to record a year of death" in text
    assert "Culture must be 500 characters or fewer" in text
    assert not GenogramMember.objects.exists()
    good = client.post(
        url, {"name": "Grandmother", "sex": "female", "birth_year": "1948", "deceased": "yes", "death_year": "2019"}
    )
    assert good.status_code == 302
    member = GenogramMember.objects.get(name="Grandmother")
    assert member.deceased and member.death_year == 2019
    assert AuditEvent.objects.filter(action="genograms.add_member", target_id=str(member.pk)).exists()


def test_a_person_not_on_the_case_cannot_be_linked(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        actions.add_member(case=_case(world), by=world.users["allocated_worker"], values={"person": world.other_child})
    assert raised.value.message_dict["person"] == ["Choose a person on this case"]


def test_relationship_rules(world: World) -> None:
    case, worker = _case(world), world.users["allocated_worker"]
    child, mother = _family(world)
    with pytest.raises(ValidationError) as raised:  # the child cannot be their mother's parent too
        actions.add_relation(case=case, by=worker, kind="parent", from_member_id=child.pk, to_member_id=mother.pk)
    assert "already recorded as an ancestor" in raised.value.message_dict["to_member"][0]
    with pytest.raises(ValidationError):
        actions.add_relation(case=case, by=worker, kind="parent", from_member_id=mother.pk, to_member_id=child.pk)
    with pytest.raises(ValidationError):
        actions.add_relation(case=case, by=worker, kind="married", from_member_id=child.pk, to_member_id=child.pk)
    father = actions.add_member(case=case, by=worker, values={"name": "Father", "sex": "male"})
    actions.add_relation(case=case, by=worker, kind="divorced", from_member_id=father.pk, to_member_id=mother.pk)
    with pytest.raises(ValidationError) as again:  # the same couple the other way round
        actions.add_relation(case=case, by=worker, kind="divorced", from_member_id=mother.pk, to_member_id=father.pk)
    assert again.value.message_dict["kind"] == ["This relationship is already recorded"]


def test_only_one_member_is_the_child_the_work_is_about(world: World) -> None:
    _family(world)
    with pytest.raises(ValidationError) as raised:
        actions.add_member(
            case=_case(world), by=world.users["allocated_worker"], values={"name": "Someone", "is_subject": True}
        )
    assert "already marked" in raised.value.message_dict["is_subject"][0]


def test_a_stale_member_edit_conflicts(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _, mother = _family(world)
    actions.update_member(
        member=mother,
        by=world.users["same_team_colleague"],
        values={"name": "Tessa Child", "sex": "female", "aspect_religion": "Sunni Muslim"},
        expected_version=1,
    )
    client = client_for("allocated_worker")
    data = {"version": "1", "name": "Tessa Child", "sex": "female", "aspect_religion": "Muslim, practising"}
    response = client.post(f"/genograms/members/{mother.pk}/edit/", data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else has changed this person" in body and "Sunni Muslim" in body
    assert IdentityAnnotation.objects.get(member=mother, aspect="religion").text == "Sunni Muslim"
    assert client.post(f"/genograms/members/{mother.pk}/edit/", {**data, "version": "2"}).status_code == 302
    assert IdentityAnnotation.objects.get(member=mother, aspect="religion").text == "Muslim, practising"


def test_removing_a_member_removes_their_relationships(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _, mother = _family(world)
    client = client_for("allocated_worker")
    assert client.get(f"/genograms/members/{mother.pk}/remove/").status_code == 405
    assert client.post(f"/genograms/members/{mother.pk}/remove/").status_code == 302
    assert not GenogramMember.objects.filter(pk=mother.pk).exists()
    assert not GenogramRelation.objects.exists()
    assert AuditEvent.objects.filter(action="genograms.remove_member").exists()


def test_the_family_copy_is_sniffed_limited_and_downloaded_with_audit(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    case = _case(world)
    client = client_for("allocated_worker")
    url = f"/genograms/case/{case.pk}/family-copy/new/"
    disguised = SimpleUploadedFile("drawing.png", b"<html><script>alert(1)</script>", content_type="image/png")
    refused = client.post(url, {"file": disguised})
    assert refused.status_code == 400 and "The file must be a PDF, PNG or JPEG" in refused.content.decode()
    huge = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * actions.MAX_UPLOAD_BYTES, content_type="application/pdf")
    assert client.post(url, {"file": huge}).status_code == 400
    assert not FamilyCopy.objects.exists()

    upload = SimpleUploadedFile("../../Our family.PDF", PDF, content_type="text/plain")
    assert client.post(url, {"file": upload, "note": "Drawn at the kitchen table"}).status_code == 302
    copy = FamilyCopy.objects.get()
    assert copy.content_type == "application/pdf" and copy.filename == "Our family.pdf"
    download = client.get(f"/genograms/family-copy/{copy.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="Our family.pdf"'
    assert download.content == PDF
    assert AccessEvent.objects.filter(
        actor_username="allocated_worker", kind="export", person_id=world.child.pk
    ).exists()
    other = client_for("other_team_worker")
    assert other.get(f"/genograms/family-copy/{copy.pk}/").status_code == 404


def test_sniffing() -> None:
    assert actions.sniff_content_type(PNG) == "image/png"
    assert actions.sniff_content_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert actions.sniff_content_type(PDF) == "application/pdf"
    assert actions.sniff_content_type(b"GIF89a") is None


def test_out_of_scope_is_404_and_unrecorded(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    child, _ = _family(world)
    client = client_for("other_team_worker")
    for url in (
        f"/genograms/case/{_case(world).pk}/",
        f"/genograms/case/{_case(world).pk}/print/",
        f"/genograms/members/{child.pk}/edit/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/genograms/case/999999/").status_code == 404
    assert not AccessEvent.objects.filter(actor_username="other_team_worker").exists()


def test_the_api_returns_members_relations_and_the_svg(world: World) -> None:
    _family(world)
    user = world.users["manager"]
    token = issue_api_token(user=user, days=1, by=user)
    response = Client().get(f"/api/genograms/case/{_case(world).pk}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    body = response.json()
    assert [m["name"] for m in body["members"]] == ["Tessa Child", "Test Child"]
    assert body["members"][0]["generation"] == 1 and body["members"][1]["generation"] == 2
    assert body["relations"][0]["kind"] == "parent"
    assert body["svg"].startswith("<svg")
    assert AccessEvent.objects.filter(actor_username="manager", kind="api", person_id=world.mother.pk).exists()


def test_a_form_shown_again_with_errors_keeps_the_chosen_person(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("allocated_worker")
    response = client.post(
        f"/genograms/case/{_case(world).pk}/members/new/",
        {"person": str(world.mother.pk), "sex": "female", "death_year": "2020"},
    )
    assert response.status_code == 400
    assert f'<option value="{world.mother.pk}" selected>' in response.content.decode()


def test_the_cases_young_person_is_marked_as_the_child_the_work_is_about(world: World) -> None:
    member = actions.add_member(case=_case(world), by=world.users["allocated_worker"], values={"person": world.child})
    assert member.is_subject and member.name == "Test Child"


def test_a_non_ascii_or_windows_file_name_is_made_safe_for_the_download_header(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    copy = actions.upload_family_copy(
        case=_case(world), by=world.users["allocated_worker"], filename="C:\\Users\\x\\Şahin ailesi.png", data=PNG
    )
    assert copy.filename == "_ahin ailesi.png"
    response = client_for("allocated_worker").get(f"/genograms/family-copy/{copy.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
