"""Collecting every problem with an action's input at once, so a form shows them all rather than one per attempt."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ValidationErrors:
    """Messages keyed by the form field they belong to; `raise_if_any` turns them into one ValidationError."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def take(self, error: ValidationError, *, prefix: str = "") -> None:
        """Another module's ValidationError, with its field names placed under `prefix`."""
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.add(prefix.rstrip(".") or "__all__", message)
            return
        for field, messages in error.message_dict.items():
            for message in messages:
                self.add(f"{prefix}{field}", message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)
