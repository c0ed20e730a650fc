"""Reading a backup: its header, its objects one by one, plain or gzipped."""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from typing import IO, Any

from coopr.backup.tables import FORMAT, GZIP_MAGIC, READABLE_VERSIONS, BackupError


def check_header(header: Any) -> dict:
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"Not a coopr backup (its format is not {FORMAT!r}).")
    version = header.get("version")
    if version not in READABLE_VERSIONS:
        known = ", ".join(str(v) for v in sorted(READABLE_VERSIONS))
        raise BackupError(f"A coopr backup of version {version!r}: this coopr reads {known}.")
    for key in ("migrations", "counts"):
        if not isinstance(header.get(key), dict):
            raise BackupError(f"The backup's header has no {key!r}: the file is damaged.")
    return header


def read(stream: IO[str]) -> tuple[dict, Iterator[dict]]:
    """The header and the objects of a backup, the objects read as they are loaded."""
    try:
        first = stream.readline()
    except UnicodeDecodeError:
        raise BackupError("Not a coopr backup (not UTF-8 text).") from None
    try:
        document = json.loads(first)  # a whole backup on one line (or another JSON file)
    except ValueError:
        document = None
        start = first.rstrip()
        if start.endswith(","):
            with suppress(ValueError):
                document = json.loads(start[:-1] + "}")
    header = check_header(document)
    objects = header.pop("objects", None)
    if objects is not None:
        if not isinstance(objects, list):
            raise BackupError("The backup's objects are not a list: the file is damaged.")
        return header, iter(objects)
    if stream.readline().strip() != '"objects": [':
        raise BackupError("The backup has no objects where they belong: the file is damaged.")
    return header, _objects(stream)


def _objects(stream: IO[str]) -> Iterator[dict]:
    for number, line in enumerate(stream, start=3):
        text = line.strip()
        if text == "]}":
            return
        if not text:
            continue
        try:
            yield json.loads(text.removesuffix(","))
        except ValueError:
            raise BackupError(f"Line {number} of the backup is not an object.") from None
    raise BackupError("The backup ends early: the file is cut short.")


@contextmanager
def open_file(path: str, *, stdin: IO[bytes] | None = None):
    """A backup file (`-`: `stdin`, bytes) as text, gunzipped if it is compressed."""
    with ExitStack() as stack:
        opened = None if path == "-" else stack.enter_context(open(path, "rb"))
        raw = opened or stdin or sys.stdin.buffer
        if not hasattr(raw, "peek"):
            raw = io.BufferedReader(raw)
        binary = gzip.GzipFile(fileobj=raw) if raw.peek(2)[:2] == GZIP_MAGIC else raw
        stream = io.TextIOWrapper(binary, encoding="utf-8")
        try:
            yield stream
        finally:
            stream.detach()  # the file itself is closed by its owner
