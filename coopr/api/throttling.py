"""DRF's request rates, kept in the cache; while the cache is away, requests are let through.

Throttling protects the database from a flood; refusing every API call because Redis is
restarting would turn a cache outage into an API outage. The counts are shared by every
worker only when the cache is (system check coopr.E001 refuses several workers on a cache
kept per process).

A refused request (429) says why, in the fields of the IETF draft "RateLimit header fields
for HTTP" (draft-ietf-httpapi-ratelimit-headers-09) beside `Retry-After`:
`RateLimit-Policy: "anon";q=600;w=60` (600 requests per 60 seconds for anonymous clients)
and `RateLimit: "anon";r=0;t=42` (none left, the window resets in 42 seconds).

Counted in fixed windows (`FixedWindowMixin`): DRF's own throttles keep, per client, the list
of the times of every request in the window and read and write that whole list on each
request: at 600 a minute that is up to 600 floats unpickled and pickled again per request,
and two workers writing it at once lose each other's requests. A count per window is one
atomic increment, whatever the rate. Its price: a client can spend one window's quota at the
end of a window and the next one's at the start of the next.
"""

from __future__ import annotations

import logging
import math

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache
from rest_framework import throttling

logger = logging.getLogger(__name__)


RATE_LIMIT = "coopr_rate_limit"


def rate_limit_headers(request) -> dict[str, str]:
    """The RateLimit fields of the throttle that refused `request` (none if none did)."""
    found = getattr(request, RATE_LIMIT, None)
    if found is None:
        return {}
    scope, quota, window, wait = found
    return {
        "RateLimit-Policy": f'"{scope}";q={quota};w={window}',
        "RateLimit": f'"{scope}";r=0;t={wait}',
    }


class CacheTolerantMixin:
    def allow_request(self, request, view):
        try:
            allowed = super().allow_request(request, view)
        except Exception:
            logger.warning(
                "The throttle's cache does not answer: request let through", exc_info=True
            )
            return True
        if not allowed and getattr(request, RATE_LIMIT, None) is None:
            wait = max(1, math.ceil(self.wait() or 1))
            quota, window = self.num_requests, self.duration
            setattr(request, RATE_LIMIT, (self.scope, quota, window, wait))
        return allowed


class FixedWindowMixin(throttling.SimpleRateThrottle):
    """A SimpleRateThrottle counting requests per client in fixed windows of its duration:
    `incr` of the window's key (one round trip to the cache), `add` when the window is new."""

    duration: int  # the window, in seconds (SimpleRateThrottle.__init__ sets it from the rate)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = self.timer()
        start = int(now // self.duration) * self.duration
        self.reset_in = start + self.duration - now
        return self.count(f"{key}:{start}") <= self.num_requests

    def count(self, key: str) -> int:
        """The window's count after this request: on Redis one round trip (INCR, and EXPIRE
        if the key has none yet, pipelined); Django's `cache.incr` would ask first whether
        the key exists. On another cache, `incr`, and `add` for a window's first request."""
        backend = caches[DEFAULT_CACHE_ALIAS]  # `self.cache` is the proxy in front of it
        if isinstance(backend, RedisCache):
            name = backend.make_and_validate_key(key)
            # The backend's own client (Django's RedisCacheClient: not in the type stubs).
            client = backend._cache.get_client(name, write=True)  # type: ignore[attr-defined]
            pipe = client.pipeline(transaction=False)
            pipe.incr(name).expire(name, self.duration + 1, nx=True)
            return pipe.execute()[0]
        try:
            return self.cache.incr(key)
        except ValueError:  # the window's first request (or its key expired)
            if self.cache.add(key, 1, timeout=self.duration + 1):
                return 1
            return self.cache.incr(key)  # another worker added it meanwhile

    def wait(self):
        return self.reset_in


class AnonRateThrottle(CacheTolerantMixin, FixedWindowMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(CacheTolerantMixin, FixedWindowMixin, throttling.UserRateThrottle):
    """Signed-in clients only: an anonymous one is counted by AnonRateThrottle alone (DRF's
    would count it twice, by address under both limits)."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
