"""The permission matrix, generated from the URL configuration (after Data Hub's parametrized matrices).

Every named URL must be classified in access/url_policy.py; a new unclassified one fails `test_every_url_is_classified`.
Then every persona requests every page, and the answer must be what the policy and the record scope say.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from safecontext.access.actions import open_break_glass
from safecontext.access.permissions import has_permission
from safecontext.access.url_policy import URL_POLICIES, Audience, UrlPolicy
from tests.access.matrix_plugins import plugin_expected_status, plugin_record_ids
from tests.conftest import (
    EXPECTED_CAN_SEE_CHILD,
    EXPECTED_CAN_SEE_MEETING,
    EXPECTED_CAN_SEE_REFERRAL,
    PERSONAS,
    World,
)
from tests.front_door_records import FrontDoorRecords, make_front_door_records


def _url_names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, inner)
        else:
            yield f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>", pattern


def all_url_names() -> dict[str, URLPattern]:
    return dict(_url_names(get_resolver().url_patterns))


def test_every_url_is_classified() -> None:
    names = set(all_url_names())
    unclassified = sorted(names - set(URL_POLICIES))
    assert not unclassified, f"Add these URLs to safecontext/access/url_policy.py: {unclassified}"
    stale = sorted(set(URL_POLICIES) - names)
    assert not stale, f"These policies name URLs that no longer exist: {stale}"


PAGE_NAMES = sorted(name for name in URL_POLICIES if not name.startswith("api:"))


def _kwargs_for(name: str, world: World, grant_id: int, records: FrontDoorRecords | None) -> dict[str, int]:
    pattern = all_url_names()[name]
    ids = {"person_id": world.child.pk, "grant_id": grant_id}
    if records:
        ids |= {
            "referral_id": records.referral.pk,
            "meeting_id": records.meeting.pk,
            "item_id": records.item.pk,
            "proposal_id": records.proposal.pk,
        }
        ids |= plugin_record_ids(world)
    return {converter_name: ids.get(converter_name, 1) for converter_name in pattern.pattern.converters}


def _expected_status(policy: UrlPolicy, name: str, persona: str, world: World) -> set[int]:
    user = world.users[persona]
    if "GET" not in policy.methods:
        # A POST-only URL: 405 for those allowed to use it, 404 for those the policy keeps out.
        if policy.permission and not has_permission(user, policy.permission):
            return {404}
        return {405}
    if policy.audience == Audience.PUBLIC:
        return {200, 302}
    if policy.audience == Audience.SIGNED_IN:
        return {200}
    assert policy.permission is not None
    if not has_permission(user, policy.permission):
        return {404}
    from_the_area = plugin_expected_status(name, persona, world)
    if from_the_area is not None:
        return from_the_area
    if name == "meetings:next_triage":
        return {302}  # a redirect to the next daily triage meeting (created if need be)
    if name == "access:break_glass_review":
        # The grant was opened by a Pod A worker: Pod A's manager and the head of service review it.
        return {200} if persona in {"manager", "head_of_service"} else {404}
    if policy.audience == Audience.RECORD:
        return {200} if EXPECTED_CAN_SEE_CHILD[persona] else {404}
    kwargs = all_url_names()[name].pattern.converters
    if "meeting_id" in kwargs:
        return {200} if EXPECTED_CAN_SEE_MEETING[persona] else {404}
    if "referral_id" in kwargs:
        return {200} if EXPECTED_CAN_SEE_REFERRAL[persona] else {404}
    return {200}


@pytest.mark.parametrize("persona", sorted(PERSONAS))
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_permission_matrix(name: str, persona: str, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    # A grant for the review pages: a Pod A worker's emergency access to Pod B's child (not to Test Child, whose
    # visibility is what the matrix checks).
    grant = open_break_glass(
        person=world.other_child,
        reason="Police called out of hours about this child going missing",
        by=world.users["same_team_colleague"],
    )
    records = make_front_door_records(world)
    policy = URL_POLICIES[name]
    url = reverse(name, kwargs=_kwargs_for(name, world, grant.pk, records))
    response = client_for(persona).get(url)
    assert response.status_code in _expected_status(policy, name, persona, world), (
        f"{persona} GET {url} answered {response.status_code}"
    )


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_signed_out_visitors_are_sent_to_sign_in(name: str, world: World, client) -> None:  # type: ignore[no-untyped-def]
    policy = URL_POLICIES[name]
    url = reverse(name, kwargs=_kwargs_for(name, world, 1, None))
    response = client.get(url)
    if policy.audience == Audience.PUBLIC:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/account/sign-in/")
