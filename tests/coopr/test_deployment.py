"""The deployment files: every setting documented, the compose file valid, setup runs once."""

import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from projects.models import Plan, Project

BASE_DIR = Path(settings.BASE_DIR)


def documented() -> set[str]:
    text = (BASE_DIR / ".env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def read_by_the_app() -> set[str]:
    names = set()
    settings_text = (BASE_DIR / "coopr" / "settings.py").read_text()
    names |= set(re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]+)"', settings_text))
    gunicorn_text = (BASE_DIR / "coopr" / "gunicorn.py").read_text()
    names |= set(re.findall(r'os\.environ\.get\("([A-Z][A-Z0-9_]+)"', gunicorn_text))
    compose_text = (BASE_DIR / "docker-compose.yml").read_text()
    names |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)", compose_text))
    return names


def test_env_example_documents_every_variable():
    read = read_by_the_app()
    # The scan finds what it should (a broken pattern would find nothing, and pass).
    assert {
        "SECRET_KEY",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
        "WEB_WORKERS",
        "POSTGRES_PASSWORD",
    } <= read
    assert read - documented() == set()


def test_compose_file_is_valid_and_wires_the_services():
    result = subprocess.run(
        [Path(sys.executable).parent / "check-jsonschema", "--builtin-schema",
         "vendor.compose-spec", BASE_DIR / "docker-compose.yml"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "cache", "web"}
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert services["db"]["healthcheck"]["test"]
    assert services["web"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["web"]["env_file"] == ".env"
    assert "/readyz" in " ".join(services["web"]["healthcheck"]["test"])


def test_dockerfile_runs_as_a_user_and_collects_static_files_at_build():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.\d+-slim", dockerfile, flags=re.MULTILINE)
    assert re.search(r"^USER coopr$", dockerfile, flags=re.MULTILINE)
    assert "collectstatic" in dockerfile.split("USER coopr")[0]
    assert "manage.py setup" in dockerfile
    assert "python:coopr.gunicorn" in dockerfile


def test_gunicorn_settings_leave_the_access_log_to_the_app():
    from coopr import gunicorn

    assert gunicorn.accesslog is None
    assert gunicorn.bind == "0.0.0.0:8000"
    assert gunicorn.workers >= 1


@pytest.mark.django_db(transaction=True)
def test_setup_loads_the_data_set_once():
    out = StringIO()
    call_command("setup", stdout=out)
    projects = Project.objects.count()
    assert projects > 0
    assert Plan.objects.filter(slug="eight-point-cooperation-plan").exists()
    # A second start changes nothing, and a record the editors removed is not brought back.
    removed = Project.objects.order_by("pk").last()
    removed.delete()
    out = StringIO()
    call_command("setup", stdout=out)
    assert "not loaded again" in out.getvalue()
    assert Project.objects.count() == projects - 1
