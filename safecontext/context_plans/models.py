"""Context weightings, context plans with goals and guardians, the partners register and context conferences
(issue 4).

A weighting and a plan are about one subject: a child (Level 1, `person`) or a context case (Level 2,
`context_case`), never both (a CheckConstraint). Weightings are never edited: a new one is recorded, and the earlier
ones are kept so change shows. Plans, goals, actions and partners are edited with a `version`, so two colleagues'
edits conflict rather than overwrite each other. See docs/adr/0019-context-plans.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from safecontext.accounts.models import Service
from safecontext.contexts.models import Context, ContextCase
from safecontext.core.actions_base import ActionOnlyModel
from safecontext.people.models import Person

ONE_SUBJECT = Q(person__isnull=False, context_case__isnull=True) | Q(person__isnull=True, context_case__isnull=False)


class ContextWeighting(ActionOnlyModel):
    """A dated weighting of the contexts where a child (or a group) is harmed or kept safe, summing to 100."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    context_case = models.ForeignKey(ContextCase, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_on = models.DateField()
    rationale = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_on", "-id"]
        constraints = [models.CheckConstraint(condition=ONE_SUBJECT, name="weighting_has_one_subject")]

    def __str__(self) -> str:
        return f"Weighting of {self.recorded_on}"

    @property
    def subject(self) -> Person | ContextCase:
        return self.person if self.person is not None else self.context_case  # type: ignore[return-value]


class WeightingEntry(ActionOnlyModel):
    """One box: a context (linked to a Context record, or named only) and its weight out of 100."""

    weighting = models.ForeignKey(ContextWeighting, on_delete=models.PROTECT, related_name="entries")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=200)  # the name in the box; may differ from the linked context's name
    context = models.ForeignKey(Context, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    weight = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=100), name="weighting_entry_weight_1_100"),
            models.UniqueConstraint(fields=["weighting", "position"], name="weighting_entry_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.weight}"


class Partner(ActionOnlyModel):
    """The partners register: guardians (people with reach into a context: shop owners, park wardens, transport and
    security staff) and partners (agencies and services: youth service, police, transport operator). Contextual
    Safeguarding Domain 3."""

    class Kind(models.TextChoices):
        GUARDIAN = "guardian", "Guardian (someone with reach into a place or group)"
        PARTNER = "partner", "Partner agency or service"

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200)  # "Shop owner", "Park warden", "Bus station security supervisor"
    organisation = models.CharField(max_length=200, blank=True)
    contact = models.CharField(max_length=300, blank=True)  # phone or email, as they asked to be contacted
    contexts = models.ManyToManyField(Context, blank=True, related_name="+")  # where they have reach
    consents_to_contact = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class ContextPlan(ActionOnlyModel):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    context_case = models.ForeignKey(ContextCase, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=200)
    # The weighting the plan was built from, and the context it targets first (the weighting's heaviest, or the
    # team's choice): "Plans cite which context they target first".
    weighting = models.ForeignKey(ContextWeighting, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    targets_first_label = models.CharField(max_length=200)
    targets_first_context = models.ForeignKey(
        Context, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=ONE_SUBJECT, name="plan_has_one_subject")]

    def __str__(self) -> str:
        return self.title

    @property
    def subject(self) -> Person | ContextCase:
        return self.person if self.person is not None else self.context_case  # type: ignore[return-value]


class PlanGoal(ActionOnlyModel):
    """A goal written as what safety looks like, with what will show it and how we will know."""

    plan = models.ForeignKey(ContextPlan, on_delete=models.PROTECT, related_name="goals")
    position = models.PositiveSmallIntegerField()
    statement = models.TextField()
    what_will_show_it = models.TextField()
    how_we_will_know = models.TextField()
    # Assessment question keys (contexts.questionnaires) the goal is measured by, comma-separated and in order:
    # keys are short slugs without commas, and the review reads them only to pick rows of the comparison.
    measured_by = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.statement[:60]

    @property
    def question_keys(self) -> list[str]:
        return [key for key in self.measured_by.split(",") if key]


class ContextConference(ActionOnlyModel):
    """A context conference: the multi-agency meeting (with guardians and partners) that agrees or reviews a plan."""

    plan = models.ForeignKey(ContextPlan, on_delete=models.PROTECT, related_name="conferences")
    held_on = models.DateField()
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decisions = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Context conference on {self.held_on}"


class ConferenceAttendee(ActionOnlyModel):
    """A worker (user) or someone from the partners register at a conference; exactly one of the two."""

    conference = models.ForeignKey(ContextConference, on_delete=models.PROTECT, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, partner__isnull=True) | Q(user__isnull=True, partner__isnull=False),
                name="conference_attendee_is_user_or_partner",
            )
        ]


class PlanAction(ActionOnlyModel):
    """Something someone will do, with an owner (a worker, or a guardian or partner from the register) and a date."""

    class OwnerKind(models.TextChoices):
        WORKER = "worker", "Worker"
        GUARDIAN = "guardian", "Guardian"
        PARTNER = "partner", "Partner"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    plan = models.ForeignKey(ContextPlan, on_delete=models.PROTECT, related_name="actions")
    goal = models.ForeignKey(PlanGoal, on_delete=models.PROTECT, null=True, blank=True, related_name="actions")
    conference = models.ForeignKey(
        ContextConference, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    description = models.TextField()
    owner_kind = models.CharField(max_length=10, choices=OwnerKind.choices)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_kind="worker", owner_user__isnull=False, owner_partner__isnull=True))
                | (Q(owner_kind__in=["guardian", "partner"], owner_user__isnull=True, owner_partner__isnull=False)),
                name="plan_action_owner_matches_kind",
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def owner_name(self) -> str:
        if self.owner_user is not None:
            return self.owner_user.get_full_name() or self.owner_user.username
        if self.owner_partner is not None:
            return str(self.owner_partner)
        return ""


class PlanReview(ActionOnlyModel):
    """A review of a plan: what changed in the context (from the re-run assessment) and the next review date."""

    plan = models.ForeignKey(ContextPlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    summary = models.TextField()  # the comparison's headline at the time, and the reviewers' own words
    next_review_on = models.DateField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]
