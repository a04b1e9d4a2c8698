"""`manage.py demo_sign_in_help --port 8000`: tell a new user how to sign in to the demo. `make run` prints it.

Signing in always takes a password and a TOTP code; the demo makes that easy (one shared password, secrets
printed here, `totp_code` for a current code) without weakening sign-in itself. Refuses in production.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safecontext.accounts.models import User
from safecontext.demo import data


class Command(BaseCommand):
    help = "Print the demo's address, password, users and TOTP secrets, and how to get a sign-in code."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="the port the server listens on (default 8000)")

    def handle(self, *args: Any, port: int, **options: Any) -> None:
        if not settings.DEMO_ALLOWED:
            raise CommandError("Demo sign-in help is switched off in production: it would print sign-in secrets.")
        found = {
            user.username: user
            for user in User.objects.filter(username__in=[spec.username for spec in data.USERS]).select_related("team")
        }
        demo_users = [found[spec.username] for spec in data.USERS if spec.username in found]
        if not demo_users:
            raise CommandError("The demo council isn't loaded: run `.venv/bin/python manage.py load_demo` first.")
        write = self.stdout.write
        rule = "=" * 100
        write(rule)
        write(f"SafeContext demo council ({data.TOWN}: synthetic people only) is at http://127.0.0.1:{port}/")
        write(rule)
        write(f"Password for every demo user:  {data.DEMO_PASSWORD}")
        write("")
        write("Signing in also asks for a 6-digit security code. For a current code, run in another terminal:")
        write("    .venv/bin/python manage.py totp_code <username>")
        write("or add the user's TOTP secret below to any authenticator app (a time-based, 6-digit, 30-second key).")
        write("")
        write("Good users to start with:")
        for username, why in data.SUGGESTED_USERS:
            if username in found:
                write(f"    {username:<13} {found[username].display_name} ({why})")
        write("")
        rows = [("Username", "Name", "Role", "Team", "TOTP secret")]
        rows += [
            (user.username, user.display_name, user.role_label, user.team.name if user.team else "", user.totp_secret)
            for user in demo_users
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        for number, row in enumerate(rows):
            write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
            if number == 0:
                write("  ".join("-" * width for width in widths))
        top = [spec for spec in data.USERS if spec.supervisor is None and spec.username in found]
        for spec in top:
            write(f"\n{spec.username} is the {spec.job_title}. Every other user has a supervisor in SafeContext;")
            write("the Director's is the council's chief executive, who does not use it.")
        write(rule)
