"""The visibility matrix for reflective content (issue 6): a marker string planted in every reflective field of a
case discussion (and in a group session's themes) must never reach anyone but the session's supervisor and
supervisee (and, for the group, its attendees) — on any supervision, case or people page, in any API response, in
search, or in the audit trail. The decisions, meanwhile, appear on the case file for everyone who may see the case.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from safecontext.access.url_policy import URL_POLICIES
from safecontext.accounts.tokens import issue_api_token
from safecontext.audit.models import AuditEvent
from tests.access.matrix_plugins import plugin_record_ids
from tests.access.test_permission_matrix import all_url_names
from tests.conftest import EXPECTED_CAN_SEE_CHILD, PERSONAS, World, signed_in_client
from tests.supervision.records import MARKER, make_supervision_records

AREAS = ("supervision:", "cases:", "people:", "core:")
PAGES = sorted(name for name, policy in URL_POLICIES.items() if name.startswith(AREAS) and "GET" in policy.methods)
API_GETS = sorted(
    name
    for name, policy in URL_POLICIES.items()
    if name.startswith(("api:supervision", "api:person", "api:people", "api:case")) and "GET" in policy.methods
)
API_USERS = sorted(persona for persona in PERSONAS if persona not in {"administrator", "no_role", "partner_agency"})


def _urls(names: list[str], world: World) -> list[str]:
    ids = {"person_id": world.child.pk} | plugin_record_ids(world)
    urls = []
    for name in names:
        converters = all_url_names()[name].pattern.converters
        urls.append(reverse(name, kwargs={key: ids.get(key, 1) for key in converters}))
    return urls


def _may_see_marker(persona: str, url: str, world: World) -> bool:
    records = make_supervision_records(world)
    if url == reverse("supervision:session", kwargs={"supervision_session_id": records.session.pk}):
        return persona in {"manager", "allocated_worker"}
    if url == reverse("supervision:session", kwargs={"supervision_session_id": records.group.pk}):
        return persona in {"manager", "allocated_worker", "same_team_colleague"}
    return False


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_reflective_content_reaches_only_the_people_in_the_session(persona: str, world: World) -> None:
    records = make_supervision_records(world)
    client = signed_in_client(world.users[persona])
    client.raise_request_exception = False  # another area's page failing is its own test's business, not this one
    urls = _urls(PAGES, world)
    urls += [
        reverse("supervision:session", kwargs={"supervision_session_id": records.group.pk}),
        reverse("people:search") + "?name=Test+Child",
    ]
    seen = []
    for url in urls:
        body = client.get(url).content.decode()
        if MARKER in body:
            seen.append(url)
    allowed = [url for url in seen if _may_see_marker(persona, url, world)]
    assert seen == allowed, f"{persona} saw reflective content at {sorted(set(seen) - set(allowed))}"
    if persona in {"manager", "allocated_worker"}:
        assert allowed, "the supervisor and supervisee do see their own session's reflective content"


@pytest.mark.parametrize("persona", API_USERS)
def test_no_api_response_carries_reflective_content(persona: str, world: World) -> None:
    make_supervision_records(world)
    user = world.users[persona]
    token = issue_api_token(user=user, days=1, by=user)
    client = Client(raise_request_exception=False)
    for url in [*_urls(API_GETS, world), f"/api/people?text={MARKER}"]:
        response = client.get(url, headers={"Authorization": f"Bearer {token}"})
        assert MARKER not in response.content.decode(), f"{persona} GET {url}"


def test_the_audit_trail_names_reflective_fields_but_never_their_content(world: World) -> None:
    records = make_supervision_records(world)
    events = AuditEvent.objects.filter(action__startswith="supervision.")
    assert events.filter(action="supervision.case_discussed", target_id=str(records.discussion.pk)).exists()
    for event in events:
        assert MARKER not in json.dumps(event.before) + json.dumps(event.after) + event.reason
    discussed = events.get(action="supervision.case_discussed")
    assert discussed.after["reflective_fields_written"] == [
        "practice_discussion",
        "feelings_and_impact",
        "hypotheses",
        "parallel_processes",
    ]


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_the_case_file_shows_the_decisions_to_everyone_who_may_see_the_case(persona: str, world: World) -> None:
    records = make_supervision_records(world)
    response = signed_in_client(world.users[persona]).get(
        reverse("supervision:case_oversight", kwargs={"case_id": records.case.pk})
    )
    can_see = EXPECTED_CAN_SEE_CHILD[persona] and persona != "front_door"  # the front door does not read case files
    if not can_see:
        assert response.status_code == 404
        return
    body = response.content.decode()
    assert response.status_code == 200
    assert "Keep the weekly visits; review the safety plan with the school" in body
    assert "Book a joint visit with the school nurse" in body
    assert MARKER not in body
