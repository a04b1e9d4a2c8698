# One task runner for humans and CI: the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

# The first Python >= 3.12 that actually runs (pyenv shims exist on PATH for versions that are not selected,
# so "on PATH" is not enough: each candidate is asked for its version).
PYTHON_CANDIDATES := python3.14 python3.13 python3.12 python3 $(sort $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3))
BASE_PYTHON := $(shell for p in $(PYTHON_CANDIDATES); do \
	"$$p" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1 && { command -v "$$p" || echo "$$p"; } && break; \
	done)

.PHONY: help run test lint typecheck pytest demo assets lock clean check-python

help:
	@echo "make run   - install, migrate, load the synthetic demo council and serve on http://127.0.0.1:$(PORT)"
	@echo "make test  - install test dependencies and run lint, type checks and the whole test suite"

check-python:
	@if [ -z "$(BASE_PYTHON)" ]; then \
		echo "SafeContext needs Python 3.12 or newer and none was found (tried: $(PYTHON_CANDIDATES))." >&2; \
		echo "Install python3.12 or python3.13 and run the command again." >&2; exit 1; fi

$(VENV)/.base-installed: requirements/base.txt | check-python
	@test -x $(PY) || $(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.txt
	@touch $@

$(VENV)/.test-installed: requirements/test.txt $(VENV)/.base-installed
	$(PY) -m pip install --quiet --require-hashes -r requirements/test.txt
	@touch $@

run: $(VENV)/.base-installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(PY) manage.py demo_sign_in_help --port $(PORT)
	@# Background tasks (network clusters, docs/adr/0017) run in a worker beside the server, stopped with it.
	$(PY) manage.py db_worker --no-reload --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT) --skip-checks

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.test-installed
	$(VENV)/bin/mypy

pytest: $(VENV)/.test-installed
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

# A synthetic city of 1,000,000 people in its own database (bench.sqlite3, or safecontext_bench on the PostgreSQL
# server DATABASE_URL names), then the front door's timings (docs/adr/0013-benchmarks.md, BENCHMARKS.md).
# BENCH_SCALE=0.01 for a quick run; BENCH_ARGS="--measure-only" to re-measure the city already loaded.
.PHONY: bench
bench: $(VENV)/.base-installed
	$(PY) -m safecontext.bench $(BENCH_ARGS)

# Developers only: rebuild the committed static files from the npm lock file.
assets:
	npm ci --no-audit --no-fund
	npm run build

# Developers only: re-pin dependencies after editing requirements/*.in.
lock: $(VENV)/.base-installed
	$(PY) -m pip install --quiet uv
	cd requirements && ../$(VENV)/bin/uv pip compile --python-version 3.12 --generate-hashes base.in -o base.txt
	cd requirements && ../$(VENV)/bin/uv pip compile --python-version 3.12 --generate-hashes test.in -o test.txt

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .mypy_cache .ruff_cache
