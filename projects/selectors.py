"""Reads that pages and endpoints need, each fetching what it shows in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch

from projects.models import Indicator, Meeting, Observation, Plan, PlanItem


def home_context() -> dict:
    """The plans with their items and project counts, the latest meetings and key figures."""
    plans = list(Plan.objects.order_by("-proposed_on", "pk"))
    items_by_plan: dict[int, list] = {}
    if plans:
        for item in PlanItem.objects.with_project_counts().filter(plan__in=plans):
            items_by_plan.setdefault(item.plan_id, []).append(item)
    for plan in plans:
        plan.item_list = items_by_plan.get(plan.pk, [])
    meetings = Meeting.objects.for_list()[:5]
    indicators = Indicator.objects.prefetch_related(
        Prefetch("observations", queryset=Observation.objects.order_by("date", "pk"))
    ).select_related("plan_item")
    return {"plans": plans, "meetings": meetings, "indicators": indicators}
