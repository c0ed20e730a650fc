"""The deployment files: every setting documented, the compose file valid and behind one
entry point, the image multi-stage and unprivileged, installs locked, setup runs once.

`make compose-check` (tools/compose_check.sh) runs these files for real; these tests pin
their shape where a change would break it without Docker at hand.
"""

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
    assert set(services) == {"db", "cache", "web", "downloads", "proxy"}
    assert "downloads:/downloads" in services["web"]["volumes"]
    assert "downloads:/downloads" in services["downloads"]["volumes"]
    assert services["downloads"]["command"][2] == "build_downloads"
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert services["db"]["healthcheck"]["test"]
    assert services["web"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["web"]["env_file"] == ".env"
    assert "/readyz" in " ".join(services["web"]["healthcheck"]["test"])


def test_the_proxy_is_the_one_entry_point_and_the_app_trusts_it_alone():
    services = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())["services"]
    # Only the proxy is published, on one configurable port; the web containers are found
    # by name (every replica, however many --scale makes).
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert services["proxy"]["ports"] == ["${PROXY_PORT:-8000}:80"]
    assert services["web"]["expose"] == ["8000"]
    assert services["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "1"
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in services["proxy"]["volumes"]
    caddyfile = (BASE_DIR / "deploy" / "Caddyfile").read_text()
    upstreams = re.search(r"dynamic a \{\s*name (\S+)\s*port (\d+)\s*refresh (\S+)", caddyfile)
    assert upstreams.groups() == ("web", "8000", "1s")
    # The TLS override publishes HTTPS on the same proxy.
    tls = yaml.safe_load((BASE_DIR / "docker-compose.tls.yml").read_text())
    assert "443:443" in tls["services"]["proxy"]["ports"]


def dockerfile_stages() -> list[str]:
    text = (BASE_DIR / "Dockerfile").read_text()
    return re.split(r"^(?=FROM )", text, flags=re.MULTILINE)[1:]


def test_dockerfile_builds_from_the_lock_and_runs_as_a_user_without_build_tools():
    build, final = dockerfile_stages()
    assert re.match(r"FROM python:3\.\d+-slim AS build", build)
    assert re.match(r"FROM python:3\.\d+-slim\n", final)
    # The build stage installs the lock, exactly (--locked fails on a stale lock), and
    # collects the static files; uv never reaches the final stage.
    assert "uv sync --locked --no-install-project" in build
    assert "--require-hashes" in build
    assert "collectstatic" in build
    assert "uv" not in re.sub(r"#.*", "", final)
    assert "COPY --from=build /venv /venv" in final
    assert re.search(r"^USER coopr$", final, flags=re.MULTILINE)
    assert "manage.py setup" in final
    assert "python:coopr.gunicorn" in final


def test_dockerignore_keeps_secrets_the_virtualenv_databases_and_git_out():
    ignored = (BASE_DIR / ".dockerignore").read_text().split()
    assert {".env", ".venv", "db.sqlite3*", ".git"} <= set(ignored)


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
