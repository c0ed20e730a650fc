"""The API's serializers for joint bodies (with their chairs over time) and themes."""

from __future__ import annotations

from rest_framework import serializers

from coopr.api.base import RecordSerializerMixin
from coopr.api.fields import (
    ChoiceFieldsMixin,
    CitationSerializer,
    PartialDateField,
    RecordUrlField,
)
from people.api import PersonRefSerializer
from projects.api.serializers import PlanRef
from projects.models import BodyChair, JointBody, Theme


class ThemeSerializer(RecordSerializerMixin, serializers.HyperlinkedModelSerializer):
    url = RecordUrlField(view_name="api:theme-detail", lookup_field="slug")
    project_count = serializers.IntegerField(read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Theme
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "name_i18n",
            "description",
            "description_i18n",
            "project_count",
            "citations",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["created", "updated"]


class BodyChairSerializer(ChoiceFieldsMixin, serializers.ModelSerializer):
    """A person co-chairing (or heading) a joint body for one side, and when."""

    person = PersonRefSerializer(read_only=True)
    start_display = PartialDateField("start")
    end_display = PartialDateField("end")
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = BodyChair
        fields = [
            "person",
            "side",
            "role",
            "start",
            "start_precision",
            "start_display",
            "end",
            "end_precision",
            "end_display",
            "as_of",
            "citations",
        ]


class JointBodySerializer(RecordSerializerMixin, serializers.HyperlinkedModelSerializer):
    url = RecordUrlField(view_name="api:body-detail", lookup_field="slug")
    plans = PlanRef(many=True, read_only=True)
    chairs = BodyChairSerializer(many=True, read_only=True)
    session_count = serializers.IntegerField(read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = JointBody
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "name_i18n",
            "kind",
            "description",
            "description_i18n",
            "plans",
            "chairs",
            "session_count",
            "citations",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["created", "updated"]
