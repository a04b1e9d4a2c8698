"""Every write about accounts: sign-in attempts and their lockout, sign-out, password changes, new users.

Each action is atomic and writes its AuditEvent in the same transaction (STYLE.md). Sign-in attempts are audited
whether they succeed or fail: a council's security officer needs to see who tried which username, and when.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.http import HttpRequest
from django.utils import timezone

from safecontext.accounts import totp
from safecontext.accounts.models import SignInThrottle, Team, User
from safecontext.accounts.roles import Role
from safecontext.audit.actions import record_change
from safecontext.core.actions_base import action


class SignInResult(enum.Enum):
    SIGNED_IN = "signed_in"
    REFUSED = "refused"  # wrong username, password or code: never says which
    LOCKED = "locked"  # too many failures for this username, known or not


@dataclass(frozen=True)
class SignInOutcome:
    result: SignInResult
    user: User | None = None


def throttle_key(username: str) -> str:
    """Usernames are counted case-insensitively, so `Ali` and `ali` share one count of failures."""
    return username.strip().lower()[:150]


def attempt_sign_in(*, username: str, password: str, code: str, request: HttpRequest | None = None) -> SignInOutcome:
    """Check a username, password and security code, counting failures towards the lockout.

    The three checks give one answer, and an unknown username is counted and locked exactly like a known one, so
    nobody can learn from the responses whether an account exists or which part was wrong.
    """
    key = throttle_key(username)
    if _locked_until(key, timezone.now()) is not None:
        return record_sign_in_attempt(key=key, user=None, code=code)
    # The password is checked outside the action's transaction: hashing takes a noticeable fraction of a second,
    # and SQLite would hold its write lock for all of it. ModelBackend hashes even for an unknown username (so
    # timing does not tell), and refuses disabled users.
    user = authenticate(request, username=username, password=password)
    return record_sign_in_attempt(key=key, user=user if isinstance(user, User) else None, code=code)


def _locked_until(key: str, now: dt.datetime) -> dt.datetime | None:
    locked_until = SignInThrottle.objects.filter(username_key=key).values_list("locked_until", flat=True).first()
    return locked_until if locked_until is not None and locked_until > now else None


@action
def record_sign_in_attempt(*, key: str, user: User | None, code: str) -> SignInOutcome:
    """Decide and record an attempt whose password check gave `user` (None: wrong password or unknown username).

    Runs under row locks on the throttle and the user, so two attempts at once cannot both use one code or both
    slip under the lockout.
    """
    now = timezone.now()
    throttle = SignInThrottle.objects.select_for_update().filter(username_key=key).first()
    if throttle is not None and throttle.locked_until is not None and throttle.locked_until > now:
        # Even the right password and code are refused until the lock ends; the code is not used up.
        record_change(
            by=None,
            action="sign_in.refused_locked",
            target=throttle,
            after={"username": key, "locked_until": throttle.locked_until},
        )
        return SignInOutcome(SignInResult.LOCKED)

    if user is not None:
        locked_user = User.objects.select_for_update().get(pk=user.pk)
        step = totp.matching_step(locked_user.totp_secret, code, at=now)
        # RFC 6238 §5.2: a code (or any earlier one) that has been accepted once is never accepted again.
        if step is not None and (locked_user.totp_last_step is None or step > locked_user.totp_last_step):
            locked_user.totp_last_step = step
            locked_user.save(update_fields=["totp_last_step"])
            if throttle is not None:  # a success clears the count
                SignInThrottle.objects.filter(pk=throttle.pk).update(
                    failures=0, first_failure_at=None, locked_until=None
                )
            record_change(by=user, action="sign_in.succeeded", target=user)
            return SignInOutcome(SignInResult.SIGNED_IN, user)

    return _count_failure(throttle=throttle, key=key, now=now)


def _count_failure(*, throttle: SignInThrottle | None, key: str, now: dt.datetime) -> SignInOutcome:
    window = dt.timedelta(seconds=settings.SIGN_IN_LOCKOUT_SECONDS)
    if throttle is None:
        # get_or_create, not create: two first failures for one username may arrive at the same moment.
        throttle = SignInThrottle.objects.select_for_update().get_or_create(username_key=key)[0]
    if throttle.first_failure_at is None or throttle.first_failure_at <= now - window:
        # Failures older than the lockout window no longer count.
        throttle.failures = 0
        throttle.first_failure_at = now
        throttle.locked_until = None
    before = {"failures": throttle.failures}
    throttle.failures += 1
    locked = throttle.failures >= settings.SIGN_IN_MAX_FAILURES
    if locked:
        throttle.locked_until = now + window
    throttle.save()

    # The event names the account when there is one; an unknown username is recorded against its throttle row.
    known = User.objects.filter(username__iexact=key).first()
    target = known if known is not None else throttle
    after = {"username": key, "failures": throttle.failures}
    record_change(by=None, action="sign_in.failed", target=target, before=before, after=after)
    if locked:
        record_change(
            by=None,
            action="sign_in.locked",
            target=target,
            after={**after, "locked_until": throttle.locked_until},
        )
        return SignInOutcome(SignInResult.LOCKED)
    return SignInOutcome(SignInResult.REFUSED)


@action
def record_sign_out(*, user: User, reason: str, by: User | None) -> None:
    """A sign-out, by the person (`reason="signed_out"`) or by the session limits (`"idle"`, `"absolute"`)."""
    record_change(by=by, action=f"sign_out.{reason}", target=user)


@action
def change_password(*, user: User, new_password: str, by: User) -> None:
    """Set a new password after checking it against the password rules (12+ characters, not a common one…).

    Raises django.core.exceptions.ValidationError with the rules' messages when the password is refused.
    """
    validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    # Never the password, nor its hash: only that it changed.
    record_change(by=by, action="account.password_changed", target=user)


@action
def create_user(
    *,
    username: str,
    password: str,
    role: Role | str,
    team: Team | None,
    supervisor: User | None,
    first_name: str = "",
    last_name: str = "",
    by: User | None,
) -> User:
    """A new account with a fresh TOTP secret. The password must pass the password rules."""
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        role=str(role),
        team=team,
        supervisor=supervisor,
        totp_secret=totp.new_secret(),
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    record_change(
        by=by,
        action="account.created",
        target=user,
        after={
            "username": user.username,
            "role": user.role,
            "team": team.pk if team else None,
            "supervisor": supervisor.pk if supervisor else None,
        },
    )
    return user


@action
def change_user_access(
    *,
    user: User,
    role: Role | str | None = None,
    team: Team | None = None,
    supervisor: User | None = None,
    is_active: bool | None = None,
    by: User | None,
) -> User:
    """Change what decides a user's access — role, team, supervisor, enabled — with the change audited."""
    fields = ("role", "team_id", "supervisor_id", "is_active")
    before = {field: getattr(user, field) for field in fields}
    if role is not None:
        user.role = str(role)
    if team is not None:
        user.team = team
    if supervisor is not None:
        user.supervisor = supervisor
    if is_active is not None:
        user.is_active = is_active
    user.full_clean(exclude=["password"])
    user.save()
    after = {field: getattr(user, field) for field in fields}
    changed = [field for field in fields if before[field] != after[field]]
    record_change(
        by=by,
        action="account.access_changed",
        target=user,
        before={field: before[field] for field in changed},
        after={field: after[field] for field in changed},
    )
    return user
