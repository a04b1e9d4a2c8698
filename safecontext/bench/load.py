"""Writes the benchmark city fast: bypasses the ORM's row-by-row path (docs/adr/0013-benchmarks.md).

- SQLite: `executemany` in chunks, one transaction a table, with `journal_mode=OFF`, `synchronous=OFF` and foreign
  keys off during the load (checked afterwards with `PRAGMA foreign_key_check`).
- PostgreSQL: `COPY … FROM STDIN` (psycopg 3 `cursor.copy`), with the tables' foreign keys dropped during the load
  and added back afterwards, which makes PostgreSQL check every row at once.
- Both: secondary indexes are dropped before the load and rebuilt after it (one sort instead of millions of
  random inserts), then the planner's statistics are refreshed (ANALYZE; VACUUM ANALYZE on PostgreSQL, which also
  sets the visibility map that index-only scans need, as autovacuum would on a live database).

These bypass `ActionOnlyModel.save()`, so no audit events are written: acceptable for a synthetic database that
exists only to be measured, and the reason `make bench` never touches the development database.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model

from safecontext.accounts.models import Service, Team, User
from safecontext.accounts.roles import Role
from safecontext.bench.city import City, Refs, Row, Table
from safecontext.core.actions_base import inside_action

CHUNK = 20_000
FRONT_DOOR_USERNAME = "bench-front-door"
WORKER_USERNAME = "bench-social-worker"
SERVICE_NAME = "Benchton Children's Services"
OTHER_SERVICE_NAME = "Northbench Children's Services"


@dataclass(frozen=True)
class Timing:
    what: str  # a table name, or a step of the load
    rows: int
    seconds: float
    is_table: bool = False


def create_refs() -> Refs:
    """The services, teams and users the city's rows point at (a handful of rows, through the ORM)."""
    service = Service.objects.create(name=SERVICE_NAME)
    other = Service.objects.create(name=OTHER_SERVICE_NAME)
    front_door_team = Team.objects.create(name="Front Door", service=service, kind=Team.Kind.FRONT_DOOR)
    pods = [Team.objects.create(name=f"Pod {letter}", service=service, kind=Team.Kind.POD) for letter in "ABCD"]
    Team.objects.create(name="Front Door", service=other, kind=Team.Kind.FRONT_DOOR)
    # No password: nobody signs in to the benchmark database.
    front_door = User.objects.create_user(
        FRONT_DOOR_USERNAME, password=None, first_name="Bench", role=Role.FRONT_DOOR, team=front_door_team
    )
    worker = User.objects.create_user(
        WORKER_USERNAME, password=None, first_name="Bench", role=Role.SOCIAL_WORKER, team=pods[0]
    )
    return Refs(
        service_id=service.pk,
        other_service_id=other.pk,
        front_door_user_id=front_door.pk,
        worker_user_id=worker.pk,
        case_team_ids=tuple(pod.pk for pod in pods),
    )


def load_city(city: City, *, fast: bool = True, report: Callable[[Timing], None] = lambda timing: None) -> list[Timing]:
    """Writes every table of `city`; `fast` drops indexes and foreign-key checks during the load (a fresh
    database only — the test loads a small city into the test database with `fast=False`)."""
    timings: list[Timing] = []

    def timed(timing: Timing) -> None:
        timings.append(timing)
        report(timing)

    started = time.perf_counter()
    with inside_action():
        refs = create_refs()
        tables = city.tables(refs)
        models = [apps.get_model(table.model) for table in tables]
        if connection.vendor == "sqlite" and fast:
            _sqlite_fast_on()
        dropped_indexes = _drop_indexes(models) if fast else []
        dropped_keys = _drop_foreign_keys(models) if fast and connection.vendor == "postgresql" else []
        for table, model in zip(tables, models, strict=True):
            timed(_load_table(table, model))
        if dropped_indexes:
            timed(_timed("indexes rebuilt", len(dropped_indexes), lambda: _run_all(dropped_indexes)))
        if dropped_keys:
            timed(_timed("foreign keys re-added and checked", len(dropped_keys), lambda: _run_all(dropped_keys)))
        if connection.vendor == "sqlite" and fast:
            timed(_timed("foreign keys checked", len(models), lambda: _sqlite_check_foreign_keys(models)))
            _sqlite_fast_off()
        _reset_sequences(models)
        if fast and connection.vendor == "postgresql":
            # VACUUM as well: it sets the visibility map, without which PostgreSQL cannot answer from an index alone.
            # Autovacuum does the same on a live database after a large insert; the benchmark should not wait for it.
            timed(_timed("VACUUM ANALYZE", len(models), lambda: _analyse(vacuum=True)))
        else:
            timed(_timed("statistics (ANALYZE)", len(models), _analyse))
    timings.append(Timing("total", sum(t.rows for t in timings if t.is_table), time.perf_counter() - started))
    return timings


def _timed(what: str, rows: int, work: Callable[[], object]) -> Timing:
    started = time.perf_counter()
    work()
    return Timing(what, rows, time.perf_counter() - started)


def _run_all(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _chunks(rows: Iterator[Row]) -> Iterator[list[Row]]:
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield chunk


def _constant_fields(table: Table, model: type[Model]) -> tuple[list[str], tuple[object, ...]]:
    """Fields the city does not generate (added to a model after this was written) take their model default, so a
    new column with a default does not break the benchmark; one without a default stops it with a clear message."""
    names: list[str] = []
    values: list[object] = []
    for field in model._meta.concrete_fields:
        if field.attname in table.fields:
            continue
        if field.has_default() and not callable(field.default):
            value = field.get_default()
        elif field.null:
            value = None
        elif field.blank and field.empty_strings_allowed:
            value = ""  # what the ORM writes for a blank text field with no default
        else:
            raise ValueError(f"{table.model}.{field.name} has no default: the benchmark city must generate it.")
        names.append(field.attname)
        values.append(value)
    return names, tuple(values)


def _load_table(table: Table, model: type[Model]) -> Timing:
    constant_names, constants = _constant_fields(table, model)
    fields = [*table.fields, *constant_names]
    by_attname = {field.attname: field.column for field in model._meta.concrete_fields}
    columns = [str(by_attname[name]) for name in fields]
    rows: Iterator[Row] = table.rows()
    if constants:
        rows = (row + constants for row in rows)
    quote = connection.ops.quote_name
    column_list = ", ".join(quote(column) for column in columns)
    db_table = quote(model._meta.db_table)
    count = 0
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {db_table} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {db_table} ({column_list}) VALUES ({placeholders})"  # noqa: S608 - names from models
            for chunk in _chunks(rows):
                cursor.executemany(sql, chunk)  # type: ignore[arg-type]  # plain ints, strings, bools and None
                count += len(chunk)
    return Timing(model._meta.db_table, count, time.perf_counter() - started, is_table=True)


# --- indexes and keys -------------------------------------------------------------------------------------------


def _drop_indexes(models: list[type[Model]]) -> list[str]:
    """Drops the secondary indexes of these tables (not those behind primary keys or unique constraints) and
    returns the statements that rebuild them."""
    rebuild: list[str] = []
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                    "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                    "WHERE t.relname = %s AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)",
                    [table],
                )
            else:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                    [table],
                )
            for name, definition in cursor.fetchall():
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                rebuild.append(definition)
    return rebuild


def _drop_foreign_keys(models: list[type[Model]]) -> list[str]:
    """PostgreSQL: drops the foreign keys of these tables; returns the statements that add (and check) them again."""
    add_again: list[str] = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f'",
                [table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
                add_again.append(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
    return add_again


def _sqlite_fast_on() -> None:
    with connection.cursor() as cursor:
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "foreign_keys = OFF", "cache_size = -400000"):
            cursor.execute(f"PRAGMA {pragma}")


def _sqlite_fast_off() -> None:
    with connection.cursor() as cursor:
        for pragma in ("foreign_keys = ON", "synchronous = FULL", "journal_mode = DELETE"):
            cursor.execute(f"PRAGMA {pragma}")


class IntegrityError(RuntimeError):
    pass


def _sqlite_check_foreign_keys(models: list[type[Model]]) -> None:
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"PRAGMA foreign_key_check({connection.ops.quote_name(model._meta.db_table)})")
            broken = cursor.fetchmany(5)
            if broken:
                raise IntegrityError(f"{model._meta.db_table}: rows point at nothing, e.g. {broken}")


def _reset_sequences(models: list[type[Model]]) -> None:
    """PostgreSQL: the rows came with their own ids, so the id sequences must start after them."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    _run_all(statements)


def _analyse(*, vacuum: bool = False) -> None:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
