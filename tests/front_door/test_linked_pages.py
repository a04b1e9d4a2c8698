"""The linked-young-people panel (htmx) and page (without JavaScript), and deciding a proposal from it: who may,
what they see, what is recorded, and that the markup is accessible."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safecontext.audit.models import AccessEvent, AuditEvent
from safecontext.front_door.models import ComplexStrategyProposal
from safecontext.front_door.queries import linked as queries
from safecontext.meetings.models import Meeting
from safecontext.network.models import Link
from tests import factories
from tests.conftest import World
from tests.front_door.factories_linked import Cluster, link, make_cluster, make_referral, young_person
from tests.meetings.markup import markup_problems

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def cluster(world: World) -> Cluster:
    return make_cluster(world)


def _url(cluster: Cluster) -> str:
    return reverse("front_door:linked", kwargs={"referral_id": cluster.referral.pk})


def _proposal() -> ComplexStrategyProposal:
    return ComplexStrategyProposal.objects.get()


def test_the_panel_lists_linked_young_people_with_paths_and_proposes_a_meeting(cluster: Cluster, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("front_door").get(_url(cluster), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # the panel alone
    assert "Jordan Sample" in html and "Sam Sample" in html
    assert "Test Child —spends time at→ Bus route 7 (place or neighbourhood) ←spends time at— Jordan Sample" in html
    assert "Accept: create a complex strategy meeting" in html
    assert ComplexStrategyProposal.objects.filter(status="proposed").count() == 1
    assert markup_problems(html, page=False) == []
    assert response["Vary"].count("HX-Request") == 1


def test_without_htmx_it_is_a_whole_page(cluster: Cluster, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("front_door").get(_url(cluster))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and "<h1" in html
    assert markup_problems(html) == []


def test_looking_twice_keeps_one_proposal(cluster: Cluster, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("front_door")
    client.get(_url(cluster), **HTMX)
    client.get(_url(cluster), **HTMX)
    assert ComplexStrategyProposal.objects.count() == 1
    assert AuditEvent.objects.filter(action="complex_strategy_proposal.proposed").count() == 1


def test_summarised_places_are_explained(cluster: Cluster, world: World, client_for, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(queries, "LINK_BUDGET", 1)
    html = client_for("front_door").get(_url(cluster), **HTMX).content.decode()
    assert "Bus route 7 (place or neighbourhood) has 3 links recorded: too many to check one by one here" in html
    assert "Jordan Sample" not in html
    assert markup_problems(html, page=False) == []


def test_everyone_shown_by_name_is_recorded_as_seen(cluster: Cluster, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    elsewhere = factories.make_service("Another Council")
    stranger = young_person("Secret", "Person", service=elsewhere)
    make_referral(stranger, service=elsewhere, by=cluster.front_door)
    link(stranger, Link.Type.FREQUENTS, cluster.bus)
    response = client_for("front_door").get(_url(cluster), **HTMX)
    html = response.content.decode()
    assert "Secret" not in html
    assert "A young person known to another team (SafeContext number withheld)" in html
    seen = set(AccessEvent.objects.filter(actor_username="front_door", kind="list").values_list("person_id", flat=True))
    assert seen == {world.child.pk, cluster.jordan.pk, cluster.sam.pk}


@pytest.mark.parametrize("persona", ["allocated_worker", "partner_agency", "other_team_worker", "head_of_service"])
def test_only_those_who_screen_referrals_see_it(cluster: Cluster, persona: str, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(persona).get(_url(cluster), **HTMX).status_code == 404
    assert not ComplexStrategyProposal.objects.exists()


def test_accepting_without_htmx_goes_to_the_new_meeting(cluster: Cluster, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("front_door")
    client.get(_url(cluster))
    proposal = _proposal()
    response = client.post(reverse("front_door:decide_proposal", args=[proposal.pk]), {"decision": "accept"})
    meeting = Meeting.objects.get(kind=Meeting.Kind.COMPLEX_STRATEGY)
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    page = client.get(response["Location"]).content.decode()
    for name in ("Test Child", "Jordan Sample", "Sam Sample"):
        assert name in page
    assert "A complex strategy meeting has been created" in page


def test_accepting_with_htmx_answers_the_panel(cluster: Cluster, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("front_door")
    client.get(_url(cluster), **HTMX)
    proposal = _proposal()
    response = client.post(reverse("front_door:decide_proposal", args=[proposal.pk]), {"decision": "accept"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "A complex strategy meeting has been created" in html
    assert "Go to the complex strategy meeting" in html
    assert markup_problems(html, page=False) == []
    proposal.refresh_from_db()
    assert proposal.status == "accepted"


def test_declining_needs_a_reason_on_the_page(cluster: Cluster, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("front_door")
    client.get(_url(cluster))
    proposal = _proposal()
    url = reverse("front_door:decide_proposal", args=[proposal.pk])
    response = client.post(url, {"decision": "decline", "reason": "  "})
    html = response.content.decode()
    assert response.status_code == 400
    assert f'href="#reason-{proposal.pk}"' in html
    assert "Enter why a complex strategy meeting is not needed" in html
    assert markup_problems(html) == []
    # With htmx the panel comes back with the error (htmx swaps only 2xx answers).
    response = client.post(url, {"decision": "decline", "reason": ""}, **HTMX)
    assert response.status_code == 200
    assert markup_problems(response.content.decode(), page=False) == []
    proposal.refresh_from_db()
    assert proposal.status == "proposed"

    response = client.post(url, {"decision": "decline", "reason": "Discussed at yesterday's MACE"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decline_reason) == ("declined", "Discussed at yesterday's MACE")
    page = client.get(response["Location"]).content.decode()
    assert "Declined" in page and "Discussed at yesterday&#x27;s MACE" in page


def test_a_proposal_decided_by_someone_else_first(cluster: Cluster, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    front_door = client_for("front_door")  # one sign-in per persona: a TOTP code is accepted once
    front_door.get(_url(cluster))
    proposal = _proposal()
    url = reverse("front_door:decide_proposal", args=[proposal.pk])
    assert client_for("manager").post(url, {"decision": "accept"}).status_code == 302
    response = front_door.post(url, {"decision": "decline", "reason": "Not needed"})
    assert response.status_code == 409
    assert "had already accepted this proposal" in response.content.decode()
    assert Meeting.objects.filter(kind=Meeting.Kind.COMPLEX_STRATEGY).count() == 1


def test_a_decision_must_be_chosen(cluster: Cluster, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("front_door")
    client.get(_url(cluster))
    response = client.post(reverse("front_door:decide_proposal", args=[_proposal().pk]), {"decision": "maybe"})
    assert response.status_code == 400
    assert "Choose whether to hold the complex strategy meeting or decline it" in response.content.decode()


def test_a_proposal_outside_the_users_scope_is_not_found(cluster: Cluster, client_for) -> None:  # type: ignore[no-untyped-def]
    front_door = client_for("front_door")
    front_door.get(_url(cluster))
    url = reverse("front_door:decide_proposal", args=[_proposal().pk])
    assert client_for("partner_agency").post(url, {"decision": "accept"}).status_code == 404
    assert client_for("allocated_worker").post(url, {"decision": "accept"}).status_code == 404
    assert front_door.post(reverse("front_door:decide_proposal", args=[99999]), {}).status_code == 404
    assert _proposal().status == "proposed"
