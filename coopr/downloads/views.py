"""The download page (/<lang>/downloads/) and the files (/downloads/<version>/<name>)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from coopr.downloads.building import JSON_LINES, PACKAGE, current, file_path

# What each file is, in the page's words.
FORMATS = {
    PACKAGE: (
        "datapackage",
        _("Frictionless Data Package"),
        _(
            "A zip of one CSV file per record type and per link table, with datapackage.json "
            "describing their fields, types, primary and foreign keys, licence and sources."
        ),
    ),
    JSON_LINES: (
        "jsonl",
        "JSON Lines",  # a name, the same in every language
        _(
            "A zip of one .jsonl file per table (the same tables, names and columns as the "
            "CSV files): one JSON object per line."
        ),
    ),
}


def described_files(request: HttpRequest | None, manifest: dict[str, Any]) -> list[dict]:
    """The current build's files: format, address, size and SHA-256."""
    out = []
    for name, info in manifest["files"].items():
        key, title, description = FORMATS[name]
        path = reverse("download-file", kwargs={"version": manifest["version"], "name": name})
        out.append(
            {
                "name": name,
                "format": key,
                "title": title,
                "description": description,
                "url": request.build_absolute_uri(path) if request else path,
                "size": info["size"],
                "sha256": info["sha256"],
            }
        )
    return out


def page(request: HttpRequest) -> HttpResponse:
    """The downloads of the whole record, or word that a new build is on its way.

    Read from DOWNLOADS_ROOT (no query); not kept by the response cache (`no-cache`), as the
    build it shows changes without a write to the record."""
    manifest = current()
    context = {
        "manifest": manifest,
        "built": dt.datetime.fromisoformat(manifest["built"]) if manifest else None,
        "files": described_files(None, manifest) if manifest else [],
        "license": settings.DATA_LICENSE.split() if settings.DATA_LICENSE else None,
    }
    response = render(request, "coopr/downloads.html", context)
    patch_cache_control(response, no_cache=True)
    return response


def download(request: HttpRequest, version: str, name: str) -> FileResponse:
    """A file of the current build; 404 for any other version (a stale file is never served).
    The address names the version, so the file never changes: cached for a year."""
    path = file_path(version, name)
    if path is None:
        raise Http404("No such download: the record has changed since (see the downloads page).")
    try:
        handle = open(path, "rb")  # noqa: SIM115 (FileResponse closes it)
    except FileNotFoundError as missing:
        raise Http404("No such download.") from missing
    response = FileResponse(handle, as_attachment=True, filename=f"{version}-{name}")
    response["ETag"] = f'"{current()["files"][name]["sha256"]}"'  # type: ignore[index]
    patch_cache_control(response, public=True, max_age=365 * 24 * 3600, immutable=True)
    return response
