"""Meeting actions: validation with clear messages, audit events in the same transaction, version checks where two
people might overwrite each other, and restricted information kept from those who may not read it."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.audit.actions import AuditWriteFailed
from safecontext.audit.models import AuditEvent
from safecontext.core.actions_base import inside_action
from safecontext.meetings import actions
from safecontext.meetings.models import Attendee, Meeting, MeetingAction
from tests import factories
from tests.conftest import World
from tests.front_door.factories_linked import add_item, make_meeting


@pytest.fixture
def meeting(world: World) -> Meeting:
    return make_meeting(service=world.child.service, attendees=[world.users["partner_agency"]])


def _errors(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


# --- attendees --------------------------------------------------------------------------------------------------


def test_an_attendee_is_a_user_or_a_named_person_and_agency(meeting: Meeting, world: World) -> None:
    by = world.users["front_door"]
    user_attendee = actions.add_attendee(meeting=meeting, user=world.users["allocated_worker"], by=by)
    assert (user_attendee.name, user_attendee.agency) == ("Allocated_worker Tester", "Brightside Children's Services")
    named = actions.add_attendee(meeting=meeting, name=" Dr  Sample ", agency="School nursing", by=by)
    assert (named.name, named.agency, named.user) == ("Dr Sample", "School nursing", None)
    assert AuditEvent.objects.filter(action="meeting.attendee_added", target_id=str(meeting.pk)).count() == 2


def test_an_attendee_needs_a_name_and_an_agency(meeting: Meeting, world: World) -> None:
    with pytest.raises(ValidationError) as error:
        actions.add_attendee(meeting=meeting, name="", agency="", by=world.users["front_door"])
    assert _errors(error) == {
        "name": ["Enter the attendee's name, or their SafeContext username"],
        "agency": ["Enter the agency the attendee is from"],
    }


def test_nobody_attends_twice(meeting: Meeting, world: World) -> None:
    by = world.users["front_door"]
    with pytest.raises(ValidationError) as error:
        actions.add_attendee(meeting=meeting, user=world.users["partner_agency"], by=by)
    assert _errors(error) == {"username": ["Partner_agency Tester is already an attendee"]}
    actions.add_attendee(meeting=meeting, name="Dr Sample", agency="Health", by=by)
    with pytest.raises(ValidationError):
        actions.add_attendee(meeting=meeting, name="dr sample", agency="health", by=by)
    assert Attendee.objects.filter(meeting=meeting).count() == 2


# --- item decisions ---------------------------------------------------------------------------------------------


def test_an_item_decision_is_saved_audited_and_moves_the_version(meeting: Meeting, world: World) -> None:
    item = add_item(meeting, child=world.child)
    by = world.users["front_door"]
    actions.record_item_decision(
        item=item,
        decision="Strategy discussion within a working day.",
        restricted_information="Police intelligence: seen with a known adult",
        expected_version=1,
        by=by,
    )
    item.refresh_from_db()
    meeting.refresh_from_db()
    assert (item.decision, item.decided_by, meeting.version) == ("Strategy discussion within a working day.", by, 2)
    assert item.restricted_information == "Police intelligence: seen with a known adult"
    [event] = AuditEvent.objects.filter(action="meeting.item_decided")
    assert "Police intelligence" not in str(event.after) + str(event.before)  # never copied into the audit trail
    assert event.after["restricted_information"] == actions.RESTRICTED_IN_AUDIT


def test_a_decision_is_required(meeting: Meeting, world: World) -> None:
    item = add_item(meeting, child=world.child)
    with pytest.raises(ValidationError) as error:
        actions.record_item_decision(item=item, decision="  \n ", expected_version=1, by=world.users["front_door"])
    assert _errors(error) == {"decision": ["Enter what the meeting decided about this item"]}


def test_a_stale_decision_is_refused_with_the_difference(meeting: Meeting, world: World) -> None:
    item = add_item(meeting, child=world.child)
    actions.record_item_decision(item=item, decision="Refer to MACE", expected_version=1, by=world.users["manager"])
    with pytest.raises(actions.MeetingChanged) as changed:
        actions.record_item_decision(
            item=item, decision="No further action", expected_version=1, by=world.users["front_door"]
        )
    assert changed.value.current_version == 2
    [difference] = changed.value.differences
    assert (difference.theirs, difference.yours) == ("Refer to MACE", "No further action")
    item.refresh_from_db()
    assert item.decision == "Refer to MACE"
    # The same words again from a stale form lose nothing, so they pass (and save nothing new).
    actions.record_item_decision(item=item, decision="Refer to MACE", expected_version=1, by=world.users["front_door"])
    assert AuditEvent.objects.filter(action="meeting.item_decided").count() == 1


def test_someone_who_cannot_read_restricted_information_cannot_write_or_wipe_it(meeting: Meeting, world: World) -> None:
    item = add_item(meeting, child=world.child, restricted_information="Police-sourced detail")
    worker = world.users["allocated_worker"]  # no VIEW_RESTRICTED_INFORMATION
    with pytest.raises(ValidationError) as error:
        actions.record_item_decision(
            item=item, decision="Noted", restricted_information="", expected_version=1, by=worker
        )
    assert _errors(error) == {"restricted_information": ["You cannot record restricted information"]}
    actions.record_item_decision(item=item, decision="Noted", expected_version=1, by=worker)
    item.refresh_from_db()
    assert item.restricted_information == "Police-sourced detail"


def test_nothing_is_saved_when_the_audit_write_fails(meeting: Meeting, world: World) -> None:
    item = add_item(meeting, child=world.child)
    with (
        mock.patch("safecontext.audit.actions.AuditEvent.objects.create", side_effect=RuntimeError("disk full")),
        pytest.raises(AuditWriteFailed),
    ):
        actions.record_item_decision(item=item, decision="Refer", expected_version=1, by=world.users["front_door"])
    item.refresh_from_db()
    meeting.refresh_from_db()
    assert (item.decision, meeting.version) == ("", 1)


# --- actions ----------------------------------------------------------------------------------------------------


def test_an_action_has_an_owner_and_a_due_date(meeting: Meeting, world: World) -> None:
    by = world.users["front_door"]
    item = add_item(meeting, child=world.child)
    due = timezone.localdate(meeting.scheduled_for) + dt.timedelta(days=7)
    mine = actions.add_meeting_action(
        meeting=meeting,
        description="Visit at home",
        due_on=due,
        owner=world.users["allocated_worker"],
        item=item,
        by=by,
    )
    theirs = actions.add_meeting_action(
        meeting=meeting,
        description="Share patrol times",
        due_on=due,
        owner_name="PC Sample",
        owner_agency="Police",
        by=by,
    )
    assert (mine.owner, mine.owner_agency, mine.item) == (
        world.users["allocated_worker"],
        "Brightside Children's Services",
        item,
    )
    assert (theirs.owner, theirs.owner_name, theirs.owner_agency) == (None, "PC Sample", "Police")
    assert AuditEvent.objects.filter(action="meeting.action_added").count() == 2


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"description": ""}, {"description": ["Enter what needs to be done"]}),
        ({"owner": None, "owner_name": ""}, {"owner": ["Choose who will do this, or enter their name and agency"]}),
        (
            {"owner": None, "owner_name": "PC Sample"},
            {"owner_agency": ["Enter the agency of the person who will do this"]},
        ),
        ({"due_on": None}, {"due_on": ["Enter the date the action is due"]}),
        ({"due_on": "soon"}, {"due_on": ["The due date must be a real date"]}),
        ({"due_on": -1}, {"due_on": ["The due date must be on or after the day of the meeting"]}),
        ({"due_on": 400}, {"due_on": ["The due date must be within a year of the meeting"]}),
    ],
)
def test_an_action_is_refused_with_a_clear_message(
    meeting: Meeting, world: World, values: dict[str, object], expected: dict[str, list[str]]
) -> None:
    meeting_day = timezone.localdate(meeting.scheduled_for)
    arguments: dict[str, object] = {
        "description": "Visit",
        "due_on": meeting_day,
        "owner": world.users["allocated_worker"],
        "owner_name": "",
        "owner_agency": "",
        **values,
    }
    if isinstance(arguments["due_on"], int):
        arguments["due_on"] = meeting_day + dt.timedelta(days=arguments["due_on"])  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as error:
        actions.add_meeting_action(meeting=meeting, by=world.users["front_door"], **arguments)  # type: ignore[arg-type]
    messages = _errors(error)
    assert set(messages) == set(expected)
    for field, [message] in expected.items():
        assert messages[field][0].startswith(message)
    assert not MeetingAction.objects.exists()


def test_an_action_for_another_meetings_item_is_refused(meeting: Meeting, world: World) -> None:
    other = make_meeting(service=world.child.service)
    item = add_item(other, child=world.child)
    with pytest.raises(ValidationError) as error:
        actions.add_meeting_action(
            meeting=meeting,
            description="Visit",
            due_on=timezone.localdate(meeting.scheduled_for),
            owner=world.users["allocated_worker"],
            item=item,
            by=world.users["front_door"],
        )
    assert _errors(error) == {"item": ["Choose an item on this meeting's agenda"]}


# --- outcomes ---------------------------------------------------------------------------------------------------


def test_a_strategy_discussion_records_whether_a_section_47_enquiry_starts(meeting: Meeting, world: World) -> None:
    by = world.users["front_door"]
    with pytest.raises(ValidationError) as error:
        actions.record_outcome(meeting=meeting, outcome="", notes="", expected_version=1, by=by)
    assert list(_errors(error)) == ["outcome"]
    with pytest.raises(ValidationError) as error:
        actions.record_outcome(meeting=meeting, outcome="other", notes=" ", expected_version=1, by=by)
    assert _errors(error) == {"notes": ["Say what the meeting decided"]}
    actions.record_outcome(
        meeting=meeting,
        outcome="s47",
        notes="Joint visit tomorrow",
        chair=world.users["manager"],
        expected_version=1,
        by=by,
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.outcome, meeting.chair, meeting.version) == (
        "held",
        "s47",
        world.users["manager"],
        2,
    )
    assert AuditEvent.objects.filter(action="meeting.outcome_recorded", target_id=str(meeting.pk)).count() == 1


def test_a_daily_triage_meeting_is_marked_held_without_an_outcome(world: World) -> None:
    triage = make_meeting(service=world.child.service, kind=Meeting.Kind.DAILY_TRIAGE)
    by = world.users["front_door"]
    with pytest.raises(ValidationError) as error:
        actions.record_outcome(meeting=triage, outcome="s47", notes="", expected_version=1, by=by)
    assert list(_errors(error)) == ["outcome"]
    actions.record_outcome(meeting=triage, outcome="", notes="", expected_version=1, by=by)
    triage.refresh_from_db()
    assert (triage.status, triage.outcome) == ("held", "")


def test_a_stale_outcome_is_refused(meeting: Meeting, world: World) -> None:
    actions.record_outcome(meeting=meeting, outcome="s47", notes="", expected_version=1, by=world.users["manager"])
    with pytest.raises(actions.MeetingChanged):
        actions.record_outcome(
            meeting=meeting, outcome="no_s47", notes="", expected_version=1, by=world.users["front_door"]
        )
    meeting.refresh_from_db()
    assert meeting.outcome == "s47"


def test_a_cancelled_meeting_takes_no_outcome(world: World) -> None:
    cancelled = make_meeting(service=world.child.service)
    with inside_action():
        Meeting.objects.filter(pk=cancelled.pk).update(status=Meeting.Status.CANCELLED)
    with pytest.raises(ValidationError):
        actions.record_outcome(
            meeting=cancelled, outcome="s47", notes="", expected_version=1, by=world.users["front_door"]
        )


def test_an_inactive_user_cannot_be_given_an_action(meeting: Meeting, world: World) -> None:
    gone = factories.make_user("gone", role="social_worker", is_active=False)
    with pytest.raises(ValidationError) as error:
        actions.add_meeting_action(
            meeting=meeting,
            description="Visit",
            due_on=timezone.localdate(meeting.scheduled_for),
            owner=gone,
            by=world.users["front_door"],
        )
    assert list(_errors(error)) == ["owner"]
