"""The order in which `make test`'s workers take the test files: the longest first.

pytest-xdist's `--dist loadfile` hands out whole files, by default the files with the most
tests first. Here the files that take longest go first (many of them hold one or a few
tests: the database outage, the docs assets' collectstatic, the mirror of the change feed),
so the last file a worker takes is a short one and the other worker does not wait for it.
The browser files still come last on each worker (tests/browser/conftest.py says why),
longest first among themselves.

COST holds each file's seconds in a whole run (`HYPOTHESIS_PROFILE=ci`, setup and call,
both workers, a loaded machine: only the proportions matter). A file not listed counts
DEFAULT_COST per test. To measure again:
`make test PYTEST_ARGS=--junitxml=run.xml` and `python -m tests.schedule run.xml`.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree

from xdist.scheduler import LoadFileScheduling

BROWSER = "tests/browser/"
DEFAULT_COST = 0.3
# Measured on 5 December 2026 (2,750 tests, an idle machine, after the change feed read its
# links with one statement each and the data set was put back by its rows); files under
# 10 s are left out.
COST = {
    "tests/api/test_schemathesis.py": 179,
    "tests/browser/test_public_site.py": 116,
    "tests/coopr/test_fuzz_pages.py": 100,
    "tests/coopr/test_database_outage.py": 39,
    "tests/api/test_last_modified_workers.py": 36,
    "tests/coopr/test_backup.py": 36,
    "tests/api/test_changes.py": 34,
    "tests/api/test_queries.py": 33,
    "tests/projects/test_load_seed.py": 30,
    "tests/browser/test_api_docs.py": 29,
    "tests/coopr/test_admin_queries.py": 24,
    "tests/api/test_docs_assets.py": 17,
    "tests/api/test_writes.py": 14,
    "tests/browser/test_content_security_policy.py": 14,
    "tests/projects/test_seed_synthetic.py": 14,
    "tests/coopr/test_search.py": 13,
    "tests/api/test_schema_tools.py": 13,
    "tests/api/test_lists.py": 12,
    "tests/coopr/test_hostile_names.py": 11,
    "tests/coopr/test_settings.py": 11,
    "tests/projects/test_pages_meetings.py": 10,
    "tests/browser/test_admin_editing.py": 10,
    "tests/coopr/test_import_export.py": 10,
}


def order(files: dict[str, int]) -> list[str]:
    """The files (name: number of selected tests) in the order the workers take them."""

    def key(name: str) -> tuple[bool, float]:
        return name.startswith(BROWSER), -COST.get(name, DEFAULT_COST * files[name])

    return sorted(files, key=key)


class LongestFileFirst(LoadFileScheduling):
    """`--dist loadfile`, with the work queue (one unit per file) in `order()`'s order."""

    ordered = False

    def _assign_work_unit(self, node) -> None:
        # The queue is complete before the first unit is handed out.
        if not self.ordered:
            files = {name: len(tests) for name, tests in self.workqueue.items()}
            for name in order(files):
                self.workqueue.move_to_end(name)
            self.ordered = True
        super()._assign_work_unit(node)


def costs_from_junit(path: str) -> dict[str, int]:
    """Each file's seconds in a junit XML report (setup, call and teardown of its tests)."""
    totals: dict[str, float] = {}
    for case in ElementTree.parse(path).iter("testcase"):
        name = case.get("classname", "").replace(".", "/") + ".py"
        totals[name] = totals.get(name, 0.0) + float(case.get("time", "0"))
    ranked = sorted(totals.items(), key=lambda pair: -pair[1])
    return {name: round(seconds) for name, seconds in ranked if seconds >= 10}


if __name__ == "__main__":
    for name, seconds in costs_from_junit(sys.argv[1]).items():
        print(f'    "{name}": {seconds},')
