"""Writes to contexts. A context named in a referral is matched to the service's existing one of the same kind and
name (see contexts/queries.name_key) or created, so that separate referrals naming one park meet at one record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from safecontext.audit.actions import record_change
from safecontext.contexts.models import Context
from safecontext.contexts.queries import context_named, name_key
from safecontext.core.actions_base import action

if TYPE_CHECKING:
    from safecontext.accounts.models import Service, User

NAME_MAX_LENGTH = 200


def clean_context_fields(*, kind: str, name: str, field_prefix: str = "") -> tuple[str, str]:
    """The kind and the tidied name; ValidationError naming `<prefix>kind` / `<prefix>name` otherwise."""
    errors: dict[str, list[str]] = {}
    if kind not in Context.Kind.values:
        errors[f"{field_prefix}kind"] = ["Choose whether it is a place, a peer group, a school or an online space"]
    cleaned = " ".join(name.split())
    if not cleaned or not name_key(cleaned):
        errors[f"{field_prefix}name"] = ["Enter the context's name, for example the place or group as it is known"]
    elif len(cleaned) > NAME_MAX_LENGTH:
        errors[f"{field_prefix}name"] = [f"The context's name must be {NAME_MAX_LENGTH} characters or fewer"]
    elif any(not ch.isprintable() for ch in cleaned):
        errors[f"{field_prefix}name"] = ["The context's name must not include control characters"]
    if errors:
        raise ValidationError(errors)
    return kind, cleaned


@action
def create_context(*, service: Service, kind: str, name: str, by: User) -> Context:
    kind, name = clean_context_fields(kind=kind, name=name)
    context = Context.objects.create(service=service, kind=kind, name=name, name_key=name_key(name))
    record_change(
        by=by,
        action="context.created",
        target=context,
        after={"service_id": service.pk, "kind": kind, "name": name, "name_key": context.name_key},
    )
    return context


@action
def context_for_name(*, service: Service, kind: str, name: str, by: User) -> tuple[Context, bool]:
    """The service's context of this kind and name, or a new one: (context, created)."""
    kind, name = clean_context_fields(kind=kind, name=name)
    existing = context_named(service=service, kind=kind, name=name)
    if existing is not None:
        return existing, False
    return create_context(service=service, kind=kind, name=name, by=by), True
