"""Cases and the casework recorded on them (issue 5).

Scope needs to know which team holds a case, who is allocated, which professionals are in the network, and which
people are involved. Casework adds the level, the allocation history (continuity), the worker's relationships with
the young person and family and their stages (the relationship building blocks), and case notes with the young
person's own words, their edit history and the links they suggest (docs/adr/0022-casework-records.md).
"""

from __future__ import annotations

from django.db import models

from safecontext.accounts.models import Team, User
from safecontext.cases.rules.visit_cadence import CaseLevel
from safecontext.core.actions_base import ActionOnlyModel
from safecontext.people.models import Person

LEVEL_LABELS = {
    CaseLevel.EARLY_HELP: "Early help",
    CaseLevel.CHILD_IN_NEED: "Child in need",
    CaseLevel.CHILD_PROTECTION: "Child protection",
    CaseLevel.CONTEXT_LEVEL_1: "Context-linked (Level 1)",
}


class Case(ActionOnlyModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    subject = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases_as_subject")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    allocated_worker = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="allocated_cases"
    )
    # Professionals outside the team who work with the young person (a youth worker, a school lead, police):
    # they reach this case's people and nothing else.
    network = models.ManyToManyField(User, blank=True, related_name="network_cases", through="CaseNetworkMember")
    people = models.ManyToManyField(Person, through="CaseInvolvement", related_name="cases")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    level = models.CharField(
        max_length=20, choices=[(level.value, label) for level, label in LEVEL_LABELS.items()], default="child_in_need"
    )
    # The screened referral the case was opened from; empty when a manager opened it directly.
    referral = models.ForeignKey(
        "front_door.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    # A DfE reason-for-closure code (cases/closure_reasons.py) and the version of the code list it came from.
    closure_reason = models.CharField(max_length=10, blank=True)
    closure_reason_list_version = models.CharField(max_length=40, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", closed_on__isnull=True)
                | models.Q(status="closed", closed_on__isnull=False),
                name="case_closed_on_matches_status",
            )
        ]

    def __str__(self) -> str:
        return f"Case {self.pk}: {self.subject}"

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(CaseLevel(self.level), self.level) if self.level in CaseLevel else self.level


class CaseInvolvement(ActionOnlyModel):
    class Relationship(models.TextChoices):
        SUBJECT = "subject", "Child or young person"
        SIBLING = "sibling", "Sibling"
        PARENT = "parent", "Parent or carer"
        FAMILY = "family", "Other family"
        PEER = "peer", "Peer"
        OTHER = "other", "Other"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="involvements")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="involvements")
    relationship = models.CharField(max_length=10, choices=Relationship.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="one_involvement_per_person")]


class CaseNetworkMember(ActionOnlyModel):
    """A professional in a case's network. Membership decides what a partner or youth worker may see, so it is
    written only by actions (the table is the one the plain many-to-many field used)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE)
    user = models.ForeignKey(User, on_delete=models.CASCADE)

    class Meta:
        db_table = "cases_case_network"
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="cases_case_network_case_id_user_id_uniq")]

    def __str__(self) -> str:
        return f"{self.user} in the network of case {self.case_id}"


class Allocation(ActionOnlyModel):
    """Who held the case, from when to when, and why it changed: the continuity record (rules/continuity.py).
    `to_date` is empty for the current allocation; a handover ends one on the day the next starts."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allocations")
    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="allocations")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="allocations")
    from_date = models.DateField()
    to_date = models.DateField(null=True, blank=True)
    reason = models.TextField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["from_date", "id"]
        indexes = [models.Index(fields=["case", "from_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(to_date__isnull=True) | models.Q(to_date__gte=models.F("from_date")),
                name="allocation_ends_after_it_starts",
            )
        ]


class Relationship(ActionOnlyModel):
    """A worker's relationship with the young person or a family member on a case, with its stage history
    (rules/relationship_stages.py) and its planned ending."""

    class With(models.TextChoices):
        YOUNG_PERSON = "young_person", "Young person"
        FAMILY = "family", "Family member"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="relationships")
    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="case_relationships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="worker_relationships")
    with_whom = models.CharField(max_length=15, choices=With.choices)
    stage = models.PositiveSmallIntegerField(default=1)  # the current stage, kept with the history below
    stage_since = models.DateField()
    planned_end_date = models.DateField(null=True, blank=True)
    last_review_date = models.DateField(null=True, blank=True)
    last_visit_date = models.DateField(null=True, blank=True)
    ending_letter = models.TextField(blank=True)
    ended_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "worker", "person"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_relationship_per_worker_and_person",
            ),
            models.CheckConstraint(condition=models.Q(stage__in=[1, 2, 3]), name="relationship_stage_1_to_3"),
        ]


class StageChange(ActionOnlyModel):
    """One dated step in a relationship's history: forward, or back to 1 after a rupture (with the reason)."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.PositiveSmallIntegerField()
    from_date = models.DateField()
    reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["from_date", "id"]


class CaseNote(ActionOnlyModel):
    """What happened on a visit, call or activity. The young person's own words are kept apart from the worker's
    account, as theirs. The restricted section is shown only to the case's team and allocated worker."""

    class Kind(models.TextChoices):
        HOME_VISIT = "home_visit", "Home visit"
        SCHOOL_VISIT = "school_visit", "School visit"
        ACTIVITY = "activity", "Activity together"
        PHONE = "phone", "Phone or video call"
        WALKABOUT = "walkabout", "Walkabout"
        MEETING = "meeting", "Meeting"
        OFFICE_VISIT = "office_visit", "Office visit"
        OTHER = "other", "Other"

    # Kinds that count as seeing the child for the statutory visit cadence.
    VISIT_KINDS = frozenset({"home_visit", "school_visit", "activity", "walkabout", "office_visit"})

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    happened_on = models.DateField()
    who_was_seen = models.CharField(max_length=300, blank=True)
    child_seen = models.BooleanField(default=False)
    seen_alone = models.BooleanField(default=False)
    summary = models.TextField()
    own_words = models.TextField(blank=True)  # the young person's words, as they said them
    restricted = models.TextField(blank=True)
    stage = models.PositiveSmallIntegerField(null=True, blank=True)  # the relationship stage when written
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="case_notes")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-happened_on", "-id"]
        indexes = [
            models.Index(fields=["case", "-happened_on", "-id"]),
            models.Index(fields=["case", "child_seen", "happened_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(seen_alone=True, child_seen=False), name="alone_means_seen")
        ]

    @property
    def is_visit(self) -> bool:
        return self.kind in self.VISIT_KINDS and self.child_seen


class CaseNoteVersion(ActionOnlyModel):
    """A note as it was before each edit: the full history, nothing overwritten."""

    note = models.ForeignKey(CaseNote, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    values = models.JSONField()
    edited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    edited_at = models.DateTimeField()

    class Meta:
        ordering = ["version"]
        constraints = [models.UniqueConstraint(fields=["note", "version"], name="one_row_per_note_version")]


class SuggestedLink(ActionOnlyModel):
    """A person or context the note mentions, suggested as a link in the young person's network. The worker
    accepts it (a network link is recorded, its source this note) or declines it (kept, with who and when)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    note = models.ForeignKey(CaseNote, on_delete=models.CASCADE, related_name="suggestions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    context = models.ForeignKey("contexts.Context", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    mentioned_as = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    link = models.ForeignKey("network.Link", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, context__isnull=True)
                | models.Q(person__isnull=True, context__isnull=False),
                name="suggestion_is_a_person_or_a_context",
            ),
            models.UniqueConstraint(fields=["note", "person"], name="one_suggestion_per_note_and_person"),
            models.UniqueConstraint(fields=["note", "context"], name="one_suggestion_per_note_and_context"),
        ]
