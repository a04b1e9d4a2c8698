from __future__ import annotations

from django.db import models
from django.utils import timezone

from safecontext.accounts.models import User
from safecontext.core.actions_base import ActionOnlyModel
from safecontext.people.models import Person


class BreakGlassGrant(ActionOnlyModel):
    """Emergency access to one person's record outside the user's scope.

    Given only with a written reason, it lasts BREAK_GLASS_SECONDS (4 hours), and every grant is an alert that a
    manager reviews (appropriate, or not — which is for HR and information governance to follow up).
    """

    class Outcome(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        APPROPRIATE = "appropriate", "Appropriate"
        INAPPROPRIATE = "inappropriate", "Not appropriate"

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="break_glass_grants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="break_glass_grants")
    reason = models.TextField()
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    outcome = models.CharField(max_length=15, choices=Outcome.choices, default=Outcome.PENDING)
    reviewed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="break_glass_reviews"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "person", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.user} → person {self.person_id} until {self.expires_at:%H:%M}"

    @property
    def is_active(self) -> bool:
        return self.expires_at > timezone.now()
