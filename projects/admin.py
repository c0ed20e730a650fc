from django.contrib import admin
from django_countries.filters import CountryFilter

from coopr.admin import CitationInline, RecordAdmin, TranslatedRecordAdmin
from coopr.admin_import_export import RecordImportExportMixin
from projects.models import (
    BodyChair,
    Document,
    Indicator,
    JointBody,
    Meeting,
    MeetingParticipant,
    Observation,
    Plan,
    PlanItem,
    Project,
    ProjectOrganization,
    ProjectPerson,
    ProjectUpdate,
    Theme,
)
from projects.resources import (
    DocumentResource,
    JointBodyResource,
    MeetingResource,
    ProjectResource,
)


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0
    fields = ("number", "title_en", "title_ru", "title_ja")


@admin.register(Plan)
class PlanAdmin(TranslatedRecordAdmin):
    list_display = ("title", "country_a", "country_b", "proposed_on", "proposed_by")
    list_select_related = ("proposed_by",)
    search_fields = ("title_en", "title_ru", "title_ja", "slug")
    autocomplete_fields = ("proposed_by", "proposed_at")
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = (PlanItemInline, CitationInline)


@admin.register(PlanItem)
class PlanItemAdmin(TranslatedRecordAdmin):
    list_display = ("number", "title", "plan")
    list_filter = ("plan",)
    list_select_related = ("plan",)
    search_fields = ("title_en", "title_ru", "title_ja")
    autocomplete_fields = ("plan",)
    inlines = (CitationInline,)


class ProjectOrganizationInline(admin.TabularInline):
    model = ProjectOrganization
    extra = 0
    autocomplete_fields = ("organization",)


class ProjectPersonInline(admin.TabularInline):
    model = ProjectPerson
    extra = 0
    autocomplete_fields = ("person",)


class ProjectUpdateInline(admin.TabularInline):
    model = ProjectUpdate
    extra = 0
    fields = ("date", "date_precision", "status", "note_en", "note_ru", "note_ja")


@admin.register(Project)
class ProjectAdmin(RecordImportExportMixin, TranslatedRecordAdmin):
    resource_classes = [ProjectResource]
    list_display = ("title", "plan_item", "status", "start", "progress", "updated")
    list_filter = ("status", "plan_item__plan", "plan_item")
    list_select_related = ("plan_item",)
    search_fields = ("title_en", "title_ru", "title_ja", "slug")
    autocomplete_fields = ("plan_item", "themes")
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = (ProjectOrganizationInline, ProjectPersonInline, ProjectUpdateInline, CitationInline)


@admin.register(ProjectUpdate)
class ProjectUpdateAdmin(TranslatedRecordAdmin):
    list_display = ("project", "date", "status")
    list_select_related = ("project",)
    search_fields = ("note_en", "note_ru", "note_ja", "project__title_en")
    autocomplete_fields = ("project",)
    date_hierarchy = "date"
    inlines = (CitationInline,)


@admin.register(ProjectOrganization)
class ProjectOrganizationAdmin(RecordAdmin):
    list_display = ("project", "organization", "role", "side")
    list_select_related = ("project", "organization")
    list_filter = ("role", ("side", CountryFilter))
    search_fields = ("project__title_en", "organization__name_en")
    autocomplete_fields = ("project", "organization")
    inlines = (CitationInline,)


@admin.register(ProjectPerson)
class ProjectPersonAdmin(TranslatedRecordAdmin):
    list_display = ("project", "person", "role")
    list_select_related = ("project", "person")
    search_fields = ("project__title_en", "person__name_en", "person__name_ru", "person__name_ja")
    autocomplete_fields = ("project", "person")
    inlines = (CitationInline,)


class MeetingParticipantInline(admin.TabularInline):
    model = MeetingParticipant
    extra = 0
    fields = ("person", "side", "role_en", "role_ru", "role_ja", "position", "organization")
    autocomplete_fields = ("person", "position", "organization")


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ("title_en", "kind", "signed_on", "signed_on_precision")
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(RecordImportExportMixin, TranslatedRecordAdmin):
    resource_classes = [MeetingResource]
    list_display = ("title", "kind", "start", "city", "country", "body", "session_number")
    list_filter = ("kind", ("country", CountryFilter), "body")
    list_select_related = ("body",)
    search_fields = ("title_en", "title_ru", "title_ja", "city_en", "slug")
    autocomplete_fields = ("body", "plan_items", "projects", "organizations")
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "start"
    inlines = (MeetingParticipantInline, DocumentInline, CitationInline)


@admin.register(MeetingParticipant)
class MeetingParticipantAdmin(TranslatedRecordAdmin):
    list_display = ("meeting", "person", "side", "role")
    list_select_related = ("meeting", "person")
    list_filter = (("side", CountryFilter), "meeting__kind")
    search_fields = ("meeting__title_en", "person__name_en", "person__name_ru", "person__name_ja")
    autocomplete_fields = ("meeting", "person", "position", "organization")
    inlines = (CitationInline,)


@admin.register(Document)
class DocumentAdmin(RecordImportExportMixin, TranslatedRecordAdmin):
    resource_classes = [DocumentResource]
    list_display = ("title", "kind", "signed_on", "meeting")
    list_filter = ("kind",)
    list_select_related = ("meeting",)
    search_fields = ("title_en", "title_ru", "title_ja", "slug")
    autocomplete_fields = ("meeting", "signatories", "parties", "plan_items", "projects")
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "signed_on"
    inlines = (CitationInline,)


class ObservationInline(admin.TabularInline):
    model = Observation
    extra = 0
    fields = ("date", "date_precision", "qualifier", "value", "note_en")


@admin.register(Indicator)
class IndicatorAdmin(TranslatedRecordAdmin):
    list_display = ("name", "unit", "measures", "plan_item", "theme")
    list_filter = ("measures",)
    list_select_related = ("plan_item", "theme")
    search_fields = ("name_en", "name_ru", "name_ja", "slug")
    autocomplete_fields = ("plan", "plan_item", "project", "theme")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (ObservationInline, CitationInline)


@admin.register(Observation)
class ObservationAdmin(TranslatedRecordAdmin):
    list_display = ("indicator", "date", "qualifier", "value")
    list_select_related = ("indicator",)
    search_fields = ("indicator__name_en",)
    autocomplete_fields = ("indicator",)
    date_hierarchy = "date"
    inlines = (CitationInline,)


@admin.register(Theme)
class ThemeAdmin(TranslatedRecordAdmin):
    list_display = ("name", "slug", "updated")
    search_fields = ("name_en", "name_ru", "name_ja", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (CitationInline,)


class BodyChairInline(admin.TabularInline):
    model = BodyChair
    extra = 0
    fields = (
        "person",
        "side",
        "role",
        "position",
        "start",
        "start_precision",
        "end",
        "end_precision",
        "as_of",
    )
    autocomplete_fields = ("person", "position")
    show_change_link = True


@admin.register(JointBody)
class JointBodyAdmin(RecordImportExportMixin, TranslatedRecordAdmin):
    resource_classes = [JointBodyResource]
    list_display = ("name", "kind", "updated")
    list_filter = ("kind",)
    search_fields = ("name_en", "name_ru", "name_ja", "slug")
    autocomplete_fields = ("plans",)
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (BodyChairInline, CitationInline)


@admin.register(BodyChair)
class BodyChairAdmin(RecordAdmin):
    list_display = ("body", "person", "side", "role", "start", "end", "as_of")
    list_select_related = ("body", "person")
    list_filter = ("role", ("side", CountryFilter), "body")
    search_fields = ("body__name_en", "person__name_en", "person__name_ru", "person__name_ja")
    autocomplete_fields = ("body", "person", "position")
    inlines = (CitationInline,)
