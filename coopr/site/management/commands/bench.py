"""`make bench`: load the synthetic data set at each size, serve it as in production, measure.

For each size N: `seed_synthetic --reset --projects N` (timed), VACUUM ANALYZE, a CHECKPOINT
and a wait for autovacuum's workers (`settle`), then gunicorn
(`DEBUG` off, 2 workers) on loopback, driven by wrk. Two phases per size, each with the health
check measured beside the requests as the floor:

- cold: the response cache off, so every request renders from the database;
- warm: the response cache on (Redis when `CACHE_URL` says so), a repeated request and a
  conditional one answered 304.

Each request is measured `--runs` times (interleaved, so drift spreads over all of them) and
the medians are reported; SQL queries per request are counted in this process with Django's
test client against the same database. The table goes to standard output and between the
markers in `docs/benchmarks.md`, whose other text (the analysis) is kept.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import math
import os
import platform
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from coopr.api.base import MAX_NUMBERED_ROWS
from coopr.site.bench import END, START, Figures, Server, Target, parse_wrk, ratio
from coopr.site.bench_explain import explain, main_query
from people.models import Person
from projects.models import PlanItem, Project
from projects.synthetic import SYNTHETIC_PREFIX

# Seconds to wait at most for autovacuum's workers to finish after a load.
SETTLE_SECONDS = 300


def settle() -> None:
    """Let PostgreSQL finish what a load leaves it to do before anything is measured: the
    load's dirty pages written out (a CHECKPOINT; gigabytes at 100,000 projects) and
    autovacuum's workers done. Measured in their midst, the first pass after a load counted
    the write-back as the requests' own cost: at 100,000 the cold phase's health check ran at
    0.63–0.79 × the rate of the warm phase's minutes later (1.02 × at 10,000). A role that may
    not CHECKPOINT (it needs pg_checkpoint) leaves the write-back to the server's own pace."""
    with connection.cursor() as cursor:
        with contextlib.suppress(DatabaseError):
            cursor.execute("CHECKPOINT")
        deadline = time.monotonic() + SETTLE_SECONDS
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(1)


class Command(BaseCommand):
    help = "Measure pages and API at each synthetic size against gunicorn on PostgreSQL."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
        parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--load-connections", type=int, default=64)
        parser.add_argument("--load-duration", type=int, default=30)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--output", default=str(settings.BASE_DIR / "docs" / "benchmarks.md"))
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="keep a synthetic data set already of the size instead of loading it again",
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL.")
        self.wrk = shutil.which("wrk")
        if not self.wrk:
            raise CommandError("wrk is missing: apt-get install wrk (make bench does).")
        self.options = options
        sections, summary = [], {}
        for size in options["sizes"]:
            self.stdout.write(f"== N = {size:,} ==")
            # A fresh connection: the requests made in this process (query counts) left the
            # web statement timeout on the last one, and loading is no web request.
            connection.close()
            started = time.monotonic()
            synthetic = Project.objects.filter(slug__startswith=SYNTHETIC_PREFIX).count()
            if options["reuse"] and synthetic == size:
                seeded = None  # loaded by an earlier run
            else:
                call_command("seed_synthetic", projects=size, reset=True, verbosity=0)
                seeded = time.monotonic() - started
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            settle()
            results, memory, load = self.measure(size)
            summary[size] = (results, memory)
            sections.append(self.section(size, seeded, results, memory, load))
            sections[-1] += "\n".join(self.plans(size, results)) + "\n\n"
            self.stdout.write(sections[-1])
        report = self.header() + "\n".join(sections) + self.checks(summary)
        self.write_report(Path(options["output"]), report)

    # What is measured -------------------------------------------------------------------

    def targets(self) -> list[Target]:
        synthetic = Project.objects.filter(slug__startswith=SYNTHETIC_PREFIX)
        project = synthetic.order_by("pk")[synthetic.count() // 2]
        person = Person.objects.filter(slug__startswith=SYNTHETIC_PREFIX).order_by("pk").first()
        last_id = synthetic.order_by("-pk").values_list("pk", flat=True)[50]
        deep_cursor = base64.b64encode(f"p={last_id}".encode()).decode()
        # The deepest numbered page there is (numbered pages stop at MAX_NUMBERED_ROWS).
        pages = min(-(-Project.objects.count() // 50), MAX_NUMBERED_ROWS // 50)
        item = (
            PlanItem.objects.filter(plan__slug__startswith=SYNTHETIC_PREFIX)
            .select_related("plan")
            .order_by("pk")
            .first()
        )
        word = "hydrogen"
        return [
            Target("health check (floor)", "/healthz", "cold", kind="floor"),
            Target(
                "API projects, default page",
                "/api/v1/projects/",
                "cold",
                kind="cold-list",
                load=True,
            ),
            Target("API projects, filtered", "/api/v1/projects/?status=in_progress", "cold"),
            Target(
                "API projects, search", f"/api/v1/projects/?search={word}", "cold", kind="search"
            ),
            Target("API people", "/api/v1/people/", "cold"),
            Target("API people, search", "/api/v1/people/?search=Ivanov", "cold", kind="search"),
            Target("API meetings", "/api/v1/meetings/", "cold"),
            Target("API meetings, filtered", "/api/v1/meetings/?year=2019", "cold"),
            Target("API project detail", f"/api/v1/projects/{project.slug}/", "cold"),
            Target("API person detail", f"/api/v1/people/{person.slug}/", "cold"),
            Target(
                "API projects, first cursor page", "/api/v1/projects/?cursor=", "cold", kind="first"
            ),
            Target(
                "API projects, deepest cursor page",
                f"/api/v1/projects/?cursor={deep_cursor}",
                "cold",
                kind="deep",
            ),
            Target(
                "API projects, deepest numbered page", f"/api/v1/projects/?page={pages}", "cold"
            ),
            Target("page: home", "/en/", "cold"),
            Target("page: projects list", "/en/projects/", "cold"),
            Target("page: project", f"/en/projects/{project.slug}/", "cold"),
            Target("page: plan item", item.get_absolute_url(), "cold"),
            Target("page: meetings list", "/en/meetings/", "cold"),
            Target("page: search", f"/en/search/?q={word}", "cold", kind="search", load=True),
            Target("health check (floor)", "/healthz", "warm", kind="floor"),
            Target("API projects, warm (repeated)", "/api/v1/projects/", "warm", kind="warm"),
            Target("page: projects list, warm", "/en/projects/", "warm", kind="warm"),
            Target("API projects, 304 (If-None-Match)", "/api/v1/projects/", "warm", kind="304"),
            Target(
                "page: project, 304 (If-None-Match)",
                f"/en/projects/{project.slug}/",
                "warm",
                kind="304",
            ),
        ]

    def count_queries(self, target: Target, cached: bool) -> int:
        client = Client(SERVER_NAME="127.0.0.1")
        headers = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in target.headers.items()}
        with override_settings(RESPONSE_CACHE_SECONDS=600 if cached else 0):
            first = client.get(target.path, **headers)
            if first.status_code != 200:
                raise CommandError(f"{target.path} answered {first.status_code}")
            with CaptureQueriesContext(connection) as queries:
                client.get(target.path, **headers)
        main = main_query(queries.captured_queries)
        target.main_sql = main["sql"] if main else None
        return len(queries)

    def measure(self, size: int):
        targets = self.targets()
        results: dict[tuple[str, str], tuple[Target, Figures]] = {}
        memory = {}
        for target in targets:
            figures = Figures()
            figures.queries = self.count_queries(target, cached=target.phase == "warm")
            results[(target.phase, target.name)] = (target, figures)
        load = None
        for phase, cache_seconds in (("cold", 0), ("warm", 600)):
            with Server(self.options["port"], self.options["workers"], cache_seconds) as server:
                phase_targets = [t for t in targets if t.phase == phase]
                for target in phase_targets:
                    if target.kind == "304":
                        etag = self.etag(server, target.path)
                        target.headers = {"If-None-Match": etag}
                    self.wrk_run(server, target, warmup=True)
                for run in range(self.options["runs"]):
                    for target in phase_targets:
                        self.stdout.write(f"  run {run + 1}: {target.name}", ending="\r")
                        rps, p50, p99, errors = self.wrk_run(server, target)
                        figures = results[(phase, target.name)][1]
                        figures.rps.append(rps)
                        figures.p50.append(p50)
                        figures.p99.append(p99)
                        figures.errors += errors
                if phase == "cold":
                    load = self.load(server, targets)
                memory[phase] = server.worker_rss_mb()
        return results, memory, load

    def etag(self, server: Server, path: str) -> str:
        with urllib.request.urlopen(server.base + path) as response:
            return response.headers["ETag"]

    def wrk_run(
        self, server, target: Target, warmup: bool = False, connections=None, duration=None
    ):
        command = [
            self.wrk,
            "--threads=1",
            f"--connections={connections or self.options['connections']}",
            f"--duration={1 if warmup else duration or self.options['duration']}s",
            "--latency",
            "--timeout=60s",  # a slow answer is measured, not dropped as an error at 2 s
        ]
        for name, value in target.headers.items():
            command += ["--header", f"{name}: {value}"]
        command.append(server.base + target.path)
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        # Every run's raw output is kept (.bench/, not committed) to check the figures against.
        self.drain(server)
        log = Path(settings.BASE_DIR) / ".bench" / "wrk.log"
        log.parent.mkdir(exist_ok=True)
        with log.open("a") as file:
            file.write(f"$ {' '.join(command)}\n{output}\n")
        return parse_wrk(output)

    def drain(self, server: Server) -> None:
        """Wait until the workers have answered what wrk left queued when it stopped, so the
        next request measured does not wait behind the last one's backlog."""
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            started = time.monotonic()
            with urllib.request.urlopen(f"{server.base}/healthz", timeout=300):
                pass
            if time.monotonic() - started < 0.05:
                return
        raise CommandError("the server did not drain its queue within 5 minutes")

    def load(self, server: Server, targets: list[Target]):
        """64 connections for 30 s on the projects list and on the search page, cold: errors
        and 5xx must be zero."""
        return {
            target.name: self.wrk_run(
                server,
                target,
                connections=self.options["load_connections"],
                duration=self.options["load_duration"],
            )
            for target in targets
            if target.load
        }

    def plans(self, size: int, results) -> list[str]:
        """EXPLAIN (ANALYZE) of each cold request's main query: printed whole (and kept in
        .bench/), summed up in the report."""
        lines = [
            "\n| request | main query, EXPLAIN ANALYZE ms | whole-table reads |",
            "|---|--:|---|",
        ]
        connection.close()  # as for loading: no web statement timeout on the plans
        log = Path(settings.BASE_DIR) / ".bench" / f"explain-{size}.txt"
        log.parent.mkdir(exist_ok=True)
        with log.open("w") as file:
            for (phase, name), (target, _figures) in results.items():
                if phase != "cold" or not target.main_sql:
                    continue
                plan = explain(target.main_sql)
                text = f"-- {name} ({target.path})\n{plan.sql}\n{plan.text}\n"
                self.stdout.write(text)
                file.write(text + "\n")
                reads = ", ".join(plan.whole_table_reads) or "none"
                lines.append(f"| {name} | {plan.milliseconds:.1f} | {reads} |")
        return lines

    # The report ---------------------------------------------------------------------------

    def header(self) -> str:
        cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
        memory = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            postgres = cursor.fetchone()[0]
        wrk = subprocess.run([self.wrk, "--version"], capture_output=True, text=True)
        cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        return (
            f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC with `make bench` "
            f"(`manage.py bench --sizes {' '.join(map(str, self.options['sizes']))} "
            f"--runs {self.options['runs']} --duration {self.options['duration']}`).\n\n"
            f"- Machine: {os.cpu_count()} cores ({cpu.group(1) if cpu else '?'}), "
            f"{int(memory.group(1)) / 1024 / 1024:.0f} GiB; load generator and server share it.\n"
            f"- Python {platform.python_version()}, Django {django.get_version()}, "
            f"PostgreSQL {postgres}, {(wrk.stdout or wrk.stderr).split(chr(10))[0]}.\n"
            f"- gunicorn, {self.options['workers']} sync workers, DEBUG off, cache {cache}; "
            f"wrk 1 thread, {self.options['connections']} connections, "
            f"{self.options['duration']} s per run, median of {self.options['runs']} runs.\n"
            "- Ratio: the request's requests/s over the floor's (the health check) in the same "
            "phase of the same run.\n\n"
        )

    def section(self, size, seeded, results, memory, load) -> str:
        lines = [
            f"### N = {size:,} synthetic projects (plus the real data set)\n",
            (
                f"Synthetic data set loaded in {seeded:.0f} s"
                if seeded is not None
                else "Synthetic data set kept from an earlier run (`--reuse`)"
            )
            + f" (`seed_synthetic --reset --projects "
            f"{size}`).\n",
            "| request | phase | req/s | p50 ms | p99 ms | SQL queries | × floor | errors |",
            "|---|---|--:|--:|--:|--:|--:|--:|",
        ]
        floors = {
            phase: figures.median("rps")
            for (phase, _), (target, figures) in results.items()
            if target.kind == "floor"
        }
        for (phase, name), (target, figures) in results.items():
            lines.append(
                f"| {name} `{target.path[:60]}` | {phase} | {figures.median('rps'):,.0f} | "
                f"{figures.median('p50'):.1f} | {figures.median('p99'):.1f} | {figures.queries} | "
                f"{ratio(figures.median('rps'), floors[phase])} | {figures.errors} |"
            )
        rss = ", ".join(f"{phase}: {max(sizes):.0f} MB" for phase, sizes in memory.items())
        lines.append(f"\nLargest worker RSS after each phase: {rss}.")
        for name, (rps, p50, p99, errors) in (load or {}).items():
            lines.append(
                f"Load: {self.options['load_connections']} connections for "
                f"{self.options['load_duration']} s on {name} (cold): {rps:,.0f} req/s, "
                f"p50 {p50:.0f} ms, p99 {p99:.0f} ms, {errors} errors or non-2xx/3xx responses."
            )
        return "\n".join(lines) + "\n\n"

    def checks(self, summary) -> str:
        lines = ["### Targets\n", "| target | figure | met |", "|---|---|---|"]

        def row(name, value, met):
            lines.append(f"| {name} | {value} | {'yes' if met else '**no**'} |")

        for size, (results, memory) in summary.items():
            largest = max(max(sizes) for sizes in memory.values())
            row(
                f"N={size:,}: every worker under 200 MB after the run",
                f"{largest:.0f} MB",
                largest < 200,
            )
            by_kind: dict[str, list[tuple[Target, Figures]]] = {}
            for target, figures in results.values():
                by_kind.setdefault(f"{target.phase}:{target.kind}", []).append((target, figures))
            # A floor of 0 (wrk failed) makes every ratio NaN, a "no", not a crash.
            cold_floor = by_kind["cold:floor"][0][1].median("rps") or math.nan
            warm_floor = by_kind["warm:floor"][0][1].median("rps") or math.nan
            for target, figures in by_kind["warm:warm"]:
                ratio = figures.median("rps") / warm_floor
                row(f"N={size:,}: {target.name} ≥ 0.9 × floor", f"{ratio:.2f}", ratio >= 0.9)
            for target, figures in by_kind["warm:304"]:
                ratio = figures.median("rps") / warm_floor
                row(f"N={size:,}: {target.name} ≥ 0.95 × floor", f"{ratio:.2f}", ratio >= 0.95)
            for target, figures in by_kind["cold:cold-list"]:
                ratio = figures.median("rps") / cold_floor
                row(f"N={size:,}: {target.name} ≥ 0.25 × floor", f"{ratio:.2f}", ratio >= 0.25)
            if size == max(summary):
                for target, figures in results.values():
                    if target.phase == "cold" and target.kind != "floor":
                        ratio = figures.median("rps") / cold_floor
                        row(
                            f"N={size:,}: {target.name} ≥ 0.1 × floor", f"{ratio:.2f}", ratio >= 0.1
                        )
            first = by_kind["cold:first"][0][1].median("p50")
            deep = by_kind["cold:deep"][0][1].median("p50")
            row(
                f"N={size:,}: deepest page p50 ≤ 1.3 × first",
                f"{deep / first:.2f}",
                deep <= 1.3 * first,
            )
        sizes = sorted(summary)
        if len(sizes) >= 2:
            small, large = summary[sizes[0]][0], summary[sizes[-1]][0]
            for key, (target, figures) in large.items():
                if target.kind in ("floor", "304", "warm"):
                    continue
                limit = 1.5 if target.kind == "search" else 1.2
                if not figures.median("p50") or not small[key][1].median("p50"):
                    # No request finished within a run: there is no p50, and no "yes".
                    row(f"{target.name}: p50 at {sizes[-1]:,}", "no answer within a run", False)
                    continue
                ratio = figures.median("p50") / small[key][1].median("p50")
                row(
                    f"{target.name}: p50 at {sizes[-1]:,} ≤ {limit} × at {sizes[0]:,}",
                    f"{ratio:.2f}",
                    ratio <= limit,
                )
            same = all(large[key][1].queries == small[key][1].queries for key in large)
            row(
                "SQL queries per request identical at both sizes",
                "same" if same else "differ",
                same,
            )
        return "\n".join(lines) + "\n"

    def write_report(self, path: Path, report: str) -> None:
        block = f"{START}\n{report}{END}"
        text = path.read_text() if path.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
        if START not in text:
            text += f"\n{START}\n{END}\n"
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        path.parent.mkdir(exist_ok=True)
        path.write_text(before + block + after)
        self.stdout.write(f"Wrote {path}")
