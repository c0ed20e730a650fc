"""Meetings where the sides met and who took part; how nested lists are ordered."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
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
from projects.models.bodies import JointBody, session_text
from projects.models.plans import Plan, PlanItem
from projects.models.projects import Project


def _not_over_by(field: str, today: dt.date, **also) -> Q:
    """The partial date `field` (with its precision) is today or later: a date known only by
    its month (or year) counts until that month (or year) ends. `also`: further conditions,
    repeated in each range (so the ranges stay flat: one index scan each)."""
    starts = {
        Precision.DAY: today,
        Precision.MONTH: today.replace(day=1),
        Precision.YEAR: today.replace(month=1, day=1),
    }
    return reduce(
        or_,
        (Q(**{f"{field}_precision": p, f"{field}__gte": day}, **also) for p, day in starts.items()),
    )


def not_over(today: dt.date) -> Q:
    """Meetings not over by `today` as far as their dates tell (see `with_timing`).

    Written as one range per precision (on the end, else on the start), so that PostgreSQL
    reads each from an index (projects 0012): only the meetings not over are read, never the
    past ones.
    """
    return _not_over_by("end", today) | _not_over_by("start", today, end__isnull=True)


class MeetingQuerySet(models.QuerySet):
    def with_timing(self, today: dt.date) -> MeetingQuerySet:
        """Each meeting with `is_upcoming`: not over by `today` as far as its dates tell.

        A meeting is over when its last day (the end, else the start) is past; a date known
        only by its month stays upcoming until that month ends (the source does not say which
        day). Undated meetings are not upcoming.
        """
        return self.annotate(
            is_upcoming=models.Case(
                models.When(not_over(today), then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )

    def upcoming(self, today: dt.date) -> MeetingQuerySet:
        """The meetings not over by `today` (with `is_upcoming`), read from their indexes."""
        return self.with_timing(today).filter(not_over(today))

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
        return self.select_related("body").prefetch_related(
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

    def for_api_list(self) -> MeetingQuerySet:
        """For the API's list (a summary of each meeting): with its body, nothing nested."""
        return self.select_related("body")

    def for_api(self) -> MeetingQuerySet:
        """With participants (their posts then), documents, items, projects, citations.

        Each nested list has its own order (see `nested_orders`), the same in every language.
        """
        participants = MeetingParticipant.objects.select_related(
            "person", "position__organization", "organization"
        ).order_by("side", "pk")
        orders = nested_orders()
        return self.select_related("body").prefetch_related(
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
    from projects.models.documents import Document

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
    # A body's sessions stay on record if the body's record goes.
    body = models.ForeignKey(
        JointBody,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("session of"),
        help_text=_("The joint body this meeting was a session of, if any."),
    )
    session_number = models.PositiveSmallIntegerField(
        _("session number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Its number among the body's sessions, as a source gives it (13th: 13)."),
    )
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
            models.CheckConstraint(
                condition=Q(session_number__isnull=True) | Q(body__isnull=False),
                name="meeting_session_number_needs_body",
            ),
            models.UniqueConstraint(
                fields=["body", "session_number"], name="meeting_body_session_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meeting-detail", kwargs={"slug": self.slug})

    def session_label(self) -> str:
        """Which session of which body it was (“13th session of the …”); "" if none.
        Reads `body`: select it with the meeting."""
        return session_text(self.body, self.session_number) if self.body_id else ""

    def clean(self) -> None:
        self.clean_partial_dates()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})
        if self.session_number and not self.body_id:
            raise ValidationError(
                {"session_number": _("A session number needs the body it is a session of.")}
            )


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
