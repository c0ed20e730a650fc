"""Shared by every API test: the client, and the OpenAPI check of every response.

Every response a test receives from /api/v1/ (through any Django or DRF test client) is
validated against the schema drf-spectacular generates: its status code must be documented
for the operation, and its body must match the documented schema. Objects in the schema are
made strict (`additionalProperties: false` wherever properties are listed), so a field the
API sends but the schema does not document fails too.

A test that must receive an undocumented response on purpose marks itself
`@pytest.mark.no_schema_validation`.
"""

from __future__ import annotations

import copy
import functools

import pytest
from django.core.cache import cache
from django.test import Client
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.validation.response.validators import V30ResponseValidator
from rest_framework.test import APIClient

API_PREFIX = "/api/v1/"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "no_schema_validation: do not check this test's API responses against the OpenAPI schema",
    )


def strict(schema):
    """The schema as drf-spectacular means it, with every object closed: an object lists all
    its properties (`additionalProperties: false` wherever a schema lists properties and says
    nothing of others). Nothing else is changed: a nullable reference is nullable in OAS
    3.0's own terms (`type` beside `nullable`, coopr.api.schema), as strict validators such
    as openapi-core's read it."""
    if isinstance(schema, dict):
        schema = {key: strict(value) for key, value in schema.items()}
        if "properties" in schema and "additionalProperties" not in schema:
            schema["additionalProperties"] = False
        return schema
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    return schema


@functools.cache
def generated_schema() -> dict:
    """The OpenAPI document drf-spectacular generates (as `manage.py spectacular` does)."""
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


class BodyAsSentValidator(V30ResponseValidator):
    """openapi-core's response validator, checking the body as the client reads it.

    openapi-core first casts a body to the schema's types (made for form data, where every
    value is a string; its issue 706) and validates the result: for JSON that is most of the
    cost of a check, and it would pass a `"5"` sent where the schema says integer. Here the
    decoded body is validated as it is. Headers are still cast: they are text on the wire.
    """

    def _get_content_schema_value_and_schema(self, raw, content, mimetype=None):
        mime_type, parameters, media_type = self._find_media_type(content, mimetype)
        body = self._deserialise_media_type(media_type, mime_type, parameters, raw)
        return body, (media_type / "schema" if "schema" in media_type else None)


@functools.cache
def openapi() -> OpenAPI:
    schema = copy.deepcopy(generated_schema())
    schema["components"]["schemas"] = strict(schema["components"]["schemas"])
    # The document itself is checked by `spectacular --validate` and the schema linters
    # (tests/api/test_schema.py, test_schema_tools.py), not again in every worker here.
    config = Config(spec_validator_cls=None, response_validator_cls=BodyAsSentValidator)
    return OpenAPI.from_dict(schema, config=config)


class SchemaRequest(DjangoOpenAPIRequest):
    """The request as openapi-core sees it, matched by its path against the schema's paths.

    (The Django adapter would build the pattern from the resolver's route, which DRF's router
    writes as a regex that the adapter does not translate.)
    """

    @property
    def path_pattern(self):
        return None


def validate_response(response) -> None:
    """Fail unless the response's status is documented and its body matches the schema."""
    request = response.wsgi_request
    error = None
    try:
        openapi().validate_response(SchemaRequest(request), DjangoOpenAPIResponse(response))
    except Exception as exception:
        error = exception
    if error is None:
        return
    # Failing outside the `except` reports this message, not openapi-core's chain of errors.
    body = response.content[:1000].decode("utf-8", "replace")
    pytest.fail(
        f"{request.method} {request.get_full_path()} → {response.status_code} does not "
        f"match the OpenAPI schema: {describe(error)}\nBody: {body}",
        pytrace=False,
    )


def describe(error: BaseException) -> str:
    """What is wrong, and where in the body: the schema errors behind openapi-core's error."""
    found = []
    while error is not None:
        for schema_error in getattr(error, "schema_errors", ()) or ():
            for leaf in schema_error.context or [schema_error]:
                where = "/".join(str(part) for part in leaf.absolute_path)
                found.append(f"at /{where}: {leaf.message[:200]}")
        if found:
            break
        if not error.__cause__:
            return repr(error)
        error = error.__cause__
    return "; ".join(dict.fromkeys(found))


@pytest.fixture(autouse=True)
def _validate_api_responses(request, monkeypatch):
    """Check every API response against the schema, whichever test client made it."""
    if request.node.get_closest_marker("no_schema_validation"):
        return
    original = Client.request

    def checked(self, **kwargs):
        response = original(self, **kwargs)
        if response.wsgi_request.path.startswith(API_PREFIX):
            validate_response(response)
        return response

    # APIClient.request ends in Client.request, so both clients are checked.
    monkeypatch.setattr(Client, "request", checked)


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts with an empty cache (throttling history, lists' Last-Modified); the
    language is put back by tests/conftest.py."""
    cache.clear()


@pytest.fixture
def seeded(real_data):
    """The real data set: another name for `real_data` (tests/conftest.py), which loads it
    once per module and runs each test in a savepoint rolled back after it."""


@pytest.fixture
def api():
    """A DRF test client, anonymous until a test logs in (`api.force_authenticate(user)`).

    Request bodies go as JSON (the only format the API parses) unless a test says otherwise.
    """
    client = APIClient()
    client.default_format = "json"
    return client
