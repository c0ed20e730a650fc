"""The response cache's tier in each process (coopr.local_cache), on a Redis of the module's own
(so that the commands it counts are this test's only): the generation heard on the channel
without a round trip, checked against the stored one, never trusted past a lost connection;
stored answers served from the process with no command to Redis, and dropped by any write."""

from __future__ import annotations

import subprocess
import time

import pytest
import redis as redis_py
from django.core.cache import caches
from django.test import Client, override_settings
from django.utils.http import http_date

from coopr import cache as response_cache
from coopr import local_cache
from coopr.local_cache import LocalKept, heard_generation
from coopr.redis_cache import RedisCache
from coopr.services import record_save
from projects.models import Project
from tests.coopr.test_logs import free_port


@pytest.fixture(scope="module")
def redis_url():
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    raw = redis_py.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            raw.ping()
            break
        except redis_py.ConnectionError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def redis(redis_url, settings):
    settings.RESPONSE_CACHE_SECONDS = 600
    with override_settings(
        CACHES={"default": {"BACKEND": "coopr.redis_cache.RedisCache", "LOCATION": redis_url}}
    ):
        backend = caches["default"]
        backend.clear()
        local_cache.local_responses.clear()
        local_cache.local_figures.clear()
        yield backend
        local_cache.local_responses.clear()
        local_cache.local_figures.clear()


def commands(backend) -> int:
    """Commands the server has run so far (this one included)."""
    return backend._cache.get_client().info("stats")["total_commands_processed"]


def other_process_sets(backend, value: float, announce: bool = True) -> None:
    """What another process's write does: its own connections, not this one's."""
    other = type(backend)(backend._servers, {})
    if announce:
        other.set_and_publish(response_cache.LAST_CHANGE_KEY, value, local_cache.CHANNEL)
    else:  # as if the announcement were lost
        other.set(response_cache.LAST_CHANGE_KEY, value, timeout=None)


def test_the_generation_is_heard_without_a_round_trip(redis):
    first = response_cache.generation()
    assert heard_generation(response_cache.stored_generation) == first
    before = commands(redis)
    for _ in range(20):
        assert response_cache.generation() == first
    assert commands(redis) == before + 1  # the count itself, nothing else

    other_process_sets(redis, first + 5)
    before = commands(redis)
    assert response_cache.generation() == first + 5  # heard at once, still no round trip
    assert commands(redis) == before + 1


def test_a_write_here_moves_the_generation_heard(redis):
    first = response_cache.generation()
    time.sleep(0.01)
    moved = response_cache.touch()
    assert moved > first
    assert response_cache.generation() == moved == redis.get(response_cache.LAST_CHANGE_KEY)


def test_a_lost_announcement_is_caught_by_the_check(redis, monkeypatch):
    first = response_cache.generation()
    other_process_sets(redis, first + 7, announce=False)
    assert response_cache.generation() == first  # not heard, and trusted for a second
    monkeypatch.setattr(local_cache, "CONFIRM_SECONDS", 0.0)
    assert response_cache.generation() == first + 7


def test_a_dropped_connection_is_not_trusted(redis):
    first = response_cache.generation()
    # The server drops the subscription (as a restart or a network fault would) and a write
    # happens meanwhile, its announcement lost.
    killed = redis._cache.get_client().client_kill_filter(_type="pubsub")
    assert killed >= 1
    other_process_sets(redis, first + 9, announce=False)
    assert response_cache.generation() == first + 9


def test_a_cache_that_is_not_redis_is_read_as_before():
    assert heard_generation(response_cache.stored_generation) is None
    response_cache.touch()
    assert response_cache.generation() == caches["default"].get(response_cache.LAST_CHANGE_KEY)


@pytest.mark.django_db
def test_answers_kept_here_need_no_round_trip_and_a_write_drops_them(redis, real_data):
    client = Client()
    url = "/api/v1/projects/"
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    before = commands(redis)
    again = client.get(url)
    conditional = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert commands(redis) == before + 1  # the count: neither asked Redis anything
    assert (again.status_code, again["X-Cache"], again.content) == (200, "hit", first.content)
    assert (conditional.status_code, conditional["ETag"]) == (304, first["ETag"])

    project = Project.objects.order_by("pk").first()
    project.title_en = "Renamed here"
    record_save(instance=project)
    after = client.get(url)
    assert after["X-Cache"] == "miss"
    assert "Renamed here" in after.content.decode()
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.django_db
def test_a_write_by_another_process_drops_them_too(redis, real_data):
    client = Client()
    url = "/api/v1/projects/"
    kept = client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    other_process_sets(redis, response_cache.generation() + 1)
    fresh = client.get(url)
    assert fresh["X-Cache"] == "miss"  # rendered again, not the answer kept here
    assert client.get(url, HTTP_IF_NONE_MATCH=kept["ETag"])["X-Cache"] == "hit"  # the new one


def test_the_process_keeps_at_most_its_budget(settings):
    settings.LOCAL_RESPONSE_CACHE_BYTES = 100
    settings.RESPONSE_CACHE_SECONDS = 600
    kept = LocalKept(
        lambda: settings.LOCAL_RESPONSE_CACHE_BYTES, lambda: settings.RESPONSE_CACHE_SECONDS
    )
    kept.put("a", 1.0, "A", 40)
    kept.put("b", 1.0, "B", 40)
    assert kept.get("a", 1.0) == "A"  # "a" is now the most recently used
    kept.put("c", 1.0, "C", 40)
    assert (kept.get("a", 1.0), kept.get("b", 1.0), kept.get("c", 1.0)) == ("A", None, "C")
    assert kept.size == 80
    kept.put("huge", 1.0, "H", 101)
    assert kept.get("huge", 1.0) is None
    assert kept.get("a", 2.0) is None  # another generation: nothing kept is good
    assert (kept.size, kept.get("c", 2.0)) == (0, None)


def test_an_answer_kept_past_its_time_is_not_served(settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    kept = LocalKept(
        lambda: settings.LOCAL_RESPONSE_CACHE_BYTES, lambda: settings.RESPONSE_CACHE_SECONDS
    )
    kept.put("a", 1.0, "A", 10)
    time.sleep(0.01)
    assert kept.get("a", 1.0) is None
    assert kept.size == 0


@pytest.mark.django_db
def test_a_lists_row_count_is_kept_here(redis, real_data, settings):
    settings.RESPONSE_CACHE_SECONDS = 0  # every answer rendered: the count is what is kept
    client = Client()
    url = "/api/v1/projects/?page=2&page_size=5"
    assert client.get(url).status_code == 200
    before = commands(redis)
    again = client.get(url)
    # The rate limit's count (INCR and EXPIRE, pipelined): nothing for the row count, the
    # Last-Modified or the generation.
    assert commands(redis) - before - 1 == 2
    assert again.json()["count"] == Project.objects.count()
    item = Project.objects.order_by("pk").first().plan_item_id
    record_save(instance=Project(slug="counted", title="Counted", plan_item_id=item))
    after = client.get(url)
    assert after.json()["count"] == Project.objects.count()
    assert after["Last-Modified"] == http_date(response_cache.newest_change())


@pytest.mark.django_db
def test_a_last_modified_kept_here_does_not_outlive_the_write_that_ends_it(
    redis, real_data, django_capture_on_commit_callbacks
):
    """Another process may read the old time while a write commits and put it back in the
    cache; the time kept in this process under the generation of that moment must not be
    served once the write has set the new one."""
    old = response_cache.last_change()
    project = Project.objects.order_by("pk").first()
    project.title_en = "Renamed"
    with django_capture_on_commit_callbacks() as callbacks:
        record_save(instance=project)
    new = response_cache.newest_change()
    assert new > old
    names = [callback.__name__ for callback in callbacks]
    assert "commit" in names and "touch" in names
    for callback in sorted(callbacks, key=lambda c: c.__name__ == "commit"):  # commit last
        if callback.__name__ == "commit":
            # Meanwhile another reader put back the time it read before the commit.
            redis.add(response_cache.LAST_MODIFIED_KEY, old, timeout=None)
            assert response_cache.last_change() == old  # as the cache has it: for now
        callback()
    assert response_cache.last_change() == new


@pytest.mark.django_db
def test_a_304_from_the_shared_etag_keeps_the_etag_here_and_still_fetches_a_body(redis, real_data):
    """A worker that never had the body (another one rendered it) answers 304 from the ETag
    stored in Redis, then from the ETag it kept; a request that needs the body fetches it."""
    client = Client()
    url = "/api/v1/projects/"
    first = client.get(url)
    local_cache.local_responses.clear()  # as in a worker that has not served it
    before = commands(redis)
    from_redis = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert commands(redis) - before - 1 == 1  # the stored ETag, not the body
    before = commands(redis)
    from_here = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert commands(redis) - before - 1 == 0
    assert [r.status_code for r in (from_redis, from_here)] == [304, 304]
    body = client.get(url)
    assert (body.status_code, body["X-Cache"], body.content) == (200, "hit", first.content)


def test_two_sites_on_one_redis_do_not_hear_each_other(redis_url):
    """Channels are the server's, not a database's: a site hears the announcements made on
    its own database and key prefix only."""
    base = redis_url.rsplit("/", 1)[0]
    ours = RedisCache(f"{base}/0", {})
    others = [RedisCache(f"{base}/1", {}), RedisCache(f"{base}/0", {"KEY_PREFIX": "other"})]
    pubsub = ours.pubsub()
    pubsub.subscribe(ours.channel(local_cache.CHANNEL))
    assert pubsub.get_message(timeout=1.0)["type"] == "subscribe"

    def announced() -> list[bytes]:
        messages = []
        while (message := pubsub.get_message(timeout=0.2)) is not None:
            messages.append(message["data"])
        return messages

    for other in others:
        other.set_and_publish("coopr:last-change", 1.0, local_cache.CHANNEL)
    assert announced() == []
    ours.set_and_publish("coopr:last-change", 2.0, local_cache.CHANNEL)
    assert announced() == [b"2.0"]
    pubsub.close()
