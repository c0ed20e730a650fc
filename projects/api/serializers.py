"""The API's serializers for plans, plan items, projects, meetings, documents and indicators."""

from __future__ import annotations

from rest_framework import serializers

from coopr.api.base import RecordSerializerMixin
from coopr.api.fields import (
    ChoiceField,
    CitationSerializer,
    PartialDateField,
    RecordUrlField,
)
from people.api import OrganizationRefSerializer, PersonRefSerializer
from people.models import Person
from projects.models import (
    Document,
    Indicator,
    JointBody,
    Meeting,
    MeetingParticipant,
    Observation,
    Plan,
    PlanItem,
    Project,
    ProjectOrganization,
    ProjectPerson,
    ProjectUpdate,
    Theme,
)


def ref(model, view: str, *fields: str):
    """A short serializer for references to `model` from other records."""
    lookup = "slug" if any(f.name == "slug" for f in model._meta.fields) else "pk"
    meta = type("Meta", (), {"model": model, "fields": ["id", "url", *fields]})
    url = RecordUrlField(view_name=f"api:{view}-detail", lookup_field=lookup)
    return type(
        f"{model.__name__}RefSerializer",
        (serializers.HyperlinkedModelSerializer,),
        {"Meta": meta, "url": url, "__doc__": f"A {model._meta.verbose_name}, referred to."},
    )


PlanRef = ref(Plan, "plan", "slug", "title")
ProjectRef = ref(Project, "project", "slug", "title", "status")
MeetingRef = ref(Meeting, "meeting", "slug", "title", "start", "start_precision")
DocumentRef = ref(Document, "document", "slug", "title", "kind", "signed_on")
ThemeRef = ref(Theme, "theme", "slug", "name")


class PlanItemRefSerializer(serializers.HyperlinkedModelSerializer):
    """A plan item, referred to from another record."""

    url = RecordUrlField(view_name="api:plan-item-detail")
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = PlanItem
        fields = ["id", "url", "plan", "number", "title"]


class PlanSerializer(RecordSerializerMixin, serializers.HyperlinkedModelSerializer):
    url = RecordUrlField(view_name="api:plan-detail", lookup_field="slug")
    proposed_on_display = PartialDateField("proposed_on")
    proposed_by = serializers.SlugRelatedField(
        slug_field="slug", queryset=Person.objects.all(), allow_null=True, required=False
    )
    proposed_at = serializers.SlugRelatedField(
        slug_field="slug", queryset=Meeting.objects.all(), allow_null=True, required=False
    )
    items = PlanItemRefSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "url",
            "slug",
            "title",
            "title_i18n",
            "long_title",
            "long_title_i18n",
            "subtitle",
            "subtitle_i18n",
            "country_a",
            "country_b",
            "proposed_on",
            "proposed_on_precision",
            "proposed_on_display",
            "proposed_by",
            "proposed_at",
            "proposed_place",
            "proposed_place_i18n",
            "description",
            "description_i18n",
            "items",
            "citations",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["created", "updated"]


class PlanItemSerializer(RecordSerializerMixin, serializers.HyperlinkedModelSerializer):
    url = RecordUrlField(view_name="api:plan-item-detail")
    plan = serializers.SlugRelatedField(slug_field="slug", queryset=Plan.objects.all())
    project_count = serializers.IntegerField(read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = PlanItem
        fields = [
            "id",
            "url",
            "plan",
            "number",
            "title",
            "title_i18n",
            "description",
            "description_i18n",
            "project_count",
            "citations",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["created", "updated"]


class ProjectOrganizationSerializer(serializers.ModelSerializer):
    serializer_choice_field = ChoiceField
    organization = OrganizationRefSerializer(read_only=True)

    class Meta:
        model = ProjectOrganization
        fields = ["organization", "role", "side"]


class ProjectPersonSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)

    class Meta:
        model = ProjectPerson
        fields = ["person", "role"]


class ProjectUpdateSerializer(serializers.ModelSerializer):
    date_display = PartialDateField("date")

    class Meta:
        model = ProjectUpdate
        fields = ["date", "date_precision", "date_display", "status", "note"]


class ProjectSerializer(RecordSerializerMixin, serializers.HyperlinkedModelSerializer):
    url = RecordUrlField(view_name="api:project-detail", lookup_field="slug")
    plan_item = serializers.PrimaryKeyRelatedField(queryset=PlanItem.objects.all())
    plan_item_summary = PlanItemRefSerializer(source="plan_item", read_only=True)
    start_display = PartialDateField("start")
    end_display = PartialDateField("end")
    organizations = ProjectOrganizationSerializer(source="project_orgs", many=True, read_only=True)
    people = ProjectPersonSerializer(source="project_people", many=True, read_only=True)
    updates = ProjectUpdateSerializer(many=True, read_only=True)
    themes = ThemeRef(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "url",
            "slug",
            "plan_item",
            "plan_item_summary",
            "title",
            "title_i18n",
            "summary",
            "summary_i18n",
            "status",
            "start",
            "start_precision",
            "start_display",
            "end",
            "end_precision",
            "end_display",
            "progress",
            "themes",
            "organizations",
            "people",
            "updates",
            "citations",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["created", "updated"]


class ProjectSummarySerializer(ProjectSerializer):
    """A project as the list shows it: its own fields and its item. Its organizations, people,
    timeline and citations are in its detail (`url`)."""

    organizations = None  # type: ignore[assignment]
    people = None  # type: ignore[assignment]
    updates = None  # type: ignore[assignment]
    themes = None
    citations = None  # type: ignore[assignment]

    class Meta(ProjectSerializer.Meta):
        fields = [
            name
            for name in ProjectSerializer.Meta.fields
            if name not in ("organizations", "people", "updates", "themes", "citations")
        ]


class ParticipantSerializer(serializers.ModelSerializer):
    """A person at a meeting: side, role, and post at the meeting's date."""

    serializer_choice_field = ChoiceField
    person = PersonRefSerializer(read_only=True)
    post = serializers.CharField(source="position.title", read_only=True, allow_null=True)
    post_organization = OrganizationRefSerializer(
        source="position.organization", read_only=True, allow_null=True
    )
    representing = OrganizationRefSerializer(source="organization", read_only=True, allow_null=True)

    class Meta:
        model = MeetingParticipant
        fields = ["person", "side", "role", "post", "post_organization", "representing"]


class MeetingSerializer(RecordSerializerMixin, serializers.HyperlinkedModelSerializer):
    url = RecordUrlField(view_name="api:meeting-detail", lookup_field="slug")
    body = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=JointBody.objects.all(),
        allow_null=True,
        required=False,
        help_text="The joint body this meeting was a session of (its slug).",
    )
    start_display = PartialDateField("start")
    end_display = PartialDateField("end")
    participants = ParticipantSerializer(many=True, read_only=True)
    documents = DocumentRef(many=True, read_only=True)
    plan_items = PlanItemRefSerializer(many=True, read_only=True)
    projects = ProjectRef(many=True, read_only=True)
    organizations = OrganizationRefSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "url",
            "slug",
            "title",
            "title_i18n",
            "kind",
            "start",
            "start_precision",
            "start_display",
            "end",
            "end_precision",
            "end_display",
            "body",
            "session_number",
            "city",
            "city_i18n",
            "country",
            "description",
            "description_i18n",
            "outcomes",
            "outcomes_i18n",
            "participants",
            "documents",
            "plan_items",
            "projects",
            "organizations",
            "citations",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["created", "updated"]
        # Not DRF's unique-together check on (body, session_number): it would make both
        # required. The write service's full_clean checks the constraint (a 400 either way).
        validators: list = []


# What a meeting's detail adds to its list entry: the records listed inside it.
MEETING_DETAIL_ONLY = ("participants", "documents", "plan_items", "projects", "organizations")


class MeetingSummarySerializer(MeetingSerializer):
    """A meeting as the list shows it: its own fields and its body. Its participants,
    documents, items, projects, organizations and citations are in its detail (`url`)."""

    participants = None  # type: ignore[assignment]
    documents = None
    plan_items = None  # type: ignore[assignment]
    projects = None
    organizations = None  # type: ignore[assignment]
    citations = None  # type: ignore[assignment]

    class Meta(MeetingSerializer.Meta):
        fields = [
            name
            for name in MeetingSerializer.Meta.fields
            if name not in (*MEETING_DETAIL_ONLY, "citations")
        ]


class DocumentSerializer(RecordSerializerMixin, serializers.HyperlinkedModelSerializer):
    url = RecordUrlField(view_name="api:document-detail", lookup_field="slug")
    signed_on_display = PartialDateField("signed_on")
    meeting = serializers.SlugRelatedField(
        slug_field="slug", queryset=Meeting.objects.all(), allow_null=True, required=False
    )
    link = serializers.URLField(source="url", required=False, allow_blank=True)
    signatories = PersonRefSerializer(many=True, read_only=True)
    parties = OrganizationRefSerializer(many=True, read_only=True)
    plan_items = PlanItemRefSerializer(many=True, read_only=True)
    projects = ProjectRef(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "url",
            "slug",
            "title",
            "title_i18n",
            "kind",
            "signed_on",
            "signed_on_precision",
            "signed_on_display",
            "place",
            "place_i18n",
            "meeting",
            "summary",
            "summary_i18n",
            "link",
            "signatories",
            "parties",
            "plan_items",
            "projects",
            "citations",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["created", "updated"]


class ObservationSerializer(serializers.ModelSerializer):
    date_display = PartialDateField("date")
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Observation
        fields = [
            "date",
            "date_precision",
            "date_display",
            "value",
            "qualifier",
            "note",
            "citations",
        ]


class IndicatorSerializer(RecordSerializerMixin, serializers.HyperlinkedModelSerializer):
    url = RecordUrlField(view_name="api:indicator-detail", lookup_field="slug")
    plan = serializers.SlugRelatedField(
        slug_field="slug", queryset=Plan.objects.all(), allow_null=True, required=False
    )
    plan_item = serializers.PrimaryKeyRelatedField(
        queryset=PlanItem.objects.all(), allow_null=True, required=False
    )
    project = serializers.SlugRelatedField(
        slug_field="slug", queryset=Project.objects.all(), allow_null=True, required=False
    )
    theme = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Theme.objects.all(),
        allow_null=True,
        required=False,
        help_text="For a count of projects: the theme of the projects it counts (its slug).",
    )
    recorded_projects = serializers.SerializerMethodField(
        help_text="For a count of projects: how many projects the record holds under its item."
    )
    observations = ObservationSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "name_i18n",
            "unit",
            "unit_i18n",
            "description",
            "description_i18n",
            "measures",
            "plan",
            "plan_item",
            "project",
            "theme",
            "recorded_projects",
            "observations",
            "citations",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["created", "updated"]

    def get_recorded_projects(self, obj) -> int | None:
        if obj.measures != Indicator.Measures.PROJECTS_IN_ITEM:
            return None
        return getattr(obj, "recorded_projects", None)
