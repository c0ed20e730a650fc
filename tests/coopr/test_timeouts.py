"""A web request's query runs at most STATEMENT_TIMEOUT seconds on PostgreSQL: then 503.

The slow query is real: another connection holds a lock on the projects table, so the
request's query waits for it (a lock wait counts against the statement timeout) until the
server cancels it.
"""

from __future__ import annotations

import logging

import psycopg2
import pytest
from django.db import connection
from django.test import RequestFactory, override_settings

from coopr.timeouts import timeout_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_admin_has_its_own_limit(settings):
    settings.STATEMENT_TIMEOUT, settings.ADMIN_STATEMENT_TIMEOUT = 5, 120
    factory = RequestFactory()
    assert timeout_for(factory.get("/api/v1/projects/")) == 5
    assert timeout_for(factory.get("/en/search/")) == 5
    assert timeout_for(factory.get("/admin/projects/project/export/")) == 120


def locked_projects():
    """A second connection holding an exclusive lock on the projects table (until closed)."""
    params = connection.get_connection_params()
    other = psycopg2.connect(**params)
    other.cursor().execute("LOCK TABLE projects_project IN ACCESS EXCLUSIVE MODE")
    return other


def test_a_slow_query_is_stopped_with_a_503(client, caplog):
    if connection.vendor != "postgresql":
        # SQLite has no statement timeout: the middleware lets every request through.
        assert client.get("/api/v1/projects/").status_code == 200
        return
    connection.close()
    with connection.cursor() as cursor:  # outside a request (a command, a shell): no limit
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
    other = locked_projects()
    try:
        with override_settings(STATEMENT_TIMEOUT=0.3), caplog.at_level(logging.WARNING):
            api = client.get("/api/v1/projects/?status=agreed")
            page = client.get("/en/projects/")
    finally:
        other.rollback()
        other.close()
    assert api.status_code == 503
    assert api.json()["error"]["code"] == "timeout"
    assert "took too long" in api.json()["error"]["message"]
    assert api["Retry-After"] == "5"
    assert page.status_code == 503
    assert page["Content-Type"].startswith("text/html")
    assert "Temporarily unavailable" in page.content.decode()
    warnings = [r for r in caplog.records if r.name == "coopr.timeouts"]
    assert len(warnings) == 2
    assert "GET /api/v1/projects/?status=agreed" in warnings[0].getMessage()
    assert "projects_project" in warnings[0].getMessage()
    assert "300 ms" in warnings[0].getMessage()
    # The lock is gone: the same connection answers again, under the timeout.
    assert client.get("/api/v1/projects/").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "5s"
