"""The OpenAPI schema validates without warnings, and its docs are served from our own files."""

from __future__ import annotations

import re
from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS

from tests.api.conftest import generated_schema

pytestmark = pytest.mark.django_db

RESOURCES = [
    "plans",
    "plan-items",
    "projects",
    "people",
    "organizations",
    "meetings",
    "documents",
    "indicators",
    "sources",
]


def test_spectacular_validates_without_warnings(tmp_path):
    """`manage.py spectacular --validate --fail-on-warn`, as CI would run it."""
    GENERATOR_STATS.reset()  # warnings are counted per process: count this run's only
    out = tmp_path / "schema.yaml"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(out), stdout=StringIO()
    )
    schema = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == set(generated_schema()["paths"])


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_resource_is_documented(resource):
    paths = generated_schema()["paths"]
    lookup = "{id}" if resource == "plan-items" else "{slug}"
    assert set(paths[f"/api/v1/{resource}/"]) == {"get", "post"}
    assert set(paths[f"/api/v1/{resource}/{lookup}/"]) == {"get", "put", "patch", "delete"}
    list_get = paths[f"/api/v1/{resource}/"]["get"]
    assert {"200", "304", "400", "404", "429"} <= set(list_get["responses"])
    params = {p["name"] for p in list_get["parameters"]}
    assert {"page", "page_size", "search", "ordering", "lang", "updated_since"} <= params


def test_schema_is_served(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert yaml.safe_load(response.content)["info"]["title"] == "coopr API"


ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


def test_redoc_address_leads_to_the_docs(client):
    response = client.get("/api/redoc/")
    assert response.status_code == 301
    assert response["Location"] == "/api/docs/"


def test_docs_come_with_our_own_static_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    for cdn in ("cdn", "jsdelivr", "unpkg"):
        assert cdn not in html.lower()
    assets = ASSET.findall(html)
    assert any(a.endswith(".js") for a in assets)
    # Every script, style sheet, font and icon is ours, and is served.
    # The set-up script is the page's own address (the CSP forbids an inline one).
    outside = [a for a in assets if not a.startswith(("/static/", "/api/docs/?script"))]
    assert outside == []
    assert "/api/docs/?script=" in assets
    assert "<script>" not in html
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200, asset
        served.close()
