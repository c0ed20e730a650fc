"""Indicators (figures): their list (with CSV) and their pages."""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from coopr.citations import citations_of
from coopr.dates import format_partial, iso_partial
from coopr.listing import ListPage
from coopr.translated import in_language
from projects.models import Indicator, Observation
from projects.page_filters import IndicatorPageFilter
from projects.templatetags.figures import format_figure, qualified
from projects.views.common import absolute


def latest_text(indicator) -> str:
    """The latest value as the list shows it: "about 250" (qualifier, number)."""
    if indicator.latest_value is None:
        return ""
    label = dict(Observation.Qualifier.choices).get(indicator.latest_qualifier, "")
    return qualified(indicator.latest_value, indicator.latest_qualifier, label)


class IndicatorListView(ListPage):
    """Figures someone reported: the latest value of each, its date and what it concerns."""

    template_name = "projects/indicator_list.html"
    filterset_class = IndicatorPageFilter
    search_fields = ("name", "unit", "description")
    csv_filename = "figures.csv"

    @property
    def orderings(self):
        return {
            "name": (_("Name"), (in_language("name"), "pk")),
            "latest": (
                _("Latest value first"),
                (F("latest_date").desc(nulls_last=True), in_language("name"), "pk"),
            ),
        }

    def get_base_queryset(self):
        return Indicator.objects.for_list()

    def get_csv_columns(self):
        request = self.request

        def recorded(i):
            return i.recorded_projects if i.measures == Indicator.Measures.PROJECTS_IN_ITEM else ""

        def latest_date(i):
            return format_partial(i.latest_date, i.latest_date_precision)

        return [
            ("slug", lambda i: i.slug),
            (_("Name"), lambda i: i.name),
            (_("Unit"), lambda i: i.unit),
            (_("Latest value"), lambda i: format_figure(i.latest_value)),
            (_("Qualifier"), lambda i: i.latest_qualifier or ""),
            (_("Date"), latest_date),
            (_("Date (ISO 8601)"), lambda i: iso_partial(i.latest_date, i.latest_date_precision)),
            (_("Projects on record"), recorded),
            (_("Plan item"), lambda i: str(i.plan_item) if i.plan_item else ""),
            ("URL", lambda i: absolute(request, i)),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for indicator in context["object_list"]:
            indicator.latest_text = latest_text(indicator)
        return context


class IndicatorDetailView(DetailView):
    """A figure over time (a chart, and the same values in a table with their sources);
    for a count of projects, the reported count beside the projects on record."""

    queryset = Indicator.objects.for_page()
    template_name = "projects/indicator_detail.html"
    context_object_name = "indicator"

    def get_context_data(self, **kwargs):
        indicator = self.object
        observations = list(indicator.observations.all())
        latest = max(observations, key=lambda o: (o.date, o.pk)) if observations else None
        label = ""
        if latest is not None:
            label = qualified(latest.value, latest.qualifier, latest.get_qualifier_display())
        return super().get_context_data(
            observations=observations,
            latest=latest,
            latest_label=label,
            counts_projects=indicator.measures == Indicator.Measures.PROJECTS_IN_ITEM,
            cites=citations_of(indicator, {"description"}),
            **kwargs,
        )
