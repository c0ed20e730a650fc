"""Health checks for load balancers and orchestrators, and the page for a database outage.

`/healthz`: the process answers (no database, no cache). `/readyz`: the database answers too;
503 with a JSON reason when it does not. Both are answered by `HealthMiddleware` before the
host check, the response cache, the locale and the request transaction: a load balancer asks
by address (the Host header is its own), the answer must never be a stored one, and asking
must not need a database transaction.
"""

from __future__ import annotations

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from coopr.api.responses import error_response

# Seconds a client should wait before asking again while the database is away.
RETRY_AFTER = 5
# Errors that mean "the database is not answering", not "the code is wrong": connection
# refused or lost, timeouts, a server shutting down, a read-only or locked database.
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)


def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers."""
    return _no_store(JsonResponse({"status": "ok"}))


def readyz(request: HttpRequest) -> HttpResponse:
    """The database answers a query; else 503 and why (without addresses or credentials)."""
    failures = {}
    for alias in connections:
        connection = connections[alias]
        # A connection the database dropped fails here; Django replaces it when the request
        # ends (close_old_connections), so the next check tries a new one.
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError as error:
            failures[alias] = _reason(error)
    if failures:
        body = {
            "status": "unavailable",
            "reason": "The database does not answer.",
            "checks": {
                alias: {"status": "unavailable", "error": error}
                for alias, error in failures.items()
            },
        }
        response = JsonResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return _no_store(response)
    return _no_store(
        JsonResponse({"status": "ok", "checks": {alias: {"status": "ok"} for alias in connections}})
    )


def _reason(error: DatabaseError) -> str:
    """The kind of failure, not its text: that names hosts, ports and users."""
    cause = error.__cause__ or error
    return type(cause).__name__


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


CHECKS = {"/healthz": healthz, "/readyz": readyz}


class HealthMiddleware:
    """Answers the two health addresses before anything else can stand in the way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        check = CHECKS.get(request.path_info)
        if check is not None and request.method in ("GET", "HEAD"):
            return check(request)
        return self.get_response(request)


def is_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, UNAVAILABLE_ERRORS)


def unavailable(request: HttpRequest) -> HttpResponse:
    """503 while the database is away: the API's error format, or a friendly page."""
    if request.path.startswith("/api/"):
        response: HttpResponse = error_response(
            503, "unavailable", "The service is temporarily unavailable. Please try again shortly."
        )
    else:
        response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
