"""Safety plan pages: the plan, the edit form (errors, conflict), versions, and the family PDF that needs a share."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.cases.models import Case
from safecontext.safety_plans.models import SafetyPlan
from safecontext.sharing.models import OutboundDocument
from safecontext.sharing.outbound import REQUIRED_MESSAGE
from tests.conftest import World
from tests.safety_plans.plans import make_plan
from tests.sharing.records import make_share


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def case(world: World) -> Case:
    return Case.objects.get(subject=world.child)


def _form(**changes: str) -> dict[str, str]:
    review = timezone.localdate() + dt.timedelta(days=30)
    data = {
        "worries": "Goes missing after football",
        "safety_goals": "Home by 9pm",
        "if_1": "he is not home by 9pm",
        "then_1": "Mum rings him",
        "name_1": "Mum",
        "role_1": "Mother",
        "phone_1": "01632 960 001",
        "review_on_day": str(review.day),
        "review_on_month": str(review.month),
        "review_on_year": str(review.year),
    }
    return data | changes


def test_the_page_without_a_plan_offers_to_start_one(world: World, case: Case, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("allocated_worker").get(f"/safety-plans/case/{case.pk}/")
    assert response.status_code == 200
    assert "Start the safety plan" in response.content.decode()
    assert AccessEvent.objects.filter(person_id=world.child.pk, actor_username="allocated_worker").exists()


def test_a_worker_writes_the_plan_and_it_shows(world: World, case: Case, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("allocated_worker")
    response = client.post(f"/safety-plans/case/{case.pk}/edit/", _form())
    assert response.status_code == 302
    page = client.get(f"/safety-plans/case/{case.pk}/").content.decode()
    assert "Home by 9pm" in page
    assert "Mum rings him" in page
    assert "Version 1" in page


def test_bad_input_shows_the_form_again_with_errors(world: World, case: Case, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("allocated_worker").post(
        f"/safety-plans/case/{case.pk}/edit/", _form(worries="", then_1="", phone_1="ring me", review_on_day="32")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Say what everyone is worried about" in page
    assert "Review date must be a real date" in page
    assert not SafetyPlan.objects.exists()


def test_a_stale_edit_shows_the_conflict_and_saves_nothing(world: World, case: Case, client_for) -> None:  # type: ignore[no-untyped-def]
    make_plan(case, by=world.users["allocated_worker"])
    make_plan(case, by=world.users["same_team_colleague"], safety_goals="Home by 10pm")  # now version 2
    response = client_for("allocated_worker").post(
        f"/safety-plans/case/{case.pk}/edit/", _form(version="1", safety_goals="Home by 8pm")
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else has changed this plan" in page
    assert "Home by 10pm" in page and "Home by 8pm" in page
    assert SafetyPlan.objects.get(case=case).safety_goals == "Home by 10pm"


def test_a_past_version_can_be_read(world: World, case: Case, client_for) -> None:  # type: ignore[no-untyped-def]
    plan = make_plan(case, by=world.users["allocated_worker"])
    first = plan.versions.get(number=1)
    make_plan(case, by=world.users["allocated_worker"], safety_goals="Something else")
    page = client_for("manager").get(f"/safety-plans/case/{case.pk}/versions/{first.pk}/").content.decode()
    assert "Home by 9pm on school nights" in page
    assert "Something else" not in page


def test_a_version_of_another_case_is_not_found(world: World, case: Case, client_for) -> None:  # type: ignore[no-untyped-def]
    plan = make_plan(case, by=world.users["allocated_worker"])
    other_case = Case.objects.get(subject=world.other_child)
    version_id = plan.versions.get().pk
    response = client_for("manager").get(f"/safety-plans/case/{other_case.pk}/versions/{version_id}/")
    assert response.status_code == 404


def test_the_family_copy_is_refused_without_a_share(world: World, case: Case, client_for) -> None:  # type: ignore[no-untyped-def]
    make_plan(case, by=world.users["allocated_worker"])
    response = client_for("allocated_worker").post(f"/safety-plans/case/{case.pk}/family-copy/", {})
    assert response.status_code == 400
    assert REQUIRED_MESSAGE in response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert not OutboundDocument.objects.exists()


def test_the_family_copy_with_a_share_is_a_plain_language_pdf_linked_and_audited(  # type: ignore[no-untyped-def]
    world: World, case: Case, client_for
) -> None:
    make_plan(case, by=world.users["allocated_worker"])
    share = make_share(world.child, by=world.users["allocated_worker"], agency="The family", recipient_person="Mum")
    response = client_for("allocated_worker").post(
        f"/safety-plans/case/{case.pk}/family-copy/", {"sharing_record": str(share.pk)}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Safety plan for Test" in text
    assert "Home by 9pm on school nights" in text
    assert "If he is not home by 9pm, then Mum rings him" in text
    assert "01632 960 001" in text
    assert "0800 1111" in text  # Childline, written out
    assert f"Printed on {timezone.localdate():%-d %B %Y}" in text
    assert "http" not in text and "sign in" not in text.lower()
    document = OutboundDocument.objects.get()
    assert document.sharing_record == share and document.kind == "safety_plan_pdf"
    assert AuditEvent.objects.filter(action="sharing.outbound_authorised", target_id=str(document.pk)).exists()
    assert AccessEvent.objects.filter(person_id=world.child.pk, kind=AccessEvent.Kind.EXPORT).exists()


def test_a_share_that_does_not_include_the_safety_plan_does_not_do(world: World, case: Case, client_for) -> None:  # type: ignore[no-untyped-def]
    make_plan(case, by=world.users["allocated_worker"])
    share = make_share(world.child, by=world.users["allocated_worker"], items=["assessment"])
    response = client_for("allocated_worker").post(
        f"/safety-plans/case/{case.pk}/family-copy/", {"sharing_record": str(share.pk)}
    )
    assert response.status_code == 400
    assert "does not include the safety plan" in response.content.decode()


def test_the_form_has_room_for_every_saved_row_so_none_is_lost(world: World, case: Case, client_for) -> None:  # type: ignore[no-untyped-def]
    rows = [{"if": f"thing {n} happens", "then": f"do {n}"} for n in range(1, 7)]
    make_plan(case, by=world.users["allocated_worker"], contingencies=rows)
    client = client_for("allocated_worker")
    page = client.get(f"/safety-plans/case/{case.pk}/edit/").content.decode()
    assert 'value="thing 6 happens"' in page
    assert 'id="id_if_8"' in page and 'id="id_if_9"' not in page  # six saved, two empty, eight at most
    form = _form(version="1", safety_goals="Home by 10pm") | {f"if_{n}": f"thing {n} happens" for n in range(1, 7)}
    form |= {f"then_{n}": f"do {n}" for n in range(1, 7)}
    assert client.post(f"/safety-plans/case/{case.pk}/edit/", form).status_code == 302
    assert SafetyPlan.objects.get(case=case).contingencies == rows
