"""Contexts: the places, peer groups, schools and online spaces where young people spend time and may be harmed.

Minimal for the front door (a referral can name a context or be about one); the Level 2 context-case work deepens
this (assessments, weighting, plans, guardians).
"""

from __future__ import annotations

from django.db import models

from safecontext.accounts.models import Service
from safecontext.core.actions_base import ActionOnlyModel


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
