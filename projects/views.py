from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from projects.models import Document, Indicator, Meeting, Plan, PlanItem, Project


class PlanDetailView(DetailView):
    queryset = Plan.objects.select_related("proposed_by", "proposed_at")
    template_name = "projects/plan_detail.html"
    context_object_name = "plan"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            items=self.object.items.with_project_counts().order_by("number"), **kwargs
        )


class PlanItemDetailView(DetailView):
    template_name = "projects/planitem_detail.html"
    context_object_name = "item"

    def get_object(self, queryset=None):
        return get_object_or_404(
            PlanItem.objects.select_related("plan").prefetch_related(
                "projects", "indicators__observations", "citations__source"
            ),
            plan__slug=self.kwargs["plan_slug"],
            number=self.kwargs["number"],
        )


class ProjectDetailView(DetailView):
    queryset = Project.objects.select_related("plan_item__plan").prefetch_related(
        "updates", "project_orgs__organization", "project_people__person", "citations__source"
    )
    template_name = "projects/project_detail.html"
    context_object_name = "project"


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
