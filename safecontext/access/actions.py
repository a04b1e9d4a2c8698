"""Break-glass: emergency access to a record outside one's scope, given a reason, time-limited and reviewed."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from safecontext.access.models import BreakGlassGrant
from safecontext.access.permissions import Permission, has_permission
from safecontext.audit.actions import record_change
from safecontext.core.actions_base import action

if TYPE_CHECKING:
    from safecontext.accounts.models import User
    from safecontext.people.models import Person

# A reason must say enough for a manager to judge it later; "x" or "urgent" does not.
MINIMUM_REASON_LENGTH = 20


@action
def open_break_glass(*, person: Person, reason: str, by: User) -> BreakGlassGrant:
    """Give `by` access to `person` for BREAK_GLASS_SECONDS, as an alert awaiting a manager's review."""
    if not has_permission(by, Permission.BREAK_GLASS):
        raise PermissionDenied("You cannot use emergency access.")
    reason = reason.strip()
    if len(reason) < MINIMUM_REASON_LENGTH:
        raise ValidationError(
            {"reason": f"Explain why you need this record now, in at least {MINIMUM_REASON_LENGTH} characters."}
        )
    now = timezone.now()
    grant = BreakGlassGrant.objects.create(
        user=by,
        person=person,
        reason=reason,
        granted_at=now,
        expires_at=now + timedelta(seconds=settings.BREAK_GLASS_SECONDS),
    )
    record_change(
        by=by,
        action="break_glass.granted",
        target=grant,
        after={"person_id": person.pk, "expires_at": grant.expires_at},
        reason=reason,
    )
    return grant


@action
def record_failed_break_glass(*, identifier: str, reason: str, by: User) -> None:
    """An emergency-access request that named no record (or several) is recorded too: probing identifiers across the
    service must leave a trail a manager can see."""
    record_change(by=by, action="break_glass.no_match", target=by, after={"identifier": identifier}, reason=reason)


@action
def review_break_glass(*, grant: BreakGlassGrant, outcome: str, note: str, by: User) -> BreakGlassGrant:
    """A manager records whether an emergency access was appropriate. Nobody reviews their own."""
    if not has_permission(by, Permission.REVIEW_BREAK_GLASS) or grant.user_id == by.pk:
        raise PermissionDenied("You cannot review this emergency access.")
    if outcome not in {BreakGlassGrant.Outcome.APPROPRIATE, BreakGlassGrant.Outcome.INAPPROPRIATE}:
        raise ValidationError({"outcome": "Select whether the access was appropriate."})
    if grant.outcome != BreakGlassGrant.Outcome.PENDING:
        raise ValidationError({"outcome": "This emergency access has already been reviewed."})
    note = note.strip()
    if outcome == BreakGlassGrant.Outcome.INAPPROPRIATE and not note:
        raise ValidationError({"note": "Say why the access was not appropriate and what happens next."})
    before = {"outcome": grant.outcome}
    grant.outcome = outcome
    grant.review_note = note
    grant.reviewed_by = by
    grant.reviewed_at = timezone.now()
    if outcome == BreakGlassGrant.Outcome.INAPPROPRIATE:
        grant.expires_at = min(grant.expires_at, grant.reviewed_at)  # found inappropriate: the access ends now
    grant.save(update_fields=["outcome", "review_note", "reviewed_by", "reviewed_at", "expires_at"])
    record_change(
        by=by, action="break_glass.reviewed", target=grant, before=before, after={"outcome": outcome}, reason=note
    )
    return grant
