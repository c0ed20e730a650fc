"""Meetings (and their calendar), documents and indicators."""

from django.views.generic import DetailView

from coopr.listing import ListPage
from projects.models import Document, Indicator, Meeting


class MeetingDetailView(DetailView):
    queryset = Meeting.objects.prefetch_related(
        "participants__person",
        "participants__position__organization",
        "participants__organization",
        "documents",
        "organizations",
        "citations__source",
    )
    template_name = "projects/meeting_detail.html"
    context_object_name = "meeting"


class DocumentDetailView(DetailView):
    queryset = Document.objects.select_related("meeting").prefetch_related(
        "signatories", "parties", "citations__source"
    )
    template_name = "projects/document_detail.html"
    context_object_name = "document"


class IndicatorDetailView(DetailView):
    queryset = Indicator.objects.select_related("plan_item").prefetch_related(
        "observations__citations__source", "citations__source"
    )
    template_name = "projects/indicator_detail.html"
    context_object_name = "indicator"


class MeetingListView(ListPage):
    """Placeholder until the meetings list is built."""

    template_name = "coopr/placeholder_list.html"

    def get_base_queryset(self):
        return Meeting.objects.order_by("pk")


class DocumentListView(ListPage):
    """Placeholder until the documents list is built."""

    template_name = "coopr/placeholder_list.html"

    def get_base_queryset(self):
        return Document.objects.order_by("pk")


class IndicatorListView(ListPage):
    """Placeholder until the indicators list is built."""

    template_name = "coopr/placeholder_list.html"

    def get_base_queryset(self):
        return Indicator.objects.order_by("pk")
