"""The API's filters for plans, plan items, projects, meetings, documents and indicators."""

from __future__ import annotations

import re

import django_filters
from django import forms
from django_countries import countries
from drf_spectacular.utils import extend_schema_field

from coopr.api.filters import IntegerFilter, RecordFilterSet
from projects.models import (
    Document,
    Indicator,
    JointBody,
    Meeting,
    Plan,
    PlanItem,
    Project,
    Status,
    Theme,
)


class SharedChoices(list):
    """Choices the filter set's copy for each request shares instead of copying (250 of them
    for countries: copying them was a tenth of a list request's time)."""

    def __deepcopy__(self, memo):
        return self


PLAN_ITEM_KEY = r"^[-a-zA-Z0-9_]+/[0-9]{1,5}$"


class PlanItemKeyField(forms.CharField):
    """A plan item as "<plan slug>/<number>", e.g. eight-point-cooperation-plan/8."""

    def clean(self, value):
        value = super().clean(value)
        if value and not re.match(PLAN_ITEM_KEY, value):
            raise forms.ValidationError(
                "Write a plan item as <plan slug>/<number>, e.g. eight-point-cooperation-plan/8.",
                code="invalid",
            )
        return value


@extend_schema_field({"type": "string", "pattern": PLAN_ITEM_KEY})
class PlanItemKeyFilter(django_filters.CharFilter):
    field_class = PlanItemKeyField


class ProjectFilter(RecordFilterSet):
    plan = django_filters.CharFilter(field_name="plan_item__plan__slug", label="Plan's slug")
    plan_item = IntegerFilter(field_name="plan_item__number", label="Item number")
    # One value per project: no join, so no DISTINCT (which would sort every matching row).
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, distinct=False)
    country = django_filters.ChoiceFilter(
        choices=SharedChoices(countries),
        field_name="project_orgs__side",
        label="Side (country code) of an organization",
        distinct=True,
    )
    organization = django_filters.CharFilter(
        field_name="project_orgs__organization__slug", label="Organization's slug", distinct=True
    )
    person = django_filters.CharFilter(
        field_name="project_people__person__slug", label="Person's slug", distinct=True
    )
    start_after = django_filters.DateFilter(field_name="start", lookup_expr="gte")
    start_before = django_filters.DateFilter(field_name="start", lookup_expr="lte")

    item = PlanItemKeyFilter(
        method="filter_item",
        label="Plan item as <plan slug>/<number> (a number alone may be in two plans)",
    )
    theme = django_filters.CharFilter(
        field_name="themes__slug", label="Slug of a theme it is classed in", distinct=True
    )

    class Meta:
        model = Project
        fields = [
            "plan",
            "plan_item",
            "item",
            "status",
            "country",
            "organization",
            "person",
            "theme",
        ]

    def filter_item(self, queryset, name, value):
        plan, _slash, number = value.rpartition("/")
        return queryset.filter(plan_item__plan__slug=plan, plan_item__number=int(number))


class YearFilter(IntegerFilter):
    """A year, as a whole number a date can have (1 to 9999): else 400, not a server error."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class MeetingFilter(RecordFilterSet):
    year = extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999})(
        YearFilter(field_name="start", lookup_expr="year")
    )
    start_after = django_filters.DateFilter(field_name="start", lookup_expr="gte")
    start_before = django_filters.DateFilter(field_name="start", lookup_expr="lte")
    person = django_filters.CharFilter(
        field_name="participants__person__slug", label="Participant's slug", distinct=True
    )
    organization = django_filters.CharFilter(
        field_name="organizations__slug", label="Organization's slug", distinct=True
    )
    plan_item = IntegerFilter(
        field_name="plan_items__number", label="Item number discussed", distinct=True
    )
    project = django_filters.CharFilter(field_name="projects__slug", distinct=True)

    body = django_filters.CharFilter(
        field_name="body__slug", label="Slug of the joint body it was a session of"
    )

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "country",
            "year",
            "person",
            "organization",
            "plan_item",
            "project",
            "body",
        ]


class DocumentFilter(RecordFilterSet):
    signed_after = django_filters.DateFilter(field_name="signed_on", lookup_expr="gte")
    signed_before = django_filters.DateFilter(field_name="signed_on", lookup_expr="lte")
    meeting = django_filters.CharFilter(field_name="meeting__slug")
    person = django_filters.CharFilter(field_name="signatories__slug", distinct=True)
    organization = django_filters.CharFilter(field_name="parties__slug", distinct=True)

    class Meta:
        model = Document
        fields = ["kind", "meeting", "person", "organization"]


class PlanFilter(RecordFilterSet):
    class Meta:
        model = Plan
        fields = ["country_a", "country_b"]


class PlanItemFilter(RecordFilterSet):
    plan = django_filters.CharFilter(field_name="plan__slug", label="Plan's slug")

    class Meta:
        model = PlanItem
        fields = ["plan", "number"]


class IndicatorFilter(RecordFilterSet):
    plan = django_filters.CharFilter(field_name="plan__slug")
    plan_item = IntegerFilter(field_name="plan_item__number")
    project = django_filters.CharFilter(field_name="project__slug")

    class Meta:
        model = Indicator
        fields = ["measures", "plan", "plan_item", "project"]


class ThemeFilter(RecordFilterSet):
    class Meta:
        model = Theme
        fields: list[str] = []


class JointBodyFilter(RecordFilterSet):
    plan = django_filters.CharFilter(
        field_name="plans__slug", label="Slug of a plan it serves", distinct=True
    )
    person = django_filters.CharFilter(
        field_name="chairs__person__slug", label="Slug of a person who chaired it", distinct=True
    )

    class Meta:
        model = JointBody
        fields = ["kind", "plan", "person"]
