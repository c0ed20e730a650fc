"""Documents the sides signed or issued."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopr.dates import (
    PartialDatesMixin,
    precision_constraint,
    precision_field,
)
from coopr.models import Citation, TimeStampedModel, citations_with_sources
from people.models import Organization, Person, Position
from projects.models.meetings import Meeting, nested_orders
from projects.models.plans import PlanItem
from projects.models.projects import Project


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
