"""Reflective supervision: sessions, the supervision chain's cadence, case discussions and their actions (issue 6).

Two kinds of content live side by side and must never be confused (docs/adr/0025-supervision-records.md):
- **Reflective content** of a case discussion — the practice discussion, the feelings and impact on the worker, the
  hypotheses, the parallel processes noticed — belongs to the supervisor and the supervisee. Only they ever see it:
  not the manager's manager, the head of service, a data officer, the API, search or an export. It is never copied
  into an audit event either (the events say which fields were written, not what they say).
- **Management oversight** — what was decided and the actions agreed, with owners and due dates — goes on the case
  file for everyone who may see the case.
"""

from __future__ import annotations

from django.db import models

from safecontext.accounts.models import User
from safecontext.cases.models import Case
from safecontext.core.actions_base import ActionOnlyModel
from safecontext.supervision.rules.cadence import DEFAULT_CADENCE_DAYS

REFLECTIVE_FIELDS = ("practice_discussion", "feelings_and_impact", "hypotheses", "parallel_processes")


class SupervisionCadence(ActionOnlyModel):
    """How often one person is supervised, when it differs from the default, and whether their supervision happens
    outside SafeContext (the Director, supervised by the chief executive). Who supervises them is
    `User.supervisor`, changed only by `accounts.actions.change_user_access`."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="supervision_cadence")
    cadence_days = models.PositiveSmallIntegerField(default=DEFAULT_CADENCE_DAYS)
    supervised_outside = models.CharField(
        max_length=200, blank=True, help_text="Who supervises them outside SafeContext, if anyone"
    )
    # When the current arrangement began, if before their account existed (history brought over from an earlier
    # system). A change of supervisor after this row was saved restarts the clock; without `since`, the clock runs
    # from the later of joining and the last change of supervisor.
    since = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cadence_days__gte=1, cadence_days__lte=365), name="supervision_cadence_days_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: every {self.cadence_days} days"


class SupervisionSession(ActionOnlyModel):
    class Kind(models.TextChoices):
        ONE_TO_ONE = "one_to_one", "One-to-one"
        PEER = "peer", "Peer"
        GROUP = "group", "Group reflective"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    # Who held (or facilitated) the session; for a one-to-one, the supervisee's supervisor.
    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervision_sessions_held")
    # One-to-one and peer sessions have one supervisee; a group has attendees instead.
    supervisee = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="supervision_sessions_received"
    )
    attendees = models.ManyToManyField(User, through="GroupAttendee", related_name="group_supervision_sessions")
    held_on = models.DateField()
    # Group sessions: the themes talked about, never case detail.
    themes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["supervisee", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="group", supervisee__isnull=True)
                | (~models.Q(kind="group") & models.Q(supervisee__isnull=False)),
                name="supervision_session_supervisee_matches_kind",
            ),
            models.CheckConstraint(
                condition=~models.Q(supervisor=models.F("supervisee")), name="supervision_session_not_with_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} supervision on {self.held_on:%d %B %Y}"


class GroupAttendee(ActionOnlyModel):
    session = models.ForeignKey(SupervisionSession, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="one_attendance_per_group_session")]


class CaseDiscussion(ActionOnlyModel):
    """One case talked about in a one-to-one or peer session."""

    session = models.ForeignKey(SupervisionSession, on_delete=models.CASCADE, related_name="discussions")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="supervision_discussions")
    # Reflective: supervisor and supervisee only (REFLECTIVE_FIELDS).
    practice_discussion = models.TextField(blank=True)
    feelings_and_impact = models.TextField(blank=True)
    hypotheses = models.TextField(blank=True)
    parallel_processes = models.TextField(blank=True)
    # Management oversight: on the case file.
    decisions = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session__held_on", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "case"], name="one_discussion_per_case_per_session")]

    def __str__(self) -> str:
        return f"Case {self.case_id} in supervision session {self.session_id}"


class SupervisionAction(ActionOnlyModel):
    """An action agreed in supervision about a case: it flows to its owner's list until they mark it done."""

    discussion = models.ForeignKey(CaseDiscussion, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervision_actions")
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "done_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done_at__isnull=True, done_by__isnull=True)
                | models.Q(done_at__isnull=False, done_by__isnull=False),
                name="supervision_action_done_by_whom",
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]
