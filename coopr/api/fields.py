"""Serializer building blocks: translated fields, partial dates, citations, short references."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from modeltranslation.translator import NotRegistered, translator
from rest_framework import serializers

from coopr.dates import format_partial
from coopr.models import Citation, Source

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)


def translated_names(model) -> tuple[str, ...]:
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


@extend_schema_field(
    inline_serializer(
        "Translations",
        {code: serializers.CharField(allow_null=True, required=False) for code in LANGUAGES},
    )
)
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
            values[f"{self.translated}_{code}"] = text or None
        return values


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

    source = SourceRefSerializer(read_only=True)
    field = serializers.CharField(source="field_name", read_only=True)

    class Meta:
        model = Citation
        fields = ["source", "field", "quote", "locator", "note"]
