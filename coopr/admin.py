"""Admin for provenance, and the base classes every app's admin builds on.

Every record admin keeps history (who, when, what; revert), refuses to overwrite a
colleague's newer save (optimistic locking on `version`), saves through the services, and
groups translated fields per language so an editor sees what is missing.
"""

from __future__ import annotations

from itertools import chain

from concurrency.admin import ConcurrentModelAdmin
from concurrency.exceptions import RecordModifiedError
from concurrency.forms import ConcurrentForm
from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.translator import translator
from simple_history.admin import SimpleHistoryAdmin

from coopr.conflicts import describe_conflict
from coopr.models import Citation, Source
from coopr.services import m2m_set, record_delete, record_save
from coopr.translated import translated_fields

admin.site.site_header = _("coopr: editing the cooperation record")
admin.site.site_title = _("coopr admin")
admin.site.index_title = _("Records")

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "ja": "日本語"}


class VersionedForm(ConcurrentForm):
    """A model form that refuses a save based on an out-of-date version, and says why."""

    def clean(self):
        cleaned = super(ConcurrentForm, self).clean()
        field = self.instance._concurrencymeta.field.name
        seen = cleaned.get(field)
        if self.instance.pk and seen is not None:
            current = (
                type(self.instance)
                ._base_manager.filter(pk=self.instance.pk)
                .values_list(field, flat=True)
                .first()
            )
            if current != seen:
                raise ValidationError(
                    {NON_FIELD_ERRORS: describe_conflict(self.instance, seen)}, code="conflict"
                )
        return cleaned


class CitationFormSet(BaseGenericInlineFormSet):
    """Citation forms know their record before validation, so a field it lacks is an error."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.content_type = ContentType.objects.get_for_model(self.instance)
        form.instance.object_id = self.instance.pk
        return form


class CitationInline(GenericTabularInline):
    """The sources a record cites, editable on the record's own page."""

    model = Citation
    formset = CitationFormSet  # type: ignore[assignment]
    extra = 0
    fields = ("source", "field_name", "quote", "locator", "note")
    autocomplete_fields = ("source",)


def save_m2m(form) -> None:
    """What `form.save_m2m()` writes, with each many-to-many field through `m2m_set` (which
    writes only what differs). Other private fields (a generic relation) save as Django's
    forms do."""
    cleaned, opts = form.cleaned_data, form.instance._meta
    for field in chain(opts.many_to_many, opts.private_fields):
        if not hasattr(field, "save_form_data") or field.name not in cleaned:
            continue
        if (form._meta.fields and field.name not in form._meta.fields) or (
            form._meta.exclude and field.name in form._meta.exclude
        ):
            continue
        if field in opts.many_to_many:
            m2m_set(obj=form.instance, name=field.name, targets=cleaned[field.name])
        else:
            field.save_form_data(form.instance, cleaned[field.name])


class RecordAdmin(ConcurrentModelAdmin, SimpleHistoryAdmin):
    """Base admin: history and revert, optimistic locking, read-only timestamps, services."""

    form = VersionedForm
    readonly_fields = ("created", "updated")
    save_on_top = True
    list_per_page = 50
    # Links typed without a scheme are web addresses: assume https (Django 6's default).
    formfield_overrides = {
        **ConcurrentModelAdmin.formfield_overrides,
        models.URLField: {"assume_scheme": "https"},
    }

    def get_list_display(self, request):
        """A partial date shows as its source gives it ("September 2017"), sorted as a date."""
        partial = getattr(self.model, "partial_dates", ())
        return tuple(
            self._partial_date_column(name) if name in partial else name
            for name in super().get_list_display(request)
        )

    def _partial_date_column(self, name: str):
        @admin.display(description=self.model._meta.get_field(name).verbose_name, ordering=name)
        def column(obj):
            return obj.display_date(name)

        return column

    # Every write goes through the services (coopr/services.py), as the API's and the
    # import's do: saves, deletes (the form's button, the bulk action, an inline row's box)
    # and many-to-many fields.

    def save_model(self, request, obj, form, change):
        record_save(instance=obj, user=request.user)

    def delete_model(self, request, obj):
        record_delete(instance=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        """The bulk action deletes each record through the service: one history row each,
        naming who deleted it."""
        for obj in queryset:
            record_delete(instance=obj, user=request.user)

    def log_deletions(self, request, queryset):
        """The admin log of deleted records, the way Django 5.1 asks for it (concurrency still
        overrides the deprecated `log_deletion`, which makes every delete warn), leaving out
        the rows concurrency found in conflict, as its override does."""
        conflicts = set(self._get_conflicts(request))
        deleted = [obj for obj in queryset if obj.pk not in conflicts]
        return LogEntry.objects.log_actions(
            user_id=request.user.pk, queryset=deleted, action_flag=DELETION
        )

    def save_related(self, request, form, formsets, change):
        save_m2m(form)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        """Inline rows (positions, participants, citations, …) save through the service too."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            record_delete(instance=obj, user=request.user)
        for instance in instances:
            record_save(instance=instance, user=request.user)
        for inline_form in formset.saved_forms:
            save_m2m(inline_form)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        match = request.resolver_match
        if obj is not None and obj.pk and match and match.url_name.endswith("_simple_history"):
            # Reverting starts from an old copy of the record, old version number included;
            # the revert is based on the version the editor sees now.
            current = type(obj)._base_manager.filter(pk=obj.pk).values_list("version", flat=True)

            class RevertForm(form):
                def __init__(self, *args, **kwargs):
                    super().__init__(*args, **kwargs)
                    self.initial["version"] = current.first()

            return RevertForm
        return form

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Each history row lists what changed, field by field, leaving out bookkeeping."""
        hidden = {"version", "updated", *self._untranslated_columns()}
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, foreign_keys_are_objs=foreign_keys_are_objs, excluded_fields=hidden
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    def _untranslated_columns(self) -> set[str]:
        """The mirror columns modeltranslation keeps beside `title_en`, `title_ru`, …"""
        return set(translated_fields(self.model))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RecordModifiedError:
            # Between the form's check and the save, someone else saved: the same answer.
            seen = int(request.POST.get("version", 0) or 0)
            obj = self.get_object(request, object_id)
            self.message_user(request, describe_conflict(obj, seen), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        except ValidationError as error:
            # A rule only the service could check (the forms check the rest): nothing was
            # written, since the admin's transaction rolled back; say what was wrong.
            self.message_user(
                request, _("Nothing was saved: %s") % "; ".join(error.messages), messages.ERROR
            )
            return HttpResponseRedirect(request.get_full_path())


class TranslatedRecordAdmin(RecordAdmin, TranslationAdmin):
    """Base admin for models with translated fields: one fieldset per language."""

    def get_fieldsets(self, request, obj=None):
        if self.fieldsets:
            return self.fieldsets
        options = translator.get_options_for_model(self.model)
        translated = {
            field.name: field.language for fields in options.all_fields.values() for field in fields
        }
        originals = set(options.all_fields)
        record = ("version", "created", "updated")
        fields = self.get_fields(request, obj)
        general = [f for f in fields if f not in {*translated, *originals, *record}]
        fieldsets = [(None, {"fields": general})]
        for code, name in LANGUAGE_NAMES.items():
            in_language = [f for f in fields if translated.get(f) == code]
            if in_language:
                fieldsets.append((name, {"fields": in_language, "classes": [f"lang-{code}"]}))
        fieldsets.append((_("Record"), {"fields": [f for f in record if f in fields]}))
        return fieldsets

    def get_list_display(self, request):
        return (*super().get_list_display(request), "languages")

    @admin.display(description=_("languages"))
    def languages(self, obj):
        """Which languages the record's title (or name) is filled in: en ru —."""
        fields = translator.get_options_for_model(type(obj)).fields
        name = next(
            (f for f in ("title", "name", "note", "role") if f in fields), sorted(fields)[0]
        )
        return format_html_join(
            " ",
            '<span title="{}">{}</span>',
            (
                (LANGUAGE_NAMES[code], code if getattr(obj, f"{name}_{code}", None) else "—")
                for code in LANGUAGE_NAMES
            ),
        )


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
