"""Production hardening: security headers, cookies, the deploy check, lockout, CORS, health."""

import os
import re
import secrets
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import override_settings
from rest_framework.authtoken.models import Token

from tests.coopr.test_settings import BASE_DIR

LOCKOUT = override_settings(AXES_FAILURE_LIMIT=settings.PRODUCTION_AXES_FAILURE_LIMIT)
LIMIT = settings.PRODUCTION_AXES_FAILURE_LIMIT


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


# One address of each kind of answer: an HTML page, JSON, an error page, the admin, a feed,
# the API docs, a CSV export.
ADDRESSES = [
    "/en/",
    "/ru/projects/",
    "/api/v1/projects/",
    "/api/v1/projects/999999/",
    "/en/no-such-page/",
    "/admin/login/",
    "/en/changes.atom",
    "/api/docs/",
    "/en/projects/?format=csv",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_every_answer_carries_the_security_headers(client, real_data, address):
    response = client.get(address)
    assert response.status_code < 500
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "geolocation", "microphone", "payment", "usb"):
        assert f"{feature}=()" in permissions


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/healthz", "/readyz"])
def test_health_answers_carry_the_policy_too(client, address):
    response = client.get(address)
    assert directives(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_inline_styles_carry_the_requests_nonce(client):
    response = client.get("/api/docs/")
    nonce = re.search(r"'nonce-([^']+)'", directives(response)["style-src"][-1]).group(1)
    assert f'<style nonce="{nonce}">' in response.content.decode()
    # A fresh nonce for every answer.
    other = client.get("/api/docs/")
    assert directives(other)["style-src"] != directives(response)["style-src"]


@pytest.mark.django_db
def test_https_answers_carry_hsts(client):
    response = client.get("/en/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def test_cookies_are_secure_httponly_and_same_site(client, superuser):
    page = client.get("/admin/login/", secure=True)
    csrf = page.cookies["csrftoken"]
    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": "boss",
            "password": "a-long-test-password",
            "csrfmiddlewaretoken": csrf.value,
        },
        secure=True,
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name


def test_passwords_must_be_strong():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password123", "12345678901234", "short-pw"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("correct horse battery staple 42")


def test_deploy_check_passes_with_production_settings():
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "DATABASE_URL",
            "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        COOPR_ENV_FILE=os.devnull,
        DJANGO_SETTINGS_MODULE="coopr.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="coopr.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


# Lockout ----------------------------------------------------------------------------------


def admin_login(client, password: str, address: str = "127.0.0.1"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "boss", "password": password},
        REMOTE_ADDR=address,
    )


@LOCKOUT
def test_admin_login_locks_the_address_out_after_repeated_failures(client, superuser):
    for _ in range(LIMIT - 1):
        response = admin_login(client, "wrong password")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    response = admin_login(client, "wrong password")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many failed sign-in attempts" in text
    assert f"after {LIMIT} failed attempts. Try again in 15 minutes." in text
    assert response["Retry-After"] == "900"
    # Even the right password is refused while the lockout lasts...
    response = admin_login(client, "a-long-test-password")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but only from that address.
    response = admin_login(client, "a-long-test-password", address="192.0.2.7")
    assert response.status_code == 302
    assert AccessAttempt.objects.get(ip_address="127.0.0.1").failures_since_start >= LIMIT


@LOCKOUT
def test_a_successful_login_resets_the_count(client, superuser):
    for _ in range(LIMIT - 1):
        admin_login(client, "wrong password")
    assert admin_login(client, "a-long-test-password").status_code == 302
    client.logout()
    assert admin_login(client, "wrong password").status_code == 200


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "", "10.0.0.2"),
        (0, "203.0.113.9", "10.0.0.2"),  # no proxy trusted: the header is the client's say
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # a spoofed entry on the left is ignored
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (1, "", "10.0.0.2"),  # did not come through the proxy
        (1, "not-an-address", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(rf, settings, proxies, forwarded, expected):
    from coopr.clients import client_ip

    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@LOCKOUT
def test_behind_a_proxy_each_visitor_is_locked_out_alone(client, superuser, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    def login(visitor: str, password: str):
        return client.post(
            "/admin/login/?next=/admin/",
            {"username": "boss", "password": password},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=visitor,
        )

    for _ in range(LIMIT):
        login("203.0.113.9", "wrong password")
    assert login("203.0.113.9", "a-long-test-password").status_code == 429
    # Writing another address in front of the proxy's entry does not get around it.
    assert login("198.51.100.1, 203.0.113.9", "a-long-test-password").status_code == 429
    # Another visitor behind the same proxy signs in.
    assert login("198.51.100.7", "a-long-test-password").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def write_with_token(client, key: str, address: str = "127.0.0.1"):
    return client.post(
        "/api/v1/sources/",
        data="{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
        REMOTE_ADDR=address,
    )


@LOCKOUT
def test_bad_api_tokens_lock_the_address_out(client, editor_user):
    good = Token.objects.create(user=editor_user).key
    for _ in range(LIMIT - 1):
        response = write_with_token(client, "0" * 40)
        assert response.status_code == 401
    response = write_with_token(client, "0" * 40)
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "locked_out"
    assert error["message"] == (
        "Too many failed sign-in attempts from your address: try again in 15 minutes."
    )
    # The right token is refused too while the lockout lasts, and reads with a token as well.
    assert write_with_token(client, good).status_code == 429
    response = client.get("/api/v1/projects/", HTTP_AUTHORIZATION=f"Token {good}")
    assert response.status_code == 429
    # Anonymous reading goes on, and another address is not affected.
    assert client.get("/api/v1/projects/").status_code == 200
    assert write_with_token(client, good, address="192.0.2.7").status_code == 400


@LOCKOUT
def test_failed_tokens_are_counted_although_the_request_is_rolled_back(client, db):
    write_with_token(client, "1" * 40)
    attempt = AccessAttempt.objects.get(ip_address="127.0.0.1")
    assert attempt.failures_since_start == 1


# CORS -------------------------------------------------------------------------------------


def test_api_reads_are_open_to_other_origins(client, real_data):
    response = client.get("/api/v1/projects/", HTTP_ORIGIN="https://example.net")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    exposed = {name.strip() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert exposed >= {
        "ETag",
        "Link",
        "X-Request-ID",
        "Retry-After",
        "RateLimit",
        "RateLimit-Policy",
    }


def test_api_writes_are_not_open_to_other_origins(client):
    response = client.options(
        "/api/v1/projects/",
        HTTP_ORIGIN="https://example.net",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    allowed = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}
    headers = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert "authorization" not in headers


@pytest.mark.parametrize("address", ["/en/", "/admin/login/", "/en/projects/?format=csv"])
def test_pages_are_not_open_to_other_origins(client, real_data, address):
    response = client.get(address, HTTP_ORIGIN="https://example.net")
    assert "Access-Control-Allow-Origin" not in response


# Health -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_readyz_says_the_database_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"default": {"status": "ok"}}}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/healthz", "/readyz"])
def test_health_answers_any_host_and_is_never_stored(client, settings, address):
    settings.RESPONSE_CACHE_SECONDS = 600
    # A load balancer asks by the container's address, not the public host name.
    response = client.get(address, HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_health_is_never_throttled(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "2/minute"},
    }
    statuses = {client.get("/readyz").status_code for _ in range(10)}
    assert statuses == {200}
