"""Schemathesis over every operation of /api/schema/, in-process, with every check.

The schema is the one the app serves at /api/schema/, fetched through its WSGI entry point
(coopr.wsgi), and every operation is called the same way, in the test's own database
transaction, on the real data set, with an Editor's token: reads, and writes that may succeed,
be refused (deleting a plan is not an Editor's right) or fail a precondition. Every response
must be one the schema documents, in the documented shape and content type; no input may
cause a 500; invalid input must be rejected.
"""

from __future__ import annotations

import json
import re

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import resolve
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import CHECKS, is_check_class, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.config._checks import POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES

from coopr.wsgi import application
from tests.examples import examples

load_all_checks()
# Every built-in check: schemathesis 4 has no ALL_CHECKS constant, its registry is the list.
BUILT_IN_CHECKS = [check for check in CHECKS.get_all() if not is_check_class(check)]

# Why a request the schema calls valid may still be refused with 400: what a schema cannot
# say. A reference (slug or id) must name a record that exists; a slug must be free (a plan
# item's number, a source's link too: "non_field_errors"); an end must not come before its
# start, a plan's two countries must differ. A translated text's English is required by the
# model ("en: …"), not by the shared Translations schema.
RULES_THE_SCHEMA_CANNOT_SAY = {
    "slug",
    "non_field_errors",
    "end",
    "country_b",
    "link",
    # References to other records.
    "plan",
    "plan_item",
    "project",
    "proposed_by",
    "proposed_at",
    "meeting",
    "parent",
    "body",
    "theme",
    # A session number needs its body, and is unique within it.
    "session_number",
    # A cursor is opaque: it must be one the API gave in `next` or `previous`.
    "cursor",
    # Numbered pages reach the first 10,000 rows (page x page_size): a bound on two parameters
    # together, which OpenAPI cannot state; past it the 400 points to `cursor`.
    "page",
}
# Rules on a value the schema gives as a plain string or URI: no null character (the
# databases cannot store one); a URL as strict as Django's (a host name of at most 253
# characters, …).
MESSAGES_THE_SCHEMA_CANNOT_SAY = {"Null characters are not allowed.", "Enter a valid URL."}


# A translation with a null character, in any language ("The en text has a null character.").
NULL_IN_TRANSLATION = re.compile(r"The [a-z-]+ text has a null character\.")


def explained(name: str, messages: list[str]) -> bool:
    if name in RULES_THE_SCHEMA_CANNOT_SAY:
        return True
    if name.endswith("_i18n") and all(
        m.startswith("en: ") or NULL_IN_TRANSLATION.fullmatch(m) for m in messages
    ):
        return True
    return all(m in MESSAGES_THE_SCHEMA_CANNOT_SAY for m in messages)


def only_for_rules_the_schema_cannot_say(ctx, response, case):
    """A schema-valid request refused with 400 must be refused for such a rule alone.

    positive_data_acceptance is told to accept 400 (and, for PUT and PATCH, 412 and 428: a
    generated If-Match is stale, and without it or `version` the precondition is missing);
    this check keeps that from hiding a 400 for anything the schema does promise.
    """
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    if response.status_code != 400:
        return None
    fields = response.json()["error"].get("fields") or {}
    unexplained = {
        name: messages for name, messages in fields.items() if not explained(name, messages)
    }
    if not fields or unexplained:
        raise AssertionError(
            f"A request the schema calls valid was refused: {unexplained or response.text}"
        )
    return None


ALL_CHECKS = [*BUILT_IN_CHECKS, only_for_rules_the_schema_cannot_say]

# Enough examples per operation to find what the schema allows that the app refuses (or the
# reverse); few enough for the whole run to take a few minutes. (In CI; fewer locally:
# tests/examples.py.)
EXAMPLES = 20

# Werkzeug's test client, which schemathesis drives, calls the app as "localhost".
HOST = "localhost"

SCHEMA_PATH = "/api/schema/"
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": [
                    *POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES,
                    "400",
                    "412",
                    "428",
                ]
            }
        }
    }
)


def load_schema():
    """The schema exactly as the app serves it at /api/schema/, called against the app.

    It is read at collection time, before the test database exists, so from the view the
    URLconf routes /api/schema/ to rather than through the whole app (which opens a database
    transaction for every request); the operations are then called through the whole app,
    as `schemathesis.openapi.from_wsgi` would.
    """
    request = RequestFactory().get(SCHEMA_PATH, {"format": "json"})
    response = resolve(SCHEMA_PATH).func(request)
    response.render()
    assert response.status_code == 200, response.content
    loaded = schemathesis.openapi.from_dict(json.loads(response.content), config=CONFIG)
    loaded.app = application
    loaded.location = SCHEMA_PATH
    return loaded


schema = load_schema()


@pytest.fixture
def editor_token(real_data, editor_user, settings, monkeypatch):
    settings.ALLOWED_HOSTS = [HOST, "testserver"]
    # Hundreds of requests a minute: far over the production rates. The throttles read their
    # rates from a class attribute, bound when DRF was imported.
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"}
    )
    # The app, called as a server calls it, closes the database connection after each
    # request, and with it the test's transaction; Django's test client stops that the same
    # way. (SQLite's in-memory test database never closes, so only PostgreSQL shows it.)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    cache.clear()
    yield Token.objects.create(user=editor_user).key
    cache.clear()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(
    max_examples=examples(EXAMPLES),
    derandomize=True,
    database=None,
    deadline=None,
    # The database and the token are set up once per operation, not once per example.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_operation_conforms_to_the_schema(case, editor_token):
    case.call_and_validate(headers={"Authorization": f"Token {editor_token}"}, checks=ALL_CHECKS)


RESOURCES = [
    "plans",
    "plan-items",
    "projects",
    "themes",
    "people",
    "organizations",
    "meetings",
    "bodies",
    "documents",
    "indicators",
    "sources",
]


def test_the_run_covers_every_operation():
    """The schema the run is made from has every operation of every resource, and no error."""
    operations = {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}
    expected = set()
    for name in RESOURCES:
        detail = f"/api/v1/{name}/{{{'id' if name == 'plan-items' else 'slug'}}}/"
        expected |= {("GET", f"/api/v1/{name}/"), ("POST", f"/api/v1/{name}/")}
        expected |= {(method, detail) for method in ("GET", "PUT", "PATCH", "DELETE")}
    # Read-only: the change feed and the bulk downloads.
    expected |= {("GET", "/api/v1/changes/"), ("GET", "/api/v1/downloads/")}
    assert operations == expected


# What schemathesis found, pinned: each was a server error or an answer the schema did not
# document. (method, path and query, body, the status now)
FOUND = [
    # A year a date cannot have: ValueError in the year lookup, a 500.
    ("GET", "meetings/?year=0", None, 400),
    ("GET", "meetings/?year=2016.5", None, 400),
    ("GET", "meetings/?year=2016", None, 200),
    # A fraction for a whole number was taken (and matched nothing).
    ("GET", "projects/?plan_item=0.5", None, 400),
    ("GET", "plan-items/?number=1.5", None, 400),
    # An offset PostgreSQL does not take (it stops at ±15:59): a 500 there.
    ("GET", "people/?updated_since=2651-08-01T14:46:32.7-18:55", None, 200),
    # Before the year 1 in UTC: an OverflowError, a 500.
    ("GET", "people/?updated_since=0001-01-01T00:00:00%2B10:00", None, 200),
    # A page size that is not one was quietly replaced by 50.
    ("GET", "sources/?page_size=0", None, 400),
    ("GET", "sources/?page_size=many", None, 400),
    # An empty filter is no filter, as the schema now says (allowEmptyValue).
    ("GET", "projects/?updated_since=&plan_item=&search=", None, 200),
    # A number for a text, a text for a number: DRF took both.
    ("POST", "sources/", {"slug": "x", "title": 0, "publisher": "TASS"}, 400),
    # A key that is not a language: refused, and now the schema says so.
    ("POST", "people/", {"slug": "x", "sort_name": "X", "name_i18n": {"de": "X"}}, 400),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [pytest.param(*case, id=f"{case[0]} {case[1]}") for case in FOUND],
)
def test_what_schemathesis_found(editor_token, method, path, body, status):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {editor_token}")
    response = client.generic(
        method, f"/api/v1/{path}", json.dumps(body) if body else "", "application/json"
    )
    assert response.status_code == status, response.content
