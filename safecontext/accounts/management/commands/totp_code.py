"""`manage.py totp_code <username>`: print a demo user's current security code.

For the synthetic demo only, so that signing in is easy without weakening sign-in itself. It refuses to run
where the demo is not allowed (production), because there it would be a way round the second factor.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from safecontext.accounts import totp
from safecontext.accounts.models import User


class Command(BaseCommand):
    help = "Print the current 6-digit security code for a demo user (not available in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        if not settings.DEMO_ALLOWED:
            raise CommandError("totp_code is for the synthetic demo only and is switched off in production.")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        if not user.totp_secret:
            raise CommandError(f"{username} has no security-code secret: create the user with create_user.")
        now = timezone.now()
        seconds_left = totp.STEP_SECONDS - int(now.timestamp()) % totp.STEP_SECONDS
        try:
            code = totp.code_at(user.totp_secret, now)
        except ValueError:
            raise CommandError(f"{username}'s security-code secret is not valid base32 of 128 bits or more.") from None
        self.stdout.write(code)
        self.stderr.write(f"(valid for about {seconds_left} more seconds, and for one use)")
