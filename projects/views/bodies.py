"""Joint bodies (their chairs over time and their sessions) and themes (their projects)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from coopr.citations import citations_of
from coopr.listing import ListPage
from coopr.translated import in_language
from projects.models import JointBody, Project, Theme
from projects.views.common import absolute


class JointBodyListView(ListPage):
    """The bodies the two sides run together, with their numbers of sessions and chairs."""

    template_name = "projects/jointbody_list.html"
    search_fields = ("name", "description")
    csv_filename = "bodies.csv"

    @property
    def orderings(self):
        return {"name": (_("Name"), (in_language("name"), "pk"))}

    def get_base_queryset(self):
        return JointBody.objects.for_list()

    def get_csv_columns(self):
        request = self.request
        return [
            ("slug", lambda b: b.slug),
            (_("Name"), lambda b: b.name),
            (_("Kind"), lambda b: b.get_kind_display()),
            (_("Sessions on record"), lambda b: b.session_count),
            ("URL", lambda b: absolute(request, b)),
        ]


class JointBodyDetailView(DetailView):
    """A joint body: who chaired it for each side and when, its sessions, the plans it
    serves; each fact beside its source."""

    queryset = JointBody.objects.for_page()
    template_name = "projects/jointbody_detail.html"
    context_object_name = "body"

    def get_context_data(self, **kwargs):
        body = self.object
        chairs = list(body.chairs.all())
        for chair in chairs:
            chair.cites = citations_of(chair, ()).record
        return super().get_context_data(
            chairs=chairs, cites=citations_of(body, {"plans"}), **kwargs
        )


class ThemeListView(ListPage):
    """The classes of projects, with their numbers of projects."""

    template_name = "projects/theme_list.html"
    search_fields = ("name", "description")
    csv_filename = "themes.csv"

    @property
    def orderings(self):
        return {"name": (_("Name"), (in_language("name"), "pk"))}

    def get_base_queryset(self):
        return Theme.objects.for_list()

    def get_csv_columns(self):
        request = self.request
        return [
            ("slug", lambda t: t.slug),
            (_("Name"), lambda t: t.name),
            (_("Projects"), lambda t: t.project_count),
            ("URL", lambda t: absolute(request, t)),
        ]


class ThemeDetailView(DetailView):
    """A theme: its projects, and the figures that count them beside the projects on record."""

    queryset = Theme.objects.all()
    template_name = "projects/theme_detail.html"
    context_object_name = "theme"

    def get_context_data(self, **kwargs):
        theme = self.object
        projects = (
            Project.objects.filter(themes=theme)
            .select_related("plan_item__plan")
            .order_by("plan_item__plan_id", "plan_item_number", "title_en", "pk")
        )
        indicators = theme.indicators.order_by("name_en", "pk")
        return super().get_context_data(
            projects=projects,
            indicators=indicators,
            cites=citations_of(theme, set()),
            **kwargs,
        )


__all__ = ["JointBodyDetailView", "JointBodyListView", "ThemeDetailView", "ThemeListView"]
