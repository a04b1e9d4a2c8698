"""`make bench`: build a synthetic city and measure the front door against it (docs/adr/0013-benchmarks.md).

A plain package, not a Django app: it has no models. `python -m safecontext.bench` picks its own database
(bench.sqlite3, or the `safecontext_bench` PostgreSQL database when DATABASE_URL names a PostgreSQL server), so it
never touches the development database.

- `names.py`: synthetic names from small syllable tables, and the typos a practitioner makes typing them;
- `city.py`: the city as rows, generated deterministically from a seed, with no ORM;
- `load.py`: writes those rows fast (executemany on SQLite, COPY on PostgreSQL) and times each table;
- `measure.py`: the timed figures, run as a front-door user so access scoping is part of what is measured.
"""
