"""people/actions.py: validation, version checks and audit, called directly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.audit.actions import AuditWriteFailed
from safecontext.audit.models import AuditEvent
from safecontext.core.actions_base import SavedOutsideAction
from safecontext.people import actions
from safecontext.people.codes import Ethnicity, Sex
from safecontext.people.models import Address, Person, PersonName
from tests.conftest import World

VALID_NHS = "9434765919"
VALID_UPN = "B801200005001"


def _create(world: World, **overrides: object) -> Person:
    values: dict[str, object] = {
        "service": world.child.service,
        "given_name": "Jaiden",
        "family_name": "Okafor",
        "date_of_birth": dt.date(2012, 5, 17),
        "by": world.users["front_door"],
    }
    values.update(overrides)
    return actions.create_person(**values)  # type: ignore[arg-type]


def test_create_person_normalises_and_audits(world: World) -> None:
    person = _create(world, nhs_number="943 476 5919", upn="b801200005001", sex=Sex.MALE, ethnicity=Ethnicity.BAFR)
    assert person.nhs_number == VALID_NHS
    assert person.upn == VALID_UPN
    assert person.legal_name is not None and person.legal_name.full_name == "Jaiden Okafor"
    event = AuditEvent.objects.get(action="person.created", target_id=str(person.pk))
    assert event.actor_username == "front_door"
    assert event.after["nhs_number"] == VALID_NHS
    # The blocking keys are filled in by PersonName.save().
    name = person.names.get()
    assert (name.given_key, name.given_sound, name.given_prefix) == ("JTN", "J350", "jai")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date_of_birth": dt.date(2999, 1, 1)}, "date_of_birth"),
        ({"date_of_birth": dt.date(1899, 12, 31)}, "date_of_birth"),
        ({"nhs_number": "9434765918"}, "nhs_number"),
        ({"nhs_number": "94347"}, "nhs_number"),
        ({"upn": "A801200005001"}, "upn"),
        ({"sex": "7"}, "sex"),
        ({"ethnicity": "XXXX"}, "ethnicity"),
        ({"given_name": "", "family_name": ""}, "given_name"),
        ({"given_name": "x" * 101}, "given_name"),
        ({"date_of_birth": None, "date_of_birth_estimated": True}, "date_of_birth"),
    ],
)
def test_create_person_refuses_bad_input(world: World, overrides: dict[str, object], field: str) -> None:
    before = Person.objects.count()
    with pytest.raises(ValidationError) as caught:
        _create(world, **overrides)
    assert field in caught.value.message_dict
    assert Person.objects.count() == before
    assert not AuditEvent.objects.filter(action="person.created").exists()


def test_create_person_reports_every_problem_at_once(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        _create(world, nhs_number="1", upn="2", date_of_birth=timezone.localdate() + dt.timedelta(days=1))
    assert {"nhs_number", "upn", "date_of_birth"} <= set(caught.value.message_dict)


def test_update_person_saves_changed_fields_only_and_bumps_version(world: World) -> None:
    child = world.child
    updated = actions.update_person(
        person=child,
        changes={"nhs_number": VALID_NHS, "family_name": "Childe", "sex": child.sex},
        expected_version=1,
        by=world.users["allocated_worker"],
    )
    assert updated.version == 2
    child.refresh_from_db()
    assert child.nhs_number == VALID_NHS and child.version == 2
    assert child.legal_name is not None and child.legal_name.family_name == "Childe"
    event = AuditEvent.objects.get(action="person.updated", target_id=str(child.pk))
    assert event.before == {"nhs_number": "", "family_name": "Child"}
    assert event.after == {"nhs_number": VALID_NHS, "family_name": "Childe"}


def test_update_with_no_real_change_writes_nothing(world: World) -> None:
    actions.update_person(
        person=world.child, changes={"family_name": "Child"}, expected_version=1, by=world.users["allocated_worker"]
    )
    world.child.refresh_from_db()
    assert world.child.version == 1
    assert not AuditEvent.objects.filter(action="person.updated").exists()


def test_stale_update_raises_conflict_with_both_values(world: World) -> None:
    first, second = world.users["allocated_worker"], world.users["same_team_colleague"]
    actions.update_person(person=world.child, changes={"family_name": "Childs"}, expected_version=1, by=first)
    with pytest.raises(actions.EditConflict) as caught:
        actions.update_person(
            person=Person.objects.get(pk=world.child.pk),
            changes={"family_name": "Chyld", "sex": Sex.FEMALE, "given_name": "Test"},
            expected_version=1,
            by=second,
        )
    conflict = caught.value
    assert conflict.current_version == 2
    assert conflict.person.pk == world.child.pk
    differences = {difference.field: difference for difference in conflict.differences}
    assert set(differences) == {"family_name", "sex"}  # given_name is the same in both
    assert (differences["family_name"].theirs, differences["family_name"].yours) == ("Childs", "Chyld")
    assert (differences["sex"].theirs, differences["sex"].yours) == ("Not known", "Female")
    assert differences["sex"].label == "Sex"
    world.child.refresh_from_db()
    assert world.child.legal_name.family_name == "Childs"  # type: ignore[union-attr]
    assert world.child.sex == Sex.NOT_KNOWN
    assert AuditEvent.objects.filter(action="person.updated").count() == 1


def test_update_refuses_fields_that_are_not_editable(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.update_person(
            person=world.child, changes={"version": 9}, expected_version=1, by=world.users["allocated_worker"]
        )
    assert "version" in caught.value.message_dict


def test_update_validates_like_create(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.update_person(
            person=world.child,
            changes={"date_of_birth": dt.date(2999, 1, 1), "upn": "nonsense"},
            expected_version=1,
            by=world.users["allocated_worker"],
        )
    assert {"date_of_birth", "upn"} <= set(caught.value.message_dict)


def test_failed_audit_write_rolls_the_update_back(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs: object) -> None:
        raise AuditWriteFailed("audit database unavailable")

    monkeypatch.setattr("safecontext.people.actions.record_change", broken)
    with pytest.raises(AuditWriteFailed):
        actions.update_person(
            person=world.child,
            changes={"family_name": "Changed", "nhs_number": VALID_NHS},
            expected_version=1,
            by=world.users["allocated_worker"],
        )
    child = Person.objects.get(pk=world.child.pk)
    assert child.version == 1 and child.nhs_number == ""
    assert child.legal_name.family_name == "Child"  # type: ignore[union-attr]


def test_failed_audit_write_creates_nobody(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(AuditEvent.objects, "create", broken)
    before = (Person.objects.count(), PersonName.objects.count())
    with pytest.raises(AuditWriteFailed):
        _create(world)
    assert (Person.objects.count(), PersonName.objects.count()) == before


def test_add_name_and_address_bump_the_version_and_audit(world: World) -> None:
    worker = world.users["allocated_worker"]
    name = actions.add_name(person=world.child, kind=PersonName.Kind.ALIAS, given_name="T", family_name="C", by=worker)
    address = actions.add_address(
        person=world.child, line_1="2 Example Road", town="Brighton", postcode="bn2 1aa", restricted=True, by=worker
    )
    assert name.given_sound == "T000"
    assert address.postcode == "BN2 1AA" and address.restricted
    world.child.refresh_from_db()
    assert world.child.version == 3
    assert list(
        AuditEvent.objects.filter(target_id=str(world.child.pk)).order_by("id").values_list("action", flat=True)
    ) == ["person.name_added", "person.address_added"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": PersonName.Kind.LEGAL, "given_name": "New", "family_name": "Name"}, "kind"),
        ({"kind": "made-up", "given_name": "New", "family_name": "Name"}, "kind"),
        ({"kind": PersonName.Kind.ALIAS, "given_name": " ", "family_name": ""}, "given_name"),
        ({"kind": PersonName.Kind.ALIAS, "given_name": "Test", "family_name": "Child"}, None),
    ],
)
def test_add_name_refuses_bad_input(world: World, kwargs: dict[str, str], field: str | None) -> None:
    if field is None:  # the first alias is accepted; the same alias again is refused
        actions.add_name(person=world.child, by=world.users["allocated_worker"], **kwargs)  # type: ignore[arg-type]
        field = "given_name"
    count = PersonName.objects.count()
    with pytest.raises(ValidationError) as caught:
        actions.add_name(person=world.child, by=world.users["allocated_worker"], **kwargs)  # type: ignore[arg-type]
    assert field in caught.value.message_dict
    assert PersonName.objects.count() == count


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"line_1": "", "postcode": "BN1 1AA"}, "line_1"),
        ({"line_1": "1 Road", "postcode": "NOT A POSTCODE"}, "postcode"),
        ({"line_1": "1 Road", "start_date": dt.date(2999, 1, 1)}, "start_date"),
    ],
)
def test_add_address_refuses_bad_input(world: World, kwargs: dict[str, object], field: str) -> None:
    count = Address.objects.count()
    with pytest.raises(ValidationError) as caught:
        actions.add_address(person=world.child, by=world.users["allocated_worker"], **kwargs)  # type: ignore[arg-type]
    assert field in caught.value.message_dict
    assert Address.objects.count() == count


def test_person_cannot_be_saved_outside_an_action(world: World) -> None:
    child = Person.objects.get(pk=world.child.pk)
    child.nhs_number = VALID_NHS
    with pytest.raises(SavedOutsideAction):
        child.save()
    with pytest.raises(SavedOutsideAction):
        child.names.first().save()  # type: ignore[union-attr]
    assert Person.objects.get(pk=world.child.pk).nhs_number == ""


def test_display_values() -> None:
    assert actions.display_value("date_of_birth", dt.date(2010, 4, 3)) == "3 April 2010"
    assert actions.display_value("nhs_number", VALID_NHS) == "943 476 5919"
    assert actions.display_value("ethnicity", "WBRI") == "White British"
    assert actions.display_value("upn", "") == "Not recorded"
    assert actions.display_value("date_of_birth_estimated", True) == "Yes"
