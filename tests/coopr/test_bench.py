"""The parts of `manage.py bench` that read wrk's output and write the report.

The benchmark itself runs in `make bench`, not here: tests hold no timings.
"""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

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
