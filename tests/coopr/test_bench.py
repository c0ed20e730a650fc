"""The parts of `manage.py bench` that read wrk's output and write the report.

The benchmark itself runs in `make bench`, not here: tests hold no timings.
"""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from coopr.site.bench_explain import main_query, whole_table_reads
from coopr.site.management.commands.bench import END, START, Command, parse_wrk

WRK_OUTPUT = """\
Running 5s test @ http://127.0.0.1:8765/api/v1/projects/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    61.52ms   12.01ms 130.00ms   80.00%
    Req/Sec   130.00     20.00   160.00     70.00%
  Latency Distribution
     50%   59.10ms
     75%   66.00ms
     90%   75.00ms
     99%    1.20s
  650 requests in 5.00s, 12.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    129.87
Transfer/sec:      2.40MB
"""


def test_wrk_figures_are_read_in_milliseconds_with_every_error_counted():
    rps, p50, p99, errors = parse_wrk(WRK_OUTPUT)
    assert rps == pytest.approx(129.87)
    assert p50 == pytest.approx(59.10)
    assert p99 == pytest.approx(1200.0)
    assert errors == 4 + 2 + 1


def test_microseconds_and_a_clean_run():
    output = WRK_OUTPUT.replace("59.10ms", "870.00us")
    output = output.replace("  Socket errors: connect 0, read 2, write 0, timeout 1\n", "")
    output = output.replace("  Non-2xx or 3xx responses: 4\n", "")
    _, p50, _, errors = parse_wrk(output)
    assert p50 == pytest.approx(0.87)
    assert errors == 0


def test_output_without_figures_is_an_error_not_a_zero():
    with pytest.raises(CommandError, match="Requests/sec"):
        parse_wrk(WRK_OUTPUT.replace("Requests/sec:", "Something:"))
    with pytest.raises(CommandError, match="99%"):
        parse_wrk(WRK_OUTPUT.replace("     99%", "     98%"))


def test_the_report_replaces_only_its_own_block(tmp_path):
    path = tmp_path / "benchmarks.md"
    before, after = "# Benchmarks\n\nIntro.\n\n", "\n\n## Analysis\nKept.\n"
    path.write_text(f"{before}{START}\nold figures\n{END}{after}")
    command = Command()
    command.write_report(path, "new figures\n")
    assert path.read_text() == f"{before}{START}\nnew figures\n{END}{after}"


PLAN = """\
Limit  (cost=0.29..10.81 rows=5 width=984) (actual time=0.035..0.048 rows=5 loops=1)
  ->  Sort  (cost=13067.01..13070.52 rows=1405 width=983)
        ->  Parallel Seq Scan on projects_meeting  (cost=0.00..13043.67 rows=1405 width=983)
  ->  Seq Scan on projects_plan  (cost=0.00..1.01 rows=1 width=8)
  ->  Index Scan using project_number_title_idx on projects_project  (cost=0.29..5.1 rows=50)
Execution Time: 36.637 ms
"""


def test_a_plan_reading_a_large_table_whole_is_told_apart():
    # A small table read whole (plans) is fine; an index scan is not a whole-table read.
    assert whole_table_reads(PLAN) == ["projects_meeting"]
    assert whole_table_reads(PLAN.replace("Parallel Seq Scan", "Bitmap Heap Scan")) == []


def test_the_main_query_is_the_slowest_one_not_the_transaction():
    captured = [
        {"sql": "BEGIN", "time": "0.900"},
        {"sql": 'SELECT 1 FROM "projects_project"', "time": "0.010"},
        {"sql": 'SELECT 2 FROM "projects_meeting"', "time": "0.030"},
        {"sql": 'RELEASE SAVEPOINT "s1"', "time": "0.500"},
    ]
    assert main_query(captured)["sql"] == 'SELECT 2 FROM "projects_meeting"'
    assert main_query([{"sql": "COMMIT", "time": "1"}]) is None
