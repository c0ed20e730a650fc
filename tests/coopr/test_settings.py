"""Settings read from the environment: refuse to start without a key, SQLite tuned for editors."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from projects.models import Plan

BASE_DIR = Path(settings.BASE_DIR)


def run_django(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter with only the given settings in its environment."""
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    clean.update(
        {"COOPR_ENV_FILE": "/nonexistent/.env", "DJANGO_SETTINGS_MODULE": "coopr.settings"}
    )
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_django("print('started')", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert "started" not in result.stdout


def test_starts_with_secret_key_and_debug_off():
    result = run_django(
        "from django.conf import settings; print(settings.DEBUG, settings.TIME_ZONE)",
        DEBUG="false",
        SECRET_KEY="x" * 50,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "UTC"]


def test_debug_runs_without_secret_key():
    result = run_django("print('started')", DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_sqlite_file_uses_wal_and_busy_timeout(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], "
        "c.execute('PRAGMA busy_timeout').fetchone()[0], "
        "c.execute('PRAGMA foreign_keys').fetchone()[0])"
    )
    result = run_django(code, DEBUG="true", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000", "1"]


def test_database_url_selects_postgresql():
    result = run_django(
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['NAME'], d['CONN_HEALTH_CHECKS'])",
        DEBUG="true",
        DATABASE_URL="postgres://someone@db.example:5432/coopr",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "coopr", "True"]


def test_languages_are_english_russian_japanese():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "ru", "ja"]
    assert settings.MODELTRANSLATION_FALLBACK_LANGUAGES == ("en",)


@pytest.mark.django_db
def test_ensure_admin_creates_one_account_and_stores_its_password(tmp_path, settings, capsys):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=true\n")
    settings.ENV_FILE = str(env_file)

    call_command("ensure_admin")
    first = capsys.readouterr().out
    users = get_user_model().objects.filter(is_superuser=True)
    assert users.count() == 1
    stored = dict(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
    password = stored["COOPR_ADMIN_PASSWORD"]
    assert len(password) >= 16
    assert password in first
    assert users.get().check_password(password)
    assert oct(env_file.stat().st_mode & 0o777) == "0o600"

    call_command("ensure_admin")
    second = capsys.readouterr().out
    assert users.count() == 1
    assert password not in second
    assert "COOPR_ADMIN_PASSWORD" in second
    assert env_file.read_text().count("COOPR_ADMIN_PASSWORD") == 1


@pytest.mark.django_db(transaction=True)
def test_ensure_admin_with_setup_loads_the_data_set_first_in_one_process(tmp_path, settings):
    """`make run`: one command migrates, loads the data set once and makes the account."""
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=true\n")
    settings.ENV_FILE = str(env_file)
    assert not Plan.objects.exists()

    out = StringIO()
    call_command("ensure_admin", "--setup", stdout=out)
    assert Plan.objects.filter(slug="eight-point-cooperation-plan").exists()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert "Created the admin account" in out.getvalue()

    out = StringIO()
    call_command("ensure_admin", "--setup", stdout=out)
    assert "not loaded again" in out.getvalue()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
