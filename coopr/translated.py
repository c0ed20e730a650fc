"""Translated fields (django-modeltranslation): which fields of a model are translated, and
the columns that hold them. The one place the rest of the code asks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import get_language
from modeltranslation.translator import NotRegistered, translator


def translated_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The translated fields of `model` ("title", "summary"), in their registration order;
    none for a model without translations."""
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def languages() -> tuple[str, ...]:
    """The languages every translated field is written in, the default first."""
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def column(name: str, language: str) -> str:
    """The column of one language of a translated field: ("title", "ru") -> "title_ru"."""
    return f"{name}_{language.replace('-', '_')}"


def language_columns(name: str) -> list[str]:
    """The columns of a translated field, one per language of the site."""
    return [column(name, code) for code, _label in settings.LANGUAGES]


def in_language(name: str) -> Lower:
    """A translated field in the active language, English where it has no translation (what
    `obj.<name>` shows), ignoring case: what a list is sorted by, the same on every page."""
    code = get_language() or "en"
    code = code if code in languages() else "en"
    if code == "en":
        return Lower(column(name, "en"))
    # The two columns are of two field classes (modeltranslation makes one per column): a
    # query that groups (a count beside the rows) needs the type said.
    return Lower(Coalesce(column(name, code), column(name, "en"), output_field=models.CharField()))


def fallback_language(obj: models.Model, name: str) -> str | None:
    """The language `obj.<name>` is shown in when it has no value in the active language
    ("en": the English text stands in), or None when it has its own (or none at all)."""
    code = get_language() or "en"
    code = code if code in languages() else "en"
    if code == "en" or getattr(obj, column(name, code), None):
        return None
    return "en" if getattr(obj, column(name, "en"), None) else None
