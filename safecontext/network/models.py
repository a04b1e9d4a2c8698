"""The network: dated, typed links between people, contexts and objects (vehicles, phones, online handles).

Every endpoint is a `Node`, so the whole network is one edge table (`Link`) between node ids: a 2-hop neighbourhood
is two indexed lookups whatever mix of people, contexts and objects it crosses (see docs/adr/0012-network-nodes.md).
Each link keeps where it came from (the referral, note or meeting), how reliable it is, who recorded it and why.
"""

from __future__ import annotations

from django.db import models

from safecontext.accounts.models import Service, User
from safecontext.contexts.models import Context
from safecontext.core.actions_base import ActionOnlyModel
from safecontext.people.models import Person


class ObjectOfInterest(ActionOnlyModel):
    """A vehicle, phone number or online handle that links young people or adults."""

    class Kind(models.TextChoices):
        VEHICLE = "vehicle", "Vehicle"
        PHONE = "phone", "Phone number"
        ONLINE_HANDLE = "online_handle", "Online handle"

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="objects_of_interest")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    value = models.CharField(max_length=200)  # as recorded, e.g. "AB12 CDE", "07700 900123", "@tinyg"
    normalised = models.CharField(max_length=200)  # e.g. "ab12cde", "07700900123", "tinyg"
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "kind", "normalised"], name="one_object_per_normalised_value")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"


class Node(ActionOnlyModel):
    """One endpoint in the network: exactly one of a person, a context or an object."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        CONTEXT = "context", "Context"
        OBJECT = "object", "Object"

    kind = models.CharField(max_length=7, choices=Kind.choices)
    person = models.OneToOneField(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="node")
    context = models.OneToOneField(Context, on_delete=models.PROTECT, null=True, blank=True, related_name="node")
    object_of_interest = models.OneToOneField(
        ObjectOfInterest, on_delete=models.PROTECT, null=True, blank=True, related_name="node"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="person", person__isnull=False, context__isnull=True, object_of_interest__isnull=True)
                    | models.Q(
                        kind="context", person__isnull=True, context__isnull=False, object_of_interest__isnull=True
                    )
                    | models.Q(
                        kind="object", person__isnull=True, context__isnull=True, object_of_interest__isnull=False
                    )
                ),
                name="node_is_exactly_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} node {self.pk}"


class Link(ActionOnlyModel):
    class Type(models.TextChoices):
        FRIEND = "friend", "Friend of"
        SIBLING = "sibling", "Sibling of"
        PARENT = "parent", "Parent or carer of"
        MEMBER_OF = "member_of", "Member of"
        ATTENDS = "attends", "Attends"
        FREQUENTS = "frequents", "Spends time at"
        ASSOCIATES = "associates", "Associates with"
        EXPLOITS = "exploits", "Exploits or harms"
        HARMED_AT = "harmed_at", "Was harmed at"
        USES = "uses", "Uses (vehicle, phone, handle)"
        PROTECTIVE_ADULT = "protective_adult", "Protective adult of"
        MENTIONED_WITH = "mentioned_with", "Mentioned with"

    class Nature(models.TextChoices):
        PROTECTIVE = "protective", "Protective"
        HARMFUL = "harmful", "Harmful"
        UNKNOWN = "unknown", "Unknown"

    class Reliability(models.TextChoices):
        # After the 3x5x2 intelligence grading's source evaluation, in plain words.
        RELIABLE = "reliable", "Reliable source"
        UNTESTED = "untested", "Untested source"
        DOUBTFUL = "doubtful", "Not reliable"

    class SourceKind(models.TextChoices):
        REFERRAL = "referral", "Referral"
        CASE_NOTE = "case_note", "Case note"
        MEETING = "meeting", "Meeting"
        DIRECT = "direct", "Recorded directly"

    a = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="links_out")
    b = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="links_in")
    type = models.CharField(max_length=20, choices=Type.choices)
    nature = models.CharField(max_length=10, choices=Nature.choices, default=Nature.UNKNOWN)
    reliability = models.CharField(max_length=10, choices=Reliability.choices, default=Reliability.UNTESTED)
    source_kind = models.CharField(max_length=10, choices=SourceKind.choices)
    source_id = models.BigIntegerField(null=True, blank=True)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    purpose = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Goes up by one with each correction or ending; a form sends back the version it showed (edit conflicts).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["a", "b"]), models.Index(fields=["b", "a"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(a=models.F("b")), name="link_joins_two_nodes"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="link_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.a_id} {self.type} {self.b_id}"


class LinkRevision(ActionOnlyModel):
    """The values a link had before a correction or its ending, kept so that a correction never loses what was
    first recorded (docs/adr/0020-network-corrections-and-purpose-limits.md). The link keeps its id, so the
    referrals, notes and meetings that cite it still point at it; the revisions say how it came to read as it does."""

    class Change(models.TextChoices):
        CORRECTED = "corrected", "Corrected"
        ENDED = "ended", "Ended"

    link = models.ForeignKey(Link, on_delete=models.PROTECT, related_name="revisions")
    change = models.CharField(max_length=10, choices=Change.choices)
    version = models.PositiveIntegerField()  # the link's version these `before` values belonged to
    before = models.JSONField()
    after = models.JSONField()
    reason = models.CharField(max_length=500)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["link", "version"]
        constraints = [models.UniqueConstraint(fields=["link", "version"], name="one_revision_per_link_version")]

    def __str__(self) -> str:
        return f"link {self.link_id} {self.change} at version {self.version}"
