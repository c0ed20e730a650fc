from django.contrib import admin
from django_countries.filters import CountryFilter

from coopr.admin import CitationInline, TranslatedRecordAdmin
from coopr.admin_import_export import RecordImportExportMixin
from people.models import Organization, Person, Position
from people.resources import OrganizationResource, PersonResource


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    fields = (
        "title_en",
        "title_ru",
        "title_ja",
        "organization",
        "start",
        "start_precision",
        "end",
        "end_precision",
        "as_of",
    )
    autocomplete_fields = ("organization",)


@admin.register(Person)
class PersonAdmin(RecordImportExportMixin, TranslatedRecordAdmin):
    resource_classes = [PersonResource]
    list_display = ("name", "name_ru", "name_ja", "country", "updated")
    list_filter = (("country", CountryFilter),)
    search_fields = ("name_en", "name_ru", "name_ja", "sort_name", "other_names", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (PositionInline, CitationInline)


@admin.register(Organization)
class OrganizationAdmin(RecordImportExportMixin, TranslatedRecordAdmin):
    resource_classes = [OrganizationResource]
    list_display = ("name", "short_name", "kind", "country", "parent")
    list_filter = ("kind", ("country", CountryFilter))
    list_select_related = ("parent",)
    search_fields = ("name_en", "name_ru", "name_ja", "short_name_en", "other_names", "slug")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (CitationInline,)


@admin.register(Position)
class PositionAdmin(TranslatedRecordAdmin):
    list_display = ("person", "title", "organization", "start", "end", "as_of")
    list_select_related = ("person", "organization")
    search_fields = ("title_en", "title_ru", "title_ja", "person__name_en", "person__name_ru")
    autocomplete_fields = ("person", "organization")
    inlines = (CitationInline,)
