"""Compressed responses: brotli or gzip, as the client asks, for pages, the API, the schema and
the feeds. (Static files are compressed ahead of time by WhiteNoise.)

BREACH: an attacker who can make a victim's browser send requests, and can see the size of
the compressed answers, can read a secret out of a body that also reflects what the attacker
sent. The rule here is the first of the usual mitigations: **nothing that may carry a secret
is compressed**. Not compressed, whatever the client accepts:

- the admin (`/admin/`): its forms carry the CSRF token and an editor's data;
- any request with a session cookie or an `Authorization` header (an editor, a client with a
  token): what is shown to a signed-in visitor may be theirs alone;
- any response that used the CSRF token (a form) or sets a cookie.

What is left is what every anonymous visitor gets alike (public pages, API reads, the schema,
the feeds): there is no secret in it to guess. gzip also takes Django's "Heal the Breach"
padding (a random-length file name in the gzip header), as Django's GZipMiddleware does.

ETags: a compressed body is another representation, so its ETag is marked weak (`W/"…"`),
as RFC 9110 8.8.1 asks and Django's GZipMiddleware does; If-None-Match compares weakly
(ConditionalGetMiddleware and the response cache), so the client's `W/` tag still gets its
304, and If-Match on writes compares weakly too (coopr.api.base).
"""

from __future__ import annotations

import re

import brotli
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

# Below this many bytes compressing saves nothing worth the work.
MIN_SIZE = 200
# Quality 5 of 11: most of brotli's gain at a fraction of its highest setting's cost (the
# 384 KB schema compresses to 15 KB in 8 ms).
BROTLI_QUALITY = 5
GZIP_PADDING = 100  # at most this many random bytes (Django's GZipMiddleware's default)
COMPRESSIBLE = re.compile(
    r"^(text/|application/(json|.*\+json|.*\+xml|xml|javascript|vnd\.oai\.openapi)|image/svg)"
)
NOT_COMPRESSED_PREFIXES = ("/admin/",)


def accepted(header: str) -> str | None:
    """The encoding to use for an Accept-Encoding header: br, else gzip, else none."""
    weights: dict[str, float] = {}
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        if not name:
            continue
        weight = 1.0
        found = re.search(r"q=([0-9.]+)", params)
        if found:
            try:
                weight = float(found.group(1))
            except ValueError:
                weight = 0.0
        weights[name] = weight
    star = weights.get("*", 0.0)
    for encoding in ("br", "gzip"):
        if weights.get(encoding, star) > 0:
            return encoding
    return None


def may_carry_a_secret(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        request.path.startswith(NOT_COMPRESSED_PREFIXES)
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or "Authorization" in request.headers
        or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        or bool(response.cookies)
    )


def weaken_etag(response: HttpResponse) -> None:
    etag = response.get("ETag")
    if etag and not etag.startswith("W/"):
        response["ETag"] = f"W/{etag}"


class CompressionMiddleware:
    """Compress what carries no secret, with the best encoding the client accepts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Content-Encoding") or may_carry_a_secret(request, response):
            return response
        encoding = accepted(request.headers.get("Accept-Encoding", ""))
        if response.status_code == 304:
            # The 304 stands for the representation the client holds: a compressed one's tag.
            patch_vary_headers(response, ("Accept-Encoding",))
            if encoding:
                weaken_etag(response)
            return response
        if response.streaming or not COMPRESSIBLE.match(response.get("Content-Type", "")):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if encoding is None or len(response.content) < MIN_SIZE:
            return response
        if encoding == "br":
            body = brotli.compress(response.content, quality=BROTLI_QUALITY)
        else:
            body = compress_string(response.content, max_random_bytes=GZIP_PADDING)
        if len(body) >= len(response.content):
            return response
        response.content = body
        response["Content-Length"] = str(len(body))
        response["Content-Encoding"] = encoding
        weaken_etag(response)
        return response
