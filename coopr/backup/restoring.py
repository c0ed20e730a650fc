"""Restoring a backup into an empty database with the same migrations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.core import serializers
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.loader import MigrationLoader

from coopr.backup.tables import (
    MATCHED_BY_NATURAL_KEY,
    BackupError,
    _own_columns,
    backed_up_models,
    label,
)
from coopr.cache import mark_changed
from coopr.downloads import record_changed


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
        record_changed()  # the downloads of the whole record are stale once it commits
    return loaded
