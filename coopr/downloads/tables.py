"""What the bulk download holds: one table per record type and per link table, read from the
registry of record types and the models' `_meta` (a new record type, or a new many-to-many
field, appears in the download by itself).

A table's columns are the model's concrete fields, with a translated field's three language
columns (`title_en`, `title_ru`, `title_ja`) instead of its own column (which only repeats one
of them). A foreign key is the referenced row's `id`; a citation's `content_type` is the name
of the table the cited record is in (`projects`), beside its `object_id`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import override

from coopr.registry import RecordType, auto_links, record_types
from coopr.translated import column, language_columns, translated_fields

# Frictionless Table Schema types of Django's fields (by `get_internal_type()`); else string.
TYPES = {
    "AutoField": "integer",
    "BigAutoField": "integer",
    "SmallAutoField": "integer",
    "IntegerField": "integer",
    "BigIntegerField": "integer",
    "SmallIntegerField": "integer",
    "PositiveIntegerField": "integer",
    "PositiveBigIntegerField": "integer",
    "PositiveSmallIntegerField": "integer",
    "DecimalField": "number",
    "FloatField": "number",
    "BooleanField": "boolean",
    "DateField": "date",
    "DateTimeField": "datetime",
    "TimeField": "time",
    "JSONField": "any",
}
# A value a CSV cell cannot tell from "no value": strings are only required when they cannot be
# empty (blank=False), other types when they cannot be NULL.
STRING = "string"
CONTENT_TYPE = "contenttypes.contenttype"
CHUNK = 2000


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, the ORM path it is read from, and its description."""

    name: str
    path: str  # what `.values_list()` reads
    field: dict[str, Any]  # the Table Schema field descriptor
    content_type: bool = False  # a content type's id, written as the name of its table


@dataclass(frozen=True)
class Table:
    """One CSV (and one JSON Lines file) of the download."""

    name: str  # the resource's name, and its files' (`projects.csv`, `projects.jsonl`)
    model: type[models.Model]
    title: str
    description: str
    columns: tuple[Column, ...]
    foreign_keys: tuple[dict[str, Any], ...]

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def rows(self) -> Iterator[tuple[Any, ...]]:
        """Every row, by primary key: one query, read in chunks (and one more for the names of
        the tables a citation's `content_type` stands for)."""
        paths = [column.path for column in self.columns]
        queryset = self.model._base_manager.order_by("pk").values_list(*paths)
        kinds = [i for i, column in enumerate(self.columns) if column.content_type]
        if not kinds:
            yield from queryset.iterator(chunk_size=CHUNK)
            return
        names = _content_type_names()
        for row in queryset.iterator(chunk_size=CHUNK):
            values = list(row)
            for i in kinds:
                values[i] = names.get(values[i], values[i])
            yield tuple(values)

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [column.field for column in self.columns],
            "primaryKey": ["id"],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = list(self.foreign_keys)
        return schema


def _english(text: Any) -> str:
    with override("en"):
        return str(text)


def table_name(model: type[models.Model]) -> str:
    """A record type's table: its API resource's name (`projects`, `plan-items`) where it has
    one, else its plural name (`meeting-participants`)."""
    record_type = _types_by_model().get(model)
    if record_type is not None and record_type.api is not None:
        return record_type.api.prefix
    return slugify(_english(model._meta.verbose_name_plural))


@cache
def _types_by_model() -> dict[type[models.Model], RecordType]:
    return {record_type.model: record_type for record_type in record_types()}


def _content_type_names() -> dict[int, str]:
    """The table of each record type, by its content type's id (one query)."""
    from django.contrib.contenttypes.models import ContentType

    models_ = [record_type.model for record_type in record_types()]
    found = ContentType.objects.get_for_models(*models_, for_concrete_models=False)
    return {content_type.pk: table_name(model) for model, content_type in found.items()}


def _describe(field: models.Field, name: str, title: str, description: str) -> dict[str, Any]:
    target = field.target_field if field.is_relation else field  # type: ignore[attr-defined]
    kind = TYPES.get(target.get_internal_type(), STRING)
    described: dict[str, Any] = {"name": name, "type": kind, "title": title}
    if description:
        described["description"] = description
    constraints: dict[str, Any] = {}
    if name == "id" or (not field.null and (kind != STRING or not field.blank)):
        constraints["required"] = True
    if field.choices and not field.is_relation:
        constraints["enum"] = [str(value) for value, _label in field.flatchoices]
    if constraints:
        described["constraints"] = constraints
    return described


def _columns(model: type[models.Model]) -> Iterator[tuple[Column, dict[str, Any] | None]]:
    """The columns of a model's table, each with its foreign key (or None)."""
    translated = set(translated_fields(model))
    language_columns_of = {name for field in translated for name in language_columns(field)}
    for field in model._meta.concrete_fields:
        title = _english(field.verbose_name)
        help_text = _english(field.help_text) if field.help_text else ""
        if field.name in translated:
            for code, language in settings.LANGUAGES:
                name = column(field.name, code)
                translation = model._meta.get_field(name)
                assert isinstance(translation, models.Field)
                label = f"{title} ({_english(language)})"
                yield Column(name, name, _describe(translation, name, label, help_text)), None
            continue
        if field.name in language_columns_of:
            continue  # written above, with its field
        related: Any = field.related_model
        if field.is_relation and related._meta.label_lower == CONTENT_TYPE:
            described = {
                "name": field.name,
                "type": STRING,
                "title": title,
                "description": "The table the cited record is in.",
                "constraints": {"required": True},
            }
            yield Column(field.name, field.attname, described, content_type=True), None
            continue
        described = _describe(
            field, field.attname if field.is_relation else field.name, title, help_text
        )
        if field.is_relation:
            target: type[models.Model] = field.related_model  # type: ignore[assignment]
            described["description"] = f"The id of a row of {table_name(target)}."
            reference = {
                "resource": "" if target is model else table_name(target),
                "fields": ["id"],
            }
            yield (
                Column(field.attname, field.attname, described),
                {
                    "fields": [field.attname],
                    "reference": reference,
                },
            )
            continue
        yield Column(field.name, field.name, described), None


def _table(model: type[models.Model], name: str, title: str, description: str) -> Table:
    pairs = list(_columns(model))
    return Table(
        name=name,
        model=model,
        title=title,
        description=description,
        columns=tuple(column for column, _key in pairs),
        foreign_keys=tuple(key for _column, key in pairs if key is not None),
    )


def _link_table(record_type: RecordType, m2m: models.ManyToManyField) -> Table:
    through: type[models.Model] = m2m.remote_field.through  # type: ignore[assignment]
    owner = table_name(record_type.model)
    target: type[models.Model] = m2m.related_model  # type: ignore[assignment]
    columns = [
        Column(
            "id",
            "id",
            {"name": "id", "type": "integer", "title": "id", "constraints": {"required": True}},
        )
    ]
    keys = []
    for field in through._meta.concrete_fields:
        if not field.is_relation:
            continue
        referenced = table_name(field.related_model)  # type: ignore[arg-type]
        columns.append(
            Column(
                field.attname,
                field.attname,
                {
                    "name": field.attname,
                    "type": "integer",
                    "title": field.attname,
                    "description": f"The id of a row of {referenced}.",
                    "constraints": {"required": True},
                },
            )
        )
        keys.append(
            {"fields": [field.attname], "reference": {"resource": referenced, "fields": ["id"]}}
        )
    verbose = _english(m2m.verbose_name)
    return Table(
        name=f"{owner}-{m2m.name.replace('_', '-')}",
        model=through,
        title=f"{_english(record_type.model._meta.verbose_name_plural)}: {verbose}".capitalize(),
        description=f"Which {table_name(target)} each of {owner} links to ({verbose}).",
        columns=tuple(columns),
        foreign_keys=tuple(keys),
    )


def tables() -> tuple[Table, ...]:
    """Every table of the download: each record type in the registry's order (a type after
    those it refers to), each followed by its many-to-many link tables."""
    out: list[Table] = []
    for record_type in record_types():
        model = record_type.model
        out.append(
            _table(
                model,
                table_name(model),
                _english(model._meta.verbose_name_plural).capitalize(),
                (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else "",
            )
        )
        out.extend(_link_table(record_type, m2m) for m2m in auto_links(record_type))
        # A link through a model of its own that is not a record type itself (a registered
        # one, like projects.ProjectPerson, is a table of its own above).
        for m2m in model._meta.many_to_many:
            through: Any = m2m.remote_field.through
            if not through._meta.auto_created and through not in _types_by_model():
                name = f"{table_name(model)}-{m2m.name.replace('_', '-')}"
                out.append(_table(through, name, _english(m2m.verbose_name).capitalize(), ""))
    names = [table.name for table in out]
    assert len(names) == len(set(names)), f"two tables of the download share a name: {names}"
    return tuple(out)
