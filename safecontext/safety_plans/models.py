"""Safety plans co-produced with the young person and family, versioned, with a plain-language PDF (issue 5).

One `SafetyPlan` per case holds the current content and its `version`; every save writes a `SafetyPlanVersion` with
the whole content as it was saved, so any earlier version can be read back. An edit names the version it started
from and is refused with the differences if someone saved since (actions.SafetyPlanConflict).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from safecontext.cases.models import Case
from safecontext.core.actions_base import ActionOnlyModel

# The plan's content, in the order the page and the PDF show it: field → label for practitioners.
TEXT_FIELDS: dict[str, str] = {
    "worries": "What we are worried about",
    "young_person_words": "In the young person's own words",
    "safety_goals": "Safety goals",
    "family_actions": "What the family will do",
    "network_actions": "What friends and the wider network will do",
    "guardian_actions": "What guardians in places will do",
    "professional_actions": "What professionals will do",
    "warning_signs": "Signs that things are going wrong",
    "who_took_part": "Who made this plan",
}
LIST_FIELDS: dict[str, str] = {
    "contingencies": "If … then …",
    "contacts": "People to contact",
}
CONTENT_FIELDS: dict[str, str] = {**TEXT_FIELDS, **LIST_FIELDS, "review_on": "Review date"}


class SafetyPlan(ActionOnlyModel):
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="safety_plan")
    version = models.PositiveIntegerField(default=1)
    worries = models.TextField(blank=True)
    young_person_words = models.TextField(blank=True)
    safety_goals = models.TextField(blank=True)
    family_actions = models.TextField(blank=True)
    network_actions = models.TextField(blank=True)
    guardian_actions = models.TextField(blank=True)
    professional_actions = models.TextField(blank=True)
    warning_signs = models.TextField(blank=True)
    who_took_part = models.TextField(blank=True)
    # [{"if": "...", "then": "..."}]
    contingencies = models.JSONField(default=list)
    # [{"name": "...", "role": "...", "phone": "..."}]
    contacts = models.JSONField(default=list)
    review_on = models.DateField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Safety plan for case {self.case_id} (version {self.version})"

    def content(self) -> dict[str, Any]:
        return {field: getattr(self, field) for field in CONTENT_FIELDS}


class SafetyPlanVersion(ActionOnlyModel):
    """The plan exactly as one save left it (append-only: versions are never changed)."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)
    changed_fields = models.JSONField(default=list)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="safety_plan_version_once")]

    def __str__(self) -> str:
        return f"Safety plan {self.plan_id} version {self.number}"
