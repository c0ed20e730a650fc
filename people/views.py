"""People and organizations: lists (filters, search, sort, CSV) and their pages.

Each page reads through a QuerySet method that prefetches all it shows, so it runs the same
number of queries whatever the number of posts or people (see tests/people/test_pages.py).

The people app knows nothing of the apps above it. The page of a person and of an
organization is built here from what people holds (names, posts, departments, sources); the
app whose records say more of them (projects) extends these views and their templates and
routes the pages (`record_sections` in the templates).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from coopr import exports
from coopr.listing import ListPage
from coopr.translated import in_language
from people import selectors
from people.filters import OrganizationPageFilter, PersonPageFilter
from people.models import Organization, Person


class PersonListView(ListPage):
    """People named in the record, with their current or latest post."""

    template_name = "people/person_list.html"
    filterset_class = PersonPageFilter
    search_fields = ("name", "other_names", "sort_name")
    orderings = {
        "name": (_("Name (A–Z)"), ("sort_name", "pk")),
        "-name": (_("Name (Z–A)"), ("-sort_name", "-pk")),
        "updated": (_("Recently updated"), ("-updated", "-pk")),
    }
    csv_filename = "people.csv"

    def get_base_queryset(self):
        return Person.objects.for_list()

    def get_csv_columns(self) -> list[exports.Column]:
        url = self.request.build_absolute_uri
        return [
            (_("Slug"), lambda p: p.slug),
            (_("Name"), lambda p: p.name),
            (_("Name in English"), lambda p: p.name_en),
            (_("Name in Russian"), lambda p: p.name_ru),
            (_("Name in Japanese"), lambda p: p.name_ja),
            (_("Country code"), lambda p: p.country.code),
            (_("Country"), lambda p: p.country.name),
            (
                _("Current or latest post"),
                lambda p: "; ".join(
                    selectors.post_text(post) for post in selectors.latest_posts(p)
                ),
            ),
            (_("URL"), lambda p: url(p.get_absolute_url())),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for person in context["object_list"]:
            person.other_scripts = selectors.other_scripts(person)
            person.latest_posts = selectors.latest_posts(person)
        return context


class PersonDetailView(DetailView):
    """A person: names in every script, posts over time and sources (the base of the page
    projects routes, which adds what its records say of the person)."""

    queryset = Person.objects.for_page()
    template_name = "people/person_detail.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            names=selectors.names_in_scripts(person),
            other_names=selectors.other_names(person),
            **kwargs,
        )


class OrganizationListView(ListPage):
    """Ministries, agencies, associations, companies, universities, with their parents."""

    template_name = "people/organization_list.html"
    filterset_class = OrganizationPageFilter
    search_fields = ("name", "short_name", "other_names")
    csv_filename = "organizations.csv"

    @property
    def orderings(self):
        # By the name shown, which depends on the language of the request.
        return {
            "name": (_("Name (A–Z)"), (in_language("name"), "pk")),
            "kind": (_("Kind"), ("kind", in_language("name"), "pk")),
            "updated": (_("Recently updated"), ("-updated", "-pk")),
        }

    def get_base_queryset(self):
        return Organization.objects.for_list()

    def get_csv_columns(self) -> list[exports.Column]:
        url = self.request.build_absolute_uri
        return [
            (_("Slug"), lambda o: o.slug),
            (_("Name"), lambda o: o.name),
            (_("Name in English"), lambda o: o.name_en),
            (_("Name in Russian"), lambda o: o.name_ru),
            (_("Name in Japanese"), lambda o: o.name_ja),
            (_("Short name"), lambda o: o.short_name),
            (_("Kind"), lambda o: o.get_kind_display()),
            (_("Country code"), lambda o: o.country.code),
            (_("Country"), lambda o: o.country.name),
            (_("Parent organization"), lambda o: o.parent.name if o.parent else ""),
            (_("Website"), lambda o: o.website),
            (_("URL"), lambda o: url(o.get_absolute_url())),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for organization in context["object_list"]:
            organization.other_scripts = selectors.other_scripts(organization)
        return context


class OrganizationDetailView(DetailView):
    """An organization: names, parent and departments, people with posts there and sources
    (the base of the page projects routes, which adds what its records say of it)."""

    queryset = Organization.objects.for_page()
    template_name = "people/organization_detail.html"
    context_object_name = "organization"

    def get_context_data(self, **kwargs):
        organization = self.object
        return super().get_context_data(
            names=selectors.names_in_scripts(organization),
            other_names=selectors.other_names(organization),
            **kwargs,
        )
