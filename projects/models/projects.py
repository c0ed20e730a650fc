"""Projects carried out under plan items: who takes part, and their timelines."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from coopr.dates import (
    PartialDatesMixin,
    order_constraint,
    precision_constraint,
    precision_field,
)
from coopr.models import TimeStampedModel, citations_with_sources
from people.models import Organization, Person
from projects.models.plans import PlanItem, Status


class ProjectQuerySet(models.QuerySet):
    def for_list_page(self) -> ProjectQuerySet:
        """For the projects page and its CSV: the item and plan, and the lead organizations
        (`lead_links`, with their organizations)."""
        leads = (
            ProjectOrganization.objects.filter(role=ProjectOrganization.Role.LEAD)
            .select_related("organization")
            .order_by("side", "organization__name_en", "pk")
        )
        return self.select_related("plan_item__plan").prefetch_related(
            models.Prefetch("project_orgs", queryset=leads, to_attr="lead_links")
        )

    def for_page(self) -> ProjectQuerySet:
        """For a project's page: its item and plan, timeline (each step with its citations),
        organizations, people, documents, meetings, figures with their values, citations."""
        from projects.models.indicators import Indicator, Observation
        from projects.models.meetings import Meeting, nested_orders

        orders = nested_orders()
        updates = ProjectUpdate.objects.order_by("date", "pk").prefetch_related(
            citations_with_sources()
        )
        organizations = (
            ProjectOrganization.objects.select_related("organization")
            .prefetch_related(citations_with_sources())
            .order_by("role", "side", "organization__name_en", "pk")
        )
        people = ProjectPerson.objects.select_related("person").order_by("person__sort_name", "pk")
        observations = Observation.objects.order_by("date", "pk").prefetch_related(
            citations_with_sources()
        )
        indicators = Indicator.objects.order_by("name_en", "pk").prefetch_related(
            models.Prefetch("observations", queryset=observations)
        )
        meetings = Meeting.objects.order_by(F("start").desc(nulls_last=True), "pk")
        return self.select_related("plan_item__plan").prefetch_related(
            models.Prefetch("updates", queryset=updates),
            models.Prefetch("project_orgs", queryset=organizations),
            models.Prefetch("project_people", queryset=people),
            models.Prefetch("documents", queryset=orders["documents"]),
            models.Prefetch("meetings", queryset=meetings),
            models.Prefetch("indicators", queryset=indicators),
            citations_with_sources(),
        )

    def with_status(self, status: str) -> ProjectQuerySet:
        """Projects with this status; `""` for those no source gives a status."""
        return self.filter(status=status)

    def in_country(self, country: str) -> ProjectQuerySet:
        """Projects an organization takes part in for this country, or based in it.

        An `Exists` subquery, not a join: a project with two such organizations is listed once.
        """
        links = ProjectOrganization.objects.filter(project=models.OuterRef("pk")).filter(
            Q(side=country) | Q(organization__country=country)
        )
        return self.filter(models.Exists(links))

    def with_organization(self, organization: Organization) -> ProjectQuerySet:
        """Projects this organization takes part in, in any role (listed once)."""
        links = ProjectOrganization.objects.filter(
            project=models.OuterRef("pk"), organization=organization
        )
        return self.filter(models.Exists(links))

    def active_in(self, year: int) -> ProjectQuerySet:
        """Projects that started in `year`, or started before and, by the end date on record,
        were still running in it. A project with no end on record counts only in the year it
        started: the record does not say it went on."""
        return self.filter(start__year__lte=year).filter(
            Q(start__year=year) | Q(end__year__gte=year)
        )

    def sync_item_numbers(self) -> int:
        """Set `plan_item_number` from each project's item (after a bulk load, which skips
        `save()`): one UPDATE. Returns how many projects it changed."""
        number = models.Subquery(
            PlanItem.objects.filter(pk=models.OuterRef("plan_item_id")).values("number")[:1]
        )
        return self.exclude(plan_item_number=number).update(plan_item_number=number)

    def for_api_list(self) -> ProjectQuerySet:
        """For the API's list (a summary of each project): with its item and plan."""
        return self.select_related("plan_item__plan")

    def for_api(self) -> ProjectQuerySet:
        """With its item, organizations, people, timeline and citations. Each prefetch in an
        order of its own: the models' default orders join back to the project and its item."""
        from projects.models.themes import Theme

        return self.select_related("plan_item__plan").prefetch_related(
            models.Prefetch("themes", queryset=Theme.objects.order_by("name_en", "pk")),
            models.Prefetch(
                "project_orgs",
                queryset=ProjectOrganization.objects.select_related("organization").order_by(
                    "role", "side", "pk"
                ),
            ),
            models.Prefetch(
                "project_people",
                queryset=ProjectPerson.objects.select_related("person").order_by("pk"),
            ),
            models.Prefetch("updates", queryset=ProjectUpdate.objects.order_by("date", "pk")),
            citations_with_sources(),
        )


class Project(PartialDatesMixin, TimeStampedModel):
    """A project carried out under a plan item."""

    partial_dates = ("start", "end")
    Status = Status

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    # A plan item with projects cannot be deleted by accident.
    plan_item = models.ForeignKey(
        PlanItem, on_delete=models.PROTECT, related_name="projects", verbose_name=_("plan item")
    )
    # The plan item's number, kept here so that "by item number, then title" (the API's and
    # the list's order) is read from one index instead of sorting every project: set on every
    # save from the item, and updated on the item's projects when an item's number changes
    # (PlanItem.save); bulk loads set it themselves (`sync_item_numbers`).
    plan_item_number = models.PositiveSmallIntegerField(
        _("plan item number"), default=0, editable=False
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text=_("Leave empty when no source reports it."),
    )
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = precision_field("start")
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = precision_field("end")
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("0 to 100, only when a source reports it."),
    )
    organizations = models.ManyToManyField(
        Organization,
        through="ProjectOrganization",
        related_name="projects",
        verbose_name=_("organizations"),
    )
    people = models.ManyToManyField(
        Person, through="ProjectPerson", related_name="projects", verbose_name=_("people")
    )
    themes = models.ManyToManyField(
        "Theme",
        blank=True,
        related_name="projects",
        verbose_name=_("themes"),
        help_text=_("Classes a source puts it in, e.g. student exchange."),
    )

    citations = GenericRelation("coopr.Citation", related_query_name="project")

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["plan_item", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            order_constraint("project"),
            precision_constraint("project", "start"),
            precision_constraint("project", "end"),
            models.CheckConstraint(
                condition=Q(progress__isnull=True) | Q(progress__gte=0, progress__lte=100),
                name="project_progress_0_100",
            ),
            models.CheckConstraint(
                condition=Q(status="") | Q(status__in=Status.values), name="project_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["start"]),
            # A plan item's projects by title (item pages, the plan item filter).
            models.Index(fields=["plan_item", "title_en", "id"], name="project_item_title_idx"),
            models.Index(fields=["title_en", "id"], name="project_title_idx"),
            # The API's default order (item number, title, id): a page is a walk of the index.
            models.Index(
                fields=["plan_item_number", "title_en", "id"], name="project_number_title_idx"
            ),
            # The projects page's default order: the title as the reader sees it (their
            # language, else English), ignoring case (projects.views.plans.in_language).
            # An item's page: its projects by title as the reader sees it (as below).
            models.Index(
                F("plan_item"), Lower("title_en"), F("id"), name="project_item_title_en_idx"
            ),
            *(
                models.Index(
                    F("plan_item"),
                    Lower(Coalesce(f"title_{code}", "title_en")),
                    F("id"),
                    name=f"project_item_title_{code}_idx",
                )
                for code in ("ru", "ja")
            ),
            # English is the fallback itself: `Lower(title_en)`, as in_language writes it (an
            # index on Coalesce(title_en, title_en) matches no query).
            models.Index(Lower("title_en"), "id", name="project_title_en_idx"),
            *(
                models.Index(
                    Lower(Coalesce(f"title_{code}", "title_en")),
                    "id",
                    name=f"project_title_{code}_idx",
                )
                for code in ("ru", "ja")
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("project-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        self.clean_partial_dates()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})

    def save(self, *args, **kwargs):
        if self.plan_item_id is not None:
            self.plan_item_number = self.plan_item.number
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "plan_item" in update_fields:
                kwargs["update_fields"] = {*update_fields, "plan_item_number"}
        super().save(*args, **kwargs)


class ProjectOrganization(TimeStampedModel):
    """An organization's part in a project: leading it for one side, or taking part."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        PARTNER = "partner", _("partner")
        FUNDER = "funder", _("funder")

    # The link goes with the project; an organization with projects cannot be deleted.
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="project_orgs", verbose_name=_("project")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="project_links",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LEAD)
    side = CountryField(_("side"), blank=True, help_text=_("The country it acts for."))

    citations = GenericRelation("coopr.Citation", related_query_name="project_organization")

    class Meta:
        ordering = ["project", "role", "side", "pk"]
        verbose_name = _("project organization")
        verbose_name_plural = _("project organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organization", "role"], name="project_org_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()}) – {self.project}"


class ProjectPerson(TimeStampedModel):
    """A person involved in a project, and how."""

    # The link goes with the project; a person with projects cannot be deleted by accident.
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="project_people", verbose_name=_("project")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="project_links", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=200, blank=True)

    citations = GenericRelation("coopr.Citation", related_query_name="project_person")

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("project person")
        verbose_name_plural = _("project people")
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="project_person_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.project}"


class ProjectUpdate(PartialDatesMixin, TimeStampedModel):
    """A dated step in a project's timeline: what happened and its status then."""

    partial_dates = ("date",)

    # The timeline goes with its project.
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="updates", verbose_name=_("project")
    )
    date = models.DateField(_("date"))
    date_precision = precision_field("date")
    status = models.CharField(_("status then"), max_length=20, choices=Status.choices, blank=True)
    note = models.TextField(_("note"), help_text=_("What happened, in a sentence or two."))

    citations = GenericRelation("coopr.Citation", related_query_name="project_update")

    class Meta:
        ordering = ["project", "date", "pk"]
        get_latest_by = "date"
        verbose_name = _("project update")
        verbose_name_plural = _("project updates")
        constraints = [
            precision_constraint("project_update", "date"),
            models.CheckConstraint(
                condition=Q(status="") | Q(status__in=Status.values),
                name="project_update_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.display_date('date')}"

    def clean(self) -> None:
        self.clean_partial_dates()
