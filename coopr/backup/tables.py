"""What a backup holds: every table of the record, in the order it is written and restored."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from django.apps import apps
from django.core import serializers
from django.db import models
from modeltranslation.fields import TranslationFieldDescriptor

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
