"""`python manage.py api_token <username> [--days N]` — issue a JSON API bearer token and print it once.

`--revoke` revokes every active token the user holds instead. Both are audited (accounts/tokens.py).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safecontext.accounts.models import User
from safecontext.accounts.tokens import (
    DEFAULT_DAYS,
    ApiTokenRefused,
    active_tokens,
    issue_api_token,
    revoke_api_token,
)


class Command(BaseCommand):
    help = "Issue a bearer token for the JSON API (printed once; only its digest is stored), or revoke a user's tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help=f"days until it expires ({DEFAULT_DAYS})")
        parser.add_argument("--revoke", action="store_true", help="revoke all of this user's active tokens")

    def handle(self, *args: Any, username: str, days: int, revoke: bool, **options: Any) -> None:
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"There is no user called {username!r}.") from None
        if revoke:
            tokens = active_tokens(user)
            for api_token in tokens:
                revoke_api_token(api_token=api_token, by=None, reason="revoked with manage.py api_token --revoke")
            self.stdout.write(f"Revoked {len(tokens)} token(s) for {username}.")
            return
        try:
            token = issue_api_token(user=user, days=days, by=None)
        except ApiTokenRefused as refusal:
            raise CommandError(str(refusal)) from None
        # The token alone on stdout, so `TOKEN=$(manage.py api_token alice)` works; the guidance goes to stderr.
        self.stdout.write(token)
        self.stderr.write(
            f"API token for {username}, valid for {days} days. It is shown only this once: keep it secret.\n"
            f"Use it as: Authorization: Bearer <token>"
        )
