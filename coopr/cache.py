"""Rendered responses kept in the cache, and thrown away by any write to the record.

Every anonymous GET of a public page or of the API is stored, rendered, under a key made of
the language and the address, with the generation of the record it was rendered at
(`generation()`, a number that moves on with every change). A save, delete or many-to-many change
anywhere in the record moves the generation on (signals, see `CooprConfig.ready`), once at
once and once more when its transaction commits, and a stored response is served only while
its generation is the current one: nothing stored before a write, or rendered from the old
rows while it was in flight, is served after it.

What is never stored: anything but a 200 to a GET; a request with a session cookie or an
`Authorization` header (editors, API clients with a token); a response that sets a cookie,
streams (CSV exports) or says `private`/`no-store`/`no-cache`; the admin and the health checks.

The cache is Django's: local memory by default, which is per process, which is right for one
process only (`make run`, one worker). With several workers the cache must be shared (Redis,
`CACHE_URL`): the response cache, the kept Last-Modified and the API's request rates
(coopr.api.throttling) live in it, and per process each worker would keep its own (a write
seen late elsewhere, a rate limit counted once per worker). The system check below refuses
that set-up, and gunicorn's configuration (coopr/gunicorn.py) runs it before it starts.

Beside it: the figures kept until the next change (coopr.kept), and the tier each worker
keeps in front of a Redis cache (coopr.local_cache).
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import set_response_etag
from django.utils.http import parse_etags
from django.utils.translation import get_language_from_request

from coopr.local_cache import (
    CHANNEL,
    heard_generation,
    local_figures,
    local_responses,
)

logger = logging.getLogger(__name__)

LAST_CHANGE_KEY = "coopr:last-change"
LAST_MODIFIED_KEY = "coopr:last-modified"
NOT_STORED_PREFIXES = ("/admin/", "/healthz", "/readyz", "/static/", "/language/", "/i18n/")
NO_STORE_DIRECTIVES = ("private", "no-store", "no-cache")


def touch() -> float:
    now = time.time()
    try:
        announce = getattr(cache, "set_and_publish", None)
        if announce is not None:  # Redis: every process hears it (coopr.local_cache)
            announce(LAST_CHANGE_KEY, now, CHANNEL)
        else:
            cache.set(LAST_CHANGE_KEY, now, timeout=None)
    except Exception:
        # A write must not fail for want of the cache. A cache that comes back empty (Redis
        # keeps nothing on disk here) holds nothing stale; one that was only unreachable may
        # serve what it holds until RESPONSE_CACHE_SECONDS runs out.
        logger.warning("The response cache does not answer", exc_info=True)
    return now


def mark_changed(**kwargs) -> None:
    """A record changed: a new generation now, and another once the transaction commits
    (a response rendered in between from the rows as they were must not outlive it).

    Raw saves (a restore, loaddata) are left out: those commands call it once at the end,
    with no signal's arguments, and the change feed then gets a "reset" entry (rows were
    written without an entry each)."""
    if kwargs.get("raw"):
        return
    if "signal" not in kwargs:
        from coopr.changes import mark_reset

        mark_reset()
    touch()
    transaction.on_commit(touch)


def generation() -> float:
    """The record's generation in this cache (what stored responses are kept under): as
    heard on the cache's channel when this process listens (no round trip), else read."""
    found = heard()
    return stored_generation() if found is None else found


def heard() -> float | None:
    """The record's generation as this process heard it (coopr.local_cache), or None while it
    does not listen: then nothing may be kept or served from the process itself."""
    return heard_generation(stored_generation)


def stored_generation() -> float:
    """The record's generation as stored in the cache (a round trip)."""
    try:
        value = cache.get(LAST_CHANGE_KEY)
    except Exception:
        logger.warning("The response cache does not answer", exc_info=True)
        return time.time()
    return touch() if value is None else value


def last_change() -> float | None:
    """When the record last changed (the API's Last-Modified), as a POSIX time: the time of
    the newest entry of the change feed (coopr.changes), read from the database and kept in
    the cache until the next change. Every worker, before and after a restart, reads the same
    value; None while nothing has ever been written.

    A write drops the kept value at once (a reader then reads the committed time from the
    database again) and sets the new one when it commits; a reader only ever adds a value,
    never overwrites one, so it cannot put back a time read before the commit. While this
    process hears the generation (coopr.local_cache), the value is kept here too, under the
    generation heard before reading it: a write moves the generation on once more after it
    has set the new value (`note_last_modified`), so what was kept before that is not used."""
    now = heard()
    if now is not None and (found_here := local_figures.get(LAST_MODIFIED_KEY, now)) is not None:
        return found_here[0]
    value = read_last_change()
    if now is not None and value is not None:
        local_figures.put(LAST_MODIFIED_KEY, now, (value,), 1)
    return value


def read_last_change() -> float | None:
    try:
        value = cache.get(LAST_MODIFIED_KEY)
    except Exception:
        logger.warning("The response cache does not answer", exc_info=True)
        return newest_change()
    if value is None:
        value = newest_change()
        if value is None:
            return None
        try:
            cache.add(LAST_MODIFIED_KEY, value, timeout=None)
        except Exception:
            logger.warning("The response cache does not answer", exc_info=True)
    return value


def newest_change() -> float | None:
    from coopr.models import Change

    newest = Change.objects.order_by("-id").values_list("time", flat=True).first()
    return newest.timestamp() if newest is not None else None


def note_last_modified(when) -> None:
    """A change was written in this transaction (coopr.changes): its time is the record's
    Last-Modified once it commits."""
    stamp = when.timestamp()

    def forget() -> None:
        try:
            cache.delete(LAST_MODIFIED_KEY)
        except Exception:
            logger.warning("The response cache does not answer", exc_info=True)

    def commit() -> None:
        try:
            cache.set(LAST_MODIFIED_KEY, stamp, timeout=None)
        except Exception:
            logger.warning("The response cache does not answer", exc_info=True)
        # After the new value: anything worked out from the old one (a Last-Modified kept in
        # a process, an answer that carries it) was under an older generation.
        touch()

    forget()
    transaction.on_commit(commit)


def response_key(request: HttpRequest) -> str:
    """The language, the address as the client asked for it (scheme and host too: the API's
    links and the pages' canonical links are absolute) and, for the API, what it accepts."""
    language = get_language_from_request(request, check_path=True)
    parts = [language, request.build_absolute_uri()]
    if request.path.startswith("/api/"):
        parts.append(request.headers.get("Accept", ""))
    digest = hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()
    return f"coopr:response:{digest}"


def is_storable_request(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.RESPONSE_CACHE_SECONDS > 0
        and not request.path.startswith(NOT_STORED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "Authorization" not in request.headers
    )


def is_storable_response(request: HttpRequest, response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        # A body that carries this request's CSP nonce is good for this answer only.
        and not isinstance(getattr(request, "_csp_nonce", None), str)
        and not response.streaming
        and not response.cookies
        and not any(directive in control for directive in NO_STORE_DIRECTIVES)
    )


def etag_key(key: str) -> str:
    """Where a stored response's ETag is kept apart from its body (a 304 needs no body)."""
    return f"{key}:etag"


# What a 304 repeats of the 200 it stands for (RFC 9110 15.4.5), besides the ETag.
NOT_MODIFIED_HEADERS = {"cache-control", "content-location", "expires", "last-modified", "vary"}


def etag_matches(etag: str, if_none_match: str) -> bool:
    """The client holds this ETag: weak comparison (RFC 9110 13.1.2), as
    ConditionalGetMiddleware does."""
    sent = parse_etags(if_none_match)
    return "*" in sent or etag.removeprefix("W/") in {t.removeprefix("W/") for t in sent}


def not_modified(etag: str, headers: list[tuple[str, str]]) -> HttpResponse:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "hit"
    return response


def not_modified_response(stored, generation, if_none_match: str) -> HttpResponse | None:
    """304 when the stored ETag is current and the client has it; else None."""
    if stored is None or stored[0] != generation:
        return None
    _, etag, headers = stored
    return not_modified(etag, headers) if etag_matches(etag, if_none_match) else None


def stored_response(stored) -> HttpResponse:
    _, status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "hit"
    return response


def keep_here(key: str, generation: float, stored) -> None:
    """A stored answer kept in this process too (coopr.local_cache): `(stored, ETag, headers
    its 304 repeats)`."""
    headers = stored[2]
    etag = next(value for name, value in headers if name.lower() == "etag")
    repeated = [(n, v) for n, v in headers if n.lower() in NOT_MODIFIED_HEADERS]
    local_responses.put(key, generation, (stored, etag, repeated), len(stored[3]))


def keep_tag_here(key: str, generation: float, tag) -> None:
    """A stored ETag (`etag_key`'s value) kept in this process without its body: enough to
    answer 304; a request that needs the body still fetches it."""
    _, etag, repeated = tag
    local_responses.put(key, generation, (None, etag, repeated), len(etag))


def fetch(keys: list[str], now: float | None) -> tuple[dict, float]:
    """The stored values of `keys`, and the generation: `now` as this process heard it (see
    `heard`), or read beside them in the same round trip."""
    if now is not None:
        return cache.get_many(keys), now
    found = cache.get_many([LAST_CHANGE_KEY, *keys])
    return found, found.get(LAST_CHANGE_KEY) or touch()


class ResponseCacheMiddleware:
    """Serve a stored rendering when the record has not changed since it was made.

    Sits after ConditionalGetMiddleware, which answers 304 to a matching If-None-Match on a
    stored response as on a fresh one (each stored response carries its ETag). The ETag is
    also kept on its own: a conditional request whose ETag is current is answered 304 from it,
    without fetching the stored body. While this process hears the generation announced
    (coopr.local_cache), the answers it stored or fetched last are kept here too, and a
    repeated or conditional request for one of them needs no round trip at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_storable_request(request):
            return self.get_response(request)
        key = response_key(request)
        conditional = request.headers.get("If-None-Match")
        now = heard()
        here = None if now is None else local_responses.get(key, now)
        if here is not None:
            stored, etag, repeated = here
            if conditional and etag_matches(etag, conditional):
                return not_modified(etag, repeated)
            if stored is not None:  # else only its ETag is kept here
                return stored_response(stored)
        try:
            if conditional:
                # A conditional request: the stored ETag (a few bytes), and the stored body
                # only when the client's copy turns out to be stale.
                found, generation = fetch([etag_key(key)], now)
                tag = found.get(etag_key(key))
                answer = not_modified_response(tag, generation, conditional)
                if answer is not None:
                    if now is not None and here is None:
                        keep_tag_here(key, generation, tag)
                    return answer
                stored = cache.get(key)
            else:
                # One round trip to the cache: the stored response (and the generation).
                found, generation = fetch([key], now)
                stored = found.get(key)
        except Exception:
            # The cache is a help, not a need: while it is away, render every answer.
            logger.warning("The response cache does not answer", exc_info=True)
            return self.get_response(request)
        if stored is not None and stored[0] == generation:
            if now is not None:
                keep_here(key, generation, stored)
            return stored_response(stored)
        response = self.get_response(request)
        if is_storable_response(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)
            # Stored under the generation read before rendering: a write meanwhile makes it
            # stale at once.
            stored = (generation, response.status_code, list(response.items()), response.content)
            headers = [(n, v) for n, v in response.items() if n.lower() in NOT_MODIFIED_HEADERS]
            try:
                cache.set_many(
                    {key: stored, etag_key(key): (generation, response["ETag"], headers)},
                    settings.RESPONSE_CACHE_SECONDS,
                )
            except Exception:
                logger.warning("The response cache does not answer", exc_info=True)
                return response
            if now is not None:
                keep_here(key, generation, stored)
            response["X-Cache"] = "miss"
        return response


# Cache backends whose data lives in one process (or none): not shared by several workers.
PER_PROCESS_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def check_shared_cache(app_configs=None, **kwargs) -> list:
    """More than one worker (WEB_WORKERS) needs a cache they all share."""
    from django.core.checks import Error

    workers = getattr(settings, "WEB_WORKERS", 1)
    backend = settings.CACHES["default"]["BACKEND"]
    if workers <= 1 or backend not in PER_PROCESS_BACKENDS:
        return []
    return [
        Error(
            f"{workers} workers (WEB_WORKERS) with a cache kept in each process ({backend}): "
            f"each worker would count the API's rate limits apart ({workers} times the limit) "
            "and keep its own copy of responses and of Last-Modified.",
            hint="Set CACHE_URL to a cache every worker shares (redis://host:6379/1), "
            "or run one worker (WEB_WORKERS=1).",
            id="coopr.E001",
        )
    ]


def watch_record_changes() -> None:
    """Any write to the record moves its generation on and is written in the change feed
    (coopr.changes), from the same signals: `mark_changed` on every save
    and delete of a model of an app holding record types, and on every many-to-many change.
    Called once every app has registered its record types (the top floor's ready())."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from coopr.registry import record_apps

    for label in record_apps():
        for model in apps.get_app_config(label).get_models():
            for signal in (post_save, post_delete):
                signal.connect(
                    mark_changed, sender=model, dispatch_uid=f"coopr.changed.{model._meta.label}"
                )
    m2m_changed.connect(mark_changed, dispatch_uid="coopr.changed.m2m")
    # The change feed, from the same signals (coopr.changes).
    from coopr.changes import watch

    watch()
