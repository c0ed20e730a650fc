"""DRF's request rates, kept in the cache; while the cache is away, requests are let through.

Throttling protects the database from a flood; refusing every API call because Redis is
restarting would turn a cache outage into an API outage.
"""

from __future__ import annotations

import logging

from rest_framework import throttling

logger = logging.getLogger(__name__)


class CacheTolerantMixin:
    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:
            logger.warning(
                "The throttle's cache does not answer: request let through", exc_info=True
            )
            return True


class AnonRateThrottle(CacheTolerantMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(CacheTolerantMixin, throttling.UserRateThrottle):
    pass
