"""Filters of the people and organizations list pages.

Choices list only what is on record (the countries people come from, the organizations where
someone held a post), each read in one query when the filter set is built, so a page runs the
same queries whatever it lists. An unknown value is a form error: the page says so (400).
"""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from coopr.translated import in_language
from people.models import Organization, Person, Position


def country_choices(queryset: QuerySet) -> list[tuple[str, str]]:
    """The countries of the rows in `queryset`, by name in the active language."""
    codes = queryset.exclude(country="").values_list("country", flat=True).distinct()
    return sorted(((code, countries.name(code)) for code in codes.order_by()), key=lambda c: c[1])


class PersonPageFilter(django_filters.FilterSet):
    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("Any country"))
    organization = django_filters.ChoiceFilter(
        label=_("Organization"),
        empty_label=_("Any organization"),
        method="filter_organization",
    )

    class Meta:
        model = Person
        fields = ["country", "organization"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = country_choices(Person.objects.all())
        with_posts = Organization.objects.filter(
            Exists(Position.objects.filter(organization=OuterRef("pk")))
        ).order_by(in_language("name"), "pk")
        self.filters["organization"].extra["choices"] = [(org.slug, org.name) for org in with_posts]

    def filter_organization(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """People who held a post in the organization (at any time)."""
        posts = Position.objects.filter(person=OuterRef("pk"), organization__slug=value)
        return queryset.filter(Exists(posts))


class OrganizationPageFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), empty_label=_("Any kind"), choices=Organization.Kind.choices
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), empty_label=_("Any country"), method="filter_country"
    )

    class Meta:
        model = Organization
        fields = ["kind", "country"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = country_choices(Organization.objects.all())
        # Bilateral and international bodies have no country: let people find them too.
        self.filters["country"].extra["choices"] = [*choices, ("none", _("No country"))]

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "none":
            return queryset.filter(country="")
        return queryset.filter(country=value)
