"""Filters every list shares: `updated_since`, and date ranges."""

from __future__ import annotations

import datetime as dt
import re

import django_filters
from django import forms
from django.db import connections, models
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django_filters.fields import IsoDateTimeField
from django_filters.filterset import FILTER_FOR_DBFIELD_DEFAULTS
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, serializers

from coopr.text_search import like_escape

# The stored column the API's search reads on PostgreSQL (migration coopr 0013).
API_SEARCH_COLUMN = "api_search"


class WholeNumberField(forms.IntegerField):
    """Digits, with an optional minus: what the schema's `integer` allows. Django's
    IntegerField also takes `0.0` and `1.00` (as 0 and 1), which the schema refuses."""

    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(r"-?[0-9]+", str(value).strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (django-filter's NumberFilter takes decimals: `?number=0.5`)."""

    field_class = WholeNumberField


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, turned to UTC before it reaches the database.

    ISO 8601 and Python allow offsets up to ±23:59, PostgreSQL only up to ±15:59 (a server
    error otherwise). A moment that falls out of the years 1 to 9999 in UTC (`0001-01-01T00:00
    +10:00`) stands for the first or last moment there is.
    """

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(dt.UTC)
        except OverflowError:
            edge = dt.datetime.min if moment.year == 1 else dt.datetime.max
            return edge.replace(tzinfo=dt.UTC)


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class FilterBackend(DjangoFilterBackend):
    """django-filter's, passed by when the request names none of the list's filters: the
    filter set would build its form (a form field per filter) only to find no value, and a
    filter without a value changes nothing. A parameter counts as naming a filter when it
    starts with the filter's name (a range filter reads `<name>_after`, `<name>_before`)."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            names = tuple(filterset_class.base_filters)
            if not any(param.startswith(names) for param in request.query_params):
                return queryset
        return super().filter_queryset(request, queryset, view)


class RecordFilterSet(django_filters.FilterSet):
    """Base filter set: `updated_since` (ISO 8601 date-time) on every list."""

    FILTER_DEFAULTS = {
        **FILTER_FOR_DBFIELD_DEFAULTS,
        **{
            field: {"filter_class": IntegerFilter}
            for field in (
                models.IntegerField,
                models.SmallIntegerField,
                models.BigIntegerField,
                models.PositiveIntegerField,
                models.PositiveSmallIntegerField,
                models.PositiveBigIntegerField,
                models.AutoField,
                models.BigAutoField,
            )
        },
    }

    updated_since = UtcIsoDateTimeFilter(
        field_name="updated", lookup_expr="gte", label="Changed at or after (ISO 8601)"
    )


class SearchFilter(filters.SearchFilter):
    """`?search=`: each word in any of the list's `search_fields`, case-insensitive in every
    script, on SQLite too (see coopr.lookups).

    On PostgreSQL a word is looked for in the table's stored `api_search` column (those fields
    lower-cased, one per line, with a trigram index: migration coopr 0013) instead of in each
    field: the same rows, one indexed column to test.
    """

    default_lookup = "uicontains"

    def filter_queryset(self, request, queryset, view):
        terms = self.get_search_terms(request)
        connection = connections[queryset.db]
        if (
            connection.vendor != "postgresql"
            or not self.get_search_fields(view, request)
            or not terms
            or any("\n" in term for term in terms)  # a line could span two of the fields
        ):
            return super().filter_queryset(request, queryset, view)
        column = (
            f"{connection.ops.quote_name(queryset.model._meta.db_table)}."
            f"{connection.ops.quote_name(API_SEARCH_COLUMN)}"
        )
        for term in terms:
            pattern = f"%{like_escape(term)}%"
            # lower() of a constant is worked out before planning: the index serves it.
            found = RawSQL(f"{column} LIKE lower(%s)", (pattern,), output_field=BooleanField())
            queryset = queryset.filter(found)
        return queryset


class OrderingFilter(filters.OrderingFilter):
    """`?ordering=`: one or more of the list's orderings, comma-separated, each `-` first for
    descending. An unknown one is a 400 naming the ones there are (DRF would quietly drop it
    and answer in the default order), and the schema lists them as an enum."""

    def orderings(self, view, request=None) -> list[str]:
        """Every value `ordering` takes on this view: each field, ascending then descending."""
        fields = getattr(view, "ordering_fields", self.ordering_fields)
        if fields is None or fields == "__all__":
            fields = [
                name
                for name, _label in self.get_valid_fields(
                    view.get_queryset(), view, {"request": request}
                )
            ]
        else:
            fields = [item if isinstance(item, str) else item[0] for item in fields]
        return [term for name in fields for term in (name, f"-{name}")]

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params:
            terms = [param.strip() for param in params.split(",")]
            valid = self.orderings(view, request)
            unknown = [term for term in terms if term not in valid]
            if unknown:
                raise serializers.ValidationError(
                    {
                        self.ordering_param: [
                            f"Unknown ordering: {', '.join(unknown)}. "
                            f"Give one or more of {', '.join(valid)}, comma-separated."
                        ]
                    }
                )
            return terms
        return self.get_default_ordering(view)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": (
                    "The order of the list: one or more fields, comma-separated; `-` before a "
                    "field orders it descending. Any other value is a 400."
                ),
                "schema": {
                    "type": "array",
                    "items": {"type": "string", "enum": self.orderings(view)},
                },
                "style": "form",
                "explode": False,
            }
        ]
