"""`manage.py load_demo`: load the synthetic demo council Brightside (issue 2, capability 9). `make run` calls it.

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
from safecontext.demo.actions import DemoConflict, demo_is_loaded, load_demo_council
from safecontext.demo.builder import build_demo


class Command(BaseCommand):
    help = "Load the synthetic Brightside demo council (users in every role, about 200 people, the Asif case study)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_ALLOWED:
            raise CommandError("The demo council can't be loaded here: DEMO_ALLOWED is off (production settings).")
        if demo_is_loaded():  # checked before building, so a rerun of `make run` is instant
            self.stdout.write("Demo council already loaded: nothing changed.")
            return
        plan = build_demo(today=timezone.localdate())
        self.stdout.write(f"Loading the synthetic demo council {data.TOWN} (hashing {len(plan.users)} passwords)…")
        try:
            result = load_demo_council(plan=plan, password=data.DEMO_PASSWORD, by=None)
        except DemoConflict as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError(f"The demo password is too weak: {' '.join(error.messages)}") from error
        if result.already_loaded:
            self.stdout.write("Demo council already loaded: nothing changed.")
            return
        counts = result.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {data.TOWN}: {counts['users']} users in {counts['teams']} teams, "
                f"{counts['people']} people, {counts['cases']} open cases. All synthetic."
            )
        )
