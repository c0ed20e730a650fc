"""Rate limits: shared by every worker (a system check refuses a per-process cache with more
than one), and a refused request says which limit and when it resets."""

from __future__ import annotations

import pickle
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from coopr.cache import check_shared_cache
from tests.coopr.test_logs import clean_env

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def low_rates(settings, monkeypatch):
    """Two requests a minute for anonymous clients (the rates are bound to the class when
    DRF is imported: patched there too)."""
    rates = {"anon": "2/minute", "user": "4/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    cache.clear()
    yield rates
    cache.clear()


@pytest.mark.django_db
def test_a_throttled_response_carries_retry_after_and_ratelimit_fields(low_rates):
    api = APIClient()
    for _ in range(2):
        ok = api.get("/api/v1/plans/")
        assert ok.status_code == HTTPStatus.OK
        assert "RateLimit" not in ok
    refused = api.get("/api/v1/plans/")
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    wait = int(refused["Retry-After"])
    assert 0 < wait <= 60
    assert refused["RateLimit-Policy"] == '"anon";q=2;w=60'
    assert refused["RateLimit"] == f'"anon";r=0;t={wait}'
    assert refused.json()["error"]["code"] == "throttled"


@pytest.mark.django_db
def test_each_limit_counts_its_own_clients_in_one_number_per_window(low_rates, editor_user):
    """Anonymous clients spend the anonymous quota only, signed-in ones the user quota only;
    what is kept is a count per client and window, not a list of every request's time."""
    anonymous, signed_in = APIClient(), APIClient()
    signed_in.force_authenticate(editor_user)
    for _ in range(2):
        assert anonymous.get("/api/v1/plans/").status_code == HTTPStatus.OK
    for _ in range(4):
        assert signed_in.get("/api/v1/plans/").status_code == HTTPStatus.OK
    refused = signed_in.get("/api/v1/plans/")
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused["RateLimit-Policy"] == '"user";q=4;w=60'
    assert anonymous.get("/api/v1/plans/").status_code == HTTPStatus.TOO_MANY_REQUESTS
    # LocMemCache in the tests: its keys are "<prefix>:<version>:<key>", its values pickled.
    kept = {key.split(":", 2)[2]: pickle.loads(value) for key, value in cache._cache.items()}
    counts = {key.split(":")[0]: value for key, value in kept.items() if "throttle" in key}
    assert counts == {"throttle_anon_127.0.0.1": 3, f"throttle_user_{editor_user.pk}": 5}


@pytest.mark.parametrize(
    ("workers", "backend", "errors"),
    [
        (1, "django.core.cache.backends.locmem.LocMemCache", []),
        (2, "django.core.cache.backends.locmem.LocMemCache", ["coopr.E001"]),
        (4, "django.core.cache.backends.dummy.DummyCache", ["coopr.E001"]),
        (2, "django.core.cache.backends.redis.RedisCache", []),
    ],
)
def test_several_workers_need_a_shared_cache(settings, workers, backend, errors):
    settings.WEB_WORKERS = workers
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:6379/13"}}
    found = check_shared_cache()
    assert [error.id for error in found] == errors
    if errors:
        assert f"{workers} workers (WEB_WORKERS)" in found[0].msg
        assert "CACHE_URL" in found[0].hint


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=BASE_DIR, env=clean_env(**env), capture_output=True, text=True, timeout=120
    )


def test_manage_check_fails_with_two_workers_on_a_per_process_cache():
    bin_dir = Path(sys.executable).parent
    failed = run([str(bin_dir / "python"), "manage.py", "check"], WEB_WORKERS="2")
    assert failed.returncode != 0
    assert "coopr.E001" in failed.stderr and "CACHE_URL" in failed.stderr
    shared = run(
        [str(bin_dir / "python"), "manage.py", "check"],
        WEB_WORKERS="2",
        CACHE_URL="redis://127.0.0.1:6379/13",
    )
    assert shared.returncode == 0, shared.stderr


def test_gunicorn_refuses_to_start_two_workers_on_a_per_process_cache():
    bin_dir = Path(sys.executable).parent
    refused = run(
        [str(bin_dir / "gunicorn"), "coopr.wsgi", "-c", "python:coopr.gunicorn",
         "--bind", "127.0.0.1:0", "--workers", "2"],
    )  # fmt: skip
    assert refused.returncode != 0
    assert "coopr.E001" in refused.stderr
