"""Writing a backup: one versioned JSON file (optionally gzipped) of the whole record."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import django
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from coopr.backup.tables import (
    FORMAT,
    MATCHED_BY_NATURAL_KEY,
    VERSION,
    BackupError,
    _many_to_many,
    _own_columns,
    _rows,
    backed_up_models,
    label,
)


class _Encoder(DjangoJSONEncoder):
    """Django's JSON encoder, with times to the microsecond (Django's keeps milliseconds)."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def _dumps(data: Any) -> str:
    return json.dumps(data, cls=_Encoder, ensure_ascii=False)


class _Serializer(PythonSerializer):
    """Django's serializer, handing each object over as it is made instead of keeping it."""

    def __init__(self, emit) -> None:
        super().__init__()
        self.emit = emit

    def end_object(self, obj) -> None:
        self.emit(self.get_dump_object(obj))
        self._current = None

    def handle_field(self, obj, field) -> None:
        if field in _own_columns(type(obj)):  # type: ignore[arg-type]
            self._current[field.name] = obj.__dict__.get(field.attname)  # type: ignore[index]
        else:
            super().handle_field(obj, field)

    def handle_m2m_field(self, obj, field) -> None:
        if field in _many_to_many(type(obj)):
            super().handle_m2m_field(obj, field)


def latest_migrations(using: str, app_labels: Iterable[str]) -> dict[str, str]:
    """Each app's latest applied migration (the one with the most applied before it)."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    wanted = set(app_labels)
    deepest: dict[str, tuple[int, str]] = {}
    for key in loader.applied_migrations:
        app, name = key
        if app not in wanted or key not in loader.graph.nodes:
            continue
        depth = len(loader.graph.forwards_plan(key))
        if depth > deepest.get(app, (-1, ""))[0]:
            deepest[app] = (depth, name)
    return {app: name for app, (_, name) in sorted(deepest.items())}


@contextmanager
def _snapshot(using: str):
    """One consistent view of the database for the whole backup, without holding up editors
    (PostgreSQL: a repeatable-read, read-only transaction; SQLite: a deferred one, which in
    WAL mode reads one snapshot and takes no write lock, where Django's would take it)."""
    connection = connections[using]
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
    else:
        with transaction.atomic(using=using):
            yield


def dump(stream: IO[str], *, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Write a backup of database `using` to `stream`; return the rows per model."""
    models_ = backed_up_models()
    with _snapshot(using):
        counts = {label(model): model._base_manager.using(using).count() for model in models_}
        header = {
            "format": FORMAT,
            "version": VERSION,
            "created": timezone.now().isoformat(timespec="seconds"),
            "django": django.get_version(),
            "migrations": latest_migrations(
                using, {"contenttypes"} | {model._meta.app_label for model in models_}
            ),
            "counts": counts,
        }
        # The header on the first line, then one object per line (see read()).
        stream.write(_dumps(header)[:-1] + ",\n" + '"objects": [\n')
        written: Counter[str] = Counter()

        def emit(data: dict) -> None:
            if written.total():
                stream.write(",\n")
            stream.write(_dumps(data))
            written[data["model"]] += 1

        for model in models_:
            _Serializer(emit).serialize(
                _rows(model, using),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=model._meta.label_lower in MATCHED_BY_NATURAL_KEY,
            )
            if written[model._meta.label_lower] != counts[label(model)]:
                # Only without a snapshot (a caller's transaction that reads committed rows).
                raise BackupError(f"{label(model)} changed while it was being backed up.")
        stream.write("\n]}\n")
    return counts


def write_file(
    path: str, *, using: str = DEFAULT_DB_ALIAS, stdout: IO[str] | None = None
) -> dict[str, int]:
    """Write a backup to `path` (gzip if it ends in .gz; `-` for `stdout`).

    The file appears only once it is whole (written beside it, then renamed), readable by
    its owner only: it holds password hashes and API tokens.
    """
    if path == "-":
        return dump(stdout or sys.stdout, using=using)
    target = Path(path)
    handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        if target.name.endswith(".gz"):
            with os.fdopen(handle, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8") as stream:
                counts = dump(stream, using=using)
        else:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                counts = dump(stream, using=using)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return counts
