"""What decides a user's access changes only through an audited action."""

from __future__ import annotations

import pytest

from safecontext.accounts.actions import change_user_access
from safecontext.accounts.models import User
from safecontext.audit.models import AuditEvent
from safecontext.core.actions_base import SavedOutsideAction
from tests.conftest import World


@pytest.mark.parametrize(
    ("field", "value"), [("role", "data_officer"), ("is_active", False), ("is_superuser", True), ("team_id", None)]
)
def test_access_fields_cannot_change_outside_an_action(field: str, value: object, world: World) -> None:
    user = User.objects.get(username="administrator")
    setattr(user, field, value)
    with pytest.raises(SavedOutsideAction):
        user.save()
    assert User.objects.get(username="administrator").role == "administrator"


def test_other_fields_save_as_usual(world: World) -> None:
    user = User.objects.get(username="administrator")
    user.first_name = "Robin"
    user.save()
    assert User.objects.get(username="administrator").first_name == "Robin"


def test_creating_a_user_outside_an_action_is_refused(world: World) -> None:
    with pytest.raises(SavedOutsideAction):
        User.objects.create_user(username="sneaky", password="x" * 20, role="data_officer")


def test_the_action_records_before_and_after(world: World) -> None:
    admin = world.users["administrator"]
    change_user_access(user=world.users["youth_worker"], role="social_worker", by=admin)
    event = AuditEvent.objects.get(action="account.access_changed")
    assert event.before == {"role": "youth_worker"}
    assert event.after == {"role": "social_worker"}
    assert event.actor_username == "administrator"
