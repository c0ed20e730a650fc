"""/api/v1/changes/: the change feed, every create, update and delete of a public record.

Entries are written by coopr.changes in the transaction of the write they describe, and read
here in commit order, in keyset pages: `?after=` the `id` of the last entry read (the `next`
link carries it), or `?since=` a time to start from. A page is one query, found through the
primary key's index, whatever the feed's length.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from coopr.api.base import PageSizeMixin, link_header
from coopr.changes import lookup_name
from coopr.models import Change
from coopr.registry import in_api


def resources() -> dict[str, tuple[str, bool]]:
    """Each resource's URL name and whether its records are found by slug."""
    out = {}
    for kind in in_api():
        assert kind.api is not None
        out[kind.api.prefix] = (
            f"api:{kind.api.basename}-detail",
            lookup_name(kind.model) == "slug",
        )
    return out


class ChangeSerializer(serializers.ModelSerializer):
    """One entry of the change feed."""

    id = serializers.IntegerField(
        read_only=True, help_text="The entry's place in the feed: `?after=` takes it."
    )
    action = serializers.ChoiceField(
        choices=Change.Action.choices,
        read_only=True,
        help_text=(
            "`created`, `updated`, `deleted` (a tombstone: the record is gone), or `reset`: "
            "records were written in bulk with no entry each (a restore): build the mirror "
            "again from the lists."
        ),
    )
    resource = serializers.CharField(
        read_only=True, allow_null=True, help_text="The record's API resource, e.g. `projects`."
    )
    record_id = serializers.IntegerField(read_only=True, allow_null=True)
    slug = serializers.SerializerMethodField(help_text="Its slug then (null without one).")
    version = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The record's version after the change."
    )
    # (DRF takes the declared field out of the class: the property `fields` stays.)
    fields = serializers.ListField(  # type: ignore[assignment]
        child=serializers.CharField(),
        read_only=True,
        help_text=(
            "The fields whose values changed (every field for `created`). Empty when the "
            "record changed through one it shows (a citation, a participant, a renamed "
            "organization) and for `deleted`."
        ),
    )
    url = serializers.SerializerMethodField(
        help_text="The record's API address then (gone after `deleted`)."
    )

    class Meta:
        model = Change
        fields = [
            "id",
            "time",
            "action",
            "resource",
            "record_id",
            "slug",
            "version",
            "fields",
            "url",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["resource"] = data["resource"] or None
        return data

    def get_slug(self, change: Change) -> str | None:
        found = self.context["resources"].get(change.resource)
        return change.lookup if found and found[1] else None

    def get_url(self, change: Change) -> str | None:
        found = self.context["resources"].get(change.resource)
        if not found or not change.lookup:
            return None
        name, slugged = found
        path = reverse(name, kwargs={"slug" if slugged else "pk": change.lookup})
        return self.context["request"].build_absolute_uri(path)


def invalid(name: str, message: str) -> serializers.ValidationError:
    return serializers.ValidationError({name: [message]})


def parse_since(value: str) -> dt.datetime:
    when = parse_datetime(value)
    if when is None:
        day = parse_date(value)
        if day is None:
            raise ValueError(value)
        when = dt.datetime.combine(day, dt.time())
    if timezone.is_naive(when):
        when = timezone.make_aware(when, dt.UTC)
    return when


class ChangePagination(PageSizeMixin, PageNumberPagination):
    """Keyset pages of the feed: `?after=` an entry's id, or `?since=` a time."""

    cursor_query_param = "after"  # what the feed's keyset pages take (as `cursor` elsewhere)

    def paginate_queryset(self, queryset: QuerySet, request, view=None):
        self.request = request
        after = request.query_params.get("after", "")
        since = request.query_params.get("since", "")
        if after and not re.fullmatch(r"[0-9]{1,18}", after):
            raise invalid("after", "The `id` of an entry (a whole number): follow `next`.")
        if after:
            queryset = queryset.filter(id__gt=int(after))
        if since:
            try:
                queryset = queryset.filter(time__gte=parse_since(since))
            except (ValueError, OverflowError):
                raise invalid(
                    "since", "A time as ISO 8601 (2018-03-24 or 2018-03-24T10:00:00Z)."
                ) from None
        size = self.get_page_size(request)
        assert size is not None
        rows = list(queryset.order_by("id")[: size + 1])
        self.more = len(rows) > size
        self.rows = rows[:size]
        return self.rows

    def next_link(self) -> str:
        """Where to ask for what comes after this page (now, or later when nothing more has
        happened yet)."""
        assert self.request is not None
        url = self.request.build_absolute_uri()
        if not self.rows:
            return url
        url = remove_query_param(url, "since")
        return replace_query_param(url, "after", self.rows[-1].id)

    def first_link(self) -> str:
        assert self.request is not None
        url = self.request.build_absolute_uri()
        return remove_query_param(remove_query_param(url, "after"), "since")

    def get_paginated_response(self, data):
        links = {"next": self.next_link(), "first": self.first_link()}
        return Response(
            {"next": links["next"], "more": self.more, "results": data},
            headers={"Link": link_header(links)},
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "more", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "description": (
                        "The page after this one: ask it again later when `more` is false."
                    ),
                },
                "more": {
                    "type": "boolean",
                    "description": "Whether more entries follow already.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "after",
                "required": False,
                "in": "query",
                "description": "Entries after the one with this `id` (what `next` sends).",
                "schema": {"type": "integer", "minimum": 0},
            },
            {
                "name": "since",
                "required": False,
                "in": "query",
                "description": "Entries from this time on (ISO 8601; UTC unless it says).",
                "schema": {"type": "string", "format": "date-time"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": (
                    f"Entries per page: {self.page_size} unless given, at most "
                    f"{self.max_page_size} (a larger number is a 400)."
                ),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


@extend_schema_view(
    list=extend_schema(
        summary="The change feed",
        description=(
            "Every create, update and delete of a public record, in the order they were "
            "committed. Keep a mirror by reading from `?after=` the last `id` you read (or "
            "follow `next`): for each record keep its newest entry; fetch `url` for "
            "`created` and `updated`, drop the record for `deleted`."
        ),
    )
)
class ChangeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The change feed: every create, update and delete of a public record, in order."""

    queryset = Change.objects.all()
    serializer_class = ChangeSerializer
    pagination_class = ChangePagination
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "resources": resources()}
