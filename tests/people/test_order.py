"""Names sort without regard to case, in the language shown, as titles do on projects' pages
(coopr.translated.in_language: one rule for every list)."""

from __future__ import annotations

import re

import pytest

from tests.people.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def listed(html: str, names: set[str]) -> list[str]:
    return [name for name in re.findall(r">([^<>]+)</a>", html) if name in names]


def test_organizations_sort_by_name_ignoring_case(client):
    names = {"Bering Institute", "aurora society", "Cape Council"}
    for name in names:
        OrganizationFactory(name_en=name)
    html = client.get("/en/organizations/?sort=name").content.decode()
    assert listed(html, names) == ["aurora society", "Bering Institute", "Cape Council"]
