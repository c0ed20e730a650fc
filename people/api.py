"""API for people and organizations: serializers, filters and viewsets."""

from __future__ import annotations

import django_filters
from rest_framework import serializers

from coopr.api.base import RecordSerializerMixin, RecordViewSet
from coopr.api.fields import (
    ChoiceFieldsMixin,
    CitationSerializer,
    PartialDateField,
    RecordUrlField,
    TranslationsField,
)
from coopr.api.filters import RecordFilterSet
from people.models import Organization, Person, Position
from people.rows import PersonRows


class OrganizationRefSerializer(ChoiceFieldsMixin, serializers.HyperlinkedModelSerializer):
    """An organization, referred to from another record."""

    url = RecordUrlField(view_name="api:organization-detail", lookup_field="slug")

    class Meta:
        model = Organization
        fields = ["id", "url", "slug", "name", "short_name", "country"]


class PersonRefSerializer(ChoiceFieldsMixin, serializers.HyperlinkedModelSerializer):
    """A person, referred to from another record."""

    url = RecordUrlField(view_name="api:person-detail", lookup_field="slug")

    class Meta:
        model = Person
        fields = ["id", "url", "slug", "name", "country"]


class PositionSerializer(serializers.ModelSerializer):
    """A post held, as of the dates the sources give."""

    title_i18n = TranslationsField("title", read_only=True)
    organization = OrganizationRefSerializer(read_only=True, allow_null=True)
    start_display = PartialDateField("start")
    end_display = PartialDateField("end")
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "title",
            "title_i18n",
            "organization",
            "start",
            "start_precision",
            "start_display",
            "end",
            "end_precision",
            "end_display",
            "as_of",
            "citations",
        ]


class OrganizationSerializer(RecordSerializerMixin, serializers.HyperlinkedModelSerializer):
    url = RecordUrlField(view_name="api:organization-detail", lookup_field="slug")
    parent = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="slug", queryset=Organization.objects.all(), allow_null=True, required=False
    )
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "name_i18n",
            "short_name",
            "short_name_i18n",
            "other_names",
            "kind",
            "country",
            "parent",
            "website",
            "description",
            "description_i18n",
            "citations",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["created", "updated"]


class PersonSerializer(RecordSerializerMixin, serializers.HyperlinkedModelSerializer):
    url = RecordUrlField(view_name="api:person-detail", lookup_field="slug")
    positions = PositionSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "name_i18n",
            "sort_name",
            "other_names",
            "country",
            "biography",
            "biography_i18n",
            "positions",
            "citations",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["created", "updated"]


class PersonSummarySerializer(PersonSerializer):
    """A person as the list shows them: their own fields. Their posts over time and citations
    are in their detail (`url`)."""

    positions = None  # type: ignore[assignment]
    citations = None  # type: ignore[assignment]

    class Meta(PersonSerializer.Meta):
        fields = [
            name for name in PersonSerializer.Meta.fields if name not in ("positions", "citations")
        ]


class OrganizationFilter(RecordFilterSet):
    parent = django_filters.CharFilter(field_name="parent__slug", label="Parent's slug")

    class Meta:
        model = Organization
        fields = ["kind", "country", "parent"]


class PersonFilter(RecordFilterSet):
    organization = django_filters.CharFilter(
        field_name="positions__organization__slug",
        label="Slug of an organization the person held a post in",
        distinct=True,
    )

    class Meta:
        model = Person
        fields = ["country", "organization"]


class OrganizationViewSet(RecordViewSet):
    """Ministries, agencies, business associations, companies, universities, …"""

    queryset = Organization.objects.for_api()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    search_fields = ["name_en", "name_ru", "name_ja", "short_name_en", "other_names", "slug"]
    ordering_fields = ["name_en", "created", "updated", "id"]
    ordering = ["name_en", "id"]


class PersonViewSet(RecordViewSet):
    """People named in the record. The list gives each person's own fields; the detail adds
    their posts over time and sources."""

    queryset = Person.objects.for_api()
    serializer_class = PersonSerializer
    summary_serializer_class = PersonSummarySerializer
    rows_class = PersonRows
    filterset_class = PersonFilter
    search_fields = ["name_en", "name_ru", "name_ja", "sort_name", "other_names", "slug"]
    ordering_fields = ["sort_name", "created", "updated", "id"]
    ordering = ["sort_name", "id"]
