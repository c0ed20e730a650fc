"""Fixtures shared by every test package: users with different rights, and the real data set.

The real data set (`real_data`) is loaded once per test module, in a transaction opened for
the module and rolled back after it; each test that asks for it runs in a savepoint of that
transaction (pytest-django's `db`), rolled back after the test, so no test sees another's
writes. See docs/testing.md.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from _pytest.mark.expression import Expression
from _pytest.nodeid import NodeId
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import translation

import tests.examples  # noqa: F401  (the Hypothesis profile, from HYPOTHESIS_PROFILE)
from tests.snapshot import load_once

# pytest-django runs a test in a real transaction (TransactionTestCase, emptied after it)
# when its marker says so or when it asks for one of these.
TRANSACTIONAL_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


# Markers, put on here in one place (registered in pyproject.toml) --------------------------

# The slow kinds, left out of the quick run (`make test-quick`, `pytest -m "not slow"`): the
# browser, the HTML checker (Java), the database outage (a cluster and gunicorn), schemathesis,
# page fuzzing, and tests that start a server in a subprocess. By node id prefix.
SLOW = (
    "tests/browser/",
    "tests/coopr/test_html_valid.py",
    "tests/coopr/test_database_outage.py",
    "tests/api/test_schemathesis.py",
    "tests/coopr/test_fuzz_pages.py",
    "tests/coopr/test_logs.py::test_gunicorn_writes_one_json_line_per_request",
    "tests/api/test_schema_tools.py::test_openapi_typescript",
    "tests/api/test_schema_tools.py::test_generated_python_client",
    "tests/api/test_last_modified_workers.py",
    "tests/api/test_rate_limits.py::test_gunicorn_refuses",
    "tests/api/test_docs_assets.py",
)
# Tests that never touch the suite's database (a cluster of their own, a fresh interpreter with
# its own settings): .ci/run runs them in its SQLite pass and leaves them out of the PostgreSQL
# pass (`-m "not database_independent"`).
DATABASE_INDEPENDENT = (
    "tests/coopr/test_database_outage.py",
    "tests/coopr/test_logs.py::test_gunicorn_writes_one_json_line_per_request",
    "tests/coopr/test_logs.py::test_the_text_format_of_a_developers_console",
    "tests/coopr/test_logs.py::test_an_unknown_log_format_refuses_to_start",
    "tests/coopr/test_settings.py::test_refuses_to_start_without_secret_key",
    "tests/coopr/test_settings.py::test_starts_with_secret_key_and_debug_off",
    "tests/coopr/test_settings.py::test_debug_runs_without_secret_key",
    "tests/coopr/test_settings.py::test_sqlite_file_uses_wal_and_busy_timeout",
    "tests/coopr/test_settings.py::test_database_url_selects_postgresql",
    "tests/coopr/test_security.py::test_deploy_check_passes_with_production_settings",
    "tests/coopr/test_commands_help.py::test_seed_synthetic_help_shows_its_proportions",
    "tests/api/test_last_modified_workers.py",
    "tests/api/test_rate_limits.py::test_manage_check_fails",
    "tests/api/test_rate_limits.py::test_gunicorn_refuses",
)


# Each marker put on by node id prefix, with its prefixes.
MARKED_BY_PREFIX = {"slow": SLOW, "database_independent": DATABASE_INDEPENDENT}


def marked_whole(path: str) -> set[str]:
    """The markers that every test under `path` (a node id prefix: "dir/" or a file) gets."""
    return {
        name
        for name, prefixes in MARKED_BY_PREFIX.items()
        if any(path.startswith(prefix) for prefix in prefixes if "::" not in prefix)
    }


def deselected_whole(path: str, markexpr: str) -> bool:
    """Whether `-m markexpr` deselects every test under `path` whatever else they are
    marked with: the expression is false with each other marker present and absent."""
    if not markexpr:
        return False
    known = marked_whole(path)
    if not known:
        return False
    expression = Expression.compile(markexpr)

    def matcher(others: bool):
        def matches(name: str, /, **kwargs) -> bool:
            return not kwargs if name in known else others

        return matches

    return not any(expression.evaluate(matcher(others)) for others in (False, True))


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The files and folders the marker expression deselects whole are not even collected:
    `make test-quick` (`-m "not slow"`) does not import the browser tests nor build
    schemathesis's 60-odd operation tests in each worker only to drop them (10 s of CPU per
    worker). What is deselected stays the same."""
    try:
        path = collection_path.relative_to(config.rootpath).as_posix()
    except ValueError:
        return None
    if collection_path.is_dir():
        path += "/"
    return True if deselected_whole(path, config.option.markexpr) else None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks the slow and database-independent tests before pytest selects by marker (`-m`),
    and orders each module's tests around the real data set (below)."""
    for item in items:
        # schemathesis names each operation's test item alike: pytest-xdist keys its work by
        # node id and would run one of them. The operation makes each node id its own.
        label = getattr(item, "operation_label", None)
        if label and not item.nodeid.endswith(f"[{label}]"):
            item._id = NodeId.parse(f"{item.nodeid}[{label}]")  # pytest 9 keeps it here
        # Node ids are relative to the project's root (pyproject.toml's directory).
        for name, prefixes in MARKED_BY_PREFIX.items():
            if item.nodeid.startswith(prefixes):
                item.add_marker(getattr(pytest.mark, name))
    order_by_real_data(items)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """`--dist loadfile` (`make test`) hands out the longest files first: tests/schedule.py."""
    if config.getoption("dist") == "loadfile":
        from tests.schedule import LongestFileFirst

        return LongestFileFirst(config, log)
    return None


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the default language: a request to /ja/… leaves Japanese
    active in the thread (LocaleMiddleware), which would leak into whichever test runs next."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what one test kept (a count, under the generation
    of its own rows) must not be served in the next, whose rows were rolled back."""
    cache.clear()
    yield


@pytest.fixture
def user(db):
    """A signed-up user with no rights in the admin."""
    return get_user_model().objects.create_user(
        username="reader", email="reader@example.org", password="a-long-test-password"
    )


def staff_in(role: str, username: str):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="a-long-test-password",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor_user(db):
    """A staff member in the Editors role (created by the roles data migration)."""
    return staff_in("Editors", "editor")


@pytest.fixture
def viewer_user(db):
    """A staff member in the Viewers role: view only."""
    return staff_in("Viewers", "viewer")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="boss", email="boss@example.org", password="a-long-test-password"
    )


# The real data set ----------------------------------------------------------------------------


# The data set the page, list, API and count tests pin: the small first data set, kept as a
# fixture when the full one (projects/seed/japan_russia.yaml, tested by
# tests/projects/test_load_seed.py and tests/test_full_data_set.py) replaced it.
SMALL_DATA_SET = (
    Path(__file__).resolve().parent / "fixtures" / "small_data_set" / "japan_russia.yaml"
)


def load_real_data() -> None:
    """The small data set (tests/fixtures/small_data_set), loaded as `make run` loads the
    full one: through `load_seed`, with its sources' stored texts beside it."""
    call_command("load_seed", str(SMALL_DATA_SET), stdout=StringIO())


def is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


def uses_real_data(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    return "real_data_module" in names or "full_data_module" in names


def order_by_real_data(items: list[pytest.Item]) -> None:
    """In each module: the tests that do not use the real data set first (they see an empty
    database), then those that read it in the module's transaction, then those that need a
    real transaction (they load the data set themselves). Modules keep their places, and
    pytest-django's order (its tryfirst hook runs after this one, a stable sort: tests in
    transactions, then tests in real transactions, then tests without a database) keeps this
    one within each module."""
    first_seen: dict[str, int] = {}
    for item in items:
        first_seen.setdefault(item.nodeid.split("::")[0], len(first_seen))

    def key(item: pytest.Item) -> tuple[int, int]:
        group = 0 if not uses_real_data(item) else (2 if is_transactional(item) else 1)
        return first_seen[item.nodeid.split("::")[0]], group

    items.sort(key=key)


class SharedRealData:
    """The module's transaction holding the real data set: opened by the first test of the
    module that shares it, closed (rolled back) at the end of the module or before a test that
    needs a real transaction."""

    def __init__(self, blocker, loader=None):
        self.blocker = blocker
        self.loader = loader or load_real_data  # tests/test_full_data_set.py: the full one
        self.atomic = None
        self.loads = 0

    @property
    def loaded(self) -> bool:
        return self.atomic is not None

    def load(self) -> None:
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            load_once(self.loader)
            self.loads += 1
            OPEN.append(self)
            cache.clear()

    def release(self) -> None:
        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic, self.atomic = self.atomic, None
            OPEN.remove(self)
            atomic.__exit__(None, None, None)
            cache.clear()


# The data sets held open in a module's transaction (at most one at a time).
OPEN: list[SharedRealData] = []


@pytest.fixture(autouse=True)
def _no_shared_data_under_a_real_transaction(request):
    """A test in a real transaction (it may flush the database) never runs inside a module's
    open data set: that transaction is rolled back first (on PostgreSQL a TRUNCATE inside it
    fails on the pending deferred constraint checks). Such tests run after the module's others
    (the order above), so none of them needs the data set afterwards."""
    if is_transactional(request.node):
        for shared in list(OPEN):
            shared.release()


_running: dict[str, pytest.Item] = {}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _running["item"] = item


@pytest.fixture(scope="module")
def real_data_module(django_db_setup, django_db_blocker):
    """The real data set, loaded once for the module in a transaction rolled back after it.

    For a module-scoped fixture that reads the data set (tests/coopr/test_html_valid.py);
    a test asks for `real_data`. Loaded when the first test that shares it starts, unless that
    test needs a real transaction (then no later test of the module shares it: see the order
    above)."""
    shared = SharedRealData(django_db_blocker)
    item = _running.get("item")
    if item is None or not is_transactional(item):
        shared.load()
    yield shared
    shared.release()


@pytest.fixture
def real_data(request, real_data_module, db):
    """The real data set (projects/seed/japan_russia.yaml), as `make run` loads it.

    Loaded once per module; this test runs in a savepoint rolled back after it, with an empty
    cache. A test in a real transaction (`transactional_db`, `live_server`,
    `django_db(transaction=True)`) gets the data set loaded for it alone, and emptied after it.
    """
    if is_transactional(request.node):
        # `db` is then pytest-django's transactional database (it reads the marker and the
        # fixtures the test asks for).
        real_data_module.release()
        load_real_data()
        yield
        return
    if not real_data_module.loaded:
        pytest.fail(
            "real_data: the module's data set was released before this test (a test in a "
            "real transaction ran first); tests/conftest.py orders a module's tests so that "
            "this does not happen: was the order changed by a plugin?",
            pytrace=False,
        )
    assert connection.in_atomic_block
    cache.clear()
    yield
    cache.clear()


# The full data set ----------------------------------------------------------------------------


def load_full_data() -> None:
    """The full data set (projects/seed/japan_russia.yaml), loaded as `make run` loads it."""
    call_command("load_seed", stdout=StringIO())


@pytest.fixture(scope="module")
def full_data_module(django_db_setup, django_db_blocker):
    """The full data set, loaded once for the module in a transaction rolled back after it
    (as `real_data_module`; a module uses one or the other)."""
    shared = SharedRealData(django_db_blocker, load_full_data)
    shared.load()
    yield shared
    shared.release()


@pytest.fixture
def full_data(full_data_module, db):
    """The full data set, for tests that read it: each test's writes are undone after it."""
    assert connection.in_atomic_block
    cache.clear()
    yield
    cache.clear()
