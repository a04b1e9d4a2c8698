"""The intake page and the referral page: recording through the form (new and matched children, mentions, a context
as the subject), errors with nothing saved and everything typed kept, resubmits, "add another", labelled markup,
the referral page's restricted information, access events and scope."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safecontext.audit.models import AccessEvent
from safecontext.contexts.models import Context
from safecontext.front_door.models import Mention, Referral
from safecontext.network.models import Link
from safecontext.network.queries import links_from_source
from safecontext.people.models import Person
from tests import factories
from tests.conftest import World
from tests.front_door.factories_intake import adult, context_referral, place, referral_about
from tests.front_door_records import make_front_door_records

Login = Callable[[str], Client]
NEW = reverse("front_door:new_referral")


def form_data(**changes: str) -> dict[str, str]:
    """A complete intake form about one new child, with three mention rows (two filled)."""
    received = timezone.localtime() - dt.timedelta(hours=1)
    data = {
        "submission_token": "token-1",
        "received_date_day": str(received.day),
        "received_date_month": str(received.month),
        "received_date_year": str(received.year),
        "received_time": received.strftime("%H:%M"),
        "source": "2A",
        "referrer_name": "Sam Teacher",
        "referrer_agency": "Brightside Academy",
        "referrer_contact": "01632 960123",
        "about": "children",
        "child-TOTAL_FORMS": "1",
        "child-INITIAL_FORMS": "0",
        "child-0-given_name": "Zebedee",
        "child-0-family_name": "Quartermaine",
        "child-0-date_of_birth_day": "14",
        "child-0-date_of_birth_month": "2",
        "child-0-date_of_birth_year": "2011",
        "child-0-postcode": "BN2 3CD",
        "mention-TOTAL_FORMS": "3",
        "mention-INITIAL_FORMS": "0",
        "mention-0-what": "context:place",
        "mention-0-as_written": "Bus route 7",
        "mention-0-link_type": "",
        "mention-0-nature": "harmful",
        "mention-1-what": "object:vehicle",
        "mention-1-as_written": "ab12 cde",
        "mention-1-nature": "unknown",
        "mention-2-what": "",
        "mention-2-as_written": "",
        "mention-2-nature": "unknown",
        "concerns": "Seen getting into a car after school.\nMissing twice this month.",
        "lawful_basis": "public_task",
        "consent_notes": "Not sought: it could increase the risk",
    }
    data.update(changes)
    return data


class _Labels(HTMLParser):
    """Every form control on a page and every label's `for`, to check that each control is labelled."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.ids: list[str] = []
        self.h1 = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if tag == "h1":
            self.h1 += 1
        if tag == "label" and attributes.get("for"):
            self.label_for.add(str(attributes["for"]))
        if tag in {"input", "select", "textarea"} and attributes.get("type") != "hidden":
            self.controls.append(attributes)


def assert_labelled(html: str) -> None:
    parsed = _Labels()
    parsed.feed(html)
    assert parsed.h1 == 1
    unlabelled = [control for control in parsed.controls if control.get("id") not in parsed.label_for]
    assert not unlabelled, f"controls without a label: {unlabelled}"
    duplicated = {id_ for id_ in parsed.ids if parsed.ids.count(id_) > 1}
    assert not duplicated, f"ids used twice: {duplicated}"
    assert "style=" not in html


# --- the intake page ----------------------------------------------------------------------------------------------


def test_the_intake_page_has_a_labelled_form(world: World, client_for: Login) -> None:
    response = client_for("front_door").get(NEW)
    assert response.status_code == 200
    html = response.text
    assert_labelled(html)
    assert 'name="submission_token"' in html
    assert re.search(r'name="submission_token" value="[A-Za-z0-9_-]{20,}"', html)
    assert html.count('class="govuk-fieldset sc-intake-block') == 1 + 3  # one child block, three mention rows
    assert 'hx-get="/front-door/referrals/candidates/"' in html
    assert "Schools" in html and "Public task" in html


def test_a_front_door_practitioner_records_a_referral_through_the_form(world: World, client_for: Login) -> None:
    client = client_for("front_door")
    response = client.post(NEW, form_data())
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("front_door:referral", kwargs={"referral_id": referral.pk})
    child = referral.children.get()
    assert (child.display_name, child.date_of_birth) == ("Zebedee Quartermaine", dt.date(2011, 2, 14))
    assert (referral.source, referral.referrer_name, referral.lawful_basis) == ("2A", "Sam Teacher", "public_task")
    assert referral.concerns == "Seen getting into a car after school.\nMissing twice this month."
    assert referral.submission_token == "token-1"
    written = dict(referral.mentions.values_list("as_written", "role"))
    assert written == {"Bus route 7": "context", "ab12 cde": "object"}
    natures = {(link.b.context_id and "place") or "car": link.nature for link in Link.objects.select_related("b")}
    assert natures == {"place": "harmful", "car": "unknown"}

    page = client.get(response["Location"])
    assert "The referral has been recorded" in page.text
    assert "Zebedee Quartermaine" in page.text


def test_an_impossible_date_keeps_everything_typed_and_saves_nothing(world: World, client_for: Login) -> None:
    response = client_for("front_door").post(
        NEW, form_data(received_date_day="31", received_date_month="2", **{"child-0-date_of_birth_day": "30"})
    )
    assert response.status_code == 400
    html = response.text
    assert "There is a problem" in html
    assert '<a href="#id_received_date_day">Date received must be a real date</a>' in html
    assert '<a href="#id_child-0-date_of_birth_day">Child 1: Date of birth (optional) must be a real date</a>' in html
    assert 'value="Sam Teacher"' in html and 'value="Zebedee"' in html and "Missing twice this month." in html
    assert 'value="Bus route 7"' in html
    assert not Referral.objects.exists() and not Person.objects.filter(names__given_name="Zebedee").exists()
    assert_labelled(html)


def test_a_referral_with_no_subject_is_refused_with_a_clear_message(world: World, client_for: Login) -> None:
    blank = {f"child-0-{field}": "" for field in ("given_name", "family_name", "postcode")}
    blank |= {f"child-0-date_of_birth_{part}": "" for part in ("day", "month", "year")}
    client = client_for("front_door")
    response = client.post(NEW, form_data(**blank))
    assert response.status_code == 400
    assert "Child 1: Choose the child or children, or the context, this referral is about" in response.text
    context = client.post(NEW, form_data(about="context", **blank))
    assert "Choose the child or children, or the context, this referral is about" in context.text
    assert not Referral.objects.exists()


def test_a_future_received_time_and_unknown_codes_are_refused(world: World, client_for: Login) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    client = client_for("front_door")
    response = client.post(
        NEW,
        form_data(
            received_date_day=str(tomorrow.day),
            received_date_month=str(tomorrow.month),
            received_date_year=str(tomorrow.year),
            source="99",
            lawful_basis="because",
            received_time="25:61",
        ),
    )
    assert response.status_code == 400
    html = response.text
    assert "Choose a source from the list" in html
    assert "Choose the lawful basis for recording this referral" in html
    assert "Enter the time received using the 24-hour clock, like 09:30 or 14:05" in html
    future = client.post(
        NEW,
        form_data(
            received_date_day=str(tomorrow.day),
            received_date_month=str(tomorrow.month),
            received_date_year=str(tomorrow.year),
        ),
    )
    assert "The date and time the referral was received must be now or in the past" in future.text
    assert not Referral.objects.exists()


def test_possible_existing_records_must_be_answered_before_recording(world: World, client_for: Login) -> None:
    existing = factories.make_person(
        "Zebedee", "Quartermaine", service=world.child.service, date_of_birth=dt.date(2011, 2, 14)
    )
    client = client_for("front_door")
    first = client.post(NEW, form_data())
    assert first.status_code == 400
    assert (
        "Child 1: Choose whether this child is one of the existing records listed, or create a new record" in first.text
    )
    assert "This is the same child: Zebedee Quartermaine, born 14 February 2011" in first.text
    assert not Referral.objects.exists()
    assert AccessEvent.objects.filter(person_id=existing.pk, kind="search").exists()

    chosen = client.post(NEW, form_data(**{"child-0-match": str(existing.pk)}))
    assert chosen.status_code == 302
    assert list(Referral.objects.get().children.all()) == [existing]
    assert Person.objects.filter(names__given_name="Zebedee").count() == 1


def test_none_of_these_creates_a_new_record(world: World, client_for: Login) -> None:
    factories.make_person("Zebedee", "Quartermaine", service=world.child.service)
    response = client_for("front_door").post(NEW, form_data(**{"child-0-match": "new"}))
    assert response.status_code == 302
    assert Person.objects.filter(names__given_name="Zebedee").count() == 2


def test_a_mentioned_adult_is_matched_to_the_record_chosen(world: World, client_for: Login) -> None:
    dave = factories.make_person("Dave", "Marsh", service=world.child.service, date_of_birth=None)
    client = client_for("front_door")
    row = {
        "mention-2-what": "adult_of_concern",
        "mention-2-as_written": "Dave Marsh",
        "mention-2-link_type": "exploits",
    }
    unanswered = client.post(NEW, form_data(**row))
    assert (
        "Mention 3: Choose whether this is one of the existing people listed, or create a new record" in unanswered.text
    )
    response = client.post(NEW, form_data(**row, **{"mention-2-match": str(dave.pk)}))
    assert response.status_code == 302
    mention = Mention.objects.get(as_written="Dave Marsh")
    assert (mention.node.person, mention.created_new_record, mention.link_type) == (dave, False, "exploits")


def test_siblings_and_more_mention_rows_can_be_added(world: World, client_for: Login) -> None:
    client = client_for("front_door")
    # With JavaScript: htmx asks for one more row and gets the new total out of band.
    added = client.get(NEW, {"add": "mention", "mention-TOTAL_FORMS": "3"}, headers={"HX-Request": "true"})
    assert added.status_code == 200
    assert 'id="mention-3"' in added.text and "Mention 4" in added.text
    assert 'name="mention-TOTAL_FORMS" value="4" id="id_mention-TOTAL_FORMS" hx-swap-oob="true"' in added.text
    sibling = client.get(NEW, {"add": "child", "child-TOTAL_FORMS": "1"})
    assert 'id="child-1"' in sibling.text and "Child 2" in sibling.text
    assert client.get(NEW, {"add": "child", "child-TOTAL_FORMS": "6"}).status_code == 204
    # Without JavaScript: the form comes back with one more row and nothing saved.
    redrawn = client.post(NEW, form_data(add_child="1"))
    assert redrawn.status_code == 200
    assert "Child 2" in redrawn.text and 'value="Zebedee"' in redrawn.text
    half_filled = client.post(NEW, form_data(add_mention="1", referrer_name="", received_time=""))
    assert half_filled.status_code == 200
    assert "Mention 4" in half_filled.text
    assert "There is a problem" not in half_filled.text and "govuk-error-message" not in half_filled.text
    assert not Referral.objects.exists()

    two = form_data(**{"child-TOTAL_FORMS": "2", "child-1-given_name": "Tia", "child-1-family_name": "Quartermaine"})
    assert client.post(NEW, two).status_code == 302
    assert sorted(p.display_name for p in Referral.objects.get().children.all()) == [
        "Tia Quartermaine",
        "Zebedee Quartermaine",
    ]


def test_a_resubmitted_form_does_not_record_the_referral_twice(world: World, client_for: Login) -> None:
    client = client_for("front_door")
    first = client.post(NEW, form_data())
    second = client.post(NEW, form_data())
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Referral.objects.count() == 1
    assert "This referral had already been recorded" in client.get(second["Location"]).text


def test_a_referral_about_a_new_or_existing_context(world: World, client_for: Login) -> None:
    client = client_for("front_door")
    no_child = {
        f"child-0-{field}": ""
        for field in (
            "given_name",
            "family_name",
            "postcode",
            "date_of_birth_day",
            "date_of_birth_month",
            "date_of_birth_year",
        )
    }
    both = client.post(NEW, form_data(about="context", new_context_name="Queens Park", new_context_kind="place"))
    assert both.status_code == 400
    assert "Child 1: This referral is about a context: clear the child&#x27;s details" in both.text

    new = client.post(
        NEW, form_data(about="context", new_context_name="Queens Park", new_context_kind="place", **no_child)
    )
    assert new.status_code == 302
    park = Context.objects.get(name="Queens Park")
    assert Referral.objects.get().subject_context == park
    assert not Person.objects.filter(names__given_name="Zebedee").exists()

    page = client.get(NEW)
    assert f'<option value="{park.pk}">Queens Park (place or neighbourhood)</option>' in page.text
    again = client.post(NEW, form_data(about="context", subject_context=str(park.pk), submission_token="b", **no_child))
    assert again.status_code == 302
    two = client.post(
        NEW,
        form_data(
            about="context", subject_context=str(park.pk), new_context_name="Other", submission_token="c", **no_child
        ),
    )
    assert "Choose an existing context or name a new one, not both" in two.text
    children_and_context = client.post(NEW, form_data(subject_context=str(park.pk), submission_token="d"))
    assert "This referral is about children: clear the context, or choose a context" in children_and_context.text
    assert Referral.objects.filter(subject_context=park).count() == 2


def test_only_those_who_record_referrals_reach_the_intake_page(world: World, client_for: Login) -> None:
    for persona in ("allocated_worker", "partner_agency", "head_of_service"):
        client = client_for(persona)
        assert client.get(NEW).status_code == 404
        assert client.post(NEW, form_data()).status_code == 404
    assert not Referral.objects.exists()


# --- the referral page --------------------------------------------------------------------------------------------


def _detail(referral: Referral) -> str:
    return reverse("front_door:referral", kwargs={"referral_id": referral.pk})


@pytest.fixture
def referral(world: World) -> Referral:
    return referral_about(
        [world.child],
        mentions=[adult("Big Dave", nature="harmful"), place("Bus route 7")],
        restricted=True,
        by=world.users["front_door"],
    )


def test_the_referral_page_shows_what_was_recorded_and_records_who_saw_whom(
    world: World, client_for: Login, referral: Referral
) -> None:
    response = client_for("front_door").get(_detail(referral))
    assert response.status_code == 200
    html = response.text
    assert_labelled(html)
    assert "Referral about Test Child" in html
    assert f'href="{reverse("people:detail", kwargs={"person_id": world.child.pk})}"' in html
    assert "Schools (2A)" in html and "Sam Teacher, Brightside Academy" in html
    assert "Seen getting into cars after school" in html
    assert "Big Dave" in html and "Test Child —Associates with→ Big Dave" in html
    assert "Bus route 7 (place or neighbourhood)" in html and "New record" in html
    assert "Awaiting screening" in html
    assert f'href="{reverse("front_door:screen", kwargs={"referral_id": referral.pk})}"' in html
    assert f'hx-get="{reverse("front_door:linked", kwargs={"referral_id": referral.pk})}"' in html
    dave = Person.objects.get(names__given_name="Big")
    events = dict(AccessEvent.objects.filter(actor_username="front_door").values_list("person_id", "kind"))
    assert events == {world.child.pk: "page", dave.pk: "list"}


def test_restricted_police_information_is_hidden_from_those_without_permission(
    world: World, client_for: Login, referral: Referral
) -> None:
    response = client_for("allocated_worker").get(_detail(referral))  # a social worker: the child is theirs
    assert response.status_code == 200
    html = response.text
    assert "Restricted information" in html
    assert "Seen getting into cars" not in html and "Big Dave" not in html and "Bus route 7" not in html
    assert "linked-young-people" not in html and "Screen this referral" not in html
    shown = set(AccessEvent.objects.filter(actor_username="allocated_worker").values_list("person_id", flat=True))
    assert shown == {world.child.pk}


def test_an_overdue_referral_says_so(world: World, client_for: Login) -> None:
    received = timezone.now() - dt.timedelta(days=6)
    late = referral_about([world.child], received_at=received, by=world.users["front_door"])
    client = client_for("front_door")
    assert "Overdue" in client.get(_detail(late)).text
    on_time = referral_about([world.child], by=world.users["front_door"], received_at=timezone.now())
    assert on_time.decision_due_at > timezone.now()
    assert "Overdue" not in client.get(_detail(on_time)).text


def test_a_partner_agency_sees_only_referrals_on_their_meetings_agendas(
    world: World, client_for: Login, referral: Referral
) -> None:
    records = make_front_door_records(world)  # a referral on the agenda of a meeting the partner attends
    partner = client_for("partner_agency")
    assert partner.get(_detail(records.referral)).status_code == 200
    hidden = partner.get(_detail(referral))
    missing = partner.get(reverse("front_door:referral", kwargs={"referral_id": 999_999}))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    assert not AccessEvent.objects.filter(actor_username="partner_agency", path=_detail(referral)).exists()


def test_a_context_referral_page(world: World, client_for: Login) -> None:
    about_context = context_referral(by=world.users["front_door"], mentions=[place("Queens Park")])
    html = client_for("front_door").get(_detail(about_context)).text
    assert "Referral about Bus route 7" in html
    assert "Bus route 7 (place or neighbourhood) —Mentioned with→ Queens Park (place or neighbourhood)" in html
    links = links_from_source(source_kind="referral", source_id=about_context.pk)
    assert len(links) == 1
