"""Serializer building blocks: translated fields, partial dates, citations, short references."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language
from django_countries.fields import Country, CountryField
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import flatten_choices_dict, to_choices_dict

from coopr.dates import format_partial
from coopr.models import Citation, Source
from coopr.translated import translated_fields

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)


def translated_names(model) -> tuple[str, ...]:
    return translated_fields(model)


TranslationsSerializer = type(
    "TranslationsSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "A text per language; null (or empty) where there is none.",
        **{
            code: serializers.CharField(allow_null=True, allow_blank=True, required=False)
            for code in LANGUAGES
        },
    },
)


class TranslationsSchema(OpenApiSerializerExtension):
    """The `Translations` component: its languages and no other key (others are a 400)."""

    target_class = TranslationsSerializer

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_basic_serializer(self.target, direction)
        if direction == "response":  # every language is there, null where there is none
            schema["required"] = list(LANGUAGES)
        return {**schema, "additionalProperties": False}


@extend_schema_field(TranslationsSerializer)
class TranslationsField(serializers.Field):
    """Every language of a translated field: {"en": …, "ru": …, "ja": …}; writable."""

    def __init__(self, name: str, **kwargs):
        self.translated = name
        kwargs.setdefault("source", "*")
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return {code: getattr(obj, f"{self.translated}_{code}") for code in LANGUAGES}

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError(
                'Give an object with a text per language, e.g. {"en": "…", "ru": "…"}.'
            )
        unknown = sorted(set(data) - set(LANGUAGES))
        if unknown:
            raise serializers.ValidationError(
                f"Unknown language(s): {', '.join(unknown)}. Use {', '.join(LANGUAGES)}."
            )
        values = {}
        for code, text in data.items():
            if text is not None and not isinstance(text, str):
                raise serializers.ValidationError(f"The {code} text must be a string or null.")
            if text and "\x00" in text:
                raise serializers.ValidationError(f"The {code} text has a null character.")
            values[f"{self.translated}_{code}"] = text or None
        return values


class ChoiceField(serializers.ChoiceField):
    """A choice shown as its value. DRF's own hands back a blank value as it is, and a blank
    country is django-countries' `Country("")` (equal to "" but not JSON): shown as ""."""

    def to_representation(self, value):
        return super().to_representation(str(value) if isinstance(value, Country) else value)


class CountryChoiceField(ChoiceField):
    """A country (django-countries' field), its choices made once per list of countries and
    language. DRF makes a choice field's choices each time it builds the field, which is each
    time it builds a serializer: for the 250 or so countries, translated and sorted, that was
    the largest part of building a record's serializer, several times per detail."""

    made: dict[tuple[int, str], tuple[dict, dict, dict]] = {}

    def __init__(self, *, countries, **kwargs):
        self.countries = countries
        kwargs.pop("choices", None)
        super().__init__(choices=(), **kwargs)

    def made_choices(self) -> tuple[dict, dict, dict]:
        """(grouped, flat, by text) as DRF's ChoiceField makes them, for this language."""
        key = (id(self.countries), get_language() or settings.LANGUAGE_CODE)
        found = self.made.get(key)
        if found is None:
            grouped = to_choices_dict(list(self.countries))
            flat = flatten_choices_dict(grouped)
            found = self.made[key] = (grouped, flat, {str(k): k for k in flat})
        return found

    def _ignore(self, value) -> None:
        pass  # DRF's ChoiceField sets them in __init__: they are made on demand instead

    grouped_choices = property(lambda self: self.made_choices()[0], _ignore)
    choices = property(lambda self: self.made_choices()[1], _ignore)
    choice_strings_to_values = property(lambda self: self.made_choices()[2], _ignore)


class ChoiceFieldsMixin:
    """For a ModelSerializer: its choices shown as their values (ChoiceField), and a country's
    choices made once per language (CountryChoiceField)."""

    serializer_choice_field: type[serializers.ChoiceField] = ChoiceField

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, CountryField) and field_class is ChoiceField:
            return CountryChoiceField, {**kwargs, "countries": model_field.countries}
        return field_class, kwargs


class PartialDateField(serializers.SerializerMethodField):
    """How a partial date reads, as its source gives it ("September 2017")."""

    def __init__(self, date_field: str, **kwargs):
        self.date_field = date_field
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.method_name = None

    def to_representation(self, obj):
        return format_partial(
            getattr(obj, self.date_field), getattr(obj, f"{self.date_field}_precision")
        )


extend_schema_field(OpenApiTypes.STR)(PartialDateField)


class SourceRefSerializer(serializers.ModelSerializer):
    """A source, as a citation shows it."""

    link = serializers.URLField(source="url", read_only=True)

    class Meta:
        model = Source
        fields = ["slug", "title", "publisher", "link", "published_on", "published_on_precision"]


class CitationSerializer(serializers.ModelSerializer):
    """One citation: which source supports the record (or one field), with its words."""

    source = SourceRefSerializer(read_only=True)  # type: ignore[assignment]
    field = serializers.CharField(source="field_name", read_only=True)

    class Meta:
        model = Citation
        fields = ["source", "field", "quote", "locator", "note"]


class RecordUrlField(serializers.HyperlinkedIdentityField):
    """A record's `url`, as DRF's HyperlinkedIdentityField gives it, reversed once per response
    and filled in for each row: a list of 200 records would otherwise resolve the route 200
    times. The value in the route is a placeholder only the route's own characters make up."""

    PLACEHOLDERS = {"pk": "9876543210123", "slug": "coopr-url-placeholder"}

    def get_url(self, obj, view_name, request, format):
        value = getattr(obj, self.lookup_field)
        if value in (None, ""):
            return None
        placeholder = self.PLACEHOLDERS.get(self.lookup_field)
        if placeholder is None:
            return super().get_url(obj, view_name, request, format)
        templates = self.__dict__.setdefault("_templates", {})
        key = (view_name, format, id(request))
        template = templates.get(key)
        if template is None:
            kwargs = {self.lookup_url_kwarg: placeholder}
            template = self.reverse(view_name, kwargs=kwargs, request=request, format=format)
            templates.clear()
            templates[key] = template
        return template.replace(placeholder, str(value))
