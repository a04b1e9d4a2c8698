"""Contexts: the places, peer groups, schools and online spaces where young people spend time and may be harmed.

Minimal for the front door (a referral can name a context or be about one); the Level 2 context-case work deepens
this (assessments, weighting, plans, guardians).
"""

from __future__ import annotations

from django.db import models

from safecontext.accounts.models import Service, Team, User
from safecontext.core.actions_base import ActionOnlyModel
from safecontext.people.models import Person


class Context(ActionOnlyModel):
    class Kind(models.TextChoices):
        PLACE = "place", "Place or neighbourhood"
        PEER_GROUP = "peer_group", "Peer group"
        SCHOOL = "school", "School or education setting"
        ONLINE = "online", "Online space"

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="contexts")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    name = models.CharField(max_length=200)
    # Lower-case letters and digits only, for matching what referrers write ("the 7 bus" / "Bus route 7").
    name_key = models.CharField(max_length=200, db_index=True)
    description = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["service", "kind", "name_key"])]

    def __str__(self) -> str:
        return self.name


class WellbeingLevel(models.IntegerChoices):
    """How safe a context is for the young people in it, on four ordered steps (docs/adr/0018-context-cases.md).

    The seeds speak of the well-being of contexts without giving a scale; these four steps mirror the four levels of
    need in seed 003 (Continuum of Need) so that a context case and a child's case read the same way up."""

    SAFE = 1, "Safe: a context that protects young people"
    SOME_CONCERNS = 2, "Some concerns: harm is possible without more guardianship"
    SIGNIFICANT_HARM = 3, "Significant harm: young people are being harmed here"
    SERIOUS_HARM = 4, "Serious harm: serious or organised harm, action needed now"


class ContextCase(ActionOnlyModel):
    """Level 2 work on a context: the context itself is referred, assessed, planned for and reviewed."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    context = models.ForeignKey(Context, on_delete=models.PROTECT, related_name="cases")
    # Opened from a referral about the context, or directly (None).
    referral = models.ForeignKey(
        "front_door.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="context_cases"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="context_cases")
    lead_worker = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="led_context_cases"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.TextField(blank=True)
    wellbeing_level = models.PositiveSmallIntegerField(choices=WellbeingLevel.choices, null=True, blank=True)
    summary = models.TextField(blank=True, help_text="Why the context is a case: the harm and who it reaches")
    # Location: a point and/or an area. The area is a simple polygon, one "latitude, longitude" pair per line
    # (contexts/rules/location.py reads it), and/or a description ("the estate between X Road and the railway").
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    area_points = models.TextField(blank=True)
    area_description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", closed_on__isnull=True)
                | models.Q(status="closed", closed_on__isnull=False),
                name="context_case_closed_on_matches_status",
            )
        ]

    @property
    def wellbeing_short(self) -> str:
        """ "3 Significant harm": the level's number and name without its description."""
        if self.wellbeing_level is None:
            return "Not set"
        return f"{self.wellbeing_level} {WellbeingLevel(self.wellbeing_level).label.split(':')[0]}"

    def __str__(self) -> str:
        return f"Context case {self.pk}: {self.context}"


class LeadAllocation(ActionOnlyModel):
    """Who led a context case when, and why it changed: the case's allocation history."""

    context_case = models.ForeignKey(ContextCase, on_delete=models.CASCADE, related_name="allocations")
    lead_worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    allocated_at = models.DateTimeField()
    allocated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-allocated_at", "-id"]


class ContextCaseMember(ActionOnlyModel):
    """A young person in a peer group (or another context's core group), with the dates they were in it."""

    context_case = models.ForeignKey(ContextCase, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="context_case_memberships")
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    notes = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["joined_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["context_case", "person"],
                condition=models.Q(left_on__isnull=True),
                name="one_current_membership_per_person",
            )
        ]


class EvidenceSource(models.TextChoices):
    YOUNG_PEOPLE = "young_people", "Young people"
    RESIDENTS = "residents", "Residents"
    BUSINESSES = "businesses", "Businesses"
    STAFF = "staff", "Staff (school, youth, transport, security)"
    WALKABOUT = "walkabout", "Walkabout observation"


class ContextAssessment(ActionOnlyModel):
    """One run of a context questionnaire. Answers are stored with the questionnaire's kind and version
    (contexts/questionnaires/<kind>-v<version>.toml), so they stay readable after a new version ships. A review is a
    new assessment marked as the review of the baseline it is compared with."""

    context_case = models.ForeignKey(ContextCase, on_delete=models.CASCADE, related_name="assessments")
    questionnaire_kind = models.CharField(max_length=20)
    questionnaire_version = models.CharField(max_length=10)
    # question key → score (an int on the questionnaire's scale) or None when not answered.
    answers = models.JSONField(default=dict)
    # section key → the assessor's note on that side of the triangle.
    section_notes = models.JSONField(default=dict)
    # EvidenceSource values, comma-separated (a closed list, checked by the action).
    evidence_sources = models.CharField(max_length=200, blank=True)
    evidence_notes = models.TextField(blank=True)
    assessed_on = models.DateField()
    review_of = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="reviews")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessed_on", "id"]

    @property
    def evidence_source_codes(self) -> list[str]:
        return [code for code in self.evidence_sources.split(",") if code]

    @property
    def is_review(self) -> bool:
        return self.review_of_id is not None

    def __str__(self) -> str:
        return f"Context assessment {self.pk} ({self.questionnaire_kind} v{self.questionnaire_version})"


class YoungPeoplesWords(ActionOnlyModel):
    """What young people said, kept as theirs: shown quoted and attributed, never merged into the assessor's notes."""

    assessment = models.ForeignKey(ContextAssessment, on_delete=models.CASCADE, related_name="young_peoples_words")
    words = models.TextField()
    # Who said it, as they agreed to be described ("Three young people at the youth club", "A girl, 15").
    attributed_to = models.CharField(max_length=200)
    section_key = models.CharField(max_length=60, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]
