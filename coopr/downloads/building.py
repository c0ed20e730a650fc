"""Building the bulk download: the whole public record as a Frictionless Data Package (a zip of
one CSV per table and its `datapackage.json`) and as JSON Lines (a zip of one `.jsonl` file per
table, the same tables, columns and names), written off the request path into
`DOWNLOADS_ROOT/<version>/` and then made current.

The version is a fingerprint of the data (for each table: how many rows, the highest id, the
latest `updated`), read in the same snapshot as the rows (REPEATABLE READ on PostgreSQL): a
build is keyed by the data it holds, and a build of data that has not changed is not redone.
"""

from __future__ import annotations

import csv
import datetime as dt
import fcntl
import hashlib
import io
import json
import os
import shutil
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from coopr.downloads.tables import Table, tables

PACKAGE = "coopr-datapackage.zip"
JSON_LINES = "coopr-jsonl.zip"
FILES = (PACKAGE, JSON_LINES)
CURRENT = "current.json"
CHANGED = "changed"  # a token, replaced by every change to the record (see `invalidate`)
LOCK = ".lock"
UNDECIDED = (
    "The licence of this data is undecided: the project has not stated one yet. Ask the "
    "publisher before reusing it."
)


def root() -> Path:
    return Path(settings.DOWNLOADS_ROOT)


# The state of the downloads: the current build, and the record's changes ----------------------


def current() -> dict[str, Any] | None:
    """The manifest of the current build (version, when it was made, its files with their
    sizes and SHA-256), or None while there is none (never built, or the record has changed
    since and a new build is on its way)."""
    try:
        manifest = json.loads((root() / CURRENT).read_text())
    except (OSError, ValueError):  # none yet, or DOWNLOADS_ROOT unreadable: none to offer
        return None
    return manifest


def file_path(version: str, name: str) -> Path | None:
    """A file of the current build, or None (another version, an unknown name, no build)."""
    manifest = current()
    if manifest is None or manifest["version"] != version or name not in FILES:
        return None
    return root() / version / name


def changed_token() -> str:
    try:
        return (root() / CHANGED).read_text()
    except FileNotFoundError:
        return ""


def invalidate() -> None:
    """The record has changed: the current build is stale and is not offered any more. A build
    under way notices (the token it started from is gone) and does not make itself current."""
    root().mkdir(parents=True, exist_ok=True)
    _write_atomically(root() / CHANGED, uuid.uuid4().hex.encode())
    (root() / CURRENT).unlink(missing_ok=True)


def _write_atomically(path: Path, content: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    temporary.write_bytes(content)
    os.replace(temporary, path)


@contextmanager
def build_lock() -> Iterator[None]:
    """One build at a time, across the processes (and containers) sharing DOWNLOADS_ROOT."""
    root().mkdir(parents=True, exist_ok=True)
    with open(root() / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# The data's version ------------------------------------------------------------------------


def fingerprint(all_tables: tuple[Table, ...] | None = None) -> str:
    """The data's version: one aggregate query per table (rows, highest id, latest update)."""
    digest = hashlib.sha256()
    for table in all_tables or tables():
        aggregates: dict[str, Any] = {"rows": Count("pk"), "last": Max("pk")}
        if any(f.name == "updated" for f in table.model._meta.concrete_fields):
            aggregates["updated"] = Max("updated")
        found = table.model._base_manager.aggregate(**aggregates)
        digest.update(f"{table.name}:{sorted(found.items())!r}\n".encode())
    return digest.hexdigest()[:16]


@contextmanager
def snapshot() -> Iterator[None]:
    """Every table read as of one moment: a read-only REPEATABLE READ transaction on
    PostgreSQL (SQLite's transaction is a snapshot already). Inside a transaction already (a
    test), its snapshot is the one read."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


# Writing ---------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _licenses() -> list[dict[str, str]]:
    """The data's licence, when the project states one (DATA_LICENSE: "<name> [<url>]")."""
    value = (settings.DATA_LICENSE or "").split()
    if not value:
        return []
    licence = {"name": value[0], "title": value[0]}
    if len(value) > 1:
        licence["path"] = value[1]
    return [licence]


def _sources() -> list[dict[str, str]]:
    """The data set's sources: every publication the record cites (one query)."""
    from coopr.models import Source

    out = []
    for title, url, publisher in Source.objects.order_by("pk").values_list(
        "title", "url", "publisher"
    ):
        source = {"title": f"{publisher}: {title}" if publisher else title}
        if url:
            source["path"] = url
        out.append(source)
    return out


def descriptor(all_tables: tuple[Table, ...], version: str, built: dt.datetime) -> dict:
    """`datapackage.json`: the tables, their fields, types, keys; the licence and sources."""
    licenses = _licenses()
    description = (
        "The whole public record of coopr, a tracker of cooperation between two governments: "
        "one CSV per record type and per link table. Translated fields have a column per "
        "language (_en, _ru, _ja). A date given only to the month or year is stored as its "
        "first day, with its precision in the column after it (<field>_precision)."
    )
    if not licenses:
        description += " " + UNDECIDED
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "coopr",
        "title": "coopr: the cooperation record",
        "description": description,
        "id": f"coopr-{version}",
        "created": built.isoformat(),
        "sources": _sources(),
    }
    if licenses:
        package["licenses"] = licenses
    package["resources"] = [
        {
            "name": table.name,
            "path": f"{table.name}.csv",
            "profile": "tabular-data-resource",
            "title": table.title,
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": table.schema(),
        }
        for table in all_tables
    ]
    return package


def _write_tables(all_tables: tuple[Table, ...], package: zipfile.ZipFile, lines: zipfile.ZipFile):
    """Each table, read once, into its CSV and its JSON Lines file. Returns rows per table."""
    counts = {}
    for table in all_tables:
        header = table.header
        count = 0
        with (
            package.open(f"{table.name}.csv", "w", force_zip64=True) as raw_csv,
            lines.open(f"{table.name}.jsonl", "w", force_zip64=True) as raw_lines,
        ):
            text = io.TextIOWrapper(raw_csv, encoding="utf-8", newline="")
            writer = csv.writer(text)
            writer.writerow(header)
            for row in table.rows():
                writer.writerow([_cell(value) for value in row])
                raw_lines.write(
                    orjson.dumps(
                        dict(zip(header, row, strict=True)),
                        default=_json_default,
                        option=orjson.OPT_APPEND_NEWLINE,
                    )
                )
                count += 1
            text.flush()
            text.detach()
        counts[table.name] = count
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build(*, force: bool = False) -> dict[str, Any] | None:
    """Build the downloads of the record as it is now, and make them current, unless the
    current build already holds this version (`force`: build it again anyway).

    Returns the current manifest, or None when the record changed while it was being built (a
    new build is due: the change scheduled one, or the next `build_downloads` makes it)."""
    with build_lock():
        token = changed_token()
        all_tables = tables()
        base = root()
        work = base / f".build-{uuid.uuid4().hex}"
        work.mkdir()
        try:
            with snapshot():
                version = fingerprint(all_tables)
                manifest = current()
                if manifest is not None and manifest["version"] == version and not force:
                    return manifest
                built = timezone.now()
                with (
                    zipfile.ZipFile(work / PACKAGE, "w", zipfile.ZIP_DEFLATED) as package,
                    zipfile.ZipFile(work / JSON_LINES, "w", zipfile.ZIP_DEFLATED) as lines,
                ):
                    counts = _write_tables(all_tables, package, lines)
                    described = descriptor(all_tables, version, built)
                    package.writestr(
                        "datapackage.json", json.dumps(described, ensure_ascii=False, indent=2)
                    )
            manifest = {
                "version": version,
                "built": built.isoformat(),
                "licenses": described.get("licenses", []),
                "rows": counts,
                "files": {
                    name: {"size": (work / name).stat().st_size, "sha256": _sha256(work / name)}
                    for name in FILES
                },
            }
            (work / "manifest.json").write_text(json.dumps(manifest))
            target = base / version
            shutil.rmtree(target, ignore_errors=True)
            os.replace(work, target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        _write_atomically(base / CURRENT, json.dumps(manifest).encode())
        if changed_token() != token:
            # Changed while building: what was just built may lack that change.
            (base / CURRENT).unlink(missing_ok=True)
            return None
        for old in base.iterdir():
            if old.is_dir() and old.name != version and not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)
        return manifest
