"""Audit rows are append-only: the model, the queryset and the database all refuse updates and deletes."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from safecontext.access.actions import open_break_glass
from safecontext.access.models import BreakGlassGrant
from safecontext.audit.actions import AuditWriteFailed, record_access
from safecontext.audit.models import AccessEvent, AppendOnlyError, AuditEvent
from tests.conftest import World

REASON = "Hospital called about this child after an assault in the park"


@pytest.fixture
def event(world: World) -> AuditEvent:
    open_break_glass(person=world.child, reason=REASON, by=world.users["other_team_worker"])
    return AuditEvent.objects.get(action="break_glass.granted")


def test_model_refuses_update_and_delete(event: AuditEvent) -> None:
    event.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_queryset_refuses_update_and_delete(event: AuditEvent) -> None:
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.all().delete()


@pytest.mark.parametrize("table", ["audit_auditevent", "audit_accessevent"])
def test_database_refuses_raw_update(table: str, world: World, event: AuditEvent) -> None:
    record_access(by=world.users["manager"], person_ids=[world.child.pk], kind="page")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET actor_username = 'someone else'")
    assert not AuditEvent.objects.filter(actor_username="someone else").exists()
    assert not AccessEvent.objects.filter(actor_username="someone else").exists()


def test_raw_delete_is_refused_where_the_database_can_refuse_it(event: AuditEvent) -> None:
    """PostgreSQL refuses DELETE with a trigger. SQLite cannot (Django's test flush empties tables with DELETE), so
    there the guard is the application's own (ADR 0004) — checked by test_queryset_refuses_update_and_delete."""
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent")
    else:
        with pytest.raises(AppendOnlyError):
            AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_failed_audit_write_undoes_the_change(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_create(**kwargs: object) -> None:
        raise DatabaseError("disk full")

    monkeypatch.setattr(AuditEvent.objects, "create", broken_create)
    with pytest.raises(AuditWriteFailed):
        open_break_glass(person=world.child, reason=REASON, by=world.users["other_team_worker"])
    assert not BreakGlassGrant.objects.exists()


def test_a_failed_audit_write_fails_the_request(world: World, client_for, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    client = client_for("other_team_worker")

    def broken_create(**kwargs: object) -> None:
        raise DatabaseError("disk full")

    monkeypatch.setattr(AuditEvent.objects, "create", broken_create)
    response = client.post("/access/break-glass/", {"identifier": str(world.child.pk), "reason": REASON})
    assert response.status_code == 503
    assert "nothing was saved" in response.content.decode().lower()
    assert not BreakGlassGrant.objects.exists()
