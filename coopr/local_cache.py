"""The response cache's tier in each process: the record's generation heard as it moves, and
the answers this process stored or fetched last, so that a repeated request or a conditional
one is answered without a round trip to the shared cache.

With several workers the response cache lives in Redis (coopr.cache), and every stored answer
is good only while its generation is the record's current one. Reading the generation from
Redis costs a round trip per request, more than the rest of a 304. So:

- **The generation is announced.** Every change sets it and publishes it on a channel in one
  transaction (`RedisCache.set_and_publish`). Each process keeps one subscribed connection and,
  as a request starts, reads what has arrived on it without waiting (a poll of the socket, no
  round trip). A write announces its generation before its own response is sent, so a request
  that starts after the writer had its answer finds the message there already.
- **It is checked anyway.** The heard value is compared with the stored key at least every
  `CONFIRM_SECONDS` (one round trip a second per process), and again whenever the connection
  was made anew: a message lost while the connection was down is not trusted away.
- **Nothing is heard, nothing is trusted.** While the subscription is not up (a new process,
  Redis away, a cache that is not Redis), `Listener.current()` gives None and the response
  cache reads the generation from the cache as it always did.
- **Answers kept here** (`local_responses`) are served only under the generation they were kept
  at, within `RESPONSE_CACHE_SECONDS`, and at most `LOCAL_RESPONSE_CACHE_BYTES` of bodies per
  process (the least recently used go first). They are the same stored answers as in Redis:
  an anonymous GET only (coopr.cache decides what is stored). The row counts of lists
  (coopr.kept.kept_count) and the API's Last-Modified (coopr.cache.last_change) are kept
  here the same way (`local_figures`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

CHANNEL = "coopr:generation"
# Seconds a heard generation is trusted before it is compared with the stored one again.
CONFIRM_SECONDS = 1.0
# Seconds to wait before subscribing again after a failure (Redis away).
RETRY_SECONDS = 1.0
# Seconds to wait for Redis to confirm a subscription.
SUBSCRIBE_SECONDS = 1.0
# How long a kept figure (coopr.kept.kept) stays at most, whatever the changes.
KEPT_SECONDS = 24 * 60 * 60


class Listener:
    """This thread's subscription to the generation's channel (see the module)."""

    def __init__(self) -> None:
        self.pid = 0
        self.backend: Any = None
        self.pubsub: Any = None
        self.value: float | None = None
        self.confirmed = 0.0
        self.retry_at = 0.0

    def current(self, read) -> float | None:
        """The record's generation as heard, or None when not listening. `read()` reads the
        stored generation (a round trip), for the checks."""
        backend = caches["default"]
        if self.pid != os.getpid() or self.backend is not backend:
            # A forked process (the parent's socket is not its own) or another cache.
            self.pid, self.backend, self.pubsub = os.getpid(), backend, None
            self.retry_at = 0.0
        if self.pubsub is None and not self.listen(read):
            return None
        try:
            self.drain()
            if time.monotonic() - self.confirmed > CONFIRM_SECONDS:
                self.confirm(read)
        except Exception:
            logger.warning("The cache's channel does not answer", exc_info=True)
            self.drop()
            return None
        return self.value

    def listen(self, read) -> bool:
        if not hasattr(self.backend, "pubsub") or time.monotonic() < self.retry_at:
            return False
        try:
            pubsub = self.backend.pubsub()
            pubsub.subscribe(self.backend.channel(CHANNEL))
            deadline = time.monotonic() + SUBSCRIBE_SECONDS
            while True:  # until Redis confirms: from then on every announcement arrives
                message = pubsub.get_message(timeout=0.05)
                if message is not None and message["type"] == "subscribe":
                    break
                if time.monotonic() > deadline:
                    raise TimeoutError("Redis did not confirm the subscription")
            self.pubsub = pubsub
            self.confirm(read)
        except Exception:
            logger.warning("The cache's channel does not answer", exc_info=True)
            self.drop()
            return False
        return True

    def drain(self) -> None:
        """Read what has arrived, without waiting: the last announced generation wins. A
        (re)subscription seen here means the connection was made anew: check the value."""
        while (message := self.pubsub.get_message(timeout=0.0)) is not None:
            if message["type"] == "message":
                self.value = float(message["data"])
            elif message["type"] == "subscribe":
                self.confirmed = 0.0

    def confirm(self, read) -> None:
        """Take the stored generation, then whatever was announced after it."""
        self.value = read()
        self.drain()
        self.confirmed = time.monotonic()

    def drop(self) -> None:
        if self.pubsub is not None:
            with contextlib.suppress(Exception):  # it is being given up anyway
                self.pubsub.close()
        self.pubsub, self.value = None, None
        self.retry_at = time.monotonic() + RETRY_SECONDS


class _Listeners(threading.local):
    def __init__(self) -> None:
        self.listener = Listener()


_listeners = _Listeners()


def heard_generation(read) -> float | None:
    """The record's generation without a round trip, or None (see the module)."""
    return _listeners.listener.current(read)


class LocalKept:
    """What this process stored or fetched last, each under its generation: at most
    `budget()` in all (each put says its size) and for `seconds()` at most; the least recently
    used go first."""

    def __init__(self, budget: Callable[[], int], seconds: Callable[[], float]) -> None:
        self.budget, self.seconds = budget, seconds
        self.lock = threading.Lock()
        self.entries: OrderedDict[str, tuple[int, float, Any]] = OrderedDict()
        self.size = 0
        self.generation: float | None = None

    def get(self, key: str, generation: float) -> Any:
        with self.lock:
            if generation != self.generation:
                self.clear(generation)  # all of them were kept under an older generation
                return None
            found = self.entries.get(key)
            if found is None:
                return None
            if found[1] < time.monotonic():  # past its time, as in the shared cache
                self.remove(key)
                return None
            self.entries.move_to_end(key)
            return found[2]

    def put(self, key: str, generation: float, entry: Any, size: int) -> None:
        budget = self.budget()
        if size > budget:
            return
        with self.lock:
            if generation != self.generation:
                self.clear(generation)
            self.remove(key)
            self.entries[key] = (size, time.monotonic() + self.seconds(), entry)
            self.size += size
            while self.size > budget:
                self.remove(next(iter(self.entries)))

    def remove(self, key: str) -> None:
        found = self.entries.pop(key, None)
        if found is not None:
            self.size -= found[0]

    def clear(self, generation: float | None = None) -> None:
        self.entries.clear()
        self.size = 0
        self.generation = generation


# Stored answers, by the bytes of their bodies.
local_responses = LocalKept(
    lambda: settings.LOCAL_RESPONSE_CACHE_BYTES, lambda: settings.RESPONSE_CACHE_SECONDS
)
# Row counts of lists and the Last-Modified time, by number: each is a few bytes.
LOCAL_FIGURES = 1024
local_figures = LocalKept(lambda: LOCAL_FIGURES, lambda: KEPT_SECONDS)
