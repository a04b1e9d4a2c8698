"""The machinery every `actions.py` stands on.

STYLE.md: one state change = one atomic action that writes its own audit event, and key records cannot be saved
around the actions (after job-server's ImmutableModelMixin). `@action` opens a transaction and marks the code
inside it as an action; `ActionOnlyModel.save()` refuses to run anywhere else, so a view or a shell session that
tries `person.save()` gets an error instead of an unaudited change.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import models, transaction

_inside_action: ContextVar[bool] = ContextVar("inside_action", default=False)


class SavedOutsideAction(RuntimeError):
    """A key record was written without going through its action (and so without an audit event)."""


@contextmanager
def inside_action() -> Iterator[None]:
    token = _inside_action.set(True)
    try:
        yield
    finally:
        _inside_action.reset(token)


def action[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    """Run `func` atomically, marked as an action. Actions take keyword-only arguments and `by=` the user."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic(), inside_action():
            return func(*args, **kwargs)

    return wrapper


def is_inside_action() -> bool:
    return _inside_action.get()


def _refuse_outside_action(model: type[models.Model], what: str) -> None:
    if not is_inside_action():
        raise SavedOutsideAction(f"{model.__name__} rows can only be {what} from an action in actions.py")


class ActionOnlyQuerySet[M: models.Model](models.QuerySet[M]):
    """The bulk paths (update, delete, bulk_create, bulk_update — and so a many-to-many `.add()`) refuse too, so
    there is no way round the actions short of raw SQL."""

    def update(self, **kwargs: Any) -> int:
        _refuse_outside_action(self.model, "updated")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        _refuse_outside_action(self.model, "deleted")
        return super().delete()

    def bulk_create(self, *args: Any, **kwargs: Any) -> list[M]:
        _refuse_outside_action(self.model, "created")
        return super().bulk_create(*args, **kwargs)

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        _refuse_outside_action(self.model, "updated")
        return super().bulk_update(*args, **kwargs)


class ActionOnlyModel(models.Model):
    """A model whose rows may only be written by actions (which audit them)."""

    objects = ActionOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not is_inside_action():
            raise SavedOutsideAction(f"{type(self).__name__} can only be saved from an action in actions.py")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if not is_inside_action():
            raise SavedOutsideAction(f"{type(self).__name__} can only be deleted from an action in actions.py")
        return super().delete(*args, **kwargs)
