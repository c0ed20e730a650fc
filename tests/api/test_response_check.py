"""The check every API test's responses go through (tests/api/conftest.py): it fails a body
that the schema does not describe, as the client receives it."""

from __future__ import annotations

import json

import pytest

from tests.api.conftest import validate_response

pytestmark = [pytest.mark.django_db, pytest.mark.no_schema_validation]


def altered(response, change):
    body = response.json()
    change(body)
    response.content = json.dumps(body).encode()
    return response


def test_a_body_as_sent_passes(api):
    validate_response(api.get("/api/v1/projects/"))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda body: body.update(count=str(body["count"])), id="a number as text"),
        pytest.param(lambda body: body.update(results=None), id="null for a list"),
        pytest.param(lambda body: body.update(extra=1), id="an undocumented field"),
        pytest.param(lambda body: body.pop("results"), id="a field left out"),
    ],
)
def test_a_body_the_schema_does_not_describe_fails(api, change):
    response = altered(api.get("/api/v1/projects/"), change)
    with pytest.raises(pytest.fail.Exception, match="does not match the OpenAPI schema"):
        validate_response(response)
