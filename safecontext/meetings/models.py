"""Meetings at the front door: the daily triage meeting, strategy discussions and complex strategy meetings.

(Later issues add context conferences and MACE.) A meeting has attendees by agency, agenda items (a referral, a child
or a context), per-item decisions, and actions with owners and due dates. Police-sourced information can be marked
restricted, which hides it from anyone without the permission to read restricted information.
"""

from __future__ import annotations

from django.db import models

from safecontext.accounts.models import Service, User
from safecontext.contexts.models import Context
from safecontext.core.actions_base import ActionOnlyModel
from safecontext.people.models import Person


class Meeting(ActionOnlyModel):
    class Kind(models.TextChoices):
        DAILY_TRIAGE = "daily_triage", "Daily triage meeting"
        STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
        COMPLEX_STRATEGY = "complex_strategy", "Complex strategy meeting"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    class Outcome(models.TextChoices):
        # Working Together 2023: a strategy discussion decides whether to start a section 47 enquiry.
        SECTION_47 = "s47", "Section 47 enquiry"
        NO_SECTION_47 = "no_s47", "No section 47 enquiry"
        OTHER = "other", "Other"

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    scheduled_for = models.DateTimeField(db_index=True)
    due_by = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    chair = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    outcome = models.CharField(max_length=6, choices=Outcome.choices, blank=True)
    outcome_notes = models.TextField(blank=True)
    restricted_minutes = models.TextField(blank=True)  # police-sourced; only for VIEW_RESTRICTED_INFORMATION
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["scheduled_for", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "scheduled_for"],
                condition=models.Q(kind="daily_triage"),
                name="one_triage_meeting_per_slot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scheduled_for:%d %b %Y %H:%M}"


class Attendee(ActionOnlyModel):
    """Someone at the meeting, by agency. A partner-agency user who attends sees the meeting and its agenda only."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings_attended")
    name = models.CharField(max_length=200)
    agency = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=models.Q(user__isnull=False), name="attend_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class AgendaItem(ActionOnlyModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    referral = models.ForeignKey(
        "front_door.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    child = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items")
    context = models.ForeignKey(Context, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0)
    decision = models.TextField(blank=True)
    restricted_information = models.TextField(blank=True)  # police-sourced; only for VIEW_RESTRICTED_INFORMATION
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["meeting_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(referral__isnull=False)
                | models.Q(child__isnull=False)
                | models.Q(context__isnull=False),
                name="agenda_item_is_about_something",
            )
        ]

    def __str__(self) -> str:
        return f"Item {self.position} of {self.meeting}"


class MeetingAction(ActionOnlyModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="meeting_actions")
    owner_name = models.CharField(max_length=200, blank=True)  # an owner outside SafeContext
    owner_agency = models.CharField(max_length=200, blank=True)
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False) | ~models.Q(owner_name=""), name="action_has_an_owner"
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]
