"""Reads of contexts, always scoped through access/scope.py (`contexts_visible_to`)."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from safecontext.access.scope import contexts_visible_to
from safecontext.contexts.models import Context

if TYPE_CHECKING:
    from safecontext.accounts.models import Service, User

NAME_KEY_MAX_LENGTH = 200


def name_key(name: str) -> str:
    """Lower-case letters and digits only, accents removed and a leading "the" dropped, so "The Level, Brighton",
    "the level brighton" and "Level Brighton" are one place when referrers write it differently."""
    text = unicodedata.normalize("NFKD", name).lower()
    text = re.sub(r"^\s*the\s+", "", text)
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())[:NAME_KEY_MAX_LENGTH]


def context_named(*, service: Service, kind: str, name: str) -> Context | None:
    """The service's context of this kind whose name matches (by `name_key`), if there is one. For actions, which
    match a context a referrer names before creating a new one; the oldest wins if two ever share a key."""
    key = name_key(name)
    if not key:
        return None
    return Context.objects.filter(service=service, kind=kind, name_key=key).order_by("id").first()


def contexts_for_choosing(*, user: User, limit: int = 500) -> list[Context]:
    """The contexts a user may choose from (a referral about a context), by name."""
    return list(contexts_visible_to(user).order_by("name", "id")[:limit])


def get_context_for_user(user: User, context_id: int) -> Context | None:
    """The context, if this user may see it; None otherwise (the caller turns that into a form error or 404)."""
    visible: QuerySet[Context] = contexts_visible_to(user)
    return visible.filter(pk=context_id).first()
