"""What `manage.py bench` is made of: the targets it measures, wrk's output read back, and the
production-like server it starts (gunicorn, DEBUG off, Redis cache)."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Target:
    name: str
    path: str
    phase: str  # "cold" or "warm"
    headers: dict[str, str] = field(default_factory=dict)
    kind: str = "request"  # "floor", "search", "deep", "first", "warm", "304", "cold-list"
    load: bool = False  # also measured under load (64 connections)
    main_sql: str | None = None  # its slowest query, explained in the report


@dataclass
class Figures:
    rps: list[float] = field(default_factory=list)
    p50: list[float] = field(default_factory=list)
    p99: list[float] = field(default_factory=list)
    errors: int = 0
    queries: int | None = None

    def median(self, name: str) -> float:
        return statistics.median(getattr(self, name))


def parse_wrk(output: str) -> tuple[float, float, float, int]:
    """(requests/s, p50 ms, p99 ms, responses that were errors) from `wrk --latency`."""

    def latency(percent: str) -> float:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not match:
            raise CommandError(f"wrk printed no {percent}% latency:\n{output}")
        return float(match.group(1)) * UNITS[match.group(2)]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not rps:
        raise CommandError(f"wrk printed no Requests/sec:\n{output}")
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket:
        errors += sum(int(n) for n in socket.groups())
    return float(rps.group(1)), latency("50"), latency("99"), errors


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:.2f}" if floor else "n/a (floor 0)"


class Server:
    """gunicorn serving the app as in production, on loopback."""

    def __init__(self, port: int, workers: int, cache_seconds: int):
        self.port, self.workers, self.cache_seconds = port, workers, cache_seconds
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        env = dict(os.environ, RESPONSE_CACHE_SECONDS=str(self.cache_seconds))
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "coopr.wsgi",
                f"--workers={self.workers}",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise CommandError("gunicorn did not answer /healthz within 30 seconds")

    def worker_rss_mb(self) -> list[float]:
        assert self.process is not None
        sizes = []
        for status_file in Path("/proc").glob("[0-9]*/status"):
            try:
                status = status_file.read_text()
            except OSError:
                continue  # a process that ended meanwhile
            parent = re.search(r"PPid:\s+(\d+)", status)
            if parent and int(parent.group(1)) == self.process.pid:
                kb = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
                sizes.append(kb / 1024)
        return sizes

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
