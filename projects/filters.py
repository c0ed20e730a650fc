"""Filters of the public list pages of the projects app (the API has its own, in projects/api/).

Each filter is a labelled, translated form control; a value that is not one of the choices or
not a whole number makes the page say so (status 400), never a server error.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from coopr.kept import kept
from coopr.listing import bound_choices
from people.models import Organization
from projects.models import PlanItem, Project, ProjectOrganization, Status, Theme

# The status choice for projects no source gives a status for (stored as "").
NOT_REPORTED = "not_reported"

STATUS_CHOICES = [*Status.choices, (NOT_REPORTED, _("not reported"))]


def country_choices() -> list[tuple[str, str]]:
    """The countries organizations take part in projects for (or are based in), by name in
    the current language. The codes come from every project's organizations, so they are
    kept in the cache until the next change (`coopr.kept.kept`): never stale, read once."""
    codes = kept("projects.filters.country_codes", _country_codes)
    return sorted(((code, countries.name(code)) for code in codes), key=lambda c: str(c[1]))


def _country_codes() -> set[str]:
    codes: set[str] = set()
    # order_by(): the model's ordering would add its columns to the DISTINCT (every row).
    pairs = ProjectOrganization.objects.order_by().values_list("side", "organization__country")
    for side, country in pairs.distinct():
        codes.update(code for code in (side, country) if code)
    return codes


def organizations_with_projects():
    links = ProjectOrganization.objects.filter(organization=OuterRef("pk"))
    return Organization.objects.filter(Exists(links)).order_by("name_en", "pk")


class YearField(forms.IntegerField):
    """A year a date can have: a whole number from 1 to 9999.

    A text box with a numeric keyboard rather than `<input type="number">`: the page shows a
    bad value back with its error, and "abc" is not a valid value of a number input (HTML).
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric", "size": 6})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class YearPageFilter(django_filters.NumberFilter):
    field_class = YearField


class PlanItemField(forms.ModelChoiceField):
    """A plan item, named with its plan: two plans may both have an item 8."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.plan.title}: {obj}"


class PlanItemPageFilter(django_filters.ModelChoiceFilter):
    field_class = PlanItemField


class ProjectPageFilter(django_filters.FilterSet):
    """The projects page's filters: plan item, status, country, organization, year, theme."""

    plan_item = PlanItemPageFilter(
        label=_("Plan item"),
        queryset=PlanItem.objects.select_related("plan").order_by("plan_id", "number"),
        empty_label=_("Any item"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=STATUS_CHOICES,
        empty_label=_("Any status"),
        method="filter_status",
    )
    country = django_filters.ChoiceFilter(
        label=_("Country (side)"),
        choices=country_choices,
        empty_label=_("Any country"),
        method="filter_country",
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"),
        to_field_name="slug",
        queryset=organizations_with_projects(),
        empty_label=_("Any organization"),
        method="filter_organization",
    )
    year = YearPageFilter(label=_("Year (started or running)"), method="filter_year")
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.order_by("name_en", "pk"),
        empty_label=_("Any theme"),
        distinct=True,
    )

    class Meta:
        model = Project
        fields = ["plan_item", "status", "country", "organization", "year", "theme"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_choices(self, "organization", "theme")

    def filter_status(self, queryset, name, value):
        return queryset.with_status("" if value == NOT_REPORTED else value)

    def filter_country(self, queryset, name, value):
        return queryset.in_country(value)

    def filter_organization(self, queryset, name, value):
        return queryset.with_organization(value)

    def filter_year(self, queryset, name, value):
        return queryset.active_in(int(value))
