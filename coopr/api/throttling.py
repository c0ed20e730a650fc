"""DRF's request rates, kept in the cache; while the cache is away, requests are let through.

Throttling protects the database from a flood; refusing every API call because Redis is
restarting would turn a cache outage into an API outage. The counts are shared by every
worker only when the cache is (system check coopr.E001 refuses several workers on a cache
kept per process).

A refused request (429) says why, in the fields of the IETF draft "RateLimit header fields
for HTTP" (draft-ietf-httpapi-ratelimit-headers-09) beside `Retry-After`:
`RateLimit-Policy: "anon";q=600;w=60` (600 requests per 60 seconds for anonymous clients)
and `RateLimit: "anon";r=0;t=42` (none left, the window resets in 42 seconds).
"""

from __future__ import annotations

import logging
import math

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


class AnonRateThrottle(CacheTolerantMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(CacheTolerantMixin, throttling.UserRateThrottle):
    pass
