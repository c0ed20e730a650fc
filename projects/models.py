"""What and when: plans, their items, projects, meetings, documents and reported figures."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from coopr.dates import (
    PartialDatesMixin,
    Precision,
    order_constraint,
    precision_constraint,
    precision_field,
)
from coopr.models import Citation, TimeStampedModel, citations_with_sources
from people.models import Organization, Person, Position


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
        """For a plan's page: its items (`item_list`) with project counts per status, and
        citations with their sources."""
        return self.select_related("proposed_by", "proposed_at").prefetch_related(
            models.Prefetch(
                "items",
                queryset=PlanItem.objects.with_project_counts().order_by("number"),
                to_attr="item_list",
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
        """For an item's page: its plan, project counts per status, projects (with their
        dates and progress), figures with their values, meetings, documents and citations."""
        observations = Observation.objects.order_by("-date", "-pk").prefetch_related(
            citations_with_sources()
        )
        indicators = Indicator.objects.order_by("name_en", "pk").prefetch_related(
            models.Prefetch("observations", queryset=observations)
        )
        meetings = Meeting.objects.order_by(F("start").desc(nulls_last=True), "pk")
        return (
            self.select_related("plan")
            .with_project_counts()
            .prefetch_related(
                models.Prefetch("projects", queryset=nested_orders()["projects"]),
                models.Prefetch("indicators", queryset=indicators),
                models.Prefetch("meetings", queryset=meetings),
                models.Prefetch("documents", queryset=nested_orders()["documents"]),
                citations_with_sources(),
            )
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

    def get_absolute_url(self) -> str:
        return reverse(
            "plan-item-detail", kwargs={"plan_slug": self.plan.slug, "number": self.number}
        )


class ProjectQuerySet(models.QuerySet):
    def for_list(self) -> ProjectQuerySet:
        return self.select_related("plan_item__plan")

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

    def for_api(self) -> ProjectQuerySet:
        """With its item, organizations, people, timeline and citations."""
        return self.select_related("plan_item__plan").prefetch_related(
            models.Prefetch(
                "project_orgs", queryset=ProjectOrganization.objects.select_related("organization")
            ),
            models.Prefetch(
                "project_people", queryset=ProjectPerson.objects.select_related("person")
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
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("project-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        self.clean_partial_dates()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})


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


def _not_over_by(field: str, today: dt.date) -> Q:
    """The partial date `field` (with its precision) is today or later: a date known only by
    its month (or year) counts until that month (or year) ends."""
    starts = {
        Precision.DAY: today,
        Precision.MONTH: today.replace(day=1),
        Precision.YEAR: today.replace(month=1, day=1),
    }
    return reduce(
        or_,
        (Q(**{f"{field}_precision": p, f"{field}__gte": day}) for p, day in starts.items()),
    )


class MeetingQuerySet(models.QuerySet):
    def for_list(self) -> MeetingQuerySet:
        return self.order_by(F("start").desc(nulls_last=True), "pk")

    def with_timing(self, today: dt.date) -> MeetingQuerySet:
        """Each meeting with `is_upcoming`: not over by `today` as far as its dates tell.

        A meeting is over when its last day (the end, else the start) is past; a date known
        only by its month stays upcoming until that month ends (the source does not say which
        day). Undated meetings are not upcoming.
        """
        upcoming = (Q(end__isnull=False) & _not_over_by("end", today)) | (
            Q(end__isnull=True, start__isnull=False) & _not_over_by("start", today)
        )
        return self.annotate(
            is_upcoming=models.Case(
                models.When(upcoming, then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )

    def upcoming_then_past(self) -> MeetingQuerySet:
        """Upcoming meetings soonest first, then past ones newest first, undated last.

        Needs `with_timing()`.
        """
        soonest = models.Case(models.When(is_upcoming=True, then=F("start")))
        return self.order_by(
            F("is_upcoming").desc(),
            soonest.asc(nulls_last=True),
            F("start").desc(nulls_last=True),
            "title_en",
            "pk",
        )

    def for_page(self) -> MeetingQuerySet:
        """What the meeting page shows: participants with their posts then (and the citations
        for each), documents signed there, items and projects discussed, organizations,
        plans proposed there and the meeting's own citations."""
        cited = Citation.objects.select_related("source").order_by("field_name", "pk")
        participants = (
            MeetingParticipant.objects.select_related(
                "person", "position__organization", "organization"
            )
            .prefetch_related(models.Prefetch("citations", queryset=cited))
            .order_by("side", "pk")
        )
        orders = nested_orders()
        return self.prefetch_related(
            models.Prefetch("participants", queryset=participants),
            models.Prefetch("documents", queryset=orders["documents"]),
            models.Prefetch("plan_items", queryset=orders["plan_items"]),
            models.Prefetch("projects", queryset=orders["projects"]),
            models.Prefetch("organizations", queryset=orders["organizations"]),
            models.Prefetch("plans_proposed", queryset=Plan.objects.order_by("title_en", "pk")),
            models.Prefetch("citations", queryset=cited),
        )

    def for_calendar(self) -> MeetingQuerySet:
        """Dated meetings, oldest first, for the iCalendar feed (no related rows needed)."""
        return self.filter(start__isnull=False).order_by("start", "pk")

    def for_api(self) -> MeetingQuerySet:
        """With participants (their posts then), documents, items, projects, citations.

        Each nested list has its own order (see `nested_orders`), the same in every language.
        """
        participants = MeetingParticipant.objects.select_related(
            "person", "position__organization", "organization"
        ).order_by("side", "pk")
        orders = nested_orders()
        return self.prefetch_related(
            models.Prefetch("participants", queryset=participants),
            models.Prefetch("documents", queryset=orders["documents"]),
            models.Prefetch("plan_items", queryset=orders["plan_items"]),
            models.Prefetch("projects", queryset=orders["projects"]),
            models.Prefetch("organizations", queryset=orders["organizations"]),
            citations_with_sources(),
        )


def nested_orders() -> dict[str, models.QuerySet]:
    """How the records listed inside another record (a meeting's documents, …) are ordered.

    Not by the models' default orderings: those name translated fields (`title`, `name`),
    which modeltranslation reads in the request's language, where records lacking that
    translation tie and come in no defined order. English names decide, then the id.
    """
    return {
        "documents": Document.objects.order_by(
            F("signed_on").desc(nulls_last=True), "title_en", "pk"
        ),
        "plan_items": PlanItem.objects.select_related("plan").order_by("plan_id", "number"),
        "projects": Project.objects.order_by("plan_item__number", "title_en", "pk"),
        "organizations": Organization.objects.order_by("name_en", "pk"),
        "people": Person.objects.order_by("sort_name", "pk"),
    }


class Meeting(PartialDatesMixin, TimeStampedModel):
    """A meeting where the sides met: a summit, a ministerial, a symposium, a mission, …"""

    class Kind(models.TextChoices):
        SUMMIT = "summit", _("summit")
        MINISTERIAL = "ministerial", _("ministerial meeting")
        SYMPOSIUM = "symposium", _("symposium")
        WORKING_GROUP = "working_group", _("working group")
        BUSINESS_MISSION = "business_mission", _("business mission")
        SIGNING = "signing", _("signing")
        ASSEMBLY = "assembly", _("general assembly")
        CEREMONY = "ceremony", _("ceremony")
        VISIT = "visit", _("visit")
        OTHER = "other", _("other")

    partial_dates = ("start", "end")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = precision_field("start")
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("For meetings over days."))
    end_precision = precision_field("end")
    city = models.CharField(
        _("city"), max_length=200, blank=True, help_text=_("City or cities, as the source says.")
    )
    country = CountryField(_("country"), blank=True)
    description = models.TextField(_("description"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True, help_text=_("What was decided."))
    plan_items = models.ManyToManyField(
        PlanItem, blank=True, related_name="meetings", verbose_name=_("plan items discussed")
    )
    projects = models.ManyToManyField(
        Project, blank=True, related_name="meetings", verbose_name=_("projects discussed")
    )
    organizations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="meetings",
        verbose_name=_("organizations involved"),
        help_text=_("Hosts, organizations visited or represented."),
    )
    people = models.ManyToManyField(
        Person, through="MeetingParticipant", related_name="meetings", verbose_name=_("people")
    )

    citations = GenericRelation("coopr.Citation", related_query_name="meeting")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = [F("start").desc(nulls_last=True), "title"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            order_constraint("meeting"),
            precision_constraint("meeting", "start"),
            precision_constraint("meeting", "end"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meeting-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        self.clean_partial_dates()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})


class MeetingParticipant(TimeStampedModel):
    """A person at a meeting: for which side, in what role and in what post at the time."""

    # Participation goes with the meeting; a person who attended cannot be deleted by accident.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="participants", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="participations", verbose_name=_("person")
    )
    side = CountryField(_("side"), blank=True, help_text=_("The country the person spoke for."))
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("E.g. head of delegation, speaker.")
    )
    # The post held at the meeting's date, as the source gives it.
    position = models.ForeignKey(
        Position,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("post at the time"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("representing"),
        help_text=_("The organization the person came from, when no post is known."),
    )

    citations = GenericRelation("coopr.Citation", related_query_name="meeting_participant")

    class Meta:
        ordering = ["meeting", "side", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="meeting_person_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.meeting}"

    def clean(self) -> None:
        if self.position_id and self.person_id and self.position.person_id != self.person_id:
            raise ValidationError({"position": _("This post belongs to someone else.")})


class DocumentQuerySet(models.QuerySet):
    def for_list(self) -> DocumentQuerySet:
        """For the documents page and its CSV: the meeting, parties and signatories."""
        orders = nested_orders()
        return self.select_related("meeting").prefetch_related(
            models.Prefetch("parties", queryset=orders["organizations"]),
            models.Prefetch("signatories", queryset=orders["people"]),
        )

    def for_page(self) -> DocumentQuerySet:
        """For a document's page: the meeting, signatories with all their posts (the page
        picks those held when it was signed), parties, items, projects, citations."""
        orders = nested_orders()
        posts = Position.objects.select_related("organization").order_by(
            F("start").asc(nulls_last=True), F("as_of").asc(nulls_last=True), "pk"
        )
        signatories = orders["people"].prefetch_related(
            models.Prefetch("positions", queryset=posts)
        )
        return self.select_related("meeting").prefetch_related(
            models.Prefetch("signatories", queryset=signatories),
            models.Prefetch("parties", queryset=orders["organizations"]),
            models.Prefetch("plan_items", queryset=orders["plan_items"]),
            models.Prefetch("projects", queryset=orders["projects"]),
            models.Prefetch(
                "citations",
                queryset=Citation.objects.select_related("source").order_by("field_name", "pk"),
            ),
        )

    def for_api(self) -> DocumentQuerySet:
        """With its meeting, signatories, parties, items, projects and citations; each nested
        list in the same order in every language (see `nested_orders`)."""
        orders = nested_orders()
        return self.select_related("meeting").prefetch_related(
            models.Prefetch("signatories", queryset=orders["people"]),
            models.Prefetch("parties", queryset=orders["organizations"]),
            models.Prefetch("plan_items", queryset=orders["plan_items"]),
            models.Prefetch("projects", queryset=orders["projects"]),
            citations_with_sources(),
        )


class Document(PartialDatesMixin, TimeStampedModel):
    """A document the sides signed or issued: a memorandum, joint statement, agreement, …"""

    class Kind(models.TextChoices):
        MEMORANDUM = "memorandum", _("memorandum")
        JOINT_STATEMENT = "joint_statement", _("joint statement")
        AGREEMENT = "agreement", _("agreement")
        PLAN = "plan", _("plan")
        DECLARATION = "declaration", _("declaration")
        OTHER = "other", _("other")

    partial_dates = ("signed_on",)

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=400)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_on_precision = precision_field("signed on")
    place = models.CharField(_("place"), max_length=200, blank=True)
    # A document outlives the record of the meeting where it was signed.
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("signed at meeting"),
    )
    summary = models.TextField(_("summary"), blank=True)
    url = models.URLField(_("text URL"), max_length=500, blank=True)
    signatories = models.ManyToManyField(
        Person, blank=True, related_name="documents_signed", verbose_name=_("signatories")
    )
    parties = models.ManyToManyField(
        Organization, blank=True, related_name="documents", verbose_name=_("parties")
    )
    plan_items = models.ManyToManyField(
        PlanItem, blank=True, related_name="documents", verbose_name=_("plan items")
    )
    projects = models.ManyToManyField(
        Project, blank=True, related_name="documents", verbose_name=_("projects")
    )

    citations = GenericRelation("coopr.Citation", related_query_name="document")

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = [F("signed_on").desc(nulls_last=True), "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [precision_constraint("document", "signed_on")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("document-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        self.clean_partial_dates()


class IndicatorQuerySet(models.QuerySet):
    def with_latest_value(self) -> IndicatorQuerySet:
        """Each indicator with its latest observation's `latest_value`, `latest_date`,
        `latest_date_precision` and `latest_qualifier` (None when it has none), and
        `recorded_projects`: the projects on record under its plan item."""
        latest = Observation.objects.filter(indicator=models.OuterRef("pk")).order_by(
            "-date", "-pk"
        )
        recorded = (
            Project.objects.filter(plan_item=models.OuterRef("plan_item"))
            .order_by()
            .values("plan_item")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            latest_value=models.Subquery(latest.values("value")[:1]),
            latest_date=models.Subquery(latest.values("date")[:1]),
            latest_date_precision=models.Subquery(latest.values("date_precision")[:1]),
            latest_qualifier=models.Subquery(latest.values("qualifier")[:1]),
            recorded_projects=Coalesce(models.Subquery(recorded), models.Value(0)),
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
            self.select_related("plan", "plan_item__plan", "project")
            .prefetch_related(models.Prefetch("observations", queryset=observations))
            .prefetch_related(citations_with_sources())
            .annotate(recorded_projects=Count("plan_item__projects", distinct=True))
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
