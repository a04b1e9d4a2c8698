"""`manage.py create_user <username> --role … --team …`: add an account with a password and a TOTP secret.

The password is read from standard input (`--password-stdin`, so it stays out of shell history) or generated.
The TOTP secret and its otpauth:// URI are printed once, for the person's authenticator app.
"""

from __future__ import annotations

import secrets
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safecontext.accounts import totp
from safecontext.accounts.actions import create_user
from safecontext.accounts.models import Team, User
from safecontext.accounts.roles import Role

# A generated password is random URL-safe text, well past the 12-character minimum.
GENERATED_PASSWORD_BYTES = 18  # 24 characters


class Command(BaseCommand):
    help = "Create a user with a password and a TOTP secret (prints the secret and an otpauth:// URI once)."
    stealth_options = ("stdin",)  # tests hand in a stream, as for Django's createsuperuser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[role.value for role in Role])
        parser.add_argument("--team", help="the team or pod's name")
        parser.add_argument("--service", help="the service the team belongs to, when two teams share a name")
        parser.add_argument("--supervisor", help="the username of this person's supervisor")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from standard input instead of generating one",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"There is already a user called {username!r}.")
        team = self._team(options["team"], options["service"])
        supervisor = None
        if options["supervisor"]:
            supervisor = User.objects.filter(username=options["supervisor"]).first()
            if supervisor is None:
                raise CommandError(f"There is no user called {options['supervisor']!r} to be the supervisor.")

        generated = not options["password_stdin"]
        stdin = options.get("stdin") or sys.stdin
        password = secrets.token_urlsafe(GENERATED_PASSWORD_BYTES) if generated else stdin.readline().rstrip("\r\n")
        try:
            user = create_user(
                username=username,
                password=password,
                role=options["role"],
                team=team,
                supervisor=supervisor,
                first_name=options["first_name"],
                last_name=options["last_name"],
                by=None,
            )
        except ValidationError as error:
            raise CommandError("The user was not created: " + " ".join(error.messages)) from None

        self.stdout.write(f"Created {user.username} ({user.role_label}{', ' + team.name if team else ''}).")
        if generated:
            self.stdout.write(f"Password: {password}")
        self.stdout.write(f"TOTP secret: {user.totp_secret}")
        self.stdout.write(f"Authenticator URI: {totp.provisioning_uri(user.totp_secret, user.username)}")
        self.stdout.write("Give these to the person privately; they are not shown again.")

    def _team(self, name: str | None, service: str | None) -> Team | None:
        if not name:
            return None
        teams = Team.objects.filter(name=name).select_related("service")
        if service:
            teams = teams.filter(service__name=service)
        found = list(teams)
        if not found:
            raise CommandError(f"There is no team called {name!r}{' in ' + service if service else ''}.")
        if len(found) > 1:
            services = ", ".join(sorted(team.service.name for team in found))
            raise CommandError(f"More than one team is called {name!r} (in {services}): add --service.")
        return found[0]
