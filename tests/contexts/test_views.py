"""Context-case pages and API: the flows work end to end, bad input shows the form again with an error summary and
saves nothing, members are recorded as seen, a stale edit is a 409 showing the differences."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from safecontext.accounts.tokens import issue_api_token
from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.contexts import actions
from safecontext.contexts.models import Context, ContextAssessment, ContextCase, YoungPeoplesWords
from tests.conftest import World
from tests.contexts.records import make_context_records


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_open_a_case_directly(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    park = actions.create_context(
        service=world.child.service, kind="place", name="Sample Rec", by=world.users["manager"]
    )
    client = client_for("same_team_colleague")
    page = client.get("/contexts/cases/new/")
    assert page.status_code == 200 and "Sample Rec" in page.content.decode()
    response = client.post(
        "/contexts/cases/new/",
        {
            "context": park.pk,
            "lead_worker": world.users["same_team_colleague"].pk,
            **_date("opened_on", timezone.localdate()),
            "wellbeing_level": "3",
            "summary": "Lifts offered from the car park",
            "postcode": "BN7 3ZB",
            "latitude": "50.84612",
            "longitude": "-0.13977",
        },
    )
    case = ContextCase.objects.get(context=park)
    assert response.status_code == 302 and response["Location"] == f"/contexts/cases/{case.pk}/"
    assert case.team.name == "Pod A" and case.wellbeing_level == 3
    detail = client.get(response["Location"]).content.decode()
    assert "Sample Rec" in detail and "3 \u2013 Significant harm" in detail and "50.84612" in detail


def test_bad_input_shows_the_errors_and_saves_nothing(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    park = actions.create_context(
        service=world.child.service, kind="place", name="Sample Rec", by=world.users["manager"]
    )
    response = client_for("manager").post(
        "/contexts/cases/new/",
        {
            "context": park.pk,
            "lead_worker": world.users["manager"].pk,
            **_date("opened_on", timezone.localdate() + dt.timedelta(days=3)),
            "wellbeing_level": "2",
            "latitude": "50.8",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and "must be today or in the past" in page
    assert "Enter both the latitude and the longitude" in page
    assert not ContextCase.objects.exists()


def test_open_from_a_referral_about_the_context(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_context_records(world)
    client = client_for("manager")
    page = client.get(f"/contexts/cases/from-referral/{records.referral.pk}/").content.decode()
    assert "This context already has an open case" in page and "Matrix Close group" in page
    response = client.post(
        f"/contexts/cases/from-referral/{records.referral.pk}/",
        {
            "context": records.case.context_id,
            "lead_worker": world.users["allocated_worker"].pk,
            **_date("opened_on", timezone.localdate()),
            "wellbeing_level": "2",
        },
    )
    assert response.status_code == 302
    opened = ContextCase.objects.exclude(pk=records.case.pk).get()
    assert opened.referral == records.referral
    # A referral about children is not one a context case opens from.
    from tests.front_door_records import make_front_door_records

    about_child = make_front_door_records(world).referral
    assert client.get(f"/contexts/cases/from-referral/{about_child.pk}/").status_code == 404


def test_the_detail_page_records_each_member_shown(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_context_records(world)
    actions.add_member(
        context_case=records.case, person=world.other_child, joined_on=timezone.localdate(), by=world.users["manager"]
    )
    response = client_for("same_team_colleague").get(f"/contexts/cases/{records.case.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Test Child" in page and "Other Youngster" not in page
    assert "1 current and 0 past members whose records you cannot open are not named" in page
    seen = set(AccessEvent.objects.filter(actor_username="same_team_colleague").values_list("person_id", "kind"))
    assert seen == {(world.child.pk, AccessEvent.Kind.LIST)}


def test_a_stale_edit_shows_the_conflict_page(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_context_records(world)
    client = client_for("same_team_colleague")
    form = {"wellbeing_level": "4", "summary": "Worse", "version": "1"}
    actions.update_context_case(
        context_case=records.case, changes={"wellbeing_level": "2"}, expected_version=1, by=world.users["manager"]
    )
    response = client.post(f"/contexts/cases/{records.case.pk}/edit/", form)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else has changed this case" in page and "Some concerns" in page and "Serious harm" in page
    assert ContextCase.objects.get(pk=records.case.pk).wellbeing_level == 2
    again = client.post(f"/contexts/cases/{records.case.pk}/edit/", {**form, "version": "2"})
    assert again.status_code == 302 and ContextCase.objects.get(pk=records.case.pk).wellbeing_level == 4


def test_record_an_assessment_with_young_peoples_words(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    group = actions.create_context(
        service=world.child.service, kind=Context.Kind.SCHOOL, name="Sample High", by=world.users["manager"]
    )
    lead = world.users["allocated_worker"]
    assert lead.team is not None
    case = actions.open_context_case(
        context=group, team=lead.team, lead_worker=lead, opened_on=timezone.localdate(), by=lead
    )
    client = client_for("allocated_worker")
    form_page = client.get(f"/contexts/cases/{case.pk}/assessments/new/").content.decode()
    assert "School assessment" in form_page and "Students say they feel safe" in form_page
    bad = client.post(
        f"/contexts/cases/{case.pk}/assessments/new/", {**_date("assessed_on", timezone.localdate()), "q1": "9"}
    )
    assert bad.status_code == 400 and "Say where the evidence came from" in bad.content.decode()
    assert not ContextAssessment.objects.filter(context_case=case).exists()
    response = client.post(
        f"/contexts/cases/{case.pk}/assessments/new/",
        {
            **_date("assessed_on", timezone.localdate()),
            "q1": "2",
            "q2": "4",
            "note1": "Pupils describe the bus stop as the worst place",
            "evidence_sources": ["young_people", "walkabout"],
            "words": "Nobody stops them at the gate",
            "attributed_to": "Two pupils in Year 10",
        },
    )
    assessment = ContextAssessment.objects.get(context_case=case)
    assert response.status_code == 302 and response["Location"] == f"/contexts/assessments/{assessment.pk}/"
    assert assessment.answers["sc.st.feel_safe"] == 2 and assessment.evidence_source_codes == [
        "young_people",
        "walkabout",
    ]
    quote = YoungPeoplesWords.objects.get(assessment=assessment)
    assert quote.words == "Nobody stops them at the gate"
    page = client.get(response["Location"]).content.decode()
    assert "“Nobody stops them at the gate”" in page and "Two pupils in Year 10, in their words" in page
    assert "Pupils describe the bus stop" in page


def test_a_review_leads_to_the_comparison(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_context_records(world)
    client = client_for("allocated_worker")
    assert "Review: Peer group assessment" in client.get(f"/contexts/cases/{records.case.pk}/review/").content.decode()
    response = client.post(
        f"/contexts/cases/{records.case.pk}/review/",
        {**_date("assessed_on", timezone.localdate()), "q1": "1", "evidence_sources": ["staff"]},
    )
    assert response.status_code == 302 and response["Location"] == f"/contexts/cases/{records.case.pk}/comparison/"
    page = client.get(response["Location"]).content.decode()
    assert "0 of 1 measure improved" in page and "Worse" in page
    assert AuditEvent.objects.filter(action="context_case.reviewed").count() == 2


def test_the_api_detail_names_visible_members_and_records_them(world: World) -> None:
    records = make_context_records(world)
    actions.add_member(
        context_case=records.case, person=world.other_child, joined_on=timezone.localdate(), by=world.users["manager"]
    )
    user = world.users["same_team_colleague"]
    token = issue_api_token(user=user, days=1, by=user)
    response = Client().get(f"/api/contexts/cases/{records.case.pk}", headers={"Authorization": f"Bearer {token}"})
    body = response.json()
    assert response.status_code == 200
    assert [m["name"] for m in body["members"]] == ["Test Child"] and body["members_not_shown"] == 1
    assert AccessEvent.objects.filter(actor_username=user.username, kind="api").count() == 1
    comparison = (
        Client()
        .get(f"/api/contexts/cases/{records.case.pk}/comparison", headers={"Authorization": f"Bearer {token}"})
        .json()
    )
    assert comparison["headline"].startswith("4 of 4 measures improved")
    listed = Client().get("/api/contexts/cases?kind=peer_group", headers={"Authorization": f"Bearer {token}"}).json()
    assert [case["id"] for case in listed["results"]] == [records.case.pk]
    assert (
        Client().get("/api/contexts/cases?colour=red", headers={"Authorization": f"Bearer {token}"}).status_code == 422
    )


def test_members_are_found_by_name_added_and_ended_through_the_pages(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_context_records(world)
    client = client_for("manager")
    base = f"/contexts/cases/{records.case.pk}/members"
    found = client.get(f"{base}/new/?q=Tessa")
    assert found.status_code == 200 and "Tessa Child" in found.content.decode()
    assert AccessEvent.objects.filter(actor_username="manager", kind="search", person_id=world.mother.pk).exists()
    chosen = client.get(f"{base}/new/?person={world.mother.pk}")
    assert "Adding <strong>Tessa Child</strong>" in chosen.content.decode()
    added = client.post(f"{base}/new/", {"person": world.mother.pk, **_date("joined_on", timezone.localdate())})
    assert added.status_code == 302
    member = records.case.members.get(person=world.mother)
    # Someone outside the manager's scope cannot be added by typing their id.
    refused = client.post(f"{base}/new/", {"person": world.other_child.pk, **_date("joined_on", timezone.localdate())})
    assert refused.status_code == 400 and not records.case.members.filter(person=world.other_child).exists()
    ended = client.post(f"{base}/{member.pk}/end/", _date("left_on", timezone.localdate()))
    assert ended.status_code == 302
    member.refresh_from_db()
    assert member.left_on == timezone.localdate()
    # A membership named under another case's address is not found.
    other = actions.open_context_case(
        context=records.case.context,
        team=records.case.team,
        lead_worker=None,
        opened_on=timezone.localdate(),
        by=world.users["manager"],
    )
    assert client.get(f"/contexts/cases/{other.pk}/members/{records.member.pk}/end/").status_code == 404


def test_lead_change_close_and_words_through_the_pages(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_context_records(world)
    client = client_for("manager")
    case_url = f"/contexts/cases/{records.case.pk}"
    no_reason = client.post(f"{case_url}/lead/", {"lead_worker": world.users["same_team_colleague"].pk})
    assert no_reason.status_code == 400 and "Enter why is the lead changing?" in no_reason.content.decode()
    moved = client.post(
        f"{case_url}/lead/",
        {"lead_worker": world.users["same_team_colleague"].pk, "reason": "Allocated worker on leave"},
    )
    assert moved.status_code == 302
    words = client.post(
        f"/contexts/assessments/{records.review.pk}/words/new/",
        {"words": "It's calmer now", "attributed_to": "A girl, 14", "section_key": "guardianship"},
    )
    assert words.status_code == 302
    page = client.get(f"/contexts/assessments/{records.review.pk}/").content.decode()
    assert "“It&#x27;s calmer now”" in page and "A girl, 14, in their words" in page
    closed = client.post(f"{case_url}/close/", {**_date("closed_on", timezone.localdate()), "reason": "Safer now"})
    assert closed.status_code == 302
    detail = client.get(f"{case_url}/").content.decode()
    assert "Closed on" in detail and "Safer now" in detail and "Run a review" not in detail
    case = ContextCase.objects.get(pk=records.case.pk)
    assert (case.status, case.lead_worker, case.version) == ("closed", world.users["same_team_colleague"], 3)


def test_case_list_filters(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    make_context_records(world)
    client = client_for("front_door")
    assert "Matrix Close group" in client.get("/contexts/cases/?kind=peer_group").content.decode()
    assert "Matrix Close group" not in client.get("/contexts/cases/?kind=school").content.decode()
    assert client.get("/contexts/cases/?status=pending").status_code == 400


def test_the_case_page_links_to_plans_and_the_network_map_for_roles_that_may_use_them(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_context_records(world)
    page = client_for("manager").get(f"/contexts/cases/{records.case.pk}/").content.decode()
    assert f'href="/context-plans/context-cases/{records.case.pk}/"' in page
    assert f'href="/network/context/{records.case.context_id}/"' in page
