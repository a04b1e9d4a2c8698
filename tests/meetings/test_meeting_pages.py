"""Meeting pages: the list, the next triage meeting, one meeting as each persona sees it, and the forms that record
it — validation, restricted information, partner agencies, AccessEvents and accessible markup."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safecontext.audit.models import AccessEvent
from safecontext.front_door import routing
from safecontext.meetings.models import Attendee, Meeting, MeetingAction
from tests.conftest import World
from tests.front_door.factories_linked import add_item, make_context, make_meeting, make_referral
from tests.meetings.markup import markup_problems

SECRET = "Police intelligence: the car is registered to a known adult"


@pytest.fixture
def meeting(world: World) -> Meeting:
    """A strategy discussion about Test Child (through a referral), attended by the partner agency and the
    allocated social worker, with a decision and restricted information already recorded."""
    service = world.child.service
    meeting = make_meeting(service=service, attendees=[world.users["partner_agency"], world.users["allocated_worker"]])
    referral = make_referral(world.child, service=service, by=world.users["front_door"])
    add_item(
        meeting, child=world.child, referral=referral, decision="Section 47 enquiry", restricted_information=SECRET
    )
    add_item(meeting, context=make_context("Bus route 7", service=service))
    return meeting


def _detail(meeting: Meeting) -> str:
    return reverse("meetings:detail", args=[meeting.pk])


def _page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:2000]
    html = response.content.decode()
    assert markup_problems(html) == []
    return html


# --- the list and the next triage meeting -----------------------------------------------------------------------


def test_the_list_shows_meetings_by_kind(meeting: Meeting, client_for) -> None:  # type: ignore[no-untyped-def]
    html = _page(client_for("front_door"), reverse("meetings:list"))
    assert "Strategy discussions" in html and "Daily triage meetings" in html
    assert _detail(meeting) in html
    assert "Go to the next daily triage meeting" in html


def test_a_partner_agency_lists_only_the_meetings_it_attends(meeting: Meeting, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    other = make_meeting(service=world.child.service, kind=Meeting.Kind.DAILY_TRIAGE)
    html = _page(client_for("partner_agency"), reverse("meetings:list"))
    assert _detail(meeting) in html
    assert _detail(other) not in html
    assert "Go to the next daily triage meeting" not in html
    assert client_for("front_door").get(_detail(other)).status_code == 200


def test_the_next_triage_meeting_is_created_once_and_opened(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("front_door")
    first = client.get(reverse("meetings:next_triage"))
    second = client.get(reverse("meetings:next_triage"))
    triage = Meeting.objects.get(kind=Meeting.Kind.DAILY_TRIAGE)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == _detail(triage)
    assert triage.scheduled_for == routing.next_triage_meeting(timezone.now())
    assert triage.service == world.child.service


# --- one meeting ------------------------------------------------------------------------------------------------


def test_the_front_door_sees_the_whole_record(meeting: Meeting, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    html = _page(client_for("front_door"), _detail(meeting))
    assert "Test Child" in html and "Bus route 7" in html
    assert "Section 47 enquiry" in html
    assert SECRET in html
    assert "Police" in html and "Partner_agency Tester" in html  # attendees by agency
    assert "Add an attendee" in html and "Record the outcome" in html
    seen = AccessEvent.objects.filter(actor_username="front_door", kind="list").values_list("person_id", flat=True)
    assert list(seen) == [world.child.pk]


def test_restricted_information_is_hidden_without_the_permission(meeting: Meeting, client_for) -> None:  # type: ignore[no-untyped-def]
    html = _page(client_for("allocated_worker"), _detail(meeting))  # attends; no VIEW_RESTRICTED_INFORMATION
    assert "Section 47 enquiry" in html
    assert SECRET not in html
    assert "Restricted information" in html
    assert "Add an attendee" not in html  # does not run meetings


def test_a_partner_agency_sees_the_meeting_and_its_agenda_only(meeting: Meeting, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    html = _page(client_for("partner_agency"), _detail(meeting))
    assert "Test Child" in html and "Bus route 7" in html
    assert "Section 47 enquiry" not in html
    assert SECRET not in html and "Restricted information" not in html
    assert "Add an action" not in html
    assert AccessEvent.objects.filter(actor_username="partner_agency", person_id=world.child.pk).exists()


@pytest.mark.parametrize(
    "persona", ["partner_agency", "allocated_worker", "other_team_worker", "data_officer", "no_role"]
)
def test_a_meeting_not_attended_is_not_found(world: World, persona: str, client_for) -> None:  # type: ignore[no-untyped-def]
    unattended = make_meeting(service=world.child.service)
    assert client_for(persona).get(_detail(unattended)).status_code == 404


# --- attendees --------------------------------------------------------------------------------------------------


def test_adding_attendees(meeting: Meeting, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("front_door")
    url = reverse("meetings:add_attendee", args=[meeting.pk])
    response = client.post(url, {"username": "", "name": "", "agency": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_name"' in html and "Enter the attendee&#x27;s name" in html
    assert markup_problems(html) == []
    response = client.post(url, {"username": "nobody-here", "name": "", "agency": ""})
    assert (
        response.status_code == 400 and "There is no SafeContext user with this username" in response.content.decode()
    )
    response = client.post(url, {"username": "MANAGER", "name": "", "agency": ""})
    assert response.status_code == 302 and response["Location"].endswith("#attendees")
    response = client.post(url, {"username": "", "name": "Ms Sample", "agency": "Brightside Academy"})
    assert response.status_code == 302
    assert set(Attendee.objects.filter(meeting=meeting).values_list("name", flat=True)) == {
        "Partner_agency Tester",
        "Allocated_worker Tester",
        "Manager Tester",
        "Ms Sample",
    }


def test_a_partner_agency_cannot_add_attendees(meeting: Meeting, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("partner_agency").post(
        reverse("meetings:add_attendee", args=[meeting.pk]), {"name": "X", "agency": "Y"}
    )
    assert response.status_code == 404
    assert meeting.attendees.count() == 2


# --- item decisions ---------------------------------------------------------------------------------------------


def test_recording_an_item_decision(meeting: Meeting, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("front_door")
    item = meeting.items.get(child=world.child)
    url = reverse("meetings:item_decision", args=[meeting.pk, item.pk])
    html = _page(client, url)
    assert SECRET in html  # the front door may read and edit it
    response = client.post(url, {"decision": "", "restricted_information": SECRET, "version": "1"})
    assert response.status_code == 400
    assert markup_problems(response.content.decode()) == []
    response = client.post(
        url, {"decision": "Strategy discussion today", "restricted_information": SECRET, "version": "1"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.decision == "Strategy discussion today"


def test_a_stale_item_decision_answers_409_and_keeps_the_words(meeting: Meeting, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    item = meeting.items.get(child=world.child)
    url = reverse("meetings:item_decision", args=[meeting.pk, item.pk])
    manager, front_door = client_for("manager"), client_for("front_door")
    assert (
        manager.post(url, {"decision": "Manager's words", "restricted_information": SECRET, "version": "1"}).status_code
        == 302
    )
    response = front_door.post(url, {"decision": "My words", "restricted_information": SECRET, "version": "1"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Manager&#x27;s words" in html and "My words" in html
    assert 'name="version" value="2"' in html
    assert markup_problems(html) == []
    item.refresh_from_db()
    assert item.decision == "Manager's words"


def test_an_item_of_another_meeting_is_not_found(meeting: Meeting, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    other = make_meeting(service=world.child.service)
    item = add_item(other, child=world.child)
    assert (
        client_for("front_door").get(reverse("meetings:item_decision", args=[meeting.pk, item.pk])).status_code == 404
    )


# --- actions ----------------------------------------------------------------------------------------------------


def test_adding_an_action(meeting: Meeting, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("front_door")
    url = reverse("meetings:add_action", args=[meeting.pk])
    item = meeting.items.get(child=world.child)
    html = _page(client, f"{url}?item={item.pk}")
    assert "Item 1: Test Child" in html and "Item 2: Bus route 7" in html
    assert "Partner_agency Tester" in html  # attendees with accounts can own an action

    response = client.post(
        url, {"description": "", "owner": "", "due_on_day": "31", "due_on_month": "2", "due_on_year": "2027"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter what needs to be done" in html and "Choose who will do this" in html and "must be a real date" in html
    assert 'href="#id_due_on_day"' in html
    assert markup_problems(html) == []

    day = timezone.localdate(meeting.scheduled_for) + dt.timedelta(days=3)
    values = {
        "description": "Share patrol times",
        "due_on_day": day.day,
        "due_on_month": day.month,
        "due_on_year": day.year,
    }
    response = client.post(url, {**values, "owner": "other", "owner_name": "PC Sample", "owner_agency": ""})
    assert (
        response.status_code == 400 and "Enter the agency of the person who will do this" in response.content.decode()
    )
    response = client.post(
        url, {**values, "owner": "other", "owner_name": "PC Sample", "owner_agency": "Police", "item": item.pk}
    )
    assert response.status_code == 302
    partner = world.users["partner_agency"]
    response = client.post(url, {**values, "owner": str(partner.pk), "owner_name": "ignored"})
    assert response.status_code == 302
    actions = list(MeetingAction.objects.order_by("pk"))
    assert [(a.owner, a.owner_name, a.owner_agency, a.item) for a in actions] == [
        (None, "PC Sample", "Police", item),
        (partner, "", "Police", None),
    ]
    page = _page(client, _detail(meeting))
    assert "Share patrol times" in page and "PC Sample (Police)" in page


def test_an_owner_must_be_offered(meeting: Meeting, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    day = timezone.localdate(meeting.scheduled_for)
    response = client_for("front_door").post(
        reverse("meetings:add_action", args=[meeting.pk]),
        {
            "description": "Visit",
            "owner": str(world.users["other_team_worker"].pk),
            "due_on_day": day.day,
            "due_on_month": day.month,
            "due_on_year": day.year,
        },
    )
    assert response.status_code == 400
    assert not MeetingAction.objects.exists()


# --- outcome ----------------------------------------------------------------------------------------------------


def test_recording_the_outcome(meeting: Meeting, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("front_door")
    url = reverse("meetings:record_outcome", args=[meeting.pk])
    html = _page(client, url)
    assert "Section 47 enquiry" in html and "Restricted minutes" in html
    response = client.post(url, {"outcome": "", "notes": "", "version": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_outcome"' in html
    assert markup_problems(html) == []
    response = client.post(url, {"outcome": "other", "notes": "", "restricted_minutes": "", "version": "1"})
    assert response.status_code == 400 and "Say what the meeting decided" in response.content.decode()
    chair = world.users["allocated_worker"]
    response = client.post(
        url,
        {"outcome": "no_s47", "notes": "Early help", "restricted_minutes": SECRET, "chair": chair.pk, "version": "1"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.outcome, meeting.chair, meeting.restricted_minutes) == (
        "held",
        "no_s47",
        chair,
        SECRET,
    )
    assert SECRET not in _page(client_for("allocated_worker"), _detail(meeting))


def test_marking_a_triage_meeting_held(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    triage = make_meeting(service=world.child.service, kind=Meeting.Kind.DAILY_TRIAGE)
    client = client_for("manager")
    url = reverse("meetings:record_outcome", args=[triage.pk])
    html = _page(client, url)
    assert "Mark the meeting as held" in html and "Section 47 enquiry" not in html
    assert client.post(url, {"notes": "", "restricted_minutes": "", "version": "1"}).status_code == 302
    triage.refresh_from_db()
    assert triage.status == Meeting.Status.HELD


@pytest.mark.parametrize("name", ["meetings:item_decision", "meetings:add_action", "meetings:record_outcome"])
def test_those_who_do_not_run_meetings_cannot_record_them(
    meeting: Meeting, world: World, name: str, client_for
) -> None:  # type: ignore[no-untyped-def]
    item = meeting.items.first()
    assert item is not None
    kwargs = {"meeting_id": meeting.pk} | ({"item_id": item.pk} if name == "meetings:item_decision" else {})
    for persona in ("partner_agency", "allocated_worker"):
        assert client_for(persona).post(reverse(name, kwargs=kwargs), {"version": "1"}).status_code == 404
