"""Filters of the public meetings, documents and figures pages (the HTML lists and their CSV).

The choices offered are the values the records hold (years with meetings, countries where
meetings were held, people who attended, …), each read in one query when the form is built,
so a page runs the same number of queries whatever the number of rows. A value that is not
one of the choices makes the page say so (status 400) instead of listing nothing silently.
"""

from __future__ import annotations

import django_filters
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from coopr.kept import kept, kept_rows
from coopr.listing import bound_choices, having
from people.models import Organization, Person
from projects.models import Document, Indicator, Meeting, PlanItem

ANY = _("Any")


def years_of(queryset, field: str) -> list[tuple[str, str]]:
    """The years `field` takes among `queryset`'s rows, newest first, as form choices.

    Reading them reads every row: kept until the next change to the record (`kept`)."""
    years = (
        queryset.order_by()
        .filter(**{f"{field}__isnull": False})
        .annotate(year=ExtractYear(field))
        .values_list("year", flat=True)
        .distinct()
    )
    return [(str(year), str(year)) for year in sorted(kept_rows(years), reverse=True)]


class MeetingPageFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Meeting.Kind.choices, empty_label=ANY
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="start", lookup_expr="year", empty_label=ANY
    )
    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=ANY)
    plan_item = django_filters.ModelChoiceFilter(
        label=_("Plan item discussed"),
        field_name="plan_items",
        queryset=having(PlanItem, "meetings").order_by("plan_id", "number"),
        empty_label=ANY,
        distinct=True,
    )
    person = django_filters.ModelChoiceFilter(
        label=_("Participant"),
        field_name="participants__person",
        to_field_name="slug",
        queryset=having(Person, "participations").order_by("sort_name", "pk"),
        empty_label=ANY,
        distinct=True,
    )

    class Meta:
        model = Meeting
        fields = ["kind", "year", "country", "plan_item", "person"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_choices(self, "person")
        meetings = Meeting.objects.all()
        self.filters["year"].extra["choices"] = years_of(meetings, "start")
        # Every meeting's country: kept until the next change (`kept`), as the years are.
        codes = kept(
            "meetings:countries",
            lambda: sorted(
                meetings.exclude(country="").order_by().values_list("country", flat=True).distinct()
            ),
        )
        self.filters["country"].extra["choices"] = sorted(
            ((code, countries.name(code)) for code in codes), key=lambda choice: choice[1]
        )


class DocumentPageFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Document.Kind.choices, empty_label=ANY
    )
    year = django_filters.ChoiceFilter(
        label=_("Year signed"), field_name="signed_on", lookup_expr="year", empty_label=ANY
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Party"),
        field_name="parties",
        to_field_name="slug",
        queryset=having(Organization, "documents").order_by("name_en", "pk"),
        empty_label=ANY,
        distinct=True,
    )
    person = django_filters.ModelChoiceFilter(
        label=_("Signatory"),
        field_name="signatories",
        to_field_name="slug",
        queryset=having(Person, "documents_signed").order_by("sort_name", "pk"),
        empty_label=ANY,
        distinct=True,
    )

    class Meta:
        model = Document
        fields = ["kind", "year", "organization", "person"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_choices(self, "organization", "person")
        self.filters["year"].extra["choices"] = years_of(Document.objects.all(), "signed_on")


class IndicatorPageFilter(django_filters.FilterSet):
    plan_item = django_filters.ModelChoiceFilter(
        label=_("Plan item"),
        queryset=having(PlanItem, "indicators").order_by("plan_id", "number"),
        empty_label=ANY,
    )
    measures = django_filters.ChoiceFilter(
        label=_("Measures"), choices=Indicator.Measures.choices, empty_label=ANY
    )

    class Meta:
        model = Indicator
        fields = ["plan_item", "measures"]
