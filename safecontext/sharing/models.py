"""Sharing records (what was shared, with whom, why — and decisions not to share), outbound documents, and 'who knows
what about me' (issue 6).

A `SharingRecord` holds the fields of `rules.SharingRecord` (the pure rules validate them) about one or more young
people (`SharingSubject`). An `OutboundDocument` is one document or export that left SafeContext (a PDF, a CSV, an
API export, a PNG of the network), always linked to the sharing record that allowed it (`outbound.authorise_outbound`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from safecontext.accounts.models import Service, Team
from safecontext.core.actions_base import ActionOnlyModel
from safecontext.people.models import Person
from safecontext.sharing import rules


def _choices(enum: type[Any], labels: dict[Any, str]) -> list[tuple[str, str]]:
    return [(member.value, labels[member]) for member in enum]


DECISION_LABELS = {rules.Decision.SHARED: "Shared", rules.Decision.NOT_SHARED: "Decided not to share"}
CONSENT_LABELS = {
    rules.ConsentStatus.GIVEN: "Consent given",
    rules.ConsentStatus.REFUSED: "Consent refused",
    rules.ConsentStatus.NOT_SOUGHT: "Consent not sought",
}
ITEM_LABELS = {
    rules.ItemKind.SAFETY_PLAN: "Safety plan",
    rules.ItemKind.ASSESSMENT: "Assessment",
    rules.ItemKind.PLAN: "Plan",
    rules.ItemKind.CHRONOLOGY: "Chronology",
    rules.ItemKind.REFERRAL: "Referral",
    rules.ItemKind.CONTACT_DETAILS: "Contact details",
    rules.ItemKind.MEETING_NOTES: "Meeting notes",
    rules.ItemKind.RECORD: "Information from the record (export)",
    rules.ItemKind.NETWORK_MAP: "Network map",
    rules.ItemKind.WHO_KNOWS: "The young person's 'who knows what about me' list",
    rules.ItemKind.OTHER: "Other information",
}
PURPOSE_LABELS = {
    rules.Purpose.KEEP_SAFE: "Keep the young person safe",
    rules.Purpose.PROTECT_OTHERS: "Protect other young people",
    rules.Purpose.PLAN_SUPPORT: "Plan support",
    rules.Purpose.HEALTH: "Health",
    rules.Purpose.EDUCATION: "Education",
    rules.Purpose.DISRUPT_EXPLOITATION: "Disrupt exploitation",
    rules.Purpose.ASSESS: "Assessment of need",
    rules.Purpose.OTHER: "Other purpose",
}


class SharingRecord(ActionOnlyModel):
    """One decision to share, or not to share, information about one or more young people. Written once by
    `actions.record_sharing`; afterwards only `young_person_told`/`family_told` change (`actions.record_told`)."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="sharing_records")
    # The recorder's team when it was recorded: what the sharing dashboard groups by.
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="sharing_records")
    subjects = models.ManyToManyField(Person, through="SharingSubject", related_name="sharing_records")
    decision = models.CharField(max_length=12, choices=_choices(rules.Decision, DECISION_LABELS))
    items = models.JSONField(default=list)  # rules.ItemKind values
    items_detail = models.TextField(blank=True)
    agency = models.CharField(max_length=200)
    recipient_person = models.CharField(max_length=200, blank=True)
    purpose = models.CharField(max_length=30, choices=_choices(rules.Purpose, PURPOSE_LABELS))
    purpose_detail = models.TextField(blank=True)
    lawful_basis = models.CharField(max_length=30, choices=rules.LawfulBasis.choices)
    consent = models.CharField(max_length=12, choices=_choices(rules.ConsentStatus, CONSENT_LABELS))
    consent_reason = models.TextField(blank=True)
    young_person_told = models.BooleanField()
    family_told = models.BooleanField()
    not_told_reason = models.TextField(blank=True)
    decision_maker = models.CharField(max_length=200)
    decided_on = models.DateField(db_index=True)
    reason_not_shared = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sharing_records_recorded"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"Sharing record {self.pk} ({self.decision}, {self.agency}, {self.decided_on})"

    @property
    def is_share(self) -> bool:
        return self.decision == rules.Decision.SHARED

    @property
    def item_labels(self) -> list[str]:
        return [ITEM_LABELS.get(rules.ItemKind(item), item) for item in self.items if item in rules.ItemKind]

    def as_rule(self, subject_ids: tuple[int, ...]) -> rules.SharingRecord:
        """The pure rules' view of this record."""
        return rules.SharingRecord(
            subject_ids=subject_ids,
            decision=rules.Decision(self.decision),
            items=tuple(rules.ItemKind(item) for item in self.items if item in rules.ItemKind),
            agency=self.agency,
            recipient_person=self.recipient_person,
            purpose=rules.Purpose(self.purpose),
            lawful_basis=rules.LawfulBasis(self.lawful_basis),
            consent=rules.ConsentStatus(self.consent),
            young_person_told=self.young_person_told,
            family_told=self.family_told,
            decision_maker=self.decision_maker,
            decided_on=self.decided_on,
            items_detail=self.items_detail,
            purpose_detail=self.purpose_detail,
            consent_reason=self.consent_reason,
            not_told_reason=self.not_told_reason,
            reason_not_shared=self.reason_not_shared,
        )


class SharingSubject(ActionOnlyModel):
    """A young person a sharing record is about."""

    sharing_record = models.ForeignKey(SharingRecord, on_delete=models.CASCADE, related_name="subject_links")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="sharing_subject_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sharing_record", "person"], name="sharing_subject_once_per_record")
        ]


class OutboundDocument(ActionOnlyModel):
    """A document or export of a person's information that left SafeContext, and the share that allowed it."""

    sharing_record = models.ForeignKey(SharingRecord, on_delete=models.PROTECT, related_name="outbound_documents")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="outbound_documents")
    kind = models.CharField(max_length=40)  # e.g. "safety_plan_pdf", "who_knows_pdf", "network_png", "person_export"
    description = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="outbound_documents"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} for person {self.person_id} under sharing record {self.sharing_record_id}"
