"""Plans and their numbered items, and the status a project can have."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from coopr.dates import (
    PartialDatesMixin,
    precision_constraint,
    precision_field,
)
from coopr.models import TimeStampedModel, citations_with_sources
from people.models import Person


class Status(models.TextChoices):
    """How far a project has got."""

    PROPOSED = "proposed", _("proposed")
    AGREED = "agreed", _("agreed")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    SUSPENDED = "suspended", _("suspended")
    CANCELLED = "cancelled", _("cancelled")


class PlanQuerySet(models.QuerySet):
    def for_list(self) -> PlanQuerySet:
        """For the plans page: who proposed each plan and where, and its number of items."""
        return self.select_related("proposed_by", "proposed_at").annotate(
            item_count=Count("items", distinct=True)
        )

    def for_page(self) -> PlanQuerySet:
        """For a plan's page: its items (`item_list`; their project counts per status come
        from the kept counts, `projects.selectors.plan_context`), and citations with their
        sources."""
        return self.select_related("proposed_by", "proposed_at").prefetch_related(
            models.Prefetch(
                "items", queryset=PlanItem.objects.order_by("number"), to_attr="item_list"
            ),
            citations_with_sources(),
        )

    def for_api(self) -> PlanQuerySet:
        return self.select_related("proposed_by", "proposed_at").prefetch_related(
            models.Prefetch("items", queryset=PlanItem.objects.order_by("number")),
            citations_with_sources(),
        )


class Plan(PartialDatesMixin, TimeStampedModel):
    """A cooperation plan agreed between two countries, e.g. the Eight-point Cooperation Plan."""

    partial_dates = ("proposed_on",)

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    long_title = models.CharField(
        _("long title"),
        max_length=500,
        blank=True,
        help_text=_("Its full name, as a source gives it."),
    )
    subtitle = models.CharField(
        _("subtitle"),
        max_length=500,
        blank=True,
        help_text=_("The words under its name, as a source gives them."),
    )
    country_a = CountryField(_("first country"))
    country_b = CountryField(_("second country"))
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    proposed_on_precision = precision_field("proposed on")
    # A plan outlives the record of the person who proposed it.
    proposed_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans_proposed",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.ForeignKey(
        "Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans_proposed",
        verbose_name=_("proposed at meeting"),
    )
    proposed_place = models.CharField(
        _("proposed where"), max_length=200, blank=True, help_text=_("A city, e.g. Sochi.")
    )
    description = models.TextField(_("description"), blank=True)

    citations = GenericRelation("coopr.Citation", related_query_name="plan")

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_on", "title"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            precision_constraint("plan", "proposed_on"),
            models.CheckConstraint(
                condition=~Q(country_a=F("country_b")), name="plan_two_different_countries"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        self.clean_partial_dates()
        if self.country_a and self.country_a == self.country_b:
            raise ValidationError({"country_b": _("A plan is between two different countries.")})


class PlanItemQuerySet(models.QuerySet):
    def with_project_counts(self) -> PlanItemQuerySet:
        """Each item with its number of projects, in total and per status
        (`projects_<status>`, and `projects_not_reported` for those no source gives one)."""
        per_status = {
            f"projects_{status}": Count("projects", filter=Q(projects__status=status))
            for status in Status.values
        }
        return self.annotate(
            project_count=Count("projects"),
            projects_not_reported=Count("projects", filter=Q(projects__status="")),
            **per_status,
        )

    def for_page(self) -> PlanItemQuerySet:
        """For an item's page: its plan, figures with their values and citations. Its project
        counts per status come from the kept counts (`projects.selectors.plan_item_context`):
        counting them here would read every project of the item."""
        from projects.models.indicators import Indicator, Observation

        observations = Observation.objects.order_by("-date", "-pk").prefetch_related(
            citations_with_sources()
        )
        indicators = (
            Indicator.objects.select_related("theme")
            .order_by("name_en", "pk")
            .prefetch_related(models.Prefetch("observations", queryset=observations))
        )
        # Its projects (paged), latest meetings and documents are read by the page itself, a
        # slice of each (projects.selectors.plan_item_context): an item can hold thousands.
        return self.select_related("plan").prefetch_related(
            models.Prefetch("indicators", queryset=indicators),
            citations_with_sources(),
        )

    def for_api(self) -> PlanItemQuerySet:
        return (
            self.select_related("plan")
            .prefetch_related(citations_with_sources())
            .annotate(project_count=Count("projects"))
        )


class PlanItem(TimeStampedModel):
    """A numbered item of a plan, e.g. 8: Fundamental expansion of people-to-people interaction."""

    # Items belong to their plan; a plan with items cannot be deleted by accident.
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="items", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1)], help_text=_("Its number in the plan.")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    citations = GenericRelation("coopr.Citation", related_query_name="plan_item")

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_item_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="plan_item_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Its projects keep its number (Project.plan_item_number, their sort key).
        self.projects.exclude(plan_item_number=self.number).update(plan_item_number=self.number)

    def get_absolute_url(self) -> str:
        return reverse(
            "plan-item-detail", kwargs={"plan_slug": self.plan.slug, "number": self.number}
        )
