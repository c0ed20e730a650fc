"""Logs: one JSON line per request with its id, and an error logged once, with the same id.

The records are read as the configured handler writes them: Django's logging set-up is run
again from `settings.LOGGING` with stderr pointing at a buffer, so the formatter and filters
under test are the configured ones. Every test asserts the whole list of lines a request left:
a second line (Django's "Not Found" warning, a second error record) fails it.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import path
from django.utils.log import configure_logging
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

BASE_DIR = Path(settings.BASE_DIR)
GENERATED_ID = re.compile(r"[0-9a-f]{32}")
ACCESS_FIELDS = {
    "timestamp",
    "level",
    "logger",
    "message",
    "request_id",
    "method",
    "path",
    "query",
    "status",
    "duration_ms",
    "bytes",
    "user_id",
    "remote_addr",
    "client_addr",
    "user_agent",
}


def crash(request):
    raise RuntimeError("the page crashed")


class ApiCrash(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        raise RuntimeError("the endpoint crashed")


def broken_not_found(request, exception=None):
    raise RuntimeError("the 404 page crashed")


# A URLconf of its own for the crash tests: a page and an API endpoint that fail, a 404 page
# that fails, and the site's 500 handler.
urlpatterns = [path("en/crash/", crash), path("api/crash/", ApiCrash.as_view())]
handler404 = broken_not_found
handler500 = "coopr.site.views.server_error"


class Logs:
    """What the configured handler wrote, one parsed JSON object per line."""

    def __init__(self, stream: io.StringIO):
        self.stream = stream

    def lines(self) -> list[dict]:
        return [json.loads(line) for line in self.stream.getvalue().splitlines()]

    def clear(self) -> None:
        self.stream.seek(0)
        self.stream.truncate()

    def kinds(self) -> list[tuple[str, str]]:
        return [(line["logger"], line["level"]) for line in self.lines()]


@pytest.fixture
def logs(monkeypatch) -> Logs:
    """Django's logging set up from settings.LOGGING, as at start-up, writing to a buffer."""
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    yield Logs(stream)
    monkeypatch.undo()
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


@pytest.fixture
def crash_client() -> Client:
    return Client(raise_request_exception=False)


def only_line(logs: Logs) -> dict:
    lines = logs.lines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.django_db
def test_a_request_leaves_one_access_line_with_the_id_it_answers_with(client, logs):
    response = client.get("/en/search/?q=tokyo", HTTP_USER_AGENT="Mozilla/5.0 (test)")

    assert response.status_code == HTTPStatus.OK
    line = only_line(logs)
    assert set(line) == ACCESS_FIELDS
    assert GENERATED_ID.fullmatch(response["X-Request-ID"])
    assert line["request_id"] == response["X-Request-ID"]
    assert line["level"] == "INFO"
    assert line["logger"] == "coopr.request"
    assert re.fullmatch(r"GET /en/search/\?q=tokyo 200 \d+\.\d ms", line["message"])
    assert (line["method"], line["path"], line["query"], line["status"]) == (
        "GET",
        "/en/search/",
        "q=tokyo",
        200,
    )
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert line["bytes"] == len(response.content)
    assert line["user_id"] is None
    assert line["remote_addr"] == "127.0.0.1"
    assert line["client_addr"] == "127.0.0.1"
    assert line["user_agent"] == "Mozilla/5.0 (test)"
    timestamp = datetime.fromisoformat(line["timestamp"])
    assert timestamp.utcoffset().total_seconds() == 0


@pytest.mark.django_db
def test_each_request_gets_its_own_id(client, logs):
    first = client.get("/healthz")
    second = client.get("/healthz")
    assert [line["request_id"] for line in logs.lines()] == [
        first["X-Request-ID"],
        second["X-Request-ID"],
    ]
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.django_db
def test_the_load_balancers_request_id_is_kept(client, logs):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.2_B")
    assert response["X-Request-ID"] == "lb-7f3a.2_B"
    assert only_line(logs)["request_id"] == "lb-7f3a.2_B"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "given",
    ["abc\r\nX-Injected: yes", "abc\n", "two words", "a" * 65, "ключ", "<script>", ""],
)
def test_a_request_id_that_is_not_a_plain_token_is_replaced(client, logs, given):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=given)
    assert GENERATED_ID.fullmatch(response["X-Request-ID"])
    assert "X-Injected" not in response.headers
    assert only_line(logs)["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
def test_a_page_served_from_the_response_cache_is_logged_with_an_id_of_its_own(
    client, logs, settings
):
    """The middleware sits before the response cache: a stored answer is a request too, and
    the id stored with it is never handed out again."""
    settings.RESPONSE_CACHE_SECONDS = 600
    cache.clear()
    try:
        miss = client.get("/en/search/")
        hit = client.get("/en/search/")
    finally:
        cache.clear()
    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert miss["X-Request-ID"] != hit["X-Request-ID"]
    lines = logs.lines()
    assert [(line["status"], line["request_id"]) for line in lines] == [
        (200, miss["X-Request-ID"]),
        (200, hit["X-Request-ID"]),
    ]


@pytest.mark.django_db
def test_a_signed_in_user_is_logged_by_id_never_by_name(client, logs, superuser):
    client.force_login(superuser)
    logs.clear()
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.OK
    assert only_line(logs)["user_id"] == superuser.pk
    assert superuser.username not in logs.stream.getvalue()
    assert superuser.email not in logs.stream.getvalue()


@pytest.mark.django_db
def test_a_streamed_csv_export_is_logged_without_a_size(client, logs):
    response = client.get("/en/sources/?format=csv")
    assert response.streaming
    b"".join(response.streaming_content)
    line = only_line(logs)
    assert (line["status"], line["query"], line["bytes"]) == (200, "format=csv", None)


@pytest.mark.django_db
def test_a_404_is_the_access_line_alone(client, logs):
    response = client.get("/en/no-such-page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    line = only_line(logs)
    assert (line["logger"], line["status"], line["path"]) == (
        "coopr.request",
        404,
        "/en/no-such-page/",
    )


@pytest.mark.django_db
def test_a_path_cannot_forge_a_line(client, logs):
    client.get("/en/x%0D%0A%7B%22level%22%3A%22ERROR%22%7D/")
    line = only_line(logs)
    assert line["path"] == "/en/x%0D%0A%7B%22level%22:%22ERROR%22%7D/"


@pytest.mark.django_db
def test_a_host_not_allowed_is_one_security_line_without_traceback_and_the_access_line(
    client, logs
):
    response = client.get("/en/", HTTP_HOST="evil.example")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    security, access = logs.lines()
    assert (security["logger"], security["level"]) == ("django.security.DisallowedHost", "ERROR")
    assert "'evil.example'" in security["message"]
    assert "exc_info" not in security
    assert (access["logger"], access["status"]) == ("coopr.request", 400)
    assert security["request_id"] == access["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
@pytest.mark.urls("tests.coopr.test_logs")
def test_a_crash_is_logged_once_with_its_traceback_and_the_request_id(crash_client, logs):
    response = crash_client.get("/en/crash/")

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Something went wrong" in response.content.decode()
    assert logs.kinds() == [("django.request", "ERROR"), ("coopr.request", "INFO")]
    error, access = logs.lines()
    assert error["message"] == "Internal Server Error: /en/crash/"
    assert error["exc_info"].startswith("Traceback (most recent call last):")
    assert error["exc_info"].endswith("RuntimeError: the page crashed")
    assert error["status_code"] == 500
    assert "request" not in error
    assert access["status"] == 500
    assert error["request_id"] == access["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
@pytest.mark.urls("tests.coopr.test_logs")
def test_an_api_crash_is_logged_once_too(crash_client, logs):
    """DRF's exception handler (coopr.api.errors) leaves an unknown exception to Django, which
    logs it once and answers with the API's error format (coopr.site.views.server_error)."""
    response = crash_client.get("/api/crash/")

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.json() == {
        "error": {
            "status": 500,
            "code": "server_error",
            "message": "Something went wrong on our side.",
        }
    }
    assert logs.kinds() == [("django.request", "ERROR"), ("coopr.request", "INFO")]
    error, access = logs.lines()
    assert error["exc_info"].endswith("RuntimeError: the endpoint crashed")
    assert error["request_id"] == access["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
@pytest.mark.urls("tests.coopr.test_logs")
def test_a_crash_of_the_error_page_itself_is_logged_once_with_its_traceback(crash_client, logs):
    """Django logs this one as a bare "Internal Server Error", after the middleware has
    returned: the filter gives it the request's id and the traceback."""
    response = crash_client.get("/en/nothing-here/")

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Something went wrong" in response.content.decode()
    assert logs.kinds() == [("coopr.request", "INFO"), ("django.request", "ERROR")]
    access, error = logs.lines()
    assert error["message"] == "Internal Server Error: /en/nothing-here/"
    assert error["exc_info"].endswith("RuntimeError: the 404 page crashed")
    assert access["status"] == 500
    assert error["request_id"] == access["request_id"] == response["X-Request-ID"]


def test_a_record_outside_a_request_has_a_null_request_id(logs):
    logging.getLogger("coopr.test").warning("a command ran")
    line = only_line(logs)
    assert (line["message"], line["request_id"]) == ("a command ran", None)


# The process as it is started --------------------------------------------------------------


def clean_env(**env: str) -> dict[str, str]:
    """A production-like environment: nothing from this test run (its settings module, its
    key) but PATH."""
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "coopr.settings",
        "COOPR_ENV_FILE": os.devnull,
        "DEBUG": "false",
        "SECRET_KEY": "logs-test-key-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        **env,
    }


def test_the_text_format_of_a_developers_console_shows_each_record_once_with_its_request_id():
    """DEBUG on, as `make run`: Django's own console handler (plain messages) must not print
    its records a second time. The Host `testserver` is not allowed: the security record is
    one line, under the request's id, before the request's access line."""
    code = (
        "import django; django.setup(); from django.test import Client; "
        "Client().get('/healthz', HTTP_X_REQUEST_ID='dev-1'); "
        "Client().get('/en/', HTTP_X_REQUEST_ID='dev-2')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        # Warnings (no collected static files) are not records of the logging under test.
        env=clean_env(LOG_FORMAT="text", DEBUG="true", PYTHONWARNINGS="ignore"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    record = re.compile(r"\d{4}-\d\d-\d\d \S+ [A-Z]+ [\w.]+ \[[\w.-]+\] .+")
    assert all(record.fullmatch(line) for line in result.stderr.splitlines()), result.stderr
    lines = [line.split(" ", 2)[2] for line in result.stderr.splitlines() if "[dev-" in line]
    assert [re.sub(r"\d+\.\d ms$", "… ms", line) for line in lines] == [
        "INFO coopr.request [dev-1] GET /healthz 200 … ms",
        "ERROR django.security.DisallowedHost [dev-2] Invalid HTTP_HOST header: 'testserver'. "
        "You may need to add 'testserver' to ALLOWED_HOSTS.",
        "INFO coopr.request [dev-2] GET /en/ 400 … ms",
    ]
    assert result.stderr.count("Invalid HTTP_HOST header") == 1


def test_an_unknown_log_format_refuses_to_start():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env=clean_env(LOG_FORMAT="xml"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "LOG_FORMAT must be json or text" in result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, request_id: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(
        url, headers={"X-Request-ID": request_id} if request_id else {}
    )
    try:
        # The port is open before the worker has loaded the app: the first answer may take a
        # few seconds.
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers["X-Request-ID"]
    except urllib.error.HTTPError as error:
        return error.code, error.headers["X-Request-ID"]


def test_gunicorn_writes_one_json_line_per_request_and_no_access_log_of_its_own(tmp_path):
    """The production command (Dockerfile) without `--access-logfile -`. The requests need no
    tables, so the database is left unmigrated: migrating takes longer than the test."""
    env = clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "coopr.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.1)
        answers = [
            fetch(f"{base}/healthz"),
            fetch(f"{base}/api/v1/no-such-resource/?q=x", request_id="lb-42"),
            fetch(f"{base}/readyz"),
        ]
    finally:
        server.send_signal(signal.SIGTERM)
        stdout, stderr = server.communicate(timeout=20)

    assert [status for status, _ in answers] == [200, 404, 200]
    assert answers[1][1] == "lb-42"
    assert stdout == ""
    records, others = [], []
    for line in stderr.splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            others.append(line)
    access = [record for record in records if record["logger"] == "coopr.request"]
    assert [(r["request_id"], r["status"], r["path"], r["query"]) for r in access] == [
        (answers[0][1], 200, "/healthz", None),
        ("lb-42", 404, "/api/v1/no-such-resource/", "q=x"),
        (answers[2][1], 200, "/readyz", None),
    ]
    # Every other JSON record is from outside a request (start-up); the lines that are not JSON
    # are gunicorn's own start and stop messages, none about a request: no access log of its own
    # (`--access-logfile -` would write one to stdout).
    assert all(record["request_id"] is None for record in records if record not in access)
    assert any("Booting worker" in line for line in others), stderr
    paths = ("/healthz", "/api/", "/readyz")
    assert not [line for line in others if any(path in line for path in paths)], others
