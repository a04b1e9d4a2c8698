"""Two append-only audit streams (after job-server and Primero's access_log + record_history).

`AuditEvent` records every change with before/after values; `AccessEvent` records every read of a person's
record (page, API, list result, search result, export). Neither has foreign keys, so deleting or merging a
record can never cascade into its history. The application cannot update or delete rows: the model and its
queryset refuse, and database triggers refuse too (see docs/adr/0004-append-only-audit.md).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models


class AppendOnlyError(RuntimeError):
    pass


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit rows cannot be updated")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit rows cannot be deleted")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("audit rows cannot be updated")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit rows cannot be deleted")


class AuditEvent(AppendOnlyModel):
    """A change: who did what to which record, with the values before and after."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(null=True)
    actor_username = models.CharField(max_length=150)
    action = models.CharField(max_length=100, db_index=True)  # e.g. "person.updated", "break_glass.granted"
    target_type = models.CharField(max_length=100)  # e.g. "people.person"
    target_id = models.CharField(max_length=64, db_index=True)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.target_type}#{self.target_id}"


class AccessEvent(AppendOnlyModel):
    """A read of a person's information."""

    class Kind(models.TextChoices):
        PAGE = "page", "Record page"
        API = "api", "API read"
        LIST = "list", "Shown in a list"
        SEARCH = "search", "Search result"
        EXPORT = "export", "Export"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(null=True)
    actor_username = models.CharField(max_length=150)
    actor_role = models.CharField(max_length=30, blank=True)
    person_id = models.BigIntegerField(db_index=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    path = models.CharField(max_length=500, blank=True)
    via_break_glass = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.kind} person#{self.person_id}"
