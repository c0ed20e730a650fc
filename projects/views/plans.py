"""Plans, plan items and projects."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from coopr.listing import ListPage
from projects.models import Plan, PlanItem, Project


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


class PlanListView(ListPage):
    """Placeholder until the plans list is built."""

    template_name = "coopr/placeholder_list.html"

    def get_base_queryset(self):
        return Plan.objects.order_by("pk")


class ProjectListView(ListPage):
    """Placeholder until the projects list is built."""

    template_name = "coopr/placeholder_list.html"

    def get_base_queryset(self):
        return Project.objects.order_by("pk")
