"""API for sources: the publications the record cites."""

from __future__ import annotations

from django.db.models import F
from rest_framework import serializers

from coopr.api.base import RecordSerializerMixin, RecordViewSet
from coopr.api.fields import PartialDateField, RecordUrlField
from coopr.api.filters import RecordFilterSet
from coopr.models import Source


class SourceSerializer(RecordSerializerMixin, serializers.HyperlinkedModelSerializer):
    url = RecordUrlField(view_name="api:source-detail", lookup_field="slug")
    link = serializers.URLField(source="url", required=False, allow_blank=True)
    published_on_display = PartialDateField("published_on")
    citation_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "slug",
            "title",
            "publisher",
            "link",
            "kind",
            "language",
            "published_on",
            "published_on_precision",
            "published_on_display",
            "notes",
            "citation_count",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["created", "updated"]


class SourceFilter(RecordFilterSet):
    class Meta:
        model = Source
        fields = ["kind", "language", "publisher"]


class SourceViewSet(RecordViewSet):
    """Publications the record cites, with how many citations each supports."""

    queryset = Source.objects.with_citation_counts()
    serializer_class = SourceSerializer
    filterset_class = SourceFilter
    search_fields = ["title", "publisher", "slug"]
    ordering_fields = ["published_on", "title", "created", "updated", "id"]
    ordering = [F("published_on").desc(nulls_last=True), "id"]  # undated last, on every database
