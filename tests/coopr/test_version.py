"""One version, in pyproject.toml: the installed metadata, the changelog, the API root and
the site footer all say it."""

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from django.conf import settings

import coopr

BASE_DIR = Path(settings.BASE_DIR)


def declared() -> str:
    return tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]["version"]


def test_the_installed_version_is_pyprojects():
    assert re.fullmatch(r"\d+\.\d+\.\d+", declared())
    assert version("coopr") == declared()
    assert coopr.__version__ == declared()


def test_the_changelog_has_the_version_as_its_newest_release():
    changelog = (BASE_DIR / "CHANGELOG.md").read_text()
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d\d-\d\d$", changelog, re.M)
    assert releases[0] == declared()
    assert "## [Unreleased]" in changelog


@pytest.mark.django_db
def test_the_api_root_says_the_version_and_still_links_every_resource(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == declared()
    assert body["projects"] == "http://testserver/api/v1/projects/"
    assert set(body) >= {"version", "plans", "projects", "people", "sources"}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "ja"])
def test_the_site_footer_shows_the_version(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    footer = response.content.decode().split('<footer class="site-footer">')[1]
    assert f'<li class="version">coopr {declared()}</li>' in footer
