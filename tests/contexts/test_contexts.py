"""Contexts: matched by name within a service and kind, created with an audit event, seen within the service."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from safecontext.access.scope import contexts_visible_to
from safecontext.accounts.models import Team
from safecontext.accounts.roles import Role
from safecontext.audit.models import AuditEvent
from safecontext.contexts.actions import context_for_name, create_context
from safecontext.contexts.models import Context
from safecontext.contexts.queries import contexts_for_choosing, get_context_for_user, name_key
from tests import factories
from tests.conftest import World


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Bus route 7", "busroute7"),
        ("The Level, Brighton", "levelbrighton"),
        ("  the   level brighton ", "levelbrighton"),
        ("Café Nero", "cafenero"),
        ("Theatre Royal", "theatreroyal"),  # "the" only as a word of its own
        ("!!!", ""),
    ],
)
def test_name_keys_ignore_case_spacing_punctuation_and_a_leading_the(name: str, key: str) -> None:
    assert name_key(name) == key


def test_a_named_context_is_matched_within_its_service_and_kind(world: World) -> None:
    by = world.users["front_door"]
    service = world.child.service
    level, created = context_for_name(service=service, kind="place", name="The Level", by=by)
    same, created_again = context_for_name(service=service, kind="place", name="level", by=by)
    school, created_school = context_for_name(service=service, kind="school", name="Level", by=by)
    assert (created, created_again, created_school) == (True, False, True)
    assert same == level and school != level
    assert (level.name, level.name_key) == ("The Level", "level")
    assert AuditEvent.objects.filter(action="context.created").count() == 2


def test_a_context_needs_a_kind_and_a_name(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        create_context(service=world.child.service, kind="planet", name=" ", by=world.users["front_door"])
    assert set(raised.value.message_dict) == {"kind", "name"}
    with pytest.raises(ValidationError) as raised:
        create_context(service=world.child.service, kind="place", name="x" * 201, by=world.users["front_door"])
    assert raised.value.message_dict == {"name": ["The context's name must be 200 characters or fewer"]}
    assert not Context.objects.exists()


def test_contexts_are_seen_by_their_service_only(world: World) -> None:
    by = world.users["front_door"]
    park = create_context(service=world.child.service, kind="place", name="Sample Park", by=by)
    elsewhere = factories.make_service("Elsewhere Council")
    their_park = create_context(service=elsewhere, kind="place", name="Their Park", by=by)
    their_front_door = factories.make_user(
        "elsewhere_fd",
        role=Role.FRONT_DOOR,
        team=factories.make_team("Their door", service=elsewhere, kind=Team.Kind.FRONT_DOOR),
    )
    assert list(contexts_visible_to(by)) == [park]
    assert contexts_for_choosing(user=by) == [park]
    assert list(contexts_visible_to(their_front_door)) == [their_park]
    assert get_context_for_user(their_front_door, park.pk) is None
    assert list(contexts_visible_to(world.users["allocated_worker"])) == [park]  # a social worker sees referrals
    assert not contexts_visible_to(world.users["partner_agency"]).filter(pk=park.pk).exists()
    assert not contexts_visible_to(world.users["no_role"]).exists()
    assert not contexts_visible_to(world.users["youth_worker"]).exists()  # no referrals permission
    assert set(contexts_visible_to(world.users["data_officer"])) == {park, their_park}
