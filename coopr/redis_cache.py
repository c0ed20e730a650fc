"""Django's Redis cache backend, with one client per connection pool instead of one per call,
and the two things the response cache's tier in each process needs (coopr.local_cache): a
value set and announced on a channel at once, and a subscription to that channel.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` on every cache call; its
`__init__` fills a table of about 160 response callbacks each time. A cached API list makes
three cache calls, so that was a large share of a request's own work. A `redis.Redis` is
safe to share between threads (it takes a connection from its pool for each command), so one
per pool does the same.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    _serializer: Any  # Django's, not in its type stubs

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients.setdefault(index, self._client(connection_pool=pool))
        return client


class RedisCache(redis.RedisCache):
    _cache: RedisCacheClient  # Django's cached property, typed

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def channel(self, name: str) -> str:
        """A channel's name as this cache's keys are made (its prefix and version) and with
        its database: channels are the server's, not a database's, and two sites sharing one
        Redis must not hear each other."""
        pool = self._cache.get_client(write=True).connection_pool
        return f"{self.make_and_validate_key(name)}@{pool.connection_kwargs.get('db', 0)}"

    def set_and_publish(self, key: str, value: Any, channel: str) -> None:
        """`set(key, value, timeout=None)` and `repr(value)` published on `channel`, in one
        transaction: whoever reads the new value has been sent the message already."""
        key = self.make_and_validate_key(key)
        client = self._cache.get_client(key, write=True)
        with client.pipeline(transaction=True) as pipe:
            pipe.set(key, self._cache._serializer.dumps(value))
            pipe.publish(self.channel(channel), repr(value))
            pipe.execute()

    def pubsub(self):
        """A connection of its own for subscribing (redis-py's PubSub)."""
        return self._cache.get_client(write=False).pubsub()
