"""The schema holds for the values that most often break it: null in every nullable field and
"" in every URL field that may be empty.

Every API response in the suite is validated against the schema (tests/api/conftest.py), but
a field that is never null in the responses tests happen to see proves nothing about its
`nullable`. Here every list (200 a page, every page) and every record's detail is read, each
response is validated (as everywhere), and the values met are matched against the schema:
each nullable property of each response component must have been seen null, and each URL
property that may be empty seen "". The real data set leaves some of them filled in
everywhere; `gaps` adds the records that empty them, through the factories; keyset pages
give the null `count`.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coopr.api.schema import NULL
from tests.api.conftest import generated_schema
from tests.api.expected import LISTS

pytestmark = pytest.mark.usefixtures("seeded")

EMPTY_URL = {"type": "string", "maxLength": 0}


def component_of(schema: dict) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def is_nullable(schema: dict) -> bool:
    return bool(schema.get("nullable")) or NULL in schema.get("oneOf", [])


def may_be_empty_url(schema: dict) -> bool:
    branches = schema.get("oneOf", [])
    return EMPTY_URL in branches and any(b.get("format") == "uri" for b in branches)


def special_properties() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(component, property) pairs of response components: nullable ones, empty-URL ones."""
    schemas = generated_schema()["components"]["schemas"]
    nullable, urls = set(), set()
    for name, schema in schemas.items():
        if name.endswith("Request") or name in ("Error", "ErrorBody"):
            continue  # requests are not responses; errors are built by coopr.api.errors
        for prop, prop_schema in schema.get("properties", {}).items():
            if prop_schema.get("writeOnly"):
                continue
            if is_nullable(prop_schema):
                nullable.add((name, prop))
            if may_be_empty_url(prop_schema):
                urls.add((name, prop))
    return nullable, urls


def walk(schema: dict, data, component: str | None, seen: set, schemas: dict) -> None:
    """Record (component, property, "null" | "") for each null or "" met in `data`."""
    name = component_of(schema)
    if name:
        walk(schemas[name], data, name, seen, schemas)
        return
    for key in ("oneOf", "anyOf", "allOf"):
        for branch in schema.get(key, []):
            if branch != NULL and data is not None:
                walk(branch, data, component, seen, schemas)
    if isinstance(data, list):
        for item in data:
            walk(schema.get("items", {}), item, component, seen, schemas)
    elif isinstance(data, dict):
        for prop, value in data.items():
            prop_schema = schema.get("properties", {}).get(prop, {})
            if value is None or value == "":
                seen.add((component, prop, "null" if value is None else ""))
            walk(prop_schema, value, component, seen, schemas)


def body_schema(path: str) -> dict:
    operation = generated_schema()["paths"][path]["get"]
    return operation["responses"]["200"]["content"]["application/json"]["schema"]


@pytest.fixture
def gaps():
    """Records that empty what the real data set fills in everywhere."""
    from coopr.changes import mark_reset
    from tests.coopr.factories import SourceFactory
    from tests.people.factories import OrganizationFactory, PositionFactory
    from tests.projects.factories import (
        BodyChairFactory,
        DocumentFactory,
        MeetingFactory,
        PlanFactory,
    )

    SourceFactory(slug="unlinked-source", url="", published_on=None)
    PositionFactory(organization=None)
    OrganizationFactory(slug="no-website", website="")
    PlanFactory(slug="unproposed-plan", proposed_on=None)  # nor by whom, nor where
    DocumentFactory(slug="undated-paper", signed_on=None)  # at no meeting
    undated = MeetingFactory(slug="undated-meeting", start=None, end=None)
    DocumentFactory(slug="undated-minutes", signed_on=None, meeting=undated)
    BodyChairFactory(as_of=None, start=dt.date(2017, 1, 1))  # dated by its start alone
    mark_reset()  # the change feed's "reset" entry names no record


def test_every_nullable_field_and_every_empty_url_is_met_and_valid(api, gaps):
    schemas = generated_schema()["components"]["schemas"]
    seen: set[tuple[str | None, str, str]] = set()
    for resource in LISTS:
        lookup = "{id}" if resource == "plan-items" else "{slug}"
        key = "id" if resource == "plan-items" else "slug"
        url = f"/api/v1/{resource}/?page_size=200"
        while url:
            page = api.get(url).json()  # validated against the schema (conftest)
            walk(body_schema(f"/api/v1/{resource}/"), page, None, seen, schemas)
            for record in page["results"]:
                detail = api.get(f"/api/v1/{resource}/{record[key]}/").json()
                walk(body_schema(f"/api/v1/{resource}/{lookup}/"), detail, None, seen, schemas)
            url = page["next"]
        # A keyset page: `count` is null there.
        page = api.get(f"/api/v1/{resource}/?cursor=").json()
        walk(body_schema(f"/api/v1/{resource}/"), page, None, seen, schemas)
    # The change feed (its "reset" entry), and the downloads before any build.
    walk(
        body_schema("/api/v1/downloads/"), api.get("/api/v1/downloads/").json(), None, seen, schemas
    )
    url = "/api/v1/changes/?page_size=200"
    while url:
        page = api.get(url).json()
        walk(body_schema("/api/v1/changes/"), page, None, seen, schemas)
        url = page["next"] if page["more"] else None
    nullable, urls = special_properties()
    assert nullable and urls
    assert sorted(nullable - {(c, p) for c, p, kind in seen if kind == "null"}) == []
    assert sorted(urls - {(c, p) for c, p, kind in seen if kind == ""}) == []
