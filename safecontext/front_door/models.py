"""Referrals into the front door, what they mention, and the screening decision.

A referral is about one or more children (siblings) OR about a context. What the referrer mentions — peers, adults
of concern, places, objects — is kept as `Mention`s, each matched to an existing record or a new one and turned into a
dated `network.Link` whose source is this referral, so trends across separate referrals show.
"""

from __future__ import annotations

from django.db import models

from safecontext.accounts.models import Service, User
from safecontext.contexts.models import Context
from safecontext.core.actions_base import ActionOnlyModel
from safecontext.front_door.codes import LawfulBasis, ReferralSource
from safecontext.network.models import Link, Node
from safecontext.people.models import Person


class Referral(ActionOnlyModel):
    class Status(models.TextChoices):
        AWAITING_SCREENING = "awaiting_screening", "Awaiting screening"
        SCREENED = "screened", "Screened"
        CLOSED = "closed", "Closed"

    class About(models.TextChoices):
        CHILDREN = "children", "One child, or siblings"
        CONTEXT = "context", "A context (place, peer group, school or online space)"

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals")
    received_at = models.DateTimeField(db_index=True)
    source = models.CharField(max_length=2, choices=ReferralSource.choices)
    referrer_name = models.CharField(max_length=200)
    referrer_agency = models.CharField(max_length=200, blank=True)
    referrer_contact = models.CharField(max_length=200, blank=True)
    about = models.CharField(max_length=10, choices=About.choices)
    children = models.ManyToManyField(Person, blank=True, related_name="referrals")
    subject_context = models.ForeignKey(
        Context, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    concerns = models.TextField(help_text="In the referrer's own words")
    lawful_basis = models.CharField(max_length=20, choices=LawfulBasis.choices)
    consent_notes = models.TextField(blank=True, help_text="Whether consent was sought, and if not, why not")
    # Information from the police can be restricted: shown only to those with the restricted-information permission.
    restricted = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AWAITING_SCREENING, db_index=True)
    decision_due_at = models.DateTimeField(db_index=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    # A one-time token from the intake form (or an API client's idempotency key): the same form sent twice — a
    # double click, a resubmit after a slow answer — finds the referral already recorded instead of making two.
    submission_token = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["decision_due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(about="children", subject_context__isnull=True)
                | models.Q(about="context", subject_context__isnull=False),
                name="referral_context_subject_matches_about",
            ),
            models.UniqueConstraint(
                fields=["recorded_by", "submission_token"],
                condition=~models.Q(submission_token=""),
                name="one_referral_per_submission",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk} received {self.received_at:%d %b %Y %H:%M}"


class Mention(ActionOnlyModel):
    """Something the referrer named: a peer, an adult of concern, a context, an object — as written, and what it was
    matched to (or created as). The link it produced carries the referral as its source."""

    class Role(models.TextChoices):
        PEER = "peer", "Peer"
        ADULT_OF_CONCERN = "adult_of_concern", "Adult of concern"
        CONTEXT = "context", "Context"
        OBJECT = "object", "Vehicle, phone or online handle"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="mentions")
    role = models.CharField(max_length=20, choices=Role.choices)
    as_written = models.CharField(max_length=200)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="mentions")
    link_type = models.CharField(max_length=20, choices=Link.Type.choices)
    created_new_record = models.BooleanField(default=False)

    class Meta:
        ordering = ["referral_id", "id"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.as_written}"


class ScreeningDecision(ActionOnlyModel):
    """The front door's decision on a referral. Records the framework and version used, so an old decision stays
    readable after the framework changes; the system's suggestion is kept beside the practitioner's decision."""

    class Risk(models.TextChoices):
        NONE = "none", "None"
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="screening")
    framework_slug = models.CharField(max_length=100)
    framework_version = models.CharField(max_length=20)
    indicator_ids = models.JSONField(default=list)  # ids within that framework version
    suggested_level = models.PositiveSmallIntegerField()
    decided_level = models.PositiveSmallIntegerField()
    level_rationale = models.TextField(blank=True)  # required when decided differs from suggested
    extra_familial_risk = models.CharField(max_length=6, choices=Risk.choices)
    risk_rationale = models.TextField()
    route = models.CharField(max_length=30)  # front_door.routing.RouteKind
    route_explanation = models.TextField()
    next_step_due_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(suggested_level=models.F("decided_level")) | ~models.Q(level_rationale=""),
                name="override_needs_rationale",
            )
        ]

    def __str__(self) -> str:
        return f"Screening of referral {self.referral_id}"


class ComplexStrategyProposal(ActionOnlyModel):
    """The system proposes a complex strategy meeting when three or more young people are linked through the same
    context or adult (seed 002); a named practitioner accepts it or declines with a reason."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="complex_proposals")
    through_node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+")
    young_people = models.ManyToManyField(Person, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["referral", "through_node"], name="one_proposal_per_referral_and_node"),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="declined_proposal_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Complex strategy proposal for referral {self.referral_id}"
