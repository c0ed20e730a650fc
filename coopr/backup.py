"""Backups: the whole record in one versioned JSON file, and back (`backup`, `restore`).

The file (gzip-compressed when its name ends in `.gz`) is one JSON object:

    {"format": "coopr-backup", "version": 1, "created": "<ISO time>", "django": "5.2.…",
     "migrations": {"<app>": "<latest migration applied>", …},
     "counts": {"<app>.<Model>": <rows>, …},
     "objects": [{"model": "<app>.<model>", "pk": …, "fields": {…}}, …]}

written header first and one object per line, so that neither side holds the whole record
in memory. Objects are Django's serialization (`django.core.serializers`), models in
dependency order, rows in primary-key order, with three differences that make a restore
exact: times keep their microseconds (Django's JSON encoder keeps milliseconds), a translated
field's own column is written as stored (modeltranslation would give the active language's
value), and the link tables of many-to-many fields between records are rows of their own,
with their ids.

What is in it: every model of every installed app, found in the app registry (a new model is
backed up without anyone listing it), history included: records, their history, users,
groups, API tokens and the admin's log. What is left out: content types and permissions,
which `migrate` creates (they are referred to by natural key, since their ids differ from one
database to another), sessions, and the lockout's sign-in attempts (`axes`). Primary keys of
everything but groups are kept, since the API shows ids; groups are matched by name, since
`migrate` creates the roles (Editors, Viewers) in every database.

A restore goes into an empty, migrated database, in one transaction, after checking the
file's format and version and that every migration it names is applied. Saves are raw, as
`loaddata`'s are: simple_history adds no rows, timestamps and versions stay as they were.
Foreign keys are checked at the end (so the order of rows does not matter), the rows must
add up to the header's counts (a file cut short is refused), sequences move past the ids
restored, and the response cache is dropped.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import IO, Any

import django
from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from modeltranslation.fields import TranslationFieldDescriptor

from coopr.cache import mark_changed

FORMAT = "coopr-backup"
VERSION = 1
READABLE_VERSIONS = {1}
# Created by `migrate` in every database, or not records: never in a backup.
LEFT_OUT_APPS = {"contenttypes", "sessions", "axes"}
LEFT_OUT_MODELS = {"auth.permission"}
# Created by `migrate` too (the roles): matched by natural key (name), not by id.
MATCHED_BY_NATURAL_KEY = {"auth.group"}
CHUNK = 2000
GZIP_MAGIC = b"\x1f\x8b"


class BackupError(Exception):
    """The file is not a backup this database can take, or the database cannot take it."""


# What is backed up -------------------------------------------------------------------------


def label(model: type[models.Model]) -> str:
    return model._meta.label


def _kept(model: type[models.Model]) -> bool:
    """A model whose rows are backed up, ids and all."""
    meta = model._meta
    return (
        meta.managed
        and not meta.proxy
        and not meta.swapped
        and meta.app_label not in LEFT_OUT_APPS
        and meta.label_lower not in LEFT_OUT_MODELS
    )


def _link_table_is_kept(model: type[models.Model]) -> bool:
    """A many-to-many link table between two records whose ids survive: backed up as rows of
    its own (ids included). Links to groups or permissions go by natural key instead."""
    targets: list[type[models.Model]] = [
        field.related_model  # type: ignore[misc]
        for field in model._meta.concrete_fields
        if field.is_relation
    ]
    return all(
        _kept(target) and target._meta.label_lower not in MATCHED_BY_NATURAL_KEY
        for target in targets
    )


@cache
def backed_up_models() -> tuple[type[models.Model], ...]:
    """Every model in a backup, in the order they are written and restored: a model whose
    natural key another refers to comes before it (users before the history that names them)."""
    app_list = []
    for config in apps.get_app_configs():
        found = [
            model
            for model in config.get_models(include_auto_created=True)
            if _kept(model) and (not model._meta.auto_created or _link_table_is_kept(model))
        ]
        if found:
            app_list.append((config, found))
    return tuple(serializers.sort_dependencies(app_list, allow_cycles=True))


def _natural_key_relations(model: type[models.Model]) -> list[str]:
    """Foreign keys written as natural keys: fetched with their rows, not one query each."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and hasattr(field.related_model, "natural_key")
    ]


def _many_to_many(model: type[models.Model]) -> list[models.ManyToManyField]:
    """Many-to-many fields written with their row (their link table is not backed up)."""
    return [
        field
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created  # type: ignore[union-attr]
        and field.remote_field.through not in backed_up_models()
    ]


def _rows(model: type[models.Model], using: str) -> Iterator[models.Model]:
    queryset = model._base_manager.using(using).order_by("pk")
    queryset = queryset.select_related(*_natural_key_relations(model))
    for field in _many_to_many(model):
        target: type[models.Model] = field.related_model  # type: ignore[assignment]
        related = target._base_manager.select_related(*_natural_key_relations(target))
        queryset = queryset.prefetch_related(models.Prefetch(field.name, queryset=related))
    return queryset.iterator(chunk_size=CHUNK)


@cache
def _own_columns(model: type[models.Model]) -> tuple[models.Field, ...]:
    """The fields modeltranslation reads and writes in the active language (`title` for
    `title_en`, `title_ru`, …): their own column is copied as stored."""
    return tuple(
        field
        for field in model._meta.concrete_fields
        if isinstance(getattr(model, field.attname, None), TranslationFieldDescriptor)
    )


# Writing -----------------------------------------------------------------------------------


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


# Reading -----------------------------------------------------------------------------------


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


# Restoring ---------------------------------------------------------------------------------


def check_migrations(header: dict, using: str) -> None:
    """Refuse a backup made at a migration this database has not applied, and a database
    that is not migrated to this code's models."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    applied = loader.applied_migrations
    missing = [
        f"{app}.{name}"
        for app, name in sorted(header["migrations"].items())
        if (app, name) not in applied
    ]
    if missing:
        raise BackupError(
            "The backup was made at migrations this database has not applied: "
            f"{', '.join(missing)}. Restore into a database migrated with code at least as "
            "new as the backup's (`manage.py migrate`)."
        )
    unapplied = [
        f"{app}.{name}" for app, name in loader.graph.leaf_nodes() if (app, name) not in applied
    ]
    if unapplied:
        raise BackupError(
            f"The database is not migrated ({', '.join(unapplied)} not applied): run "
            "`manage.py migrate` first."
        )


def check_empty(using: str) -> None:
    """Refuse a database that already holds records: a restore does not merge."""
    found = []
    for model in backed_up_models():
        if model._meta.label_lower in MATCHED_BY_NATURAL_KEY:
            continue
        rows = model._base_manager.using(using).count()
        if rows:
            found.append(f"{label(model)} ({rows})")
    if found:
        shown = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
        raise BackupError(
            f"The database already holds records: {shown}. A backup is restored "
            "into an empty, migrated database: create one and run `manage.py migrate`, or "
            "empty this one with `manage.py flush` (which deletes everything in it)."
        )


def _restore_own_columns(obj: models.Model, using: str) -> None:
    """Write a translated field's own column as the backup has it: the raw save wrote what
    modeltranslation reads from it in the active language."""
    fields = [
        field
        for field in _own_columns(type(obj))
        if obj.__dict__.get(field.attname) != getattr(obj, field.attname)
    ]
    if not fields:
        return
    connection = connections[using]
    quote = connection.ops.quote_name
    meta = obj._meta
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    params = [field.get_db_prep_save(obj.__dict__[field.attname], connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s",
            [*params, obj.pk],
        )


def load(header: dict, objects: Iterable[dict], *, using: str = DEFAULT_DB_ALIAS) -> Counter:
    """Restore a backup into the empty database `using`, all or nothing; return rows per model."""
    connection = connections[using]
    known = {label(model) for model in backed_up_models()}
    unknown = sorted(set(header["counts"]) - known)
    if unknown:
        raise BackupError(
            f"The backup holds models this coopr does not back up: {', '.join(unknown)}."
        )
    loaded: Counter = Counter()
    with transaction.atomic(using=using):
        check_migrations(header, using)
        check_empty(using)
        with connection.constraint_checks_disabled():
            deferred = []
            for item in serializers.deserialize(
                "python", objects, using=using, handle_forward_references=True
            ):
                model = type(item.object)
                merged = model._meta.label_lower in MATCHED_BY_NATURAL_KEY
                item.save(using=using, force_insert=not merged or item.object.pk is None)
                _restore_own_columns(item.object, using)
                if item.deferred_fields:
                    deferred.append(item)
                loaded[label(model)] += 1
            for item in deferred:
                item.save_deferred_fields(using=using)
        connection.check_constraints(
            table_names=[model._meta.db_table for model in backed_up_models()]
        )
        expected = {name: rows for name, rows in header["counts"].items() if rows}
        if dict(loaded) != expected:
            differ = sorted(
                f"{name} ({loaded[name]} of {expected.get(name, 0)})"
                for name in set(expected) | set(loaded)
                if loaded[name] != expected.get(name, 0)
            )
            raise BackupError(
                f"The backup's rows do not add up to its header: {', '.join(differ)}."
            )
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), backed_up_models()):
                cursor.execute(sql)
        mark_changed()
    return loaded
