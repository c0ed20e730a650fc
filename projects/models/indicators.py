"""Figures someone reports over time (indicators) and their dated values."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopr.dates import (
    PartialDatesMixin,
    precision_constraint,
    precision_field,
)
from coopr.models import Citation, TimeStampedModel, citations_with_sources
from projects.models.plans import Plan, PlanItem
from projects.models.projects import Project


def recorded_projects():
    """The projects on record an indicator's count is compared with: those under its plan
    item, and in its theme when it counts one theme's projects."""

    def counted(projects):
        return Coalesce(
            models.Subquery(
                projects.order_by().values("plan_item").annotate(n=Count("pk")).values("n")
            ),
            models.Value(0),
        )

    in_item = Project.objects.filter(plan_item=models.OuterRef("plan_item"))
    return models.Case(
        models.When(theme__isnull=True, then=counted(in_item)),
        default=counted(in_item.filter(themes=models.OuterRef("theme"))),
    )


class IndicatorQuerySet(models.QuerySet):
    def with_latest_value(self) -> IndicatorQuerySet:
        """Each indicator with its latest observation's `latest_value`, `latest_date`,
        `latest_date_precision` and `latest_qualifier` (None when it has none), and
        `recorded_projects`: the projects on record under its plan item."""
        latest = Observation.objects.filter(indicator=models.OuterRef("pk")).order_by(
            "-date", "-pk"
        )
        recorded = recorded_projects()
        return self.annotate(
            latest_value=models.Subquery(latest.values("value")[:1]),
            latest_date=models.Subquery(latest.values("date")[:1]),
            latest_date_precision=models.Subquery(latest.values("date_precision")[:1]),
            latest_qualifier=models.Subquery(latest.values("qualifier")[:1]),
            recorded_projects=recorded,
        )

    def for_list(self) -> IndicatorQuerySet:
        """For the figures page and its CSV: latest value, plan, item and project."""
        return self.select_related("plan", "plan_item__plan", "project").with_latest_value()

    def for_page(self) -> IndicatorQuerySet:
        """For an indicator's page: its values oldest first, each with its citations, the
        plan, item or project it concerns, projects on record, and its own citations."""
        cited = Citation.objects.select_related("source").order_by("field_name", "pk")
        observations = Observation.objects.order_by("date", "pk").prefetch_related(
            models.Prefetch("citations", queryset=cited)
        )
        return (
            self.select_related("plan", "plan_item__plan", "project")
            .with_latest_value()
            .prefetch_related(
                models.Prefetch("observations", queryset=observations),
                models.Prefetch("citations", queryset=cited),
            )
        )

    def for_api(self) -> IndicatorQuerySet:
        """With its values over time (each with citations) and, for project counts, the
        number of projects on record under its plan item."""
        observations = Observation.objects.order_by("date", "pk").prefetch_related(
            citations_with_sources()
        )
        return (
            self.select_related("plan", "plan_item__plan", "project", "theme")
            .prefetch_related(models.Prefetch("observations", queryset=observations))
            .prefetch_related(citations_with_sources())
            .annotate(recorded_projects=recorded_projects())
        )


class Indicator(TimeStampedModel):
    """A figure someone reports over time, e.g. Japanese students studying free in Russia."""

    class Measures(models.TextChoices):
        OTHER = "other", _("something else")
        PROJECTS_IN_ITEM = "projects_in_item", _("projects under its plan item")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=100, help_text=_("E.g. students, projects, %."))
    description = models.TextField(_("description"), blank=True)
    measures = models.CharField(
        _("measures"),
        max_length=20,
        choices=Measures.choices,
        default=Measures.OTHER,
        help_text=_(
            "“Projects under its plan item” lets the site compare the reported count with "
            "the projects on record."
        ),
    )
    # A figure may concern a whole plan, one item or one project; it stays if they go.
    plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("plan"),
    )
    plan_item = models.ForeignKey(
        PlanItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("plan item"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("project"),
    )

    # A figure that counts one class of projects; it stays if the theme goes.
    theme = models.ForeignKey(
        "Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("theme counted"),
        help_text=_(
            "For a count of projects under its plan item: which class of projects it counts "
            "(e.g. student exchange), so that only those are compared with it."
        ),
    )

    citations = GenericRelation("coopr.Citation", related_query_name="indicator")

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        indexes = [models.Index(fields=["name_en", "id"], name="indicator_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(measures="projects_in_item") | Q(plan_item__isnull=False),
                name="indicator_project_count_needs_item",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicator-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.measures == self.Measures.PROJECTS_IN_ITEM and not self.plan_item_id:
            raise ValidationError({"plan_item": _("Say which plan item's projects it counts.")})


class Observation(PartialDatesMixin, TimeStampedModel):
    """One dated value of an indicator, as a source reported it."""

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        ABOUT = "about", _("about")
        MORE_THAN = "more_than", _("more than")
        ALMOST = "almost", _("almost")
        AT_LEAST = "at_least", _("at least")

    partial_dates = ("date",)

    # Values go with their indicator.
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("indicator"),
    )
    date = models.DateField(_("date"), help_text=_("The date the figure refers to."))
    date_precision = precision_field("date")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    qualifier = models.CharField(
        _("qualifier"),
        max_length=10,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text=_("How the source qualifies the figure: “about 250”, “more than 100”."),
    )
    note = models.TextField(_("note"), blank=True)

    citations = GenericRelation("coopr.Citation", related_query_name="observation")

    class Meta:
        ordering = ["indicator", "date", "pk"]
        get_latest_by = "date"
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            precision_constraint("observation", "date"),
            models.UniqueConstraint(
                fields=["indicator", "date", "qualifier", "value"],
                name="observation_unique_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.display_date('date')})"

    def clean(self) -> None:
        self.clean_partial_dates()
