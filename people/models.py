"""Who: people, organizations, and the posts people hold in organizations over time."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from coopr.dates import PartialDatesMixin, order_constraint, precision_constraint, precision_field
from coopr.models import TimeStampedModel, citations_with_sources


class OrganizationQuerySet(models.QuerySet):
    def for_list(self) -> OrganizationQuerySet:
        return self.select_related("parent")

    def for_page(self) -> OrganizationQuerySet:
        """With what an organization's own page shows of it: its parent and departments, the
        people who held posts there, and the sources of each fact. (The apps above people add
        what their records say of it: see projects.views.people.)"""
        positions = (
            Position.objects.chronological()
            .select_related("person")
            .prefetch_related(citations_with_sources())
        )
        return self.select_related("parent").prefetch_related(
            models.Prefetch("children", queryset=Organization.objects.order_by("name_en", "pk")),
            models.Prefetch("positions", queryset=positions),
            citations_with_sources(),
        )

    def for_api(self) -> OrganizationQuerySet:
        """With the parent and citations an API representation shows."""
        return self.select_related("parent").prefetch_related(citations_with_sources())


class Organization(TimeStampedModel):
    """A ministry, agency, government, business association, company, university, …"""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("government")
        MINISTRY = "ministry", _("ministry")
        AGENCY = "agency", _("agency")
        LEGISLATURE = "legislature", _("legislature")
        BUSINESS_ASSOCIATION = "business_association", _("business association")
        COMPANY = "company", _("company")
        UNIVERSITY = "university", _("university")
        ASSOCIATION = "association", _("association")
        BILATERAL_BODY = "bilateral_body", _("bilateral body")
        OTHER = "other", _("other")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(
        _("name"), max_length=300, help_text=_("The full name, e.g. Ministry of Economy, …")
    )
    short_name = models.CharField(
        _("short name"), max_length=100, blank=True, help_text=_("An acronym, e.g. METI.")
    )
    other_names = models.TextField(
        _("other names"),
        blank=True,
        help_text=_("Other spellings and former names, one per line; used by search."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    country = CountryField(
        _("country"), blank=True, help_text=_("Leave empty for a bilateral or international body.")
    )
    # Deleting a parent organization must not delete its departments: they lose the link.
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organization"),
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)

    citations = GenericRelation("coopr.Citation", related_query_name="organization")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [models.Index(fields=["name_en", "id"], name="organization_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="organization_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organization-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        ancestor = self.parent
        seen = set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("An organization cannot be its own ancestor.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class PersonQuerySet(models.QuerySet):
    def for_list(self) -> PersonQuerySet:
        """In name order, each with `posts`: their positions in date order (the last is the
        current or latest post a list shows)."""
        return self.order_by("sort_name", "pk").prefetch_related(
            models.Prefetch("positions", queryset=Position.objects.chronological(), to_attr="posts")
        )

    def for_page(self) -> PersonQuerySet:
        """With what a person's own page shows of them: posts over time and the sources of each
        fact. (The apps above people add what their records say of them: see
        projects.views.people.)"""
        return self.prefetch_related(
            models.Prefetch(
                "positions",
                queryset=Position.objects.chronological().prefetch_related(
                    citations_with_sources()
                ),
            ),
            citations_with_sources(),
        )

    def for_api_list(self) -> PersonQuerySet:
        """For the API's list (a summary of each person): the person's own row only."""
        return self.all()

    def for_api(self) -> PersonQuerySet:
        """With positions over time (and their organizations) and citations."""
        positions = Position.objects.chronological().prefetch_related(citations_with_sources())
        return self.prefetch_related(
            models.Prefetch("positions", queryset=positions), citations_with_sources()
        )


class Person(TimeStampedModel):
    """A person named in the record: an official, a business leader, a scholar."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The name as written in each language, e.g. Seko Hiroshige / 世耕弘成."),
    )
    sort_name = models.CharField(
        _("sort name"), max_length=200, help_text=_("Family name first, e.g. “Seko, Hiroshige”.")
    )
    other_names = models.TextField(
        _("other names"),
        blank=True,
        help_text=_("Other spellings, one per line (e.g. Maksim Oreshkin); used by search."),
    )
    country = CountryField(_("country"), blank=True)
    biography = models.TextField(_("short biography"), blank=True)

    citations = GenericRelation("coopr.Citation", related_query_name="person")

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["sort_name", "id"], name="person_sort_name_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(sort_name=""), name="person_sort_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("person-detail", kwargs={"slug": self.slug})


class PositionQuerySet(models.QuerySet):
    def held_on(self, date: dt.date) -> PositionQuerySet:
        """Posts a source shows held on `date`: within the tenure, or attested that day."""
        within = (
            (Q(start__isnull=False) | Q(end__isnull=False))
            & (Q(start__isnull=True) | Q(start__lte=date))
            & (Q(end__isnull=True) | Q(end__gte=date))
        )
        return self.filter(within | Q(start__isnull=True, end__isnull=True, as_of=date))

    def chronological(self) -> PositionQuerySet:
        return self.select_related("organization").order_by(
            models.functions.Coalesce("start", "as_of").asc(nulls_last=True), "pk"
        )


class Position(PartialDatesMixin, TimeStampedModel):
    """A person's post in an organization over time: a title is always "as of a date"."""

    partial_dates = ("start", "end")

    # A person's posts go with the person.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="positions", verbose_name=_("person")
    )
    # An organization with posts on record cannot be deleted by accident.
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="positions",
        null=True,
        blank=True,
        verbose_name=_("organization"),
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("The post as the source names it, e.g. Deputy Prime Minister."),
    )
    start = models.DateField(
        _("start"), null=True, blank=True, help_text=_("When the post began, if a source says.")
    )
    start_precision = precision_field("start")
    end = models.DateField(
        _("end"), null=True, blank=True, help_text=_("When it ended; empty while current.")
    )
    end_precision = precision_field("end")
    as_of = models.DateField(
        _("as of"),
        null=True,
        blank=True,
        help_text=_("A date on which a cited source shows the person in this post."),
    )

    citations = GenericRelation("coopr.Citation", related_query_name="position")

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["person", "start", "as_of", "pk"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            order_constraint("position"),
            precision_constraint("position", "start"),
            precision_constraint("position", "end"),
            # Any language's title will do; the untranslated `title` column follows the
            # language active when the row was saved, so it must not decide.
            models.CheckConstraint(
                # (NULL > '' is unknown, which a CHECK lets through: test for NULL too.)
                condition=Q(title_en__isnull=False, title_en__gt="")
                | Q(title_ru__isnull=False, title_ru__gt="")
                | Q(title_ja__isnull=False, title_ja__gt="")
                | Q(organization__isnull=False),
                name="position_has_title_or_organization",
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=False) | Q(end__isnull=False) | Q(as_of__isnull=False),
                name="position_is_dated",
            ),
        ]

    def __str__(self) -> str:
        where = f", {self.organization}" if self.organization_id else ""
        title = self.title or _("member")
        return f"{self.person}: {title}{where}"

    def clean(self) -> None:
        self.clean_partial_dates()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end cannot be before the start.")
        if not self.organization_id and not any(
            getattr(self, f"title_{language}", None) for language in ("en", "ru", "ja")
        ):
            errors["title"] = _("Give a title, an organization or both.")
        if not (self.start or self.end or self.as_of):
            errors["as_of"] = _(
                "Give a start, an end, or the date on which a source shows this post."
            )
        if errors:
            raise ValidationError(errors)
