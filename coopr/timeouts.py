"""A statement timeout for web requests: no public request holds a worker for long.

On PostgreSQL every query a web request runs is cancelled by the server once it has run for
`STATEMENT_TIMEOUT` seconds (the admin, whose exports read every row: `ADMIN_STATEMENT_TIMEOUT`;
0 means none). Management commands and anything else outside a request are not limited: the
timeout is set on the connection by `StatementTimeoutMiddleware`, lazily (just before the
request's first query, so a response served from the cache opens no connection) and only when
the connection does not have it already (a persistent connection keeps it between requests).

The timeout stays on the connection after the request: a process that serves requests in
process (the test client) and then does long work on the same connection closes it first
(`manage.py bench` does).

A query cancelled by the timeout (lock waits count) ends the request with 503 "took too long"
(the API's error format under /api/, the "temporarily unavailable" page elsewhere) and one
warning on `coopr.timeouts` naming the request and the query. SQLite has no such timeout.
"""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopr.api.responses import error_response

logger = logging.getLogger(__name__)

RETRY_AFTER = 5
SQL_LOGGED = 2000  # characters of the cancelled query the log keeps
MESSAGE = "The request took too long and was stopped. Please try again shortly."


def timeout_for(request: HttpRequest) -> float:
    """The statement timeout for this request, in seconds (0: none)."""
    if request.path.startswith("/admin/"):
        return settings.ADMIN_STATEMENT_TIMEOUT
    return settings.STATEMENT_TIMEOUT


@receiver(connection_created)
def _forget_timeout(sender, connection, **kwargs) -> None:
    # A new connection has the server's default: set it again before its first query.
    connection.coopr_statement_timeout = None


def is_timeout(error: BaseException | None) -> bool:
    """A query the server cancelled (statement timeout)."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    return getattr(cause, "pgcode", None) == "57014"  # query_canceled


class StatementTimeoutMiddleware:
    """Sets the request's statement timeout before its first query; a timeout is a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if connection.vendor != "postgresql":
            return self.get_response(request)
        guard = _Guard(request, timeout_for(request))
        with connection.execute_wrapper(guard):
            return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not is_timeout(exception):
            return None
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = error_response(503, "timeout", MESSAGE)
        else:
            response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response


def _remember(db, milliseconds: int) -> None:
    db.coopr_statement_timeout = milliseconds


class _Guard:
    """An execute wrapper: the timeout set on the connection first; a cancel logged."""

    def __init__(self, request: HttpRequest, seconds: float):
        self.request, self.milliseconds = request, int(seconds * 1000)
        self.done = False

    def __call__(self, execute, sql, params, many, context):
        db = context["connection"]
        if not self.done and getattr(db, "coopr_statement_timeout", None) != self.milliseconds:
            self.done = True
            # The raw cursor: not a query of the request's own (query counts stay as they are).
            with db.connection.cursor() as raw:
                raw.execute("SET statement_timeout = %s", [self.milliseconds])
            # Inside the request's transaction the SET is undone if the transaction is rolled
            # back (a 4xx rolls back): the connection keeps it only once it commits.
            db.coopr_statement_timeout = None
            if db.in_atomic_block:
                transaction.on_commit(partial(_remember, db, self.milliseconds), using=db.alias)
            else:
                _remember(db, self.milliseconds)
        try:
            return execute(sql, params, many, context)
        except OperationalError as error:
            if is_timeout(error):
                logger.warning(
                    "Statement timeout (%s ms): %s %s stopped in query: %s",
                    self.milliseconds,
                    self.request.method,
                    self.request.get_full_path()[:500],
                    str(sql)[:SQL_LOGGED],
                    extra={"path": self.request.path, "timeout_ms": self.milliseconds},
                )
            raise
