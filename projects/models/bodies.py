"""Joint bodies of the two sides (commissions, working groups, associations) and their chairs."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from coopr.dates import (
    PartialDatesMixin,
    order_constraint,
    precision_constraint,
    precision_field,
)
from coopr.models import Citation, TimeStampedModel, citations_with_sources
from people.models import Person, Position
from projects.models.plans import Plan


def session_text(body: JointBody, number: int | None) -> str:
    """“13th session of the Intergovernmental Commission …”, in the active language."""
    if not number:
        return _("a session of the %(body)s") % {"body": body}
    values = {"number": number, "body": body}
    if number % 100 in (11, 12, 13) or number % 10 not in (1, 2, 3):
        return _("%(number)sth session of the %(body)s") % values
    if number % 10 == 1:
        return _("%(number)sst session of the %(body)s") % values
    if number % 10 == 2:
        return _("%(number)snd session of the %(body)s") % values
    return _("%(number)srd session of the %(body)s") % values


class JointBodyQuerySet(models.QuerySet):
    def for_list(self) -> JointBodyQuerySet:
        """For the bodies page: the number of sessions on record and of chairs."""
        return self.annotate(
            session_count=models.Count("sessions", distinct=True),
            chair_count=models.Count("chairs", distinct=True),
        ).order_by("name_en", "pk")

    def for_page(self) -> JointBodyQuerySet:
        """For a body's page: its chairs over time (with their citations), its sessions
        (oldest first), the plans it serves and its own citations."""
        from projects.models.meetings import Meeting

        cited = Citation.objects.select_related("source").order_by("field_name", "pk")
        chairs = (
            BodyChair.objects.select_related("person", "position__organization")
            .prefetch_related(models.Prefetch("citations", queryset=cited))
            .order_by(*BodyChair.CHRONOLOGICAL)
        )
        sessions = Meeting.objects.order_by(
            F("start").asc(nulls_last=True), F("session_number").asc(nulls_last=True), "pk"
        )
        return self.prefetch_related(
            models.Prefetch("chairs", queryset=chairs),
            models.Prefetch("sessions", queryset=sessions),
            models.Prefetch("plans", queryset=Plan.objects.order_by("title_en", "pk")),
            models.Prefetch("citations", queryset=cited),
        )

    def for_api(self) -> JointBodyQuerySet:
        chairs = BodyChair.objects.select_related("person").order_by(*BodyChair.CHRONOLOGICAL)
        chairs = chairs.prefetch_related(citations_with_sources())
        return self.annotate(
            session_count=models.Count("sessions", distinct=True)
        ).prefetch_related(
            models.Prefetch("chairs", queryset=chairs),
            models.Prefetch("plans", queryset=Plan.objects.order_by("title_en", "pk")),
            citations_with_sources(),
        )


class JointBody(TimeStampedModel):
    """A body the two sides run together, e.g. the Intergovernmental Commission on Trade and
    Economic Affairs: co-chaired (or headed) per side, meeting in numbered sessions."""

    class Kind(models.TextChoices):
        COMMISSION = "commission", _("commission")
        WORKING_GROUP = "working_group", _("working group")
        COUNCIL = "council", _("council")
        ASSOCIATION = "association", _("association")
        OTHER = "other", _("other")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    plans = models.ManyToManyField(
        Plan,
        blank=True,
        related_name="bodies",
        verbose_name=_("plans"),
        help_text=_("The plans it serves, as a source says."),
    )

    citations = GenericRelation("coopr.Citation", related_query_name="joint_body")

    objects = JointBodyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("joint body")
        verbose_name_plural = _("joint bodies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("body-detail", kwargs={"slug": self.slug})


class BodyChairQuerySet(models.QuerySet):
    def for_person(self, person: Person) -> BodyChairQuerySet:
        """The bodies a person chaired, in order of time, with each body."""
        return self.filter(person=person).select_related("body").order_by(*BodyChair.CHRONOLOGICAL)


class BodyChair(PartialDatesMixin, TimeStampedModel):
    """A person co-chairing (or heading) a joint body for one side, over a time a source gives:
    a start and end, or only a date on which a source shows the person in the chair."""

    CHRONOLOGICAL = (
        models.functions.Coalesce("start", "as_of").asc(nulls_last=True),
        "side",
        "pk",
    )

    class Role(models.TextChoices):
        CO_CHAIR = "co_chair", _("co-chair")
        HEAD = "head", _("head")

    partial_dates = ("start", "end")

    # A body's chairs go with the body; a person who chaired one cannot be deleted by accident.
    body = models.ForeignKey(
        JointBody, on_delete=models.CASCADE, related_name="chairs", verbose_name=_("body")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="body_chairs", verbose_name=_("person")
    )
    side = CountryField(_("side"), blank=True, help_text=_("The country the person chaired for."))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.CO_CHAIR)
    # The post the person held while in the chair, as the source gives it.
    position = models.ForeignKey(
        Position,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="body_chairs",
        verbose_name=_("post at the time"),
    )
    start = models.DateField(
        _("start"), null=True, blank=True, help_text=_("When the chair began, if a source says.")
    )
    start_precision = precision_field("start")
    end = models.DateField(
        _("end"), null=True, blank=True, help_text=_("When it ended, if a source says.")
    )
    end_precision = precision_field("end")
    as_of = models.DateField(
        _("as of"),
        null=True,
        blank=True,
        help_text=_("A date on which a cited source shows the person in the chair."),
    )

    citations = GenericRelation("coopr.Citation", related_query_name="body_chair")

    objects = BodyChairQuerySet.as_manager()

    class Meta:
        ordering = ["body", "start", "as_of", "pk"]
        verbose_name = _("chair of a joint body")
        verbose_name_plural = _("chairs of joint bodies")
        constraints = [
            order_constraint("body_chair"),
            precision_constraint("body_chair", "start"),
            precision_constraint("body_chair", "end"),
            models.CheckConstraint(
                condition=Q(start__isnull=False) | Q(end__isnull=False) | Q(as_of__isnull=False),
                name="body_chair_is_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_role_display()}, {self.body}"

    def clean(self) -> None:
        self.clean_partial_dates()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})
        if not (self.start or self.end or self.as_of):
            raise ValidationError(
                {"as_of": _("Give a start, an end or a date a source shows the chair on.")}
            )
        if self.position_id and self.person_id and self.position.person_id != self.person_id:
            raise ValidationError({"position": _("This post belongs to someone else.")})
