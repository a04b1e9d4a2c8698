"""Writing audit events. Called from inside other actions, so the event shares the change's transaction:
if the audit write fails, the change is rolled back and the request fails (DESIGN.md, non-negotiables)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from safecontext.audit.models import AccessEvent, AuditEvent

if TYPE_CHECKING:
    from safecontext.accounts.models import User


class AuditWriteFailed(RuntimeError):
    """An audit or access event could not be written; the request must not go on."""


def _jsonable(values: Mapping[str, Any]) -> dict[str, Any]:
    import json

    return dict(json.loads(json.dumps(dict(values), cls=DjangoJSONEncoder)))


def record_change(
    *,
    by: User | None,
    action: str,
    target: models.Model,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    try:
        return AuditEvent.objects.create(
            actor_id=by.pk if by else None,
            actor_username=by.username if by else "system",
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            before=_jsonable(before or {}),
            after=_jsonable(after or {}),
            reason=reason,
        )
    except Exception as error:  # any failure, whatever the database says, must stop the change
        raise AuditWriteFailed(f"could not record {action}") from error


def record_access(
    *,
    by: User,
    person_ids: Iterable[int],
    kind: str,
    path: str = "",
    break_glass_person_ids: frozenset[int] = frozenset(),
) -> None:
    """Record that `by` saw these people. Written before the response is sent: no event, no data."""
    events = [
        AccessEvent(
            actor_id=by.pk,
            actor_username=by.username,
            actor_role=getattr(by, "role", ""),
            person_id=person_id,
            kind=kind,
            path=path[:500],
            via_break_glass=person_id in break_glass_person_ids,
        )
        for person_id in dict.fromkeys(person_ids)
    ]
    if not events:
        return
    try:
        with transaction.atomic():
            AccessEvent.objects.bulk_create(events)
    except Exception as error:
        raise AuditWriteFailed("could not record who viewed this information") from error


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of `fields` on `instance`, for an audit event's before/after."""
    return {field: getattr(instance, field) for field in fields}
