"""Cultural genograms: family members, relationships and identity annotations, drawn as SVG (issue 5).

One genogram per case. Members are people on the case (linked to their person record) or recorded only here (a
grandparent who died before the family came to the service). The family's own copy — the genogram they drew with
the worker — is kept beside it as a file in the database.
"""

from __future__ import annotations

from django.db import models

from safecontext.accounts.models import User
from safecontext.cases.models import Case
from safecontext.core.actions_base import ActionOnlyModel
from safecontext.genograms.drawing.family import RelationKind
from safecontext.people.models import Person


class Genogram(ActionOnlyModel):
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="genogram")
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Genogram for case {self.case_id}"


class GenogramMember(ActionOnlyModel):
    class Sex(models.TextChoices):
        MALE = "male", "Male"
        FEMALE = "female", "Female"
        UNKNOWN = "unknown", "Not known"

    genogram = models.ForeignKey(Genogram, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=100)
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    deceased = models.BooleanField(default=False)
    death_year = models.PositiveSmallIntegerField(null=True, blank=True)
    is_subject = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["birth_year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(death_year__isnull=True) | models.Q(deceased=True),
                name="death_year_only_if_deceased",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GenogramRelation(ActionOnlyModel):
    class Kind(models.TextChoices):
        PARENT = RelationKind.PARENT.value, "Birth parent of"
        ADOPTIVE_PARENT = RelationKind.ADOPTIVE_PARENT.value, "Adoptive parent of"
        MARRIED = RelationKind.MARRIED.value, "Married to"
        PARTNER = RelationKind.PARTNER.value, "Partner of"
        SEPARATED = RelationKind.SEPARATED.value, "Separated from"
        DIVORCED = RelationKind.DIVORCED.value, "Divorced from"
        SIBLING = RelationKind.SIBLING.value, "Sibling of"
        CARER = RelationKind.CARER.value, "Carer of"
        FOSTER_CARER = RelationKind.FOSTER_CARER.value, "Foster carer of"

    genogram = models.ForeignKey(Genogram, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_member = models.ForeignKey(GenogramMember, on_delete=models.CASCADE, related_name="relations_from")
    to_member = models.ForeignKey(GenogramMember, on_delete=models.CASCADE, related_name="relations_to")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["from_member", "to_member", "kind"], name="one_relation_of_a_kind"),
            models.CheckConstraint(condition=~models.Q(from_member=models.F("to_member")), name="relation_not_to_self"),
        ]


class Aspect(models.TextChoices):
    """The Social GGRRAAACCEEESSS (Burnham, 1992; Burnham, Alvis Palma and Whitehouse, 2008)."""

    GENDER = "gender", "Gender"
    GEOGRAPHY = "geography", "Geography"
    RACE = "race", "Race"
    RELIGION = "religion", "Religion"
    AGE = "age", "Age"
    ABILITY = "ability", "Ability"
    APPEARANCE = "appearance", "Appearance"
    CLASS = "class", "Class"
    CULTURE = "culture", "Culture"
    EDUCATION = "education", "Education"
    EMPLOYMENT = "employment", "Employment"
    ETHNICITY = "ethnicity", "Ethnicity"
    SPIRITUALITY = "spirituality", "Spirituality"
    SEXUALITY = "sexuality", "Sexuality"
    SEXUAL_ORIENTATION = "sexual_orientation", "Sexual orientation"


class IdentityAnnotation(ActionOnlyModel):
    """What a member says about one aspect of who they are, in the family's words."""

    member = models.ForeignKey(GenogramMember, on_delete=models.CASCADE, related_name="annotations")
    aspect = models.CharField(max_length=20, choices=Aspect.choices)
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["member", "aspect"], name="one_annotation_per_aspect")]


class FamilyCopy(ActionOnlyModel):
    """The family's own genogram (a photo or scan of what they drew), stored in the database and served only as
    a download, never inline, with its type decided by its content rather than its name."""

    class ContentType(models.TextChoices):
        PDF = "application/pdf", "PDF"
        PNG = "image/png", "PNG image"
        JPEG = "image/jpeg", "JPEG image"

    genogram = models.ForeignKey(Genogram, on_delete=models.CASCADE, related_name="family_copies")
    filename = models.CharField(max_length=150)
    content_type = models.CharField(max_length=30, choices=ContentType.choices)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    note = models.CharField(max_length=300, blank=True)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
