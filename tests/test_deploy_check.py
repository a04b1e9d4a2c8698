"""Production settings pass Django's deployment checks; bad settings stop start-up with a message naming the variable.

Each case runs `manage.py` in a fresh process, because settings are read once at import and this test process has
already imported them with the test configuration.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Variables that settings.py (or Django's deploy checks) read. Each case states the ones it wants and inherits none
# from the runner (CI sets DATABASE_URL for its PostgreSQL run, for instance).
SETTINGS_VARIABLES = {
    "SAFECONTEXT_ENV",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SESSION_IDLE_SECONDS",
    "SESSION_ABSOLUTE_SECONDS",
    "SIGN_IN_MAX_FAILURES",
    "SIGN_IN_LOCKOUT_SECONDS",
    "BREAK_GLASS_SECONDS",
    "LOG_LEVEL",
    # Set while the browser tests run (tests/browser/conftest.py); check --deploy refuses it (async.E001).
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def production_environment(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    environment = {name: value for name, value in os.environ.items() if name not in SETTINGS_VARIABLES}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "safecontext.settings",
            "SAFECONTEXT_ENV": "production",
            "DEBUG": "0",
            # token_urlsafe(45) gives 60 characters.
            "SECRET_KEY": secrets.token_urlsafe(45),
            "ALLOWED_HOSTS": "safecontext.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
        }
    )
    for name, value in overrides.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return environment


def manage(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    result = manage(production_environment(tmp_path), "check", "--deploy", "--fail-level", "WARNING")

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNINGS" not in output, output


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": "too-short"}, "SECRET_KEY"),
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DEBUG": "1"}, "DEBUG"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
        ({"SAFECONTEXT_ENV": "prod"}, "SAFECONTEXT_ENV"),
    ],
    ids=["no-secret-key", "short-secret-key", "debug-maybe", "debug-on", "mysql", "no-allowed-hosts", "unknown-env"],
)
def test_bad_production_settings_stop_start_up_naming_the_variable(
    tmp_path: Path, overrides: dict[str, str | None], named: str
) -> None:
    result = manage(production_environment(tmp_path, **overrides), "check")

    assert result.returncode != 0, result.stdout + result.stderr
    assert "ImproperlyConfigured" in result.stderr, result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert named in message, message
