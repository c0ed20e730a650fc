"""Admin for provenance, and the base classes every app's admin builds on."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import models
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from coopr.models import Citation, Source

admin.site.site_header = "coopr"
admin.site.site_title = "coopr admin"


class CitationInline(GenericTabularInline):
    """The sources a record cites, editable on the record's own page."""

    model = Citation
    extra = 0
    fields = ("source", "field_name", "quote", "locator", "note")
    autocomplete_fields = ("source",)


class RecordAdmin(SimpleHistoryAdmin):
    """Base admin: history, read-only timestamps."""

    readonly_fields = ("created", "updated")
    # Links typed without a scheme are web addresses: assume https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class TranslatedRecordAdmin(RecordAdmin, TranslationAdmin):
    """Base admin for models with translated fields."""


@admin.register(Source)
class SourceAdmin(RecordAdmin):
    list_display = ("title", "publisher", "published_on", "kind", "language")
    list_filter = ("kind", "language", "publisher")
    search_fields = ("title", "publisher", "url")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "published_on"


@admin.register(Citation)
class CitationAdmin(RecordAdmin):
    list_display = ("__str__", "field_name", "source", "quote")
    list_filter = ("content_type", "source")
    list_select_related = ("content_type", "source")
    search_fields = ("quote", "note", "source__title")
    autocomplete_fields = ("source",)
