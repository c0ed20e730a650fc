"""/api/docs/'s scripts, style sheets and icon, as production serves them: collected by
`collectstatic` into hashed names, each answered with a year's `Cache-Control: immutable` and,
to a client that accepts it, gzip (WhiteNoise's CompressedManifestStaticFilesStorage)."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.api.test_schema import ASSET

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
pytestmark = pytest.mark.django_db

HASHED = re.compile(r"\.[0-9a-f]{12}\.(js|css|png|svg)$")
TEXT = (".js", ".css", ".svg")


@pytest.fixture(scope="module")
def production_static(tmp_path_factory):
    """Static files collected as the image's build does, and served from there alone."""
    root = tmp_path_factory.mktemp("staticfiles")
    settings = {
        "STATIC_ROOT": root,
        "STORAGES": PRODUCTION_STORAGES,
        "WHITENOISE_USE_FINDERS": False,
        "WHITENOISE_AUTOREFRESH": False,
    }
    with override_settings(**settings):
        call_command("collectstatic", "--noinput", verbosity=0, stdout=StringIO())
        yield root


def test_docs_assets_are_hashed_compressed_and_cached_for_a_year(production_static):
    client = Client()  # its handler (and WhiteNoise) start with the settings above
    html = client.get("/api/docs/").content.decode()
    assets = [asset for asset in ASSET.findall(html) if asset.startswith("/static/")]
    names = {asset.rsplit("/", 1)[-1].split(".")[0] for asset in assets}
    assert {"swagger-ui", "swagger-ui-bundle", "swagger-ui-standalone-preset"} <= names
    assert {"api-docs", "favicon-32x32"} <= names
    for asset in assets:
        assert HASHED.search(asset), asset
        response = client.get(asset, HTTP_ACCEPT_ENCODING="gzip, br")
        assert response.status_code == 200, asset
        control = response["Cache-Control"]
        assert "max-age=315360000" in control and "immutable" in control, (asset, control)
        if asset.endswith(TEXT):
            # WhiteNoise keeps a gzip copy, and a brotli one where the brotli package is
            # installed (it is: coopr.compression uses it), and serves what the client asks.
            assert response.get("Content-Encoding") == "br", asset
            gzipped = client.get(asset, HTTP_ACCEPT_ENCODING="gzip")
            assert gzipped.get("Content-Encoding") == "gzip", asset
            gzipped.close()
            assert "Accept-Encoding" in response["Vary"], asset
        response.close()


def test_source_maps_are_collected_but_not_compressed(production_static):
    """WHITENOISE_SKIP_COMPRESS_EXTENSIONS: a source map is for developer tools only."""
    assert list(production_static.rglob("*.js.map"))
    assert list(production_static.rglob("*.js.br")) and list(production_static.rglob("*.js.gz"))
    assert not list(production_static.rglob("*.map.br"))
    assert not list(production_static.rglob("*.map.gz"))
