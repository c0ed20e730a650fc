"""Import and export of records as spreadsheets (CSV, XLSX): the base every resource builds on.

A row stands for one record and names it by its `slug`; foreign keys and many-to-many
fields name other records by slug too, never by numeric id (an app gives a widget for a
model without a slug: projects names a plan item "<plan slug>/<number>"). Each translated
field is a column per language (`title_en`, `title_ru`, `title_ja`); the untranslated
mirror column modeltranslation keeps is not a column. A partial date is its ISO date beside
its `_precision` column. Bookkeeping (`id`, `created`, `updated`) is left out. `version` is
exported and read back as a check only: a row whose version is older than the record's
is an error (someone changed the record since the file was exported), so an old file can
never silently undo a colleague's edit. Rows without a version (new records, hand-made
files) are not checked.

Every imported row is validated (`full_clean`) and saved through `record_save`, so history
names the importing user with the reason "import". An unchanged row is skipped: importing
an export changes nothing. Problems are row errors naming the column, in plain words.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from concurrency.exceptions import RecordModifiedError
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from coopr.exports import restore_cell
from coopr.services import m2m_set, record_save
from coopr.translated import column
from coopr.translated import translated_fields as fields_of

BOOKKEEPING = frozenset({"id", "version", "created", "updated"})
EMPTY = (None, "")


def languages() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def translated_fields(model: type[models.Model]) -> dict[str, list[str]]:
    """Each translated field of `model` and its columns, in language order."""
    return {name: [column(name, code) for code in languages()] for name in fields_of(model)}


def record_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The columns of `model`'s rows, in the model's order.

    A translated field becomes its per-language columns; a partial date is followed by its
    precision. Many-to-many fields with their own link model (e.g. a meeting's
    participants, with side and role) are edited on the record's page, not here.
    """
    translated = translated_fields(model)
    columns = {column for names in translated.values() for column in names}
    partial = set(getattr(model, "partial_dates", ()))
    precisions = {f"{name}_precision" for name in partial}
    names: list[str] = []
    for field in model._meta.concrete_fields:
        if field.name in BOOKKEEPING or field.primary_key or not field.editable:
            continue  # kept by the app (a project's item number is its item's), not typed
        if field.name in translated:
            names.extend(translated[field.name])
        elif field.name in columns or field.name in precisions:
            continue  # placed beside their mirror field or date
        else:
            names.append(field.name)
            if field.name in partial:
                names.append(f"{field.name}_precision")
    for field in model._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:  # type: ignore[union-attr]
            names.append(field.name)
    names.append("version")
    return tuple(names)


def _is_empty(value) -> bool:
    return value is None or (not isinstance(value, models.Model) and value in EMPTY)


# Widgets ----------------------------------------------------------------------------------


class TextWidget(widgets.CharWidget):
    """Text as written; a number typed in a spreadsheet cell is read as its text."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return super().clean(value, row, **kwargs)


class WholeNumberWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        try:
            number = Decimal(force_str(value).strip())
        except InvalidOperation:
            raise ValueError(_("Enter a whole number, not “%s”.") % value) from None
        if not number.is_finite() or number != number.to_integral_value():
            raise ValueError(_("Enter a whole number, not “%s”.") % value)
        return int(number)


class IsoDateWidget(widgets.DateWidget):
    """A date as YYYY-MM-DD in CSV; a date cell in XLSX."""

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if value is None or not force_str(value).strip():
            return None
        try:
            return dt.datetime.strptime(force_str(value).strip(), "%Y-%m-%d").date()
        except ValueError:
            raise ValueError(
                _("Enter a date as YYYY-MM-DD, e.g. 2016-05-06, not “%s”.") % value
            ) from None


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    """Another record, named by its slug."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        if value is None or not force_str(value).strip():
            return None
        return self.lookup(force_str(value).strip())

    def lookup(self, key: str):
        try:
            return self.model._default_manager.get(slug=key)
        except self.model.DoesNotExist:
            raise ValueError(
                _("There is no %(model)s with the slug “%(key)s”.")
                % {"model": self.model._meta.verbose_name, "key": key}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.key(value)

    def key(self, obj) -> str:
        return obj.slug

    def related_path(self, name: str) -> str:
        """What to fetch with the record to write its key: the linked record itself."""
        return name


class SlugManyToManyWidget(widgets.ManyToManyWidget):
    """Other records, named by their slugs and separated by commas."""

    def __init__(self, model, item_widget: SlugForeignKeyWidget | None = None, **kwargs):
        super().__init__(model, separator=",", field="slug", **kwargs)
        self.item_widget = item_widget or SlugForeignKeyWidget(model)

    def clean(self, value, row=None, **kwargs):
        keys = [key.strip() for key in force_str(value or "").split(self.separator)]
        found, errors = [], []
        for key in filter(None, keys):
            try:
                found.append(self.item_widget.lookup(key).pk)
            except ValueError as error:
                errors.append(str(error))
        if errors:
            raise ValueError(" ".join(errors))
        return self.model._default_manager.filter(pk__in=found)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(self.item_widget.key(item) for item in value.all())


# Fields -----------------------------------------------------------------------------------


class RecordField(fields.Field):
    """A column. An empty cell leaves an empty value as it is (NULL and "" alike).

    The data holds both NULL and "" for an empty text (e.g. a missing translation); a
    spreadsheet cannot tell them apart, so an export read back must not turn one into
    the other.
    """

    def save(self, instance, row, is_m2m=False, **kwargs):
        if self.readonly:
            return
        cleaned = self.clean(row, **kwargs)
        if is_m2m:
            m2m_set(obj=instance, name=self.attribute, targets=cleaned)
            return
        if _is_empty(cleaned) and _is_empty(self.get_value(instance)):
            return
        setattr(instance, self.attribute, cleaned)


# Resources --------------------------------------------------------------------------------


class RecordResource(resources.ModelResource):
    """Base resource: slugs for identity and links, a column per language, saves via services.

    Subclasses set `Meta.model` and `Meta.fields = record_fields(Model)`, and
    `link_widgets` for linked models without a slug.
    """

    DEFAULT_RESOURCE_FIELD = RecordField
    #: Exported, and checked on import (never written): see the module's docstring.
    version = RecordField(
        attribute="version", column_name="version", readonly=True, widget=WholeNumberWidget()
    )
    #: How a link names a record of a model that has no slug of its own, e.g. a plan item.
    link_widgets: dict[type[models.Model], type[SlugForeignKeyWidget]] = {}

    class Meta:
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        use_bulk = False

    @classmethod
    def widget_for(cls, django_field):
        """The widget for a model field, or None for import-export's default."""
        if django_field.is_relation:
            related = django_field.related_model
            if related in cls.link_widgets:
                item = cls.link_widgets[related](related)
            elif any(f.name == "slug" for f in related._meta.fields):
                item = SlugForeignKeyWidget(related)
            else:
                return None
            if django_field.many_to_many:
                return SlugManyToManyWidget(related, item_widget=item)
            return item
        if isinstance(django_field, models.DateTimeField):
            return None
        if isinstance(django_field, models.DateField):
            return IsoDateWidget()
        if isinstance(django_field, (models.CharField, models.TextField)):
            return TextWidget(allow_blank=True)
        if isinstance(django_field, models.IntegerField):
            return WholeNumberWidget()
        return None

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        widget = cls.widget_for(django_field)
        if widget is None:
            return super().field_from_django_field(field_name, django_field, readonly)
        return cls.DEFAULT_RESOURCE_FIELD(
            attribute=field_name,
            column_name=field_name,
            widget=widget,
            readonly=readonly,
            default=django_field.default,
        )

    # Export -------------------------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        """Fetch the linked records' keys in a few queries, not one per row."""
        joined, prefetched = [], []
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, SlugManyToManyWidget):
                prefetched.append(widget.item_widget.related_path(name))
            elif isinstance(widget, SlugForeignKeyWidget):
                joined.append(widget.related_path(name))
        return queryset.select_related(*joined).prefetch_related(*prefetched)

    # Import -------------------------------------------------------------------------------

    def known_columns(self) -> set[str]:
        return {field.column_name for field in self.get_import_fields()}

    def before_import(self, dataset, **kwargs):
        """Refuse a file with columns this import would silently leave out; read each cell
        the export neutralised as the text it stands for ("'=x" is "=x")."""
        unknown = [
            str(header)
            for header in dataset.headers or []
            if header not in (None, "") and str(header) not in self.known_columns()
        ]
        if unknown:
            raise ValueError(
                _(
                    "The file has columns this import does not know: %(unknown)s. "
                    "Remove or rename them (the columns are: %(known)s)."
                )
                % {
                    "unknown": ", ".join(unknown),
                    "known": ", ".join(f.column_name for f in self.get_import_fields()),
                }
            )
        for index, row in enumerate(dataset):
            dataset[index] = [restore_cell(cell) for cell in row]
        super().before_import(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Read the row into the record; a bad link in a many-to-many column is an error too."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        errors.update(self.version_errors(instance, row))
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def version_errors(self, instance, row) -> dict[str, list[str]]:
        """The row was exported from an older version of the record than the current one."""
        if not instance.pk or "version" not in row:
            return {}
        try:
            seen = self.fields["version"].clean(row)
        except ValueError as error:
            return {"version": [str(error)]}
        if seen is None or seen == instance.version:
            return {}
        return {
            "version": [
                _(
                    "This record has changed since the file was exported (version %(seen)s "
                    "in the file, %(current)s now). Export it again and redo your edit, so "
                    "that the newer change is not lost."
                )
                % {"seen": seen, "current": instance.version}
            ]
        }

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise self.column_errors(error) from None

    def save_instance(self, instance, is_create, row, **kwargs):
        """Save through `record_save`: validated, with the importing user in history."""
        self.before_save_instance(instance, row, **kwargs)
        if self._is_using_transactions(kwargs) or not self._is_dry_run(kwargs):
            try:
                record_save(instance=instance, user=kwargs.get("user"), reason="import")
            except ValidationError as error:
                raise self.column_errors(error) from None
            except RecordModifiedError:
                raise ValidationError(
                    {
                        NON_FIELD_ERRORS: _(
                            "Someone else saved this record during the import. "
                            "Import the file again to see their change."
                        )
                    }
                ) from None
        self.after_save_instance(instance, row, **kwargs)

    def column_errors(self, error: ValidationError) -> ValidationError:
        """Errors keyed by the file's columns: a mirror field's go to its default language."""
        if not hasattr(error, "error_dict"):
            return error
        translated = translated_fields(self._meta.model)
        default = languages()[0]
        merged: dict[str, list] = {}
        for name, messages in error.message_dict.items():
            if name in translated:
                name = f"{name}_{default}"
            merged.setdefault(name, [])
            merged[name].extend(m for m in messages if m not in merged[name])
        return ValidationError(merged)
