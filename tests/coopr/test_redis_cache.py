"""The Redis cache backend (coopr.redis_cache) on a real Redis: Django's, keeping one client
per connection pool; and the API's rate limits counted there in one round trip."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import override_settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from coopr import redis_cache
from tests.coopr.test_settings import run_django

REDIS = {
    "default": {"BACKEND": "coopr.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/13"}
}


@pytest.fixture
def redis():
    with override_settings(CACHES=REDIS):
        backend = caches["default"]
        backend.clear()
        yield backend
        backend.clear()


def test_settings_choose_it_for_a_redis_url():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    chosen = run_django(code, DEBUG="true", CACHE_URL="redis://127.0.0.1:6379/13")
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.strip() == "coopr.redis_cache.RedisCache"
    default = run_django(code, DEBUG="true")
    assert default.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


def test_one_client_per_pool_and_django_behaviour(redis):
    client = redis._cache
    assert isinstance(client, redis_cache.RedisCacheClient)
    assert client.get_client(write=True) is client.get_client(write=True)
    assert client.get_client("a key") is client.get_client("another")
    redis.set("word", {"value": 1}, timeout=30)
    assert redis.get("word") == {"value": 1}
    assert redis.add("word", 2) is False
    redis.set("count", 1)
    assert redis.incr("count", 2) == 3
    assert redis.get_many(["word", "count", "none"]) == {"word": {"value": 1}, "count": 3}


@pytest.mark.django_db
def test_rate_limits_count_in_redis(redis, monkeypatch):
    rates = {"anon": "3/minute", "user": "10/minute"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    api = APIClient()
    assert [api.get("/api/v1/plans/").status_code for _ in range(4)] == [200, 200, 200, 429]
    keys = redis._cache.get_client().keys("*throttle_anon*")
    assert len(keys) == 1
    name = keys[0].decode()
    assert redis._cache.get_client().get(name) == b"4"  # one count, not a list of times
    assert 0 < redis._cache.get_client().ttl(name) <= 61
