"""The markers tests/conftest.py puts on by node id, and what `-m` leaves uncollected."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import (
    DATABASE_INDEPENDENT,
    SLOW,
    deselected_whole,
    marked_whole,
    pytest_ignore_collect,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("prefix", SLOW + DATABASE_INDEPENDENT)
def test_every_marked_prefix_names_a_file_or_folder_that_exists(prefix):
    """A file renamed or moved would silently lose its marker (and run in the quick run)."""
    path = prefix.split("::")[0]
    assert (ROOT / path).exists(), f"{prefix}: no such file or folder"
    if path.endswith("/"):
        assert (ROOT / path).is_dir()


def test_the_markers_every_test_of_a_file_gets():
    assert marked_whole("tests/browser/test_public_site.py") == {"slow"}
    assert marked_whole("tests/browser/") == {"slow"}
    assert marked_whole("tests/coopr/test_database_outage.py") == {
        "slow",
        "database_independent",
    }
    # Some of test_logs' tests are slow, not all: the file is collected.
    assert marked_whole("tests/coopr/test_logs.py") == set()
    assert marked_whole("tests/coopr/test_feeds.py") == set()


@pytest.mark.parametrize(
    ("markexpr", "path", "deselected"),
    [
        ("not slow", "tests/api/test_schemathesis.py", True),
        ("not slow", "tests/browser/", True),
        ("not slow", "tests/coopr/test_logs.py", False),
        ("not slow", "tests/coopr/test_feeds.py", False),
        ("slow", "tests/api/test_schemathesis.py", False),
        ("", "tests/browser/", False),
        # Another marker could select some of its tests: the file is collected.
        ("not slow or django_db", "tests/browser/", False),
        ("not slow and django_db", "tests/browser/", True),
        ("not database_independent", "tests/coopr/test_database_outage.py", True),
        ("not database_independent", "tests/browser/", False),
        ("not database_independent", "tests/coopr/test_settings.py", False),
    ],
)
def test_a_file_is_left_uncollected_only_when_the_expression_deselects_all_of_it(
    markexpr, path, deselected
):
    assert deselected_whole(path, markexpr) is deselected


@pytest.mark.parametrize(
    ("path", "ignored"),
    [
        ("tests/browser", True),  # a folder, as pytest passes it: no trailing slash
        ("tests/api/test_schemathesis.py", True),
        ("tests/coopr/test_database_outage.py", True),
        ("tests", None),
        ("tests/coopr", None),
        ("tests/coopr/test_logs.py", None),
        ("tests/api/test_lists.py", None),
    ],
)
def test_the_hook_leaves_out_what_the_quick_run_deselects_whole(path, ignored):
    config = SimpleNamespace(rootpath=ROOT, option=SimpleNamespace(markexpr="not slow"))
    assert pytest_ignore_collect(ROOT / path, config) is ignored


def test_the_hook_collects_everything_without_an_expression_and_outside_the_project():
    config = SimpleNamespace(rootpath=ROOT, option=SimpleNamespace(markexpr=""))
    assert pytest_ignore_collect(ROOT / "tests/browser", config) is None
    config.option.markexpr = "not slow"
    assert pytest_ignore_collect(Path("/tmp/tests/browser"), config) is None
