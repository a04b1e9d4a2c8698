"""Audit coverage, generated from the code rather than listed by hand.

- Every page and API route that shows one person's record (policy audience RECORD, GET) writes an AccessEvent.
- Every key model refuses to be written outside an action, so no change can skip its AuditEvent.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import reverse

from safecontext.access.url_policy import URL_POLICIES, Audience
from safecontext.accounts.tokens import issue_api_token
from safecontext.audit.models import AccessEvent
from safecontext.core.actions_base import ActionOnlyModel, SavedOutsideAction
from tests.access.matrix_plugins import plugin_record_ids
from tests.access.test_permission_matrix import all_url_names
from tests.conftest import World
from tests.front_door_records import make_front_door_records

RECORD_READS = sorted(
    name for name, policy in URL_POLICIES.items() if policy.audience == Audience.RECORD and "GET" in policy.methods
)


def test_there_are_record_reads_to_check() -> None:
    assert {"people:detail", "api:person_detail"} <= set(RECORD_READS)


@pytest.mark.parametrize("name", RECORD_READS)
def test_each_record_read_writes_an_access_event(name: str, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    persona = "manager"  # in scope, and holds every permission these routes need
    records = make_front_door_records(world)  # the referral is about Test Child
    ids = {"person_id": world.child.pk, "referral_id": records.referral.pk, "meeting_id": records.meeting.pk}
    ids |= plugin_record_ids(world)
    converters = all_url_names()[name].pattern.converters
    url = reverse(name, kwargs={key: ids[key] for key in converters})
    if name.startswith("api:"):
        from django.test import Client

        token = issue_api_token(user=world.users[persona], days=1, by=world.users[persona])
        response = Client().get(url, headers={"Authorization": f"Bearer {token}"})
    else:
        response = client_for(persona).get(url)
    assert response.status_code == 200
    assert AccessEvent.objects.filter(person_id=world.child.pk, actor_username=persona).exists(), name


KEY_MODELS = sorted(
    (model for model in apps.get_models() if issubclass(model, ActionOnlyModel)), key=lambda m: m._meta.label
)


def test_key_models_are_guarded() -> None:
    labels = {model._meta.label for model in KEY_MODELS}
    assert {"people.Person", "people.PersonName", "people.Address", "cases.Case", "access.BreakGlassGrant"} <= labels


@pytest.mark.parametrize("model", KEY_MODELS, ids=lambda m: m._meta.label)
def test_key_model_cannot_be_saved_or_deleted_outside_an_action(model: type[ActionOnlyModel], world: World) -> None:
    instance = model.objects.first()
    if instance is None:
        instance = model()
    with pytest.raises(SavedOutsideAction):
        instance.save()
    if instance.pk is not None:
        with pytest.raises(SavedOutsideAction):
            instance.delete()


def test_the_bulk_paths_refuse_outside_an_action_too(world: World) -> None:
    from safecontext.cases.models import Case
    from safecontext.people.models import Person

    with pytest.raises(SavedOutsideAction):
        Person.objects.filter(pk=world.child.pk).update(nhs_number="9990000018")
    with pytest.raises(SavedOutsideAction):
        Person.objects.filter(pk=world.child.pk).delete()
    with pytest.raises(SavedOutsideAction):
        Person.objects.bulk_create([Person(service=world.child.service)])
    case = Case.objects.get(subject=world.child)
    with pytest.raises(SavedOutsideAction), transaction.atomic():
        case.network.add(world.users["partner_agency"])  # would widen a partner's scope without an audit event
    assert not case.network.exists()
    assert Person.objects.get(pk=world.child.pk).nhs_number == ""
