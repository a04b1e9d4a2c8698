"""A minimal case, enough for record scope: who holds the work with which people.

The casework issue deepens this (levels, allocation history, notes, closure reasons). Scope only needs to know
which team holds a case, who is allocated, which professionals are in the network, and which people are involved.
"""

from __future__ import annotations

from django.db import models

from safecontext.accounts.models import Team, User
from safecontext.core.actions_base import ActionOnlyModel
from safecontext.people.models import Person


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
