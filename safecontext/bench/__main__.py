"""`make bench` → `python -m safecontext.bench`: build the synthetic city in its own database, then measure.

The database is chosen before Django starts, from DATABASE_URL: unset or SQLite → `bench.sqlite3` beside the
project (recreated); PostgreSQL → a `safecontext_bench` database on the same server (dropped and created again).
The development database is never opened.

    python -m safecontext.bench                     # 1,000,000 people
    BENCH_SCALE=0.01 python -m safecontext.bench    # 10,000 people, a quick run
    python -m safecontext.bench --people 200000 --measure-only   # re-measure the city already loaded
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent.parent
BENCH_SQLITE = BASE_DIR / "bench.sqlite3"
BENCH_DATABASE_NAME = "safecontext_bench"
FULL_SCALE = 1_000_000


def _people_from_environment() -> int:
    raw = os.environ.get("BENCH_SCALE", "1")
    try:
        scale = float(raw)
    except ValueError:
        raise SystemExit(f"BENCH_SCALE={raw!r} is not a number (1 is a city of 1,000,000 people).") from None
    if not 0 < scale <= 10:
        raise SystemExit(f"BENCH_SCALE={raw!r}: use a number above 0 and at most 10.")
    return round(FULL_SCALE * scale)


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m safecontext.bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--people", type=int, default=None, help="people in the city (default 1,000,000 times BENCH_SCALE)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--measure-only", action="store_true", help="measure the city already in the bench database")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    if args.people is None:
        args.people = _people_from_environment()
    return args


def bench_database_url(configured: str | None) -> str:
    """The benchmark's own database on the configured server: never the configured database itself."""
    if configured and configured.split(":", 1)[0] in {"postgres", "postgresql", "pgsql"}:
        parts = urlsplit(configured)
        return urlunsplit((parts.scheme, parts.netloc, f"/{BENCH_DATABASE_NAME}", parts.query, parts.fragment))
    if configured and not configured.startswith("sqlite:"):
        raise SystemExit("DATABASE_URL must be a sqlite:// or postgres:// URL.")
    return f"sqlite:///{BENCH_SQLITE}"


def _recreate_database(url: str) -> None:
    if url.startswith("sqlite:"):
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{BENCH_SQLITE}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    parts = urlsplit(url)
    maintenance = urlunsplit(("postgresql", parts.netloc, "/postgres", parts.query, ""))
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE_NAME}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{BENCH_DATABASE_NAME}"')


def _load_average() -> str:
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def _say(text: str) -> None:
    print(text, flush=True)


def main(argv: list[str]) -> int:
    args = _arguments(argv)
    url = bench_database_url(os.environ.get("DATABASE_URL"))
    if not args.measure_only:
        _recreate_database(url)
    # Before Django reads its settings: the bench database, and DEBUG off (DEBUG keeps every query in memory).
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safecontext.settings")
    import django

    django.setup()

    from django.core.management import call_command
    from django.utils import timezone

    from safecontext.bench.city import City
    from safecontext.bench.load import Timing, load_city
    from safecontext.bench.measure import Figure, database_label, peak_rss_mb, run_all
    from safecontext.bench.population import Scale
    from safecontext.people.models import Person

    database = database_label()
    today = timezone.localdate()
    _say(f"SafeContext benchmark: {args.people:,} people, {database} ({url.split('@')[-1]}), seed {args.seed}")
    if args.measure_only:
        loaded = Person.objects.count()
        if loaded == 0:
            raise SystemExit("The bench database is empty: run without --measure-only first.")
        args.people = loaded
    else:
        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        _say(f"  migrate: {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        city = City(Scale(args.people), seed=args.seed, today=today)
        _say(f"  population drawn: {time.perf_counter() - started:.1f} s")

        def show(timing: Timing) -> None:
            rate = f", {timing.rows / timing.seconds:,.0f} rows/s" if timing.is_table and timing.seconds else ""
            _say(f"  load {timing.what}: {timing.rows:,} in {timing.seconds:.1f} s{rate}")

        timings = load_city(city, report=show)
        _say(f"  load total: {timings[-1].rows:,} rows in {timings[-1].seconds:.1f} s")

    _say(f"machine: {os.cpu_count()} cores; load average before measuring: {_load_average()}")

    def report(figure: Figure) -> None:
        _say(figure.line())
        for note in figure.notes:
            _say(f"    {note}")

    figures = run_all(people=args.people, today=today, now=timezone.now(), seed=args.seed, report=report)
    _say(f"peak RSS ({args.people:,} people, {database}): {peak_rss_mb():,.0f} MB")
    _say(f"load average after measuring: {_load_average()} (other work on the machine inflates the figures)")
    if args.json:
        payload = {
            "people": args.people,
            "database": database,
            "seed": args.seed,
            "figures": [figure.as_dict() for figure in figures],
            "peak_rss_mb": round(peak_rss_mb()),
            "cores": os.cpu_count(),
            "load_average_after": _load_average(),
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
