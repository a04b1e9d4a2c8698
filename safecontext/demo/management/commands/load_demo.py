"""`manage.py load_demo`: load the synthetic demo council Brightside (issue 2 capability 9, issue 3 capability 9).
`make run` calls it.

Idempotent: a second run finds the demo already there and changes nothing. Refuses in production
(`DEMO_ALLOWED` is off), where a shared password and published TOTP secrets would be a way in.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from safecontext.demo import data
from safecontext.demo.actions import DemoConflict, demo_is_loaded, demo_lacks_front_door, load_demo_council
from safecontext.demo.builder import build_demo
from safecontext.demo.practice import practice_names


class Command(BaseCommand):
    help = (
        "Load the synthetic Brightside demo council (users in every role, about 240 people, the Asif case study, "
        "and a front door with about 40 referrals over the last four weeks)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_ALLOWED:
            raise CommandError("The demo council can't be loaded here: DEMO_ALLOWED is off (production settings).")
        if demo_is_loaded():  # checked before building, so a rerun of `make run` is instant
            self.already_loaded()
            return
        now = timezone.now()
        plan = build_demo(today=timezone.localdate(now), now=now)
        self.stdout.write(f"Loading the synthetic demo council {data.TOWN}…")
        try:
            result = load_demo_council(plan=plan, password=data.DEMO_PASSWORD, by=None)
        except DemoConflict as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError(f"The demo password is too weak: {' '.join(error.messages)}") from error
        if result.already_loaded:
            self.already_loaded()
            return
        counts = result.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {data.TOWN}: {counts['users']} users in {counts['teams']} teams, "
                f"{counts['people']} people, {counts['cases']} open cases, {counts['referrals']} referrals at the "
                f"front door, {counts['contexts']} contexts and {counts['links']} links. All synthetic."
            )
        )
        practice = {name: count for name, count in counts.items() if name in practice_names()}
        if practice:
            listed = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in practice.items())
            self.stdout.write(f"Practice records: {listed}")

    def already_loaded(self) -> None:
        self.stdout.write("Demo council already loaded: nothing changed.")
        if demo_lacks_front_door():
            # Loading again into the same database would mix two demos; an empty database gets the whole of it.
            self.stdout.write(
                "It was loaded by an earlier version, without the front door (referrals, contexts, meetings). "
                "To see them, load the demo into an empty database (for the default SQLite one, delete db.sqlite3)."
            )
