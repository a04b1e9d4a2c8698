"""A child's single assessment with DfE factor codes, statutory dates for the census, and participation (the 4 I's)
(issue 5)."""

from __future__ import annotations

from django.db import models

from safecontext.accounts.models import User
from safecontext.cases.models import Case
from safecontext.core.actions_base import ActionOnlyModel


class Outcome(models.TextChoices):
    """What the assessment decided (the CIN census records the resulting episode; these are the practice labels)."""

    NO_FURTHER_ACTION = "nfa", "No further action"
    EARLY_HELP = "early_help", "Step down to early help"
    CIN_PLAN = "cin_plan", "Child in need plan"
    SECTION_47 = "s47", "Section 47 enquiry"
    CONTEXT_PLAN = "context_plan", "Context plan (harm outside the home)"
    OTHER_SERVICE = "other_service", "Referred to another service"


class Section47Outcome(models.TextChoices):
    CONCERNS_NOT_SUBSTANTIATED = "not_substantiated", "Concerns not substantiated"
    SUBSTANTIATED_NO_CONFERENCE = "substantiated_no_icpc", "Concerns substantiated, no conference needed"
    CONFERENCE = "icpc", "Concerns substantiated, initial child protection conference"


class SingleAssessment(ActionOnlyModel):
    """One single assessment on a case. A case may have more than one over time (a re-assessment)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="single_assessments")
    started_on = models.DateField()
    authorised_on = models.DateField(null=True, blank=True)
    # The manager who authorised it (Working Together 2023: the assessment's conclusion is a management decision).
    authorised_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Which data file (assessments/data/) the factor codes come from, so an old assessment keeps its meaning.
    factor_list_version = models.CharField(max_length=10)
    summary = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    # Statutory dates the CIN census needs (Working Together 2023; CIN census guide, modules 4-6).
    cin_plan_start = models.DateField(null=True, blank=True)
    cin_plan_end = models.DateField(null=True, blank=True)
    s47_started_on = models.DateField(null=True, blank=True)
    s47_outcome = models.CharField(max_length=30, choices=Section47Outcome.choices, blank=True)
    icpc_on = models.DateField(null=True, blank=True)
    cp_plan_start = models.DateField(null=True, blank=True)
    cp_plan_end = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(authorised_on__isnull=True) | models.Q(authorised_on__gte=models.F("started_on")),
                name="assessment_authorised_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Single assessment {self.pk} on case {self.case_id}"


class AssessmentFactor(ActionOnlyModel):
    """A DfE factor identified at the end of the assessment (one row per code: typed, queryable for the return)."""

    assessment = models.ForeignKey(SingleAssessment, on_delete=models.CASCADE, related_name="factors")
    code = models.CharField(max_length=5)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "code"], name="one_row_per_factor_code")]


class Participation(ActionOnlyModel):
    """A moment of the young person's participation, by the 4 I's. Their words are recorded as said and never
    edited afterwards: a correction is a new entry, so what they said stays theirs."""

    class Kind(models.TextChoices):
        INFORM = "inform", "Inform"
        INVOLVE = "involve", "Involve"
        INVEST = "invest", "Invest"
        INFLUENCE = "influence", "Influence"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="participation")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    occurred_on = models.DateField()
    what_happened = models.TextField()
    their_words = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"
