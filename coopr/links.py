"""Which records link to which, read with one small statement per relation.

The change feed (coopr.changes) walks the relations between record types on every write, two
steps out, to find the public records whose representation may show the written one. Through
the ORM each step built a queryset per relation (about 60 for a project's update, each with
the joins of a many-to-many lookup and the models' default ordering, which a set of ids does
not need): most of a write's time, and of loading a data set. Here each relation of a model
is turned once, from its metadata, into a statement over the one table that holds the link:

- a foreign key of the model: its column (for a record at hand, its attribute: no query);
- a many-to-many field, either side: the through table's two columns (the model's own
  field is followed for a new record too);
- a foreign key of another model to this one: that model's ids by its column;
- a generic relation, either side: the content type and object id columns (the side that
  holds them is followed for a new record too).

The answer is the ORM's, relation by relation (tests/coopr/test_links.py compares the two on
the full data set); nothing here names a record type.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRel, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from django.db.models.fields.related import ForeignObjectRel, RelatedField

from coopr.registry import is_record

# Records by model: {Project: {1, 2}}.
Records = dict[Any, set[int]]
# Ids per statement at most (SQLite takes 32,766 parameters).
CHUNK = 10_000


@dataclass(frozen=True)
class Link:
    """One relation of a model: `SELECT <columns> FROM <table> WHERE <key> IN (ids)`, giving
    the ids of `other` (or, for a generic foreign key, content type and id pairs)."""

    other: Any  # the linked model; None for a generic foreign key (each row names its own)
    table: str
    columns: tuple[str, ...]
    key: str
    # `<column> = <the content type of a model>` also required (a generic relation's; read
    # when the statement runs: content type ids are the database's, not the code's).
    where: tuple[str, Any] | None = None
    # A link the record holds itself (followed for a new record too).
    forward: bool = False
    # The record's own attributes that hold it (a foreign key's, a generic foreign key's).
    attnames: tuple[str, ...] = ()

    def sql(self, count: int, quote) -> str:
        where = f" AND {quote(self.where[0])} = %s" if self.where else ""
        placeholders = ", ".join(["%s"] * count)
        selected = ", ".join(quote(column) for column in self.columns)
        return (
            f"SELECT {selected} FROM {quote(self.table)} "
            f"WHERE {quote(self.key)} IN ({placeholders}){where}"
        )


def relations(model: type[models.Model]) -> Iterable[tuple[Any, Any]]:
    """The model's relations to other record types, both ways (generic ones too)."""
    for field in model._meta.get_fields(include_hidden=False):
        other = getattr(field, "related_model", None)
        if isinstance(field, GenericForeignKey) or (other is not None and is_record(other)):
            yield field, other


def _field(model: type[models.Model], name: str) -> Any:
    return model._meta.get_field(name)


def _column(model: type[models.Model], name: str) -> str:
    return _field(model, name).column


@cache
def links(model: type[models.Model]) -> tuple[Link, ...]:
    """Every relation of `model` as a `Link`, worked out once per model."""
    meta = model._meta
    found = []
    relation: Any
    for field, other in relations(model):
        if isinstance(field, GenericForeignKey):
            ct, fk = _column(model, field.ct_field), _column(model, field.fk_field)
            attnames = (_field(model, field.ct_field).attname, field.fk_field)
            found.append(Link(None, meta.db_table, (ct, fk), meta.pk.column, None, True, attnames))
        elif isinstance(field, GenericRelation):
            # The other model's rows whose generic key points at one of these records.
            where = (_column(other, field.content_type_field_name), model)
            key = _column(other, field.object_id_field_name)
            found.append(Link(other, other._meta.db_table, (other._meta.pk.column,), key, where))
        elif isinstance(field, GenericRel):
            # These rows' generic key, where it points at the other model.
            relation = field.field
            where = (_column(model, relation.content_type_field_name), other)
            columns = (_column(model, relation.object_id_field_name),)
            found.append(Link(other, meta.db_table, columns, meta.pk.column, where, True))
        elif isinstance(field, ForeignObjectRel):
            relation = field.field  # declared on the other model
            if relation.many_to_many:
                table = relation.m2m_db_table()
                columns = (relation.m2m_column_name(),)
                found.append(Link(other, table, columns, relation.m2m_reverse_name()))
            else:
                columns = (other._meta.pk.column,)
                found.append(Link(other, other._meta.db_table, columns, relation.column))
        elif isinstance(field, RelatedField) and field.concrete:
            if isinstance(field, models.ManyToManyField):
                table, columns = field.m2m_db_table(), (field.m2m_reverse_name(),)
                found.append(Link(other, table, columns, field.m2m_column_name(), None, True))
            else:
                columns, held = (field.column,), (field.attname,)
                found.append(Link(other, meta.db_table, columns, meta.pk.column, None, True, held))
    return tuple(found)


def rows(model: type[models.Model], sql_of, ids: Iterable[int], params: Sequence = ()) -> list:
    """The rows of `sql_of(count, quote)` for `ids`, in chunks, on the model's database."""
    connection = connections[model._default_manager.db]
    ids = sorted(ids)
    found: list = []
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            cursor.execute(sql_of(len(chunk), connection.ops.quote_name), [*chunk, *params])
            found.extend(cursor.fetchall())
    return found


def neighbours(
    model: Any, ids: set[int], forward: bool | None = None, instance: models.Model | None = None
) -> Records:
    """The records linked to these records, one step out: by the links they hold (`forward`
    True), by the links held by others (False), or both (None). `instance`, when `ids` is its
    id alone, gives the links it holds itself without a query (it was just saved: its
    attributes are what the database holds)."""
    found: Records = defaultdict(set)
    own = instance is not None and ids == {instance.pk}
    for link in links(model):
        if forward is not None and link.forward != forward:
            continue
        params = (ContentType.objects.get_for_model(link.where[1]).pk,) if link.where else ()
        if own and link.attnames:
            found_rows = [tuple(getattr(instance, name) for name in link.attnames)]
        else:
            found_rows = rows(model, link.sql, ids, params)
        if link.other is not None:
            found[link.other].update(row[0] for row in found_rows if row[0] is not None)
            continue
        for content_type_id, object_id in found_rows:
            if content_type_id is None or object_id is None:
                continue
            target = ContentType.objects.get_for_id(content_type_id).model_class()
            if target is not None and is_record(target):
                found[target].add(object_id)
    return found


def column_rows(model: type[models.Model], columns: Sequence[str], ids: Iterable[int]) -> list:
    """`columns` (field names) of the model's rows with these ids."""
    pk = model._meta.pk.column
    names = tuple(pk if name == "pk" else _column(model, name) for name in columns)
    return rows(model, Link(model, model._meta.db_table, names, pk).sql, ids)
