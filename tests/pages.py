"""Helpers for the public page tests: what a reader sees, CSV bodies and query counts."""

from __future__ import annotations

import csv
import io
from html import unescape
from http import HTTPStatus

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags


def text(html: str) -> str:
    """What a reader sees of `html`: no tags (line breaks and list terms end in a space),
    entities decoded, spaces collapsed."""
    for tag in ("<br>", "</dt>", "</dd>"):
        html = html.replace(tag, f"{tag} ")
    return " ".join(unescape(strip_tags(html)).split())


def between(html: str, start: str, end: str | None = None) -> str:
    """The part of `html` from `start` up to `end` (or the end); `start` must be there."""
    assert start in html, start
    part = html[html.index(start) :]
    return part[: part.index(end)] if end and end in part else part


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV export (which starts with a byte-order mark for Excel)."""
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def count_queries(client, url: str) -> int:
    """Queries one request runs, after a warm-up request (content types are cached once)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == HTTPStatus.OK
    return len(queries)
