"""Every document or export of a person's information that leaves SafeContext is authorised here (issue 6, cap. 4).

`authorise_outbound` is called by every download or export (the family safety plan PDF, the young person's "who knows"
copy, the network PNG, the person export in the API) before the bytes are produced. It checks that the sharing record
the user chose really allows this (a share, not a decision not to share; about this person; in this person's
service; naming what is being sent when the caller says what that is), then writes an `OutboundDocument` linked to it,
its audit event, and an EXPORT access event for the person. Without a valid record it raises `SharingRecordRequired`,
whose message is written for the person at the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from safecontext.audit.actions import record_access, record_change
from safecontext.audit.models import AccessEvent
from safecontext.core.actions_base import action
from safecontext.sharing import rules
from safecontext.sharing.models import ITEM_LABELS, OutboundDocument, SharingRecord

if TYPE_CHECKING:
    from safecontext.accounts.models import User
    from safecontext.people.models import Person

__all__ = ["SharingRecordRequired", "authorise_outbound", "eligible_sharing_records"]

REQUIRED_MESSAGE = "Record what you are sharing, with whom and why before downloading this document."


class SharingRecordRequired(ValidationError):
    """No valid sharing record was given for an outbound document. `message` is the user-facing explanation; the
    error is keyed on the `sharing_record` field so a form can show it beside the choice."""

    def __init__(self, message: str = REQUIRED_MESSAGE) -> None:
        super().__init__(message, code="sharing_record_required")
        self.user_message = message

    def __str__(self) -> str:
        return self.user_message


def eligible_sharing_records(person: Person, *, item: rules.ItemKind | None = None) -> list[SharingRecord]:
    """The shares about `person` an outbound document may be linked to, newest first (naming `item` when given)."""
    records = SharingRecord.objects.filter(
        subject_links__person=person, decision=rules.Decision.SHARED, service_id=person.service_id
    ).order_by("-decided_on", "-id")
    return [record for record in records if item is None or item.value in record.items]


def _parse_id(sharing_record_id: object) -> int | None:
    if isinstance(sharing_record_id, bool):
        return None
    if isinstance(sharing_record_id, int):
        return sharing_record_id
    if (
        isinstance(sharing_record_id, str)
        and sharing_record_id.strip().isascii()
        and sharing_record_id.strip().isdigit()
    ):
        return int(sharing_record_id.strip())
    return None


@action
def authorise_outbound(
    *,
    by: User,
    person: Person,
    sharing_record_id: int | str | None,
    kind: str,
    description: str,
    item: rules.ItemKind | None = None,
    path: str = "",
) -> OutboundDocument:
    """Link an outbound document about `person` to the share that allows it, audited; or refuse with
    SharingRecordRequired. `item`, when given, must be among what the share says was shared."""
    record_id = _parse_id(sharing_record_id)
    if record_id is None:
        raise SharingRecordRequired()
    try:
        record = SharingRecord.objects.get(pk=record_id, subject_links__person=person, service_id=person.service_id)
    except SharingRecord.DoesNotExist:
        raise SharingRecordRequired("That sharing record is not about this young person. " + REQUIRED_MESSAGE) from None
    if not record.is_share:
        raise SharingRecordRequired(
            "That record is a decision not to share, so nothing may be sent under it. " + REQUIRED_MESSAGE
        )
    if item is not None and item.value not in record.items:
        raise SharingRecordRequired(
            f"That sharing record does not include the {ITEM_LABELS[item].lower()}. " + REQUIRED_MESSAGE
        )
    kind = kind.strip()[:40]
    if not kind:
        raise ValueError("an outbound document needs a kind")
    document = OutboundDocument.objects.create(
        sharing_record=record,
        person=person,
        kind=kind,
        description=" ".join(description.split())[:300],
        created_by=by,
    )
    record_change(
        by=by,
        action="sharing.outbound_authorised",
        target=document,
        after={
            "kind": document.kind,
            "description": document.description,
            "person_id": person.pk,
            "sharing_record_id": record.pk,
        },
    )
    record_access(by=by, person_ids=[person.pk], kind=AccessEvent.Kind.EXPORT, path=path)
    return document
