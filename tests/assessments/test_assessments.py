"""Single assessments and participation through the pages, the actions and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.accounts.tokens import issue_api_token
from safecontext.assessments import actions
from safecontext.assessments.models import Participation, SingleAssessment
from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.cases.models import Case
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _case(world: World) -> Case:
    return Case.objects.get(subject=world.child)


def _date(prefix: str, value: dt.date) -> dict[str, str]:
    return {f"{prefix}_day": str(value.day), f"{prefix}_month": str(value.month), f"{prefix}_year": str(value.year)}


def test_a_worker_starts_an_assessment_with_factor_codes(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    case = _case(world)
    client = client_for("allocated_worker")
    data = {**_date("started_on", dt.date(2026, 10, 1)), "factor_codes": ["10A", "24A"], "outcome": "cin_plan"}
    response = client.post(f"/assessments/case/{case.pk}/new/", data)
    assert response.status_code == 302
    assessment = SingleAssessment.objects.get(case=case)
    assert sorted(assessment.factors.values_list("code", flat=True)) == ["10A", "24A"]
    assert assessment.factor_list_version == "2024-25"
    assert AuditEvent.objects.filter(action="assessments.start", target_id=str(assessment.pk)).exists()

    page = client.get(f"/assessments/case/{case.pk}/")
    assert page.status_code == 200
    assert "Child criminal exploitation" in page.content.decode()
    # Harm outside the home identified and no weighting yet: the page suggests one.
    assert f"/context-plans/people/{world.child.pk}/weightings/new/" in page.content.decode()
    assert AccessEvent.objects.filter(person_id=world.child.pk, actor_username="allocated_worker").exists()


def test_bad_input_shows_every_problem_and_saves_nothing(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    case = _case(world)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = {
        **_date("started_on", dt.date(2026, 10, 1)),
        **_date("authorised_on", dt.date(2026, 9, 1)),
        **_date("cp_plan_start", tomorrow),
        "factor_codes": ["99Z"],
        "outcome": "nonsense",
    }
    response = client_for("allocated_worker").post(f"/assessments/case/{case.pk}/new/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Authorisation date must be the same as or after the start date" in body
    assert "Child protection plan start date must be today or in the past" in body
    assert "99Z is not a factor code in the 2024-25 list" in body
    assert "Choose an outcome from the list" in body
    assert "Only a team manager can authorise an assessment" in body
    assert not SingleAssessment.objects.exists()


def test_the_action_refuses_unknown_codes_and_authorising_without_an_outcome(world: World) -> None:
    case = _case(world)
    with pytest.raises(ValidationError) as raised:
        actions.start_assessment(
            case=case,
            by=world.users["allocated_worker"],
            values={"started_on": dt.date(2026, 10, 1), "authorised_on": dt.date(2026, 10, 2), "factor_codes": ["1Z"]},
        )
    problems = raised.value.message_dict
    assert problems["factor_codes"] == ["1Z is not a factor code in the 2024-25 list"]
    assert problems["outcome"] == ["Choose the outcome before authorising"]
    assert problems["authorised_on"] == [actions.ONLY_MANAGERS_AUTHORISE]  # a social worker, not a manager
    assert not SingleAssessment.objects.exists()


def test_only_a_manager_authorises_and_is_recorded_as_the_authoriser(world: World) -> None:
    case = _case(world)
    values = {"started_on": dt.date(2026, 10, 1), "factor_codes": ["10A"], "outcome": "cin_plan"}
    assessment = actions.start_assessment(case=case, by=world.users["allocated_worker"], values=values)
    authorised = {**values, "authorised_on": dt.date(2026, 10, 20)}
    with pytest.raises(ValidationError) as raised:
        actions.update_assessment(
            assessment=assessment, by=world.users["allocated_worker"], values=authorised, expected_version=1
        )
    assert raised.value.message_dict == {"authorised_on": [actions.ONLY_MANAGERS_AUTHORISE]}
    actions.update_assessment(assessment=assessment, by=world.users["manager"], values=authorised, expected_version=1)
    assessment.refresh_from_db()
    assert assessment.authorised_by == world.users["manager"]
    # The worker may go on editing the rest; the authorisation stays the manager's.
    actions.update_assessment(
        assessment=assessment,
        by=world.users["allocated_worker"],
        values={**authorised, "summary": "Added after authorisation"},
        expected_version=2,
    )
    assessment.refresh_from_db()
    assert assessment.authorised_by == world.users["manager"] and assessment.summary == "Added after authorisation"


def test_a_stale_edit_gets_a_conflict_with_the_differences(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    case = _case(world)
    assessment = actions.start_assessment(
        case=case, by=world.users["allocated_worker"], values={"started_on": dt.date(2026, 10, 1)}
    )
    # A colleague saves first.
    actions.update_assessment(
        assessment=assessment,
        by=world.users["same_team_colleague"],
        values={"started_on": dt.date(2026, 10, 1), "factor_codes": ["11A"], "summary": "Colleague's summary"},
        expected_version=1,
    )
    data = {**_date("started_on", dt.date(2026, 10, 1)), "factor_codes": ["10A"], "version": "1", "summary": "Mine"}
    client = client_for("allocated_worker")
    response = client.post(f"/assessments/{assessment.pk}/edit/", data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else has changed this assessment" in body
    assert "Colleague&#x27;s summary" in body and "Mine" in body
    assessment.refresh_from_db()
    assert assessment.summary == "Colleague's summary" and assessment.version == 2
    assert list(assessment.factors.values_list("code", flat=True)) == ["11A"]
    assert 'name="version" value="2"' in body  # saving again is a deliberate choice against the current version

    saved = client.post(f"/assessments/{assessment.pk}/edit/", {**data, "version": "2"})
    assert saved.status_code == 302
    assessment.refresh_from_db()
    assert assessment.summary == "Mine" and list(assessment.factors.values_list("code", flat=True)) == ["10A"]
    event = AuditEvent.objects.filter(action="assessments.update").latest("id")
    assert event.before["factor_codes"] == ["11A"] and event.after["factor_codes"] == ["10A"]


def test_nothing_is_saved_when_the_audit_write_fails(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from safecontext.audit.actions import AuditWriteFailed

    def fail(**kwargs: object) -> None:
        raise AuditWriteFailed("no")

    monkeypatch.setattr(actions, "record_change", fail)
    with pytest.raises(AuditWriteFailed):
        actions.start_assessment(
            case=_case(world), by=world.users["allocated_worker"], values={"started_on": dt.date(2026, 10, 1)}
        )
    assert not SingleAssessment.objects.exists()


def test_participation_keeps_their_words_as_typed(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    case = _case(world)
    client = client_for("allocated_worker")
    words = "i dont want to go to the meeting  if HE is there"
    data = {
        "kind": "influence",
        **_date("occurred_on", dt.date(2026, 10, 3)),
        "what_happened": "Chose where the review was held",
        "their_words": words,
    }
    assert client.post(f"/assessments/case/{case.pk}/participation/new/", data).status_code == 302
    entry = Participation.objects.get(case=case)
    assert entry.their_words == words  # not tidied: double space and capitals kept
    page = client.get(f"/assessments/case/{case.pk}/participation/")
    assert "Chose where the review was held" in page.content.decode()
    assert AuditEvent.objects.filter(action="assessments.record_participation").exists()


def test_participation_errors(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    case = _case(world)
    response = client_for("allocated_worker").post(f"/assessments/case/{case.pk}/participation/new/", {})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose inform, involve, invest or influence" in body
    assert not Participation.objects.exists()


def test_an_out_of_scope_case_is_404_like_a_missing_one(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    case = _case(world)
    client = client_for("other_team_worker")
    hidden = client.get(f"/assessments/case/{case.pk}/")
    missing = client.get("/assessments/case/999999/")
    assert hidden.status_code == missing.status_code == 404
    assert client.post(f"/assessments/case/{case.pk}/new/", {}).status_code == 404
    assert not AccessEvent.objects.filter(actor_username="other_team_worker", person_id=world.child.pk).exists()


def test_the_api_reads_assessments_and_records_the_read(world: World) -> None:
    from django.test import Client

    case = _case(world)
    actions.start_assessment(
        case=case,
        by=world.users["allocated_worker"],
        values={"started_on": dt.date(2026, 10, 1), "factor_codes": ["10A"]},
    )
    user = world.users["manager"]
    token = issue_api_token(user=user, days=1, by=user)
    response = Client().get(f"/api/assessments/case/{case.pk}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    body = response.json()
    assert body["assessments"][0]["factors"] == [
        {"code": "10A", "label": "Going or being missing", "extra_familial": True}
    ]
    assert AccessEvent.objects.filter(actor_username="manager", kind="api", person_id=world.child.pk).exists()
    other = world.users["other_team_worker"]
    other_token = issue_api_token(user=other, days=1, by=other)
    hidden = Client().get(f"/api/assessments/case/{case.pk}", headers={"Authorization": f"Bearer {other_token}"})
    assert hidden.status_code == 404 and hidden.json() == {"detail": "Not found."}


def test_the_childs_latest_context_weighting_is_shown_with_a_link(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from safecontext.context_plans.actions import record_weighting
    from safecontext.context_plans.cleaning import EntryInput

    weighting = record_weighting(
        subject=world.child,
        entries=[
            EntryInput(label="The park", context=None, weight=70),
            EntryInput(label="Home", context=None, weight=30),
        ],
        rationale="Most of the harm happens at the park after dark",
        recorded_on=dt.date(2026, 10, 1),
        by=world.users["allocated_worker"],
    )
    body = client_for("allocated_worker").get(f"/assessments/case/{_case(world).pk}/").content.decode()
    assert "The park: 70 out of 100" in body
    assert f"/context-plans/weightings/{weighting.pk}/" in body


def test_the_api_lists_the_factor_codes(world: World) -> None:
    from django.test import Client

    user = world.users["allocated_worker"]
    token = issue_api_token(user=user, days=1, by=user)
    body = Client().get("/api/assessments/factors", headers={"Authorization": f"Bearer {token}"}).json()
    assert body["version"] == "2024-25"
    assert {"code": "24A", "label": "Child criminal exploitation", "extra_familial": True} in body["factors"]
