"""Filters every list shares: `updated_since`, and date ranges."""

from __future__ import annotations

import django_filters


class RecordFilterSet(django_filters.FilterSet):
    """Base filter set: `updated_since` (ISO 8601 date-time) on every list."""

    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated", lookup_expr="gte", label="Changed at or after (ISO 8601)"
    )
