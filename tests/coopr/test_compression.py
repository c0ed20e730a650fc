"""Compression: brotli or gzip for pages, API responses, the schema and the feeds, decoded
here from the real responses; never for what may carry a secret (BREACH); ETags weak."""

from __future__ import annotations

import gzip
from http import HTTPStatus

import brotli
import pytest
from django.test import Client

from coopr.compression import accepted

pytestmark = pytest.mark.usefixtures("real_data")

ADDRESSES = [
    "/api/v1/projects/",
    "/api/v1/people/shinzo-abe/",
    "/api/v1/changes/",
    "/api/schema/",
    "/en/",
    "/ru/projects/",
    "/en/changes.atom",
    "/en/meetings.ics",
]


def decode(response) -> bytes:
    encoding = response.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(response.content)
    if encoding == "gzip":
        return gzip.decompress(response.content)
    assert encoding is None, encoding
    return response.content


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize(("sent", "encoding"), [("gzip, deflate, br", "br"), ("gzip", "gzip")])
def test_responses_are_compressed_and_decode_to_the_same_body(client, address, sent, encoding):
    plain = client.get(address)
    assert plain.status_code == HTTPStatus.OK, address
    assert "Content-Encoding" not in plain
    packed = client.get(address, HTTP_ACCEPT_ENCODING=sent)
    assert packed["Content-Encoding"] == encoding
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content) / 2
    assert int(packed["Content-Length"]) == len(packed.content)
    assert decode(packed) == plain.content
    if plain.has_header("ETag"):
        assert packed["ETag"] == f"W/{plain['ETag'].removeprefix('W/')}"


def test_the_schema_shrinks_most(client):
    plain = client.get("/api/schema/")
    packed = client.get("/api/schema/", HTTP_ACCEPT_ENCODING="br")
    assert len(packed.content) < len(plain.content) / 8
    assert brotli.decompress(packed.content) == plain.content


def test_the_weak_etag_of_a_compressed_answer_gets_304(client):
    url = "/api/v1/projects/"
    packed = client.get(url, HTTP_ACCEPT_ENCODING="br")
    etag = packed["ETag"]
    assert etag.startswith('W/"')
    again = client.get(url, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again["ETag"] == etag
    # A client without compression holds the strong tag of the plain body: 304 too.
    plain = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304


def test_what_may_carry_a_secret_is_never_compressed(client, editor_user):
    """BREACH: the admin (CSRF tokens), and anything a signed-in visitor or a token sees."""
    login = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="br, gzip")
    assert login.status_code == HTTPStatus.OK
    assert b"csrfmiddlewaretoken" in login.content
    assert "Content-Encoding" not in login
    with_token = client.get(
        "/api/v1/projects/", HTTP_ACCEPT_ENCODING="br", HTTP_AUTHORIZATION="Token nonsense"
    )
    assert "Content-Encoding" not in with_token
    editor = Client()
    editor.force_login(editor_user)
    for address in ("/en/", "/api/v1/projects/", "/admin/"):
        response = editor.get(address, HTTP_ACCEPT_ENCODING="br, gzip", follow=True)
        assert response.status_code == HTTPStatus.OK, address
        assert "Content-Encoding" not in response, address


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("", None),
        ("identity", None),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("br;q=0.5, gzip;q=1", "br"),
        ("*", "br"),
        ("*;q=0, gzip", "gzip"),
        ("deflate", None),
        ("GZIP;q=0.8", "gzip"),
    ],
)
def test_the_encoding_follows_accept_encoding(header, chosen):
    assert accepted(header) == chosen
