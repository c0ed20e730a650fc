"""Last-Modified across workers and restarts: gunicorn with two workers sharing a Redis of
the test's own, on a SQLite file; writes made by another process (as an editor's would be).

Before the change feed, each worker stored "now" as the last change the first time it was
asked, so the same address alternated between two times and If-Modified-Since got 200 and
304 by turns. Now every answer carries the time of the newest entry of the change feed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from tests.coopr.test_logs import clean_env, free_port

BASE_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
URL = "/api/v1/sources/"
ASKS = 16  # each on a new connection: both workers answer some


def get(base: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(base + URL, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


class Servers:
    """A Redis and a gunicorn (two workers) of the test's own, started and stopped at will."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.redis_port = free_port()
        self.env = clean_env(
            DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
            CACHE_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            WEB_WORKERS="2",
        )
        self.redis = self.web = None
        self.base = ""

    def manage(self, *args: str) -> None:
        subprocess.run(
            [BIN / "python", "manage.py", *args],
            cwd=BASE_DIR, env=self.env, check=True, capture_output=True, timeout=300,
        )  # fmt: skip

    def add_source(self, slug: str) -> None:
        self.manage(
            "shell",
            "-c",
            "from coopr.models import Source; from coopr.services import record_save; "
            f"record_save(instance=Source(slug='{slug}', title='{slug}', publisher='Test'))",
        )

    def start_redis(self) -> None:
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def start_web(self) -> None:
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.web = subprocess.Popen(
            [BIN / "gunicorn", "coopr.wsgi", "-c", "python:coopr.gunicorn",
             "--bind", f"127.0.0.1:{port}"],
            cwd=BASE_DIR, env=self.env,
            stdout=subprocess.DEVNULL, stderr=(self.tmp / "gunicorn.log").open("ab"),
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(self.base)[0] == 200:
                    return
            except OSError:
                pass
            assert self.web.poll() is None, (self.tmp / "gunicorn.log").read_text()
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)

    def stop(self, which: str) -> None:
        process = getattr(self, which)
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
            setattr(self, which, None)

    def newest_change(self) -> float:
        with sqlite3.connect(self.tmp / "db.sqlite3") as db:
            (value,) = db.execute(
                "SELECT time FROM coopr_change ORDER BY id DESC LIMIT 1"
            ).fetchone()
        return parsedate_to_datetime(http_date_of(value)).timestamp()

    def last_modified(self) -> set[str]:
        return {get(self.base)[1]["Last-Modified"] for _ in range(ASKS)}


def http_date_of(stored: str) -> str:
    from datetime import UTC, datetime

    from django.utils.http import http_date

    # SQLite keeps the UTC time without its zone.
    return http_date(datetime.fromisoformat(stored).replace(tzinfo=UTC).timestamp())


@pytest.fixture
def servers(tmp_path):
    found = Servers(tmp_path)
    found.manage("migrate", "--noinput", "-v0")
    found.add_source("first")
    found.start_redis()
    try:
        found.start_web()
        yield found
    finally:
        found.stop("web")
        found.stop("redis")


def test_every_worker_gives_the_same_last_modified_before_and_after_a_write_and_a_restart(servers):
    [before] = servers.last_modified()  # one value, from both workers
    assert parsedate_to_datetime(before).timestamp() == servers.newest_change() // 1
    # If-Modified-Since with it: 304 from every worker, every time.
    answers = {get(servers.base, {"If-Modified-Since": before})[0] for _ in range(ASKS)}
    assert answers == {304}

    time.sleep(1.1)  # HTTP dates count whole seconds
    servers.add_source("second")  # another process writes
    [after] = servers.last_modified()
    assert parsedate_to_datetime(after) > parsedate_to_datetime(before)
    assert parsedate_to_datetime(after).timestamp() == servers.newest_change() // 1
    answers = {get(servers.base, {"If-Modified-Since": before})[0] for _ in range(ASKS)}
    assert answers == {200}

    # A restart of the web workers, then of Redis too (which keeps nothing): the same time.
    servers.stop("web")
    servers.start_web()
    assert servers.last_modified() == {after}
    servers.stop("web")
    servers.stop("redis")
    servers.start_redis()
    servers.start_web()
    assert servers.last_modified() == {after}
    answers = {get(servers.base, {"If-Modified-Since": after})[0] for _ in range(ASKS)}
    assert answers == {304}


def listed(base: str, headers: dict[str, str] | None = None) -> tuple[int, str, str, str]:
    """(status, X-Cache, ETag, body) of the sources list."""
    request = urllib.request.Request(base + URL, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            h = response.headers
            return response.status, h["X-Cache"], h["ETag"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["X-Cache"], error.headers["ETag"], ""


def test_no_worker_serves_an_answer_it_kept_before_another_processs_write(servers):
    """Each worker keeps the answers it served (coopr.local_cache) and hears the record's
    generation on Redis's channel: a write by another process is seen by the next request
    to either worker, and so after Redis comes back empty."""
    before = [listed(servers.base) for _ in range(ASKS)]
    assert {status for status, *_ in before} == {200}
    assert sum(x_cache == "hit" for _, x_cache, *_ in before) >= ASKS - 2  # kept and served
    [etag] = {etag for _, _, etag, _ in before}
    assert all('"first"' in body and '"second"' not in body for *_, body in before)

    servers.add_source("second")  # another process writes
    after = [listed(servers.base) for _ in range(ASKS)]
    assert all('"second"' in body for *_, body in after), [x for _, x, *_ in after]
    assert {listed(servers.base, {"If-None-Match": etag})[0] for _ in range(ASKS)} == {200}

    # Redis restarts and comes back empty: the subscriptions are gone with it.
    servers.stop("redis")
    servers.start_redis()
    deadline = time.monotonic() + 30
    while listed(servers.base)[1] != "hit":  # Redis answers again and keeps answers
        assert time.monotonic() < deadline, "Redis did not come back"
        time.sleep(0.2)
    servers.add_source("third")
    answers = [listed(servers.base) for _ in range(ASKS)]
    assert all('"third"' in body for *_, body in answers), [x for _, x, *_ in answers]
