from __future__ import annotations

from typing import Any

from django.db import models

from safecontext.accounts.models import Service
from safecontext.core.actions_base import ActionOnlyModel
from safecontext.people.codes import Ethnicity, Sex


class Person(ActionOnlyModel):
    """Anyone SafeContext holds information about: a child, a parent or carer, a peer, an adult of concern…

    `version` is the optimistic-concurrency counter: every edit names the version it started from, and an edit
    from an older version is refused with the difference (DESIGN.md: no silent overwrite of a colleague's edit).
    """

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="people")
    # The team that recorded the person. Until a case involves them, this is what keeps the record within that
    # team's scope (a social worker adding a family member must be able to open what they just created).
    held_by_team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="people_held"
    )
    date_of_birth = models.DateField(null=True, blank=True, db_index=True)
    date_of_birth_estimated = models.BooleanField(default=False)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.NOT_KNOWN)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    la_child_id = models.CharField("LA child ID", max_length=20, blank=True, db_index=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    upn = models.CharField("Unique pupil number", max_length=13, blank=True, db_index=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        # Tolerant search looks up estimated dates of birth within a year of the typed date (people/queries.py).
        indexes = [models.Index(fields=["date_of_birth_estimated", "date_of_birth"], name="person_estimated_dob")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def legal_name(self) -> PersonName | None:
        names = list(self.names.all())  # uses prefetch_related("names") when the query asked for it
        for name in names:
            if name.kind == PersonName.Kind.LEGAL:
                return name
        return names[0] if names else None

    @property
    def display_name(self) -> str:
        name = self.legal_name
        return name.full_name if name else f"Person {self.pk}"

    @property
    def aliases(self) -> list[PersonName]:
        return [name for name in self.names.all() if name.kind != PersonName.Kind.LEGAL]


class PersonName(ActionOnlyModel):
    """A name a person is known by: the legal name, aliases, nicknames, previous names.

    `given_key`/`family_key` are phonetic keys (metaphone) kept for blocking in tolerant search, so a search never
    scans every name (see people/matching.py); `*_sound` (soundex) and `*_prefix` (first three letters) are the
    second and third blocking keys, for leading-vowel variants, typos and partial typing. `save()` fills all six
    from the name itself, so they cannot drift from it (bulk_create bypasses save: call `refresh_keys()` first).
    """

    class Kind(models.TextChoices):
        LEGAL = "legal", "Legal name"
        ALIAS = "alias", "Alias"
        NICKNAME = "nickname", "Nickname"
        PREVIOUS = "previous", "Previous name"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LEGAL)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    given_key = models.CharField(max_length=20, blank=True, db_index=True)
    family_key = models.CharField(max_length=20, blank=True, db_index=True)
    given_sound = models.CharField(max_length=4, blank=True, db_index=True)
    family_sound = models.CharField(max_length=4, blank=True, db_index=True)
    given_prefix = models.CharField(max_length=3, blank=True, db_index=True)
    family_prefix = models.CharField(max_length=3, blank=True, db_index=True)

    KEY_FIELDS = ("given_key", "family_key", "given_sound", "family_sound", "given_prefix", "family_prefix")

    class Meta:
        ordering = ["person_id", "kind", "id"]

    def __str__(self) -> str:
        return self.full_name

    def refresh_keys(self) -> None:
        from safecontext.people.matching import stored_keys

        given, family = stored_keys(self.given_name), stored_keys(self.family_name)
        self.given_key, self.given_sound, self.given_prefix = given.phonetic, given.sound, given.prefix
        self.family_key, self.family_sound, self.family_prefix = family.phonetic, family.sound, family.prefix

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_keys()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.KEY_FIELDS}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)


class Address(ActionOnlyModel):
    """An address. A restricted address (e.g. a refuge, or a child placed away from people who harm them) is hidden
    from anyone without the VIEW_RESTRICTED_ADDRESSES permission — even its existence shows only as "restricted"."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line_1 = models.CharField(max_length=200)
    line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    restricted = models.BooleanField(default=False)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person_id", "-start_date", "id"]

    def __str__(self) -> str:
        return ", ".join(part for part in (self.line_1, self.line_2, self.town, self.postcode) if part)
