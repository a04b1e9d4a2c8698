from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models

from safecontext.accounts.roles import Role
from safecontext.core.actions_base import SavedOutsideAction, is_inside_action

# The fields that decide what a user may see. Changing them outside an action (and so without an audit event) is
# refused: a shell session must not quietly turn an administrator into a data officer with access to every child.
ACCESS_FIELDS = ("role", "team_id", "is_active", "is_staff", "is_superuser", "supervisor_id")


class Service(models.Model):
    """A council's children's service (or a partner agency's service) that owns records."""

    name = models.CharField(max_length=200, unique=True)

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team or Team Around the Relationship pod. Case records are held by a team."""

    class Kind(models.TextChoices):
        FRONT_DOOR = "front_door", "Front door"
        POD = "pod", "Pod"
        TEAM = "team", "Team"
        PARTNER = "partner", "Partner agency"
        MANAGEMENT = "management", "Management"

    name = models.CharField(max_length=200)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TEAM)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "name"], name="team_name_unique_in_service")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in. Every user has a supervisor (seed 004: supervision at every level)."""

    role = models.CharField(max_length=30, choices=Role.choices, blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members")
    agency = models.CharField(max_length=200, blank=True, help_text="For partner-agency users: police, school, health…")
    supervisor = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supervisees")
    supervision_cadence_days = models.PositiveSmallIntegerField(default=28)
    # Base32 TOTP secret (RFC 6238). Every user signs in with a password and a code.
    totp_secret = models.CharField(max_length=64, blank=True)
    # The RFC 6238 time step of the last code accepted: a code is refused unless its step is later (RFC 6238 §5.2,
    # "the verifier MUST NOT accept the second attempt of the same OTP"), so an overheard code cannot be replayed.
    totp_last_step = models.BigIntegerField(null=True, blank=True)

    _loaded_access: dict[str, object] | None = None

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Collection[str], values: Collection[Any], *, fetch_mode: Any = None
    ) -> User:
        user = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        user._loaded_access = user._access_values()
        return user

    def _access_values(self) -> dict[str, object]:
        return {field: self.__dict__.get(field) for field in ACCESS_FIELDS}

    def save(self, *args: Any, **kwargs: Any) -> None:
        loaded = getattr(self, "_loaded_access", None)
        if not is_inside_action() and (loaded is None or loaded != self._access_values()):
            raise SavedOutsideAction("a user's role, team, supervisor or status can only change in accounts/actions.py")
        super().save(*args, **kwargs)
        self._loaded_access = self._access_values()

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else "No role"

    @property
    def service(self) -> Service | None:
        return self.team.service if self.team else None

    def __str__(self) -> str:
        return self.display_name


class ApiToken(models.Model):
    """A bearer token for the JSON API, issued by `manage.py api_token <username>`.

    Only a SHA-256 digest is stored; the token itself is shown once, when issued.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"API token for {self.user} (expires {self.expires_at:%Y-%m-%d})"


class SignInThrottle(models.Model):
    """Failed sign-ins per username — known or unknown, so the answer never tells which (lockout: 5 in 30 min)."""

    username_key = models.CharField(max_length=150, unique=True)
    failures = models.PositiveSmallIntegerField(default=0)
    first_failure_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.username_key}: {self.failures} failures"
