"""The screening page and its htmx partials: who may open them, the indicator search, the suggestion panel,
saving, validation errors that keep what was typed, and conflicts."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from safecontext.accounts.models import Service
from safecontext.audit.models import AccessEvent
from safecontext.front_door.models import Referral, ScreeningDecision
from safecontext.meetings.models import Meeting
from tests import factories
from tests.conftest import PERSONAS, World
from tests.front_door.factories_screening import BRIGHTON, make_referral

pytestmark = pytest.mark.django_db

FRAMEWORK = f"{BRIGHTON}:1"


def _url(referral: Referral, page: str = "screen") -> str:
    return f"/front-door/referrals/{referral.pk}/{page}/"


@pytest.fixture
def referral(world: World) -> Referral:
    return make_referral(by=world.users["front_door"], children=[world.child])


@pytest.fixture
def front_door(client_for: Callable[[str], Client]) -> Client:
    return client_for("front_door")


def _valid(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "action": "save",
        "framework": FRAMEWORK,
        "indicators": ["cdn-2-01", "cdn-3-01"],
        "decided_level": "3",
        "level_rationale": "",
        "extra_familial_risk": "medium",
        "risk_rationale": "Seen near the station late at night",
        "route_override": "",
        "route_rationale": "",
        "version": "1",
    }
    data.update(overrides)
    return data


# --- who may open it --------------------------------------------------------------------------------------------

MAY_SCREEN = {"front_door", "manager"}


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_only_those_who_screen_referrals_reach_the_page(
    persona: str, referral: Referral, client_for: Callable[[str], Client]
) -> None:
    client = client_for(persona)
    expected = 200 if persona in MAY_SCREEN else 404
    assert client.get(_url(referral)).status_code == expected
    assert client.get(_url(referral, "indicators")).status_code == expected
    assert client.post(_url(referral), _valid()).status_code == (302 if persona in MAY_SCREEN else 404)


def test_a_referral_outside_the_users_service_answers_404(world: World, front_door: Client) -> None:
    elsewhere = Service.objects.create(name="Another council")
    stranger = factories.make_person("Distant", "Child", service=elsewhere)
    other = make_referral(by=world.users["front_door"], children=[stranger], service=elsewhere)
    assert front_door.get(_url(other)).status_code == 404
    assert front_door.get(_url(other, "indicators")).status_code == 404
    assert front_door.post(_url(other), _valid()).status_code == 404
    assert not ScreeningDecision.objects.exists()


# --- the page ---------------------------------------------------------------------------------------------------


def test_the_page_shows_the_referral_the_tick_list_and_the_suggestion(
    world: World, referral: Referral, front_door: Client
) -> None:
    response = front_door.get(_url(referral))
    html = response.content.decode()

    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Screen this referral" in html
    assert world.child.display_name in html
    assert "Seen getting into cars" in html
    # Every indicator of the default framework, grouped by level then domain.
    assert html.count('name="indicators" type="checkbox"') == 103
    assert "Level 4 Specialist Services to address Acute &amp; Chronic need" in html
    assert "Suggested level: 1 Universal" in html and "No indicators chosen" in html
    assert "Rate the extra-familial risk to see the suggested route." in html
    assert f'hx-get="/front-door/referrals/{referral.pk}/linked/" hx-trigger="load"' in html
    assert 'id="linked-young-people"' in html
    assert 'value="family-help-three-level:1"' in html  # the other framework on offer
    assert 'name="version" value="1"' in html
    # The child's name is on the page: the view is recorded before the page is built.
    event = AccessEvent.objects.get(person_id=world.child.pk)
    assert (event.kind, event.actor_username) == ("page", "front_door")


def test_restricted_concerns_are_hidden_from_those_without_the_permission(
    world: World, client_for: Callable[[str], Client]
) -> None:
    restricted = make_referral(
        by=world.users["front_door"], children=[world.child], restricted=True, concerns="Police intelligence: X"
    )
    html = client_for("front_door").get(_url(restricted)).content.decode()
    assert "Police intelligence: X" in html  # the front door may read restricted information
    assert "Restricted" in html


def test_the_indicator_search_returns_only_the_filtered_list_and_keeps_ticks(
    referral: Referral, front_door: Client
) -> None:
    response = front_door.get(
        _url(referral, "indicators"),
        {"framework": FRAMEWORK, "q": "abs school", "indicators": ["cdn-2-01", "pc-4-01"]},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in html and "<h1" not in html  # a fragment, not a page
    labels = re.findall(r'govuk-checkboxes__label" for="indicator-([a-z0-9-]+)"', html)
    # "Absence/truancy from school", "Persistent absence from school", "Chronic persistent absence, … no school place…"
    assert labels == ["cdn-2-01", "cdn-3-01", "cdn-4-01"]
    assert 'value="cdn-2-01" checked' in html
    assert 'value="cdn-3-01">' in html  # shown, not ticked
    # Ticked but hidden by the search: kept as a hidden input, and said so.
    assert '<input type="hidden" name="indicators" value="pc-4-01">' in html
    assert "1 ticked indicator not shown by this search, still ticked" in html


def test_a_search_that_finds_nothing_says_so(referral: Referral, front_door: Client) -> None:
    html = front_door.get(_url(referral, "indicators"), {"framework": FRAMEWORK, "q": "zzzz"}).content.decode()
    assert "No indicators match “zzzz”" in html


def test_the_suggestion_panel_recomputes_from_the_ticks_level_and_risk(referral: Referral, front_door: Client) -> None:
    response = front_door.get(
        _url(referral, "indicators"),
        {
            "part": "suggestion",
            "framework": FRAMEWORK,
            "indicators": ["cdn-2-01", "cdn-4-01"],
            "decided_level": "2",
            "extra_familial_risk": "high",
        },
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()

    assert "<html" not in html
    assert "Suggested level: 4 Specialist Services to address Acute &amp; Chronic need" in html
    assert "1 indicator at level 4" in html and "Also chosen, at lower levels: 1 indicator at level 2" in html
    assert "You have chosen level 2, which differs from the suggestion" in html
    assert "Multi-agency strategy discussion" in html


def test_check_suggestion_without_javascript_re_shows_the_page_and_saves_nothing(
    referral: Referral, front_door: Client
) -> None:
    response = front_door.post(
        _url(referral), _valid(action="check", indicators=["cdn-4-01"], level_rationale="Draft thoughts")
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "Suggested level: 4 Specialist" in html
    assert 'value="cdn-4-01" checked' in html
    assert "Draft thoughts" in html
    assert 'value="3" aria-describedby="decided-level-3-hint" checked' in html
    assert "There is a problem" not in html
    assert not ScreeningDecision.objects.exists()


def test_search_without_javascript_filters_the_list_and_keeps_ticks(referral: Referral, front_door: Client) -> None:
    html = front_door.post(_url(referral), _valid(action="search", q="abs school", indicators=["pc-4-01"])).content
    text = html.decode()
    assert text.count('name="indicators" type="checkbox"') == 3
    assert '<input type="hidden" name="indicators" value="pc-4-01">' in text


def test_changing_framework_clears_the_ticks_made_on_the_other_one(referral: Referral, front_door: Client) -> None:
    html = front_door.post(
        _url(referral),
        _valid(action="framework", framework="family-help-three-level:1", shown_framework=FRAMEWORK),
    ).content.decode()
    assert 'value="family-help-three-level:1" selected' in html
    assert 'name="shown_framework" value="family-help-three-level:1"' in html
    assert "Level 2 Family Help" in html
    # The same id names another indicator in the other framework, so nothing stays ticked.
    assert " checked>" not in html.split('id="indicator-list"')[1].split('id="suggestion-panel"')[0]


def test_saving_with_a_framework_chosen_but_not_used_asks_for_a_check_first(
    referral: Referral, front_door: Client
) -> None:
    response = front_door.post(_url(referral), _valid(framework="family-help-three-level:1", shown_framework=FRAMEWORK))
    assert response.status_code == 400
    assert "You chose Family Help (three levels) (version 1): check the indicators and the level" in (
        response.content.decode()
    )
    assert not ScreeningDecision.objects.exists()


# --- saving -----------------------------------------------------------------------------------------------------


def test_saving_records_the_decision_and_shows_it(world: World, referral: Referral, front_door: Client) -> None:
    response = front_door.post(_url(referral), _valid())
    assert response.status_code == 302
    assert response["Location"] == _url(referral)

    decision = ScreeningDecision.objects.get(referral=referral)
    assert (decision.suggested_level, decision.decided_level, decision.route) == (3, 3, "triage_meeting")
    assert Meeting.objects.get().items.get().child == world.child

    shown = front_door.get(_url(referral)).content.decode()
    assert "Screening decision" in shown
    assert "The screening decision has been saved" in shown
    assert "Persistent absence from school" in shown
    assert "Next daily triage meeting" in shown
    assert "Save screening decision" not in shown


def test_missing_answers_are_listed_linked_to_their_fields_and_typed_text_is_kept(
    referral: Referral, front_door: Client
) -> None:
    response = front_door.post(
        _url(referral),
        _valid(decided_level="", extra_familial_risk="", risk_rationale="", level_rationale="Typed before the error"),
    )
    html = response.content.decode()

    assert response.status_code == 400
    assert "<title>Error: Screen this referral" in html
    assert '<a href="#decided-level-1">Select the level you have decided on</a>' in html
    assert '<a href="#extra_familial_risk-none">Select the extra-familial risk: none, low, medium or high</a>' in html
    assert "Typed before the error" in html
    assert 'value="cdn-3-01" checked' in html
    assert not ScreeningDecision.objects.exists()


def test_an_override_without_a_reason_is_refused_on_the_page(referral: Referral, front_door: Client) -> None:
    response = front_door.post(_url(referral), _valid(decided_level="2"))
    html = response.content.decode()

    assert response.status_code == 400
    assert (
        '<a href="#level_rationale">Explain why you decided on level 2 Early Help when the suggestion is level 3 '
        "Early Help Partnership Plus</a>" in html
    )
    assert 'value="2" aria-describedby="decided-level-2-hint" checked' in html
    assert not ScreeningDecision.objects.exists()


def test_a_route_override_needs_a_reason_on_the_page(referral: Referral, front_door: Client) -> None:
    response = front_door.post(_url(referral), _valid(route_override="early_help"))
    assert response.status_code == 400
    assert '<a href="#route_rationale">Explain why you chose early help instead of the suggested' in (
        response.content.decode()
    )

    saved = front_door.post(_url(referral), _valid(route_override="early_help", route_rationale="Family asked"))
    assert saved.status_code == 302
    assert ScreeningDecision.objects.get().route == "early_help"
    assert not Meeting.objects.exists()


def test_a_second_screening_is_refused_and_says_who_screened_it(
    world: World, referral: Referral, client_for: Callable[[str], Client]
) -> None:
    assert client_for("front_door").post(_url(referral), _valid()).status_code == 302

    response = client_for("manager").post(_url(referral), _valid(version="2", risk_rationale="My own view"))
    html = response.content.decode()

    assert response.status_code == 409
    assert "This referral has already been screened" in html
    assert f"by {world.users['front_door'].display_name} on" in html
    assert "My own view" in html  # what they wrote is shown, not lost
    assert ScreeningDecision.objects.count() == 1


def test_a_stale_form_gets_a_conflict_with_everything_kept(referral: Referral, front_door: Client) -> None:
    from safecontext.core.actions_base import inside_action

    with inside_action():
        referral.version = 2
        referral.save()

    response = front_door.post(_url(referral), _valid(version="1", level_rationale="Kept"))
    html = response.content.decode()

    assert response.status_code == 409
    assert "changed since you opened it" in html
    assert 'name="version" value="2"' in html  # saving again is a deliberate choice against the current version
    assert "Kept" in html and 'value="cdn-3-01" checked' in html
    assert not ScreeningDecision.objects.exists()


def test_a_form_without_the_version_it_was_loaded_from_is_not_saved(referral: Referral, front_door: Client) -> None:
    data = _valid()
    del data["version"]
    response = front_door.post(_url(referral), data)
    assert response.status_code == 400
    assert "missing the version of the referral it was loaded from" in response.content.decode()
    assert not ScreeningDecision.objects.exists()


def test_a_tampered_indicator_id_is_refused_with_a_message(referral: Referral, front_door: Client) -> None:
    response = front_door.post(_url(referral), _valid(indicators=["cdn-2-01", "../../etc"]))
    assert response.status_code == 400
    assert "../../etc is not an indicator of Brighton &amp; Hove Continuum of Need (version 1)" in (
        response.content.decode()
    )
    assert not ScreeningDecision.objects.exists()
