"""The API's viewsets for plans, plan items, projects, meetings, documents and indicators."""

from __future__ import annotations

from django.db.models import F

from coopr.api.base import RecordViewSet
from projects.api.bodies import JointBodySerializer, ThemeSerializer
from projects.api.filters import (
    DocumentFilter,
    IndicatorFilter,
    JointBodyFilter,
    MeetingFilter,
    PlanFilter,
    PlanItemFilter,
    ProjectFilter,
    ThemeFilter,
)
from projects.api.rows import MeetingRows, ProjectRows
from projects.api.serializers import (
    DocumentSerializer,
    IndicatorSerializer,
    MeetingSerializer,
    MeetingSummarySerializer,
    PlanItemSerializer,
    PlanSerializer,
    ProjectSerializer,
    ProjectSummarySerializer,
)
from projects.models import (
    Document,
    Indicator,
    JointBody,
    Meeting,
    Plan,
    PlanItem,
    Project,
    Theme,
)


class PlanViewSet(RecordViewSet):
    """Cooperation plans between two countries, with their numbered items."""

    queryset = Plan.objects.for_api()
    serializer_class = PlanSerializer
    filterset_class = PlanFilter
    search_fields = ["title_en", "title_ru", "title_ja", "slug"]
    ordering_fields = ["proposed_on", "created", "updated", "id"]
    ordering = [F("proposed_on").desc(nulls_last=True), "id"]  # undated last, on every database


class PlanItemViewSet(RecordViewSet):
    """The numbered items of plans, with how many projects each holds."""

    queryset = PlanItem.objects.for_api()
    serializer_class = PlanItemSerializer
    filterset_class = PlanItemFilter
    lookup_field = "pk"
    lookup_value_regex = r"[0-9]+"
    search_fields = ["title_en", "title_ru", "title_ja"]
    ordering_fields = ["number", "created", "updated", "id"]
    ordering = ["plan_id", "number"]


class ProjectViewSet(RecordViewSet):
    """Projects under plan items. The list gives each project's own fields and its item; the
    detail adds its organizations, people, timeline and sources."""

    queryset = Project.objects.for_api()
    serializer_class = ProjectSerializer
    summary_serializer_class = ProjectSummarySerializer
    rows_class = ProjectRows
    filterset_class = ProjectFilter
    search_fields = ["title_en", "title_ru", "title_ja", "summary_en", "slug"]
    ordering_fields = ["title_en", "start", "status", "progress", "created", "updated", "id"]
    # By item number (kept on the project: one index gives the order), then title.
    ordering = ["plan_item_number", "title_en", "id"]


class MeetingViewSet(RecordViewSet):
    """Meetings where the sides met. The list gives each meeting's own fields; the detail adds
    its participants (and their posts then), documents, items, projects, organizations and
    sources."""

    queryset = Meeting.objects.for_api()
    serializer_class = MeetingSerializer
    summary_serializer_class = MeetingSummarySerializer
    rows_class = MeetingRows
    filterset_class = MeetingFilter
    search_fields = ["title_en", "title_ru", "title_ja", "city_en", "city_ru", "city_ja", "slug"]
    ordering_fields = ["start", "title_en", "created", "updated", "id"]
    ordering = [F("start").desc(nulls_last=True), "id"]  # undated last, on every database


class DocumentViewSet(RecordViewSet):
    """Documents signed or issued: memoranda, joint statements, agreements, …"""

    queryset = Document.objects.for_api()
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    search_fields = ["title_en", "title_ru", "title_ja", "slug"]
    ordering_fields = ["signed_on", "title_en", "created", "updated", "id"]
    ordering = [F("signed_on").desc(nulls_last=True), "id"]  # undated last, on every database


class IndicatorViewSet(RecordViewSet):
    """Reported figures and their values over time, each with its source."""

    queryset = Indicator.objects.for_api()
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    search_fields = ["name_en", "name_ru", "name_ja", "slug"]
    ordering_fields = ["name_en", "created", "updated", "id"]
    ordering = ["name_en", "id"]


class ThemeViewSet(RecordViewSet):
    """Classes of projects (student exchange, …), with how many projects each holds."""

    queryset = Theme.objects.for_api()
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    search_fields = ["name_en", "name_ru", "name_ja", "slug"]
    ordering_fields = ["name_en", "created", "updated", "id"]
    ordering = ["name_en", "id"]


class JointBodyViewSet(RecordViewSet):
    """Joint bodies of the two sides: their chairs over time and their number of sessions."""

    queryset = JointBody.objects.for_api()
    serializer_class = JointBodySerializer
    filterset_class = JointBodyFilter
    search_fields = ["name_en", "name_ru", "name_ja", "slug"]
    ordering_fields = ["name_en", "created", "updated", "id"]
    ordering = ["name_en", "id"]
