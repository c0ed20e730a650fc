"""RFC 8288 `Link` headers on every list page: next, prev, first (and last when the number of
pages is known), the same addresses as the body's `next` and `previous`."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest

from coopr.registry import in_api

pytestmark = pytest.mark.usefixtures("seeded")
LINK = re.compile(r'<([^>]*)>; rel="([a-z]+)"')


def links(response) -> dict[str, str]:
    found = {rel: url for url, rel in LINK.findall(response["Link"])}
    # Nothing but well-formed links, comma-separated.
    assert ", ".join(f'<{url}>; rel="{rel}"' for rel, url in found.items()) == response["Link"]
    return found


@pytest.mark.parametrize("prefix", [kind.api.prefix for kind in in_api()])
def test_every_list_has_link_headers(api, prefix):
    response = api.get(f"/api/v1/{prefix}/?page_size=1")
    assert response.status_code == HTTPStatus.OK
    body = response.json()
    found = links(response)
    assert found["first"] == f"http://testserver/api/v1/{prefix}/?page_size=1"
    assert found.get("next") == body["next"]
    assert "prev" not in found
    if body["count"] > 1:
        assert found["last"].endswith(f"page={body['count']}&page_size=1")


def test_numbered_pages_link_both_ways(api):
    second = api.get("/api/v1/projects/?page=2&page_size=2")
    body = second.json()
    found = links(second)
    assert found == {
        "next": "http://testserver/api/v1/projects/?page=3&page_size=2",
        "prev": "http://testserver/api/v1/projects/?page_size=2",
        "first": "http://testserver/api/v1/projects/?page_size=2",
        "last": f"http://testserver/api/v1/projects/?page={-(-body['count'] // 2)}&page_size=2",
    }
    assert (found["next"], found["prev"]) == (body["next"], body["previous"])


def test_keyset_pages_link_next_prev_and_first(api):
    first = api.get("/api/v1/projects/?cursor=&page_size=2")
    found = links(first)
    assert found["first"] == "http://testserver/api/v1/projects/?cursor=&page_size=2"
    assert found["next"] == first.json()["next"]
    second = api.get(found["next"])
    again = links(second)
    assert again["prev"] == second.json()["previous"]
    assert again["first"] == found["first"]
    assert "last" not in again
