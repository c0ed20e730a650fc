"""The API's lists, serialized without DRF's per-field machinery, to the same JSON.

DRF turns each row into JSON field by field through generic steps: a generator of readable
fields, `get_attribute` walking the field's source with a try/except per step, a check for
`PKOnlyObject`, and a nested serializer's whole round again for each nested record. For a page
of 50 records of 20 fields that is most of a cold list's time. `LeanListSerializer` reads the
same serializer once per response and compiles it into a list of steps, one per field, each
the shortest exact way to that field's value:

- a field reading one attribute (`title`, `status`, `plan_item_number`): `getattr`, then the
  field's own `to_representation` (for `CharField` and `IntegerField`, `str` and `int`, which
  is what theirs do);
- a field of the whole record (`source="*"`: `url`, `*_display`, `*_i18n`): the field's own
  `to_representation`;
- a nested serializer of one record (`plan_item_summary`): that serializer compiled the same
  way, or null;
- anything else (many-to-many lists, method fields, a source with dots, a field with a
  default): DRF's own steps for that field, unchanged.

The output is the output of `serializer.data`, key for key and in the same order (tests compare
the two on every list of the API); the schema, made from the same fields, is unchanged. Every
`RecordSerializerMixin` serializer uses it for `many=True` (`Meta.list_serializer_class`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models.manager import BaseManager
from rest_framework import fields as drf_fields
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

Step = Callable[[Any, dict], None]


def _slow(field: serializers.Field) -> Step:
    """DRF's own steps for one field (Serializer.to_representation's loop body)."""
    name = field.field_name

    def step(instance, out: dict) -> None:
        try:
            attribute = field.get_attribute(instance)
        except SkipField:
            return
        check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        out[name] = None if check is None else field.to_representation(attribute)

    return step


def _converter(field: serializers.Field) -> Callable[[Any], Any]:
    kind = type(field)
    if kind is drf_fields.CharField:
        return str
    if kind is drf_fields.IntegerField:
        return int
    return field.to_representation


def _plain(field: serializers.Field, attr: str) -> Step:
    """A field reading one attribute of the record."""
    name, convert, fallback = field.field_name, _converter(field), _slow(field)

    def step(instance, out: dict) -> None:
        value = getattr(instance, attr, fallback)
        if value is fallback or callable(value):
            fallback(instance, out)  # missing (default, SkipField) or a method: DRF decides
        else:
            out[name] = None if value is None else convert(value)

    return step


def _whole(field: serializers.Field) -> Step:
    """A field of the whole record (`source="*"`)."""
    name, convert = field.field_name, field.to_representation

    def step(instance, out: dict) -> None:
        out[name] = convert(instance)

    return step


def _nested(field: serializers.Serializer, attr: str) -> Step:
    """One nested record, compiled too; null when there is none."""
    name, represent, fallback = field.field_name, compile_serializer(field), _slow(field)

    def step(instance, out: dict) -> None:
        value = getattr(instance, attr, fallback)
        if value is fallback:
            fallback(instance, out)
        else:
            out[name] = None if value is None else represent(value)

    return step


def _nested_many(
    field: serializers.ListSerializer, child: serializers.Serializer, attr: str
) -> Step:
    """A list of nested records (a related manager, prefetched), each compiled."""
    name, represent, fallback = field.field_name, compile_serializer(child), _slow(field)

    def step(instance, out: dict) -> None:
        value: Any = getattr(instance, attr, fallback)
        if value is fallback:
            fallback(instance, out)
        elif value is None:
            out[name] = None
        else:
            rows = value.all() if isinstance(value, BaseManager) else value
            out[name] = [represent(row) for row in rows]

    return step


def _step(field: serializers.Field) -> Step:
    attrs = field.source_attrs
    # Only fields that read their value as every field does (no get_attribute of their own).
    if type(field).get_attribute is not drf_fields.Field.get_attribute:
        return _slow(field)
    if field.source == "*":
        return _whole(field)
    if len(attrs) != 1 or field.default is not drf_fields.empty:
        return _slow(field)
    if isinstance(field, serializers.ListSerializer):
        child = field.child
        if (
            isinstance(child, serializers.Serializer)
            and type(field).to_representation is serializers.ListSerializer.to_representation
        ):
            return _nested_many(field, child, attrs[0])
        return _slow(field)
    if isinstance(field, serializers.Serializer):
        return _nested(field, attrs[0])
    if isinstance(field, serializers.RelatedField | serializers.ManyRelatedField):
        return _slow(field)
    return _plain(field, attrs[0])


def compile_serializer(serializer: serializers.Serializer) -> Callable[[Any], dict]:
    """`serializer.to_representation`, as a list of steps made once (see the module)."""
    if type(serializer).to_representation is not serializers.Serializer.to_representation:
        return serializer.to_representation  # a serializer of its own making: as it is
    steps = [_step(field) for field in serializer._readable_fields]

    def represent(instance) -> dict:
        out: dict = {}
        for step in steps:
            step(instance, out)
        return out

    return represent


class LeanListSerializer(serializers.ListSerializer):
    """`many=True`: each record through its serializer compiled once (see the module)."""

    def to_representation(self, data):
        iterable = data.all() if isinstance(data, BaseManager) else data
        represent = compile_serializer(self.child)
        return [represent(item) for item in iterable]
