"""Logs: one JSON line per request, and every record tagged with the request it belongs to.

`RequestLogMiddleware` comes first in MIDDLEWARE, so it sees every request, those answered
from the response cache included. It gives the request an id (the load balancer's
`X-Request-ID` when it is a sane token, a new one otherwise), sends it back in the
`X-Request-ID` header, and logs one access line on `coopr.request` when the response is
returned (for a streamed CSV export: when the streaming starts, and without a size).

`RequestFilter`, on the handler, adds that id to every record logged while the request is
handled, and to Django's records about the request (they carry it): the 500 that
`django.request` logs with its traceback carries the id of the request's access line and of
the `X-Request-ID` the client saw. Outside a request the id is null.

A crash is logged once, by `django.request`, with its traceback. Django leaves the traceback
out in one case: when the error page itself fails (a 404 template that cannot render turns
the 404 into a 500, logged as a bare "Internal Server Error"); the middleware keeps the
exception on the request (`got_request_exception`) and the filter puts it on that line.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from contextvars import ContextVar

from django.core.signals import got_request_exception
from django.http import HttpRequest, HttpResponseBase
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.functional import SimpleLazyObject, empty
from pythonjsonlogger import json as json_logger
from pythonjsonlogger.core import RESERVED_ATTRS

from coopr.clients import client_ip

REQUEST_ID_HEADER = "X-Request-ID"
# What we take from a client or a load balancer: a token that cannot break a log line or a
# response header.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
PATH_LIMIT = 512
QUERY_LIMIT = 512
USER_AGENT_LIMIT = 256

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
access_logger = logging.getLogger("coopr.request")


def incoming_request_id(request: HttpRequest) -> str:
    """The id the load balancer gave the request, or a new one when it gave none we trust."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if SANE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def response_size(response: HttpResponseBase) -> int | None:
    """Bytes of body, when known before it is sent (not for a stream without a length)."""
    if not response.streaming:
        return len(response.content)  # type: ignore[attr-defined]
    length = response.get("Content-Length", "")
    return int(length) if length.isdigit() else None


def user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id; null for a visitor, and for a request that never looked at its
    user (finding out now would cost a session and a user query after the response)."""
    user = getattr(request, "user", None)
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):  # type: ignore[attr-defined]
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    """Give each request an id and log one access line for it (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(keep_exception, dispatch_uid="coopr.logs.keep_exception")

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.id = incoming_request_id(request)  # type: ignore[attr-defined]
        token = request_id.set(request.id)  # type: ignore[attr-defined]
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request.id  # type: ignore[attr-defined]
            self.log(request, response, (time.perf_counter() - started) * 1000)
            return response
        finally:
            request_id.reset(token)

    def log(self, request: HttpRequest, response: HttpResponseBase, duration_ms: float) -> None:
        # As sent on the wire (percent-encoded): no control character reaches a text log.
        path = escape_uri_path(request.path)[:PATH_LIMIT]
        query = iri_to_uri(request.META.get("QUERY_STRING", ""))[:QUERY_LIMIT]
        access_logger.info(
            "%s %s%s %s %.1f ms",
            request.method,
            path,
            f"?{query}" if query else "",
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": path,
                "query": query or None,
                "status": response.status_code,
                "duration_ms": round(duration_ms, 2),
                "bytes": response_size(response),
                "user_id": user_id(request),
                "remote_addr": request.META.get("REMOTE_ADDR"),
                # The visitor's address behind TRUSTED_PROXY_COUNT proxies (as the lockout
                # counts it); the same as remote_addr without proxies.
                "client_addr": client_ip(request),
                "user_agent": request.headers.get("User-Agent", "")[:USER_AGENT_LIMIT] or None,
            },
        )


def keep_exception(sender, request: HttpRequest | None = None, **kwargs) -> None:
    """Django is handling a crash: keep the exception for the line that will report it."""
    if request is not None:
        request.uncaught_exception = sys.exception()  # type: ignore[attr-defined]


class RequestFilter(logging.Filter):
    """Tag every record with the id of its request (null outside a request), and give Django's
    bare "Internal Server Error" line the traceback of the crash it reports."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Django's records carry their request: the one for an error response no exception
        # was logged for (a 5xx a view returned, an error page that failed) comes after the
        # middleware has returned.
        request = getattr(record, "request", None)
        if not hasattr(record, "request_id"):
            record.request_id = getattr(request, "id", None) or request_id.get()
        exception = getattr(request, "uncaught_exception", None)
        if record.name == "django.request" and not record.exc_info and exception is not None:
            record.exc_info = (type(exception), exception, exception.__traceback__)
        return True


class SecurityEventFilter(logging.Filter):
    """A security event (`django.security.*`: a Host not in ALLOWED_HOSTS, a failed CSRF check)
    is the client's doing, logged once by Django with its message; the traceback, always the
    same lines of Django, is left out, so a scanner's requests do not flood the logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.security."):
            record.exc_info = None
            record.exc_text = None
        return True


class JsonFormatter(json_logger.JsonFormatter):
    """python-json-logger's formatter, without the objects Django attaches to its records (the
    request, runserver's own time string): the line has the request's id and the access line
    says the rest."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request", "server_time"])
        super().__init__(*args, **kwargs)
