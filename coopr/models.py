"""Cross-cutting models: timestamps for everything, and provenance (Source, Citation)."""

from __future__ import annotations

from concurrency.fields import AutoIncVersionField
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from coopr.dates import PartialDatesMixin, precision_constraint, precision_field


class TimeStampedModel(models.Model):
    """An abstract model that records when a row was created and last changed, and its version.

    `version` goes up by one on every save; a save that starts from an older version fails
    with RecordModifiedError (optimistic locking), so two editors cannot overwrite each other.
    """

    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    # (AutoIncVersionField takes its label only as a keyword.)
    version = AutoIncVersionField(
        verbose_name=_("version"), help_text=_("Goes up by one on every save.")
    )

    class Meta:
        abstract = True


class SourceQuerySet(models.QuerySet):
    def with_citation_counts(self) -> SourceQuerySet:
        return self.annotate(citation_count=models.Count("citations"))


class Source(PartialDatesMixin, TimeStampedModel):
    """A publication that states facts the record holds: an article, a release, a web page."""

    class Kind(models.TextChoices):
        NEWS = "news", _("news article")
        GOVERNMENT = "government", _("government publication")
        INSTITUTION = "institution", _("institution's publication")
        OTHER = "other", _("other")

    partial_dates = ("published_on",)

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(
        _("title"),
        max_length=500,
        help_text=_("The title exactly as the source gives it, in the source's language."),
    )
    publisher = models.CharField(
        _("publisher"), max_length=200, help_text=_("Who published it, e.g. TASS.")
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    language = models.CharField(
        _("language"),
        max_length=10,
        default="en",
        help_text=_("Language code of the source text, e.g. en, ru, ja."),
    )
    published_on = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the source does not say."),
    )
    published_on_precision = precision_field("published on")
    notes = models.TextField(_("notes"), blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            precision_constraint("source", "published_on"),
            models.UniqueConstraint(
                fields=["url"],
                condition=~models.Q(url=""),
                name="source_url_unique",
                violation_error_message=_("A source with this URL is already on record."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("source-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        self.clean_partial_dates()


class CitationQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> CitationQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).select_related("source")


class Citation(TimeStampedModel):
    """Ties a source to a record, or to one field of it, with the words the source uses."""

    # A record type is never deleted while citations point at it.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("record type")
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    target = GenericForeignKey("content_type", "object_id")
    field_name = models.CharField(
        _("field"),
        max_length=60,
        blank=True,
        help_text=_("The field this source supports; leave empty for the whole record."),
    )
    # A source that is cited cannot be deleted: remove its citations first.
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    quote = models.TextField(
        _("quoted words"),
        blank=True,
        help_text=_("The source's own words, copied exactly."),
    )
    locator = models.CharField(
        _("locator"),
        max_length=100,
        blank=True,
        help_text=_("Where in the source, e.g. a paragraph, page or section heading."),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("An editor's note, e.g. a summary when the exact words are not at hand."),
    )

    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["content_type", "object_id", "field_name", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(quote="") | ~models.Q(note=""),
                name="citation_has_quote_or_note",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field_name", "source", "quote"],
                name="citation_unique_per_target_source_quote",
            ),
        ]

    def __str__(self) -> str:
        where = f".{self.field_name}" if self.field_name else ""
        return f"{self.content_type.model} #{self.object_id}{where} ← {self.source.publisher}"

    def clean(self) -> None:
        from django.core.exceptions import FieldDoesNotExist, ValidationError

        if not self.quote and not self.note:
            raise ValidationError({"quote": _("Give the quoted words or a note.")})
        if self.content_type_id and self.field_name:
            model = self.content_type.model_class()
            assert model is not None
            try:
                model._meta.get_field(self.field_name)
            except FieldDoesNotExist:
                raise ValidationError(
                    {
                        "field_name": _("%(model)s has no field “%(field)s”.")
                        % {"model": model._meta.verbose_name, "field": self.field_name}
                    }
                ) from None
        if self.content_type_id and self.object_id:
            model = self.content_type.model_class()
            assert model is not None
            if not model._default_manager.filter(pk=self.object_id).exists():
                raise ValidationError({"object_id": _("No such record.")})


def citations_with_sources(lookup: str = "citations") -> models.Prefetch:
    """A record's citations with their sources in one query (a join).

    `prefetch_related("citations__source")` would fetch the sources in a second query, which
    Django 5.2 writes on SQLite as one `id = … OR …` term per source: past about a thousand
    sources (a page of 200 records, five citations each) that exceeds SQLite's expression depth
    and the request fails. The join costs nothing extra and saves the query.
    """
    return models.Prefetch(lookup, queryset=Citation.objects.select_related("source"))


def field_label(model: type[models.Model] | None, name: str) -> str:
    """The field a citation supports, named as a reader sees it ("Proposed on", not
    "proposed_on") in the active language; a field since renamed keeps the name the citation
    holds; the whole record (no field) is ""."""
    if not name or model is None:
        return name or ""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(capfirst(getattr(field, "verbose_name", name)))


class Change(models.Model):
    """One create, update or delete of a public record, in the order they were committed
    (the change feed, /api/v1/changes/; written by coopr.changes in the same transaction)."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        DELETED = "deleted", _("deleted")
        # Records were written in bulk with no entry each (a restore, synthetic data): a
        # mirror must be built again from the lists.
        RESET = "reset", _("written in bulk")

    time = models.DateTimeField(db_index=True)
    action = models.CharField(max_length=8, choices=Action.choices)
    # The API resource ("projects"); empty for a reset.
    resource = models.CharField(max_length=60, blank=True)
    record_id = models.BigIntegerField(null=True)
    # The value in the record's API address at the time (its slug, or its id).
    lookup = models.CharField(max_length=255, blank=True)
    version = models.PositiveIntegerField(null=True)
    # The names of the fields that changed; empty when it changed through a related record.
    fields = models.JSONField(default=list)

    class Meta:
        ordering = ["id"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return f"{self.id} {self.action} {self.resource} {self.record_id}"
