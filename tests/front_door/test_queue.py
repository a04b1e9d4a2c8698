"""The front door's work queue and overdue queue: scope, each filter, htmx fragments, access events, pagination,
and partner agencies kept out."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from safecontext.access.scope import referrals_visible_to
from safecontext.accounts.models import Service
from safecontext.audit.models import AccessEvent
from safecontext.front_door.models import Referral
from safecontext.front_door.queries.queue import Due, QueueFilters, end_of_today, front_door_queue, overdue_referrals
from safecontext.meetings.models import Attendee, Meeting
from tests import factories
from tests.conftest import PERSONAS, World
from tests.front_door.factories_screening import make_decision, make_meeting, make_referral
from tests.front_door_records import make_front_door_records

pytestmark = pytest.mark.django_db

QUEUE = "/front-door/"
OVERDUE = "/front-door/overdue/"


class Queue:
    """A spread of referrals: one of each status, due, risk and route the filters tell apart."""

    def __init__(self, world: World) -> None:
        by = world.users["front_door"]
        now = timezone.now()
        self.service = world.child.service
        child, other = world.child, world.other_child
        self.overdue = make_referral(by=by, children=[child], decision_due_at=now - dt.timedelta(hours=3))
        self.very_overdue = make_referral(
            by=by, children=[other], decision_due_at=now - dt.timedelta(days=2), received_at=now - dt.timedelta(days=3)
        )
        self.due_today = make_referral(by=by, children=[other], decision_due_at=end_of_today(now))
        self.due_later = make_referral(by=by, children=[child], decision_due_at=now + dt.timedelta(days=3))
        # Screened: high risk to a strategy discussion due tomorrow (not yet held)…
        self.high = make_referral(by=by, children=[child], decision_due_at=now - dt.timedelta(days=1))
        discussion_due = now + dt.timedelta(days=1)
        make_decision(
            self.high, by=by, risk="high", route="strategy_discussion", next_step_due_at=discussion_due, level=4
        )
        make_meeting(
            service=self.service,
            kind=Meeting.Kind.STRATEGY_DISCUSSION,
            scheduled_for=now,
            referrals=[self.high],
        )
        # …low risk to a triage meeting that has been held: nothing more is due from the front door.
        self.low = make_referral(by=by, children=[other], decision_due_at=now - dt.timedelta(days=1))
        make_decision(self.low, by=by, risk="low", route="triage_meeting", next_step_due_at=now - dt.timedelta(hours=5))
        make_meeting(
            service=self.service,
            scheduled_for=now - dt.timedelta(hours=5),
            status=Meeting.Status.HELD,
            referrals=[self.low],
        )
        # …and no risk, signposted.
        self.signposted = make_referral(by=by, children=[child], decision_due_at=now - dt.timedelta(days=1))
        make_decision(self.signposted, by=by, risk="none", route="signposting", level=1)
        # Another council's referral: never in this service's queue.
        elsewhere = Service.objects.create(name="Another council")
        stranger = factories.make_person("Distant", "Child", service=elsewhere)
        self.elsewhere = make_referral(by=by, children=[stranger], service=elsewhere)

    @property
    def in_scope(self) -> set[int]:
        return {
            r.pk
            for r in (
                self.overdue,
                self.very_overdue,
                self.due_today,
                self.due_later,
                self.high,
                self.low,
                self.signposted,
            )
        }


@pytest.fixture
def queue(world: World) -> Queue:
    return Queue(world)


def _ids(referrals: object) -> set[int]:
    return {r.pk for r in referrals}  # type: ignore[attr-defined]


def _listed(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'href="/front-door/referrals/(\d+)/(?:screen/)?"', html)}


# --- the query --------------------------------------------------------------------------------------------------


def test_the_queue_holds_the_services_referrals_only(world: World, queue: Queue) -> None:
    assert _ids(front_door_queue(user=world.users["front_door"])) == queue.in_scope


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (QueueFilters(status="awaiting_screening"), {"overdue", "very_overdue", "due_today", "due_later"}),
        (QueueFilters(status="screened"), {"high", "low", "signposted"}),
        (QueueFilters(status="closed"), set()),
        (QueueFilters(due="overdue"), {"overdue", "very_overdue"}),
        (QueueFilters(due="today"), {"due_today"}),
        (QueueFilters(due="later"), {"due_later", "high"}),  # the strategy discussion is due tomorrow
        (QueueFilters(risk="high"), {"high"}),
        (QueueFilters(risk="low"), {"low"}),
        (QueueFilters(risk="none"), {"signposted"}),
        (QueueFilters(route="strategy_discussion"), {"high"}),
        (QueueFilters(route="signposting"), {"signposted"}),
        (QueueFilters(status="screened", risk="low", route="triage_meeting"), {"low"}),
        (QueueFilters(status="awaiting_screening", due="later"), {"due_later"}),
    ],
)
def test_each_filter_narrows_the_queue(world: World, queue: Queue, filters: QueueFilters, expected: set[str]) -> None:
    found = _ids(front_door_queue(user=world.users["front_door"], filters=filters))
    assert found == {getattr(queue, name).pk for name in expected}


def test_an_unknown_filter_value_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown risk filter 'severe'"):
        QueueFilters(risk="severe")
    assert {d.value for d in Due} == {"overdue", "today", "later"}


def test_the_most_pressing_come_first(world: World, queue: Queue) -> None:
    order = [r.pk for r in front_door_queue(user=world.users["front_door"])]
    assert order[:5] == [queue.very_overdue.pk, queue.overdue.pk, queue.due_today.pk, queue.high.pk, queue.due_later.pk]
    assert set(order[5:]) == {queue.low.pk, queue.signposted.pk}  # nothing due: last


def test_the_overdue_queue_is_awaiting_screening_past_due_longest_overdue_first(world: World, queue: Queue) -> None:
    assert [r.pk for r in overdue_referrals(user=world.users["front_door"])] == [
        queue.very_overdue.pk,
        queue.overdue.pk,
    ]


def test_a_partner_agency_sees_only_referrals_on_meetings_they_attend(world: World, queue: Queue) -> None:
    partner = world.users["partner_agency"]
    assert not referrals_visible_to(partner).exists()

    records = make_front_door_records(world)  # a referral on a triage meeting the partner attends
    assert _ids(referrals_visible_to(partner)) == {records.referral.pk}
    # Attending a different meeting shows nothing more.
    meeting = Meeting.objects.get(items__referral=queue.high)
    assert not Attendee.objects.filter(meeting=meeting, user=partner).exists()
    assert queue.high.pk not in _ids(referrals_visible_to(partner))


# --- the pages --------------------------------------------------------------------------------------------------

MAY_USE_QUEUE = {"front_door", "manager"}


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_only_those_who_record_referrals_reach_the_queues(
    persona: str, queue: Queue, client_for: Callable[[str], Client]
) -> None:
    client = client_for(persona)
    expected = 200 if persona in MAY_USE_QUEUE else 404
    assert client.get(QUEUE).status_code == expected
    assert client.get(OVERDUE).status_code == expected


def test_the_queue_page_lists_the_referrals_with_their_details(
    world: World, queue: Queue, client_for: Callable[[str], Client]
) -> None:
    response = client_for("front_door").get(QUEUE)
    html = response.content.decode()

    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert _listed(html) == queue.in_scope
    assert "7 referrals" in html
    assert "Distant Child" not in html
    assert world.child.display_name in html and world.other_child.display_name in html
    assert 'govuk-tag govuk-tag--red">Overdue</strong>' in html
    assert 'govuk-tag--red">High</strong>' in html
    assert "Multi-agency strategy discussion" in html and "Signposting" in html
    assert "Overdue referrals (2)" in html
    assert f'href="/front-door/referrals/{queue.overdue.pk}/screen/"' in html  # awaiting: screen it
    assert f'href="/front-door/referrals/{queue.high.pk}/"' in html  # screened: view it
    assert 'hx-get="/front-door/"' in html and 'hx-target="#queue-results"' in html and 'hx-push-url="true"' in html


def test_every_child_listed_is_recorded_as_seen(
    world: World, queue: Queue, client_for: Callable[[str], Client]
) -> None:
    client = client_for("front_door")
    client.get(QUEUE)
    events = AccessEvent.objects.filter(actor_username="front_door")
    assert {(e.person_id, e.kind) for e in events} == {(world.child.pk, "list"), (world.other_child.pk, "list")}

    last = events.order_by("-id").first()
    assert last is not None
    client.get(QUEUE, {"risk": "high"}, headers={"HX-Request": "true"})  # the fragment names children too
    assert {e.person_id for e in events.filter(id__gt=last.pk)} == {world.child.pk}


def test_filters_without_javascript_narrow_the_whole_page(queue: Queue, client_for: Callable[[str], Client]) -> None:
    html = client_for("front_door").get(QUEUE, {"status": "screened", "risk": "low"}).content.decode()
    assert "<html" in html
    assert _listed(html) == {queue.low.pk}
    assert "1 referral matches these filters" in html
    assert '<option value="low" selected>' in html


def test_an_htmx_filter_request_returns_the_results_alone(queue: Queue, client_for: Callable[[str], Client]) -> None:
    response = client_for("front_door").get(QUEUE, {"due": "overdue"}, headers={"HX-Request": "true"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in html and "<form" not in html and "<h1" not in html
    assert "<table" in html
    assert _listed(html) == {queue.overdue.pk, queue.very_overdue.pk}
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(queue: Queue, client_for: Callable[[str], Client]) -> None:
    response = client_for("front_door").get(QUEUE, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_an_unknown_filter_value_is_reported_not_a_500(queue: Queue, client_for: Callable[[str], Client]) -> None:
    response = client_for("front_door").get(QUEUE, {"risk": "severe", "status": "screened"})
    html = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#filter-risk">Choose an extra-familial risk from the list</a>' in html
    assert _listed(html) == {queue.high.pk, queue.low.pk, queue.signposted.pk}  # the valid filter still applies


def test_the_overdue_page_lists_oldest_first(world: World, queue: Queue, client_for: Callable[[str], Client]) -> None:
    html = client_for("front_door").get(OVERDUE).content.decode()
    assert "Overdue referrals" in html
    positions = [html.index(f"/front-door/referrals/{r.pk}/screen/") for r in (queue.very_overdue, queue.overdue)]
    assert positions == sorted(positions)
    assert _listed(html) == {queue.very_overdue.pk, queue.overdue.pk}


def test_no_overdue_referrals_says_so(world: World, client_for: Callable[[str], Client]) -> None:
    html = client_for("front_door").get(OVERDUE).content.decode()
    assert "No overdue referrals" in html


def test_the_queue_is_paginated_fifty_to_a_page(world: World, client_for: Callable[[str], Client]) -> None:
    now = timezone.now()
    referrals = [
        make_referral(
            by=world.users["front_door"], children=[world.child], decision_due_at=now + dt.timedelta(hours=i + 1)
        )
        for i in range(51)
    ]
    client = client_for("front_door")

    first = client.get(QUEUE).content.decode()
    assert len(_listed(first)) == 50
    assert 'class="govuk-pagination"' in first and 'aria-label="Pagination"' in first
    assert 'aria-current="page"' in first and 'rel="next"' in first
    assert "51 referrals" in first

    second = client.get(QUEUE, {"page": "2"}, headers={"HX-Request": "true"}).content.decode()
    assert _listed(second) == {referrals[-1].pk}
    assert 'rel="prev"' in second and 'rel="next"' not in second
    # A page that does not exist shows the last one rather than failing.
    assert _listed(client.get(QUEUE, {"page": "99"}).content.decode()) == {referrals[-1].pk}
    assert client.get(QUEUE, {"page": "x"}).status_code == 200


def test_the_navigation_offers_the_front_door_and_meetings_by_permission(
    queue: Queue, client_for: Callable[[str], Client]
) -> None:
    front_door = client_for("front_door").get(QUEUE).content.decode()
    assert '<a class="govuk-service-navigation__link" href="/front-door/" aria-current="page">' in front_door
    assert 'href="/meetings/"' in front_door
    worker = client_for("allocated_worker").get("/").content.decode()
    assert 'href="/front-door/"' not in worker  # social workers do not record referrals
    assert 'href="/meetings/"' in worker  # but they may view the meetings they attend
    admin = client_for("administrator").get("/").content.decode()
    assert 'href="/front-door/"' not in admin and 'href="/meetings/"' not in admin


def test_a_screened_referral_with_no_pending_meeting_has_nothing_due(
    world: World, queue: Queue, client_for: Callable[[str], Client]
) -> None:
    row = front_door_queue(user=world.users["front_door"]).get(pk=queue.low.pk)
    assert row.due_at is None  # type: ignore[attr-defined]
    high = front_door_queue(user=world.users["front_door"]).get(pk=queue.high.pk)
    assert high.due_at == queue.high.screening.next_step_due_at  # type: ignore[attr-defined]
    assert Referral.objects.get(pk=queue.low.pk).status == Referral.Status.SCREENED
