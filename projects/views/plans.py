"""Plans, plan items and projects."""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from coopr.dates import partial_iso
from coopr.listing import ListPage
from coopr.translated import in_language
from projects import selectors
from projects.filters import ProjectPageFilter
from projects.models import Plan, PlanItem, Project, Status


def status_order() -> Case:
    """Statuses in the order a project goes through them; "not reported" last."""
    return Case(
        *(When(status=status, then=Value(rank)) for rank, status in enumerate(Status.values)),
        default=Value(len(Status.values)),
        output_field=IntegerField(),
    )


class PlanListView(ListPage):
    """The plans: countries, when, where and by whom each was proposed, and its items."""

    template_name = "projects/plan_list.html"
    search_fields = ("title", "description", "slug")
    csv_filename = "plans.csv"
    csv_columns = [
        (_("Slug"), lambda plan: plan.slug),
        (_("Title"), lambda plan: plan.title),
        (_("First country"), lambda plan: plan.country_a.code),
        (_("Second country"), lambda plan: plan.country_b.code),
        (_("Proposed on"), lambda plan: partial_iso(plan, "proposed_on")),
        (_("Proposed by"), lambda plan: plan.proposed_by.name if plan.proposed_by else ""),
        (_("Proposed where"), lambda plan: plan.proposed_place or ""),
        (_("Items"), lambda plan: plan.item_count),
        (_("URL"), lambda plan: plan.get_absolute_url()),
    ]

    @property
    def orderings(self):
        return {
            "newest": (_("Newest first"), (F("proposed_on").desc(nulls_last=True), "pk")),
            "oldest": (_("Oldest first"), (F("proposed_on").asc(nulls_last=True), "pk")),
            "title": (_("Title"), (in_language("title"), "pk")),
        }

    def get_base_queryset(self):
        return Plan.objects.for_list()


class PlanDetailView(DetailView):
    """A plan: who proposed it, when and where; its items with their projects' statuses and
    the counts sources reported; its sources."""

    queryset = Plan.objects.for_page()
    template_name = "projects/plan_detail.html"
    context_object_name = "plan"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.plan_context(self.object), **kwargs)


class PlanItemDetailView(DetailView):
    """A plan item: its projects, their statuses, the count of projects sources reported
    beside the count on record, its figures, meetings, documents and sources."""

    template_name = "projects/planitem_detail.html"
    context_object_name = "item"

    def get_object(self, queryset=None):
        return get_object_or_404(
            PlanItem.objects.for_page(),
            plan__slug=self.kwargs["plan_slug"],
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        context = selectors.plan_item_context(self.object, self.request.GET.get("page"))
        return super().get_context_data(**context, **kwargs)


class ProjectDetailView(DetailView):
    """A project: item, status and progress, dates, summary, timeline, people, organizations,
    documents, meetings, figures, and each field's sources beside it."""

    queryset = Project.objects.for_page()
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.project_context(self.object), **kwargs)


def lead_names(project: Project) -> str:
    return "; ".join(link.organization.name for link in project.lead_links)


class ProjectListView(ListPage):
    """Every project, filtered by plan item, status, country, organization and year."""

    template_name = "projects/project_list.html"
    filterset_class = ProjectPageFilter
    search_fields = ("title", "summary", "slug")
    csv_filename = "projects.csv"
    csv_columns = [
        (_("Slug"), lambda p: p.slug),
        (_("Title"), lambda p: p.title),
        (_("Plan item"), lambda p: p.plan_item.number),
        (_("Status"), lambda p: p.get_status_display()),
        (_("Progress (%)"), lambda p: p.progress),
        (_("Start"), lambda p: partial_iso(p, "start")),
        (_("End"), lambda p: partial_iso(p, "end")),
        (_("Lead organizations"), lead_names),
        (_("URL"), lambda p: p.get_absolute_url()),
    ]

    @property
    def orderings(self):
        title = in_language("title")
        return {
            "title": (_("Title"), (title, "pk")),
            "newest": (_("Newest start"), (F("start").desc(nulls_last=True), title, "pk")),
            "oldest": (_("Oldest start"), (F("start").asc(nulls_last=True), title, "pk")),
            "status": (_("Status"), (status_order(), title, "pk")),
            "item": (_("Plan item"), ("plan_item__plan_id", "plan_item__number", title, "pk")),
        }

    def get_base_queryset(self):
        return Project.objects.for_list_page()
