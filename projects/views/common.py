"""What the meetings, documents and indicators pages share: the language, translated columns,
citations by the fact they support, partial dates as text and ISO."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.functions import Coalesce, Lower
from django.utils import translation
from django.utils.text import capfirst
from modeltranslation.settings import AVAILABLE_LANGUAGES

from coopr.dates import format_partial
from projects.templatetags.figures import iso_date


def language() -> str:
    code = translation.get_language() or "en"
    return code if code in AVAILABLE_LANGUAGES else "en"


def translated(name: str) -> models.Expression:
    """A translated column in the active language, English when it has no translation (what
    `obj.<name>` shows), without regard to case: an expression to sort by."""
    lang = language()
    if lang == "en":
        return Lower(f"{name}_en")
    return Lower(Coalesce(f"{name}_{lang}", f"{name}_en"))


def translated_value(row: dict, name: str) -> str:
    """The same, for a `values()` row holding `<name>_en` and `<name>_<lang>`."""
    return row.get(f"{name}_{language()}") or row.get(f"{name}_en") or ""


def field_label(model, name: str) -> str:
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:  # a field since renamed: show the name the citation holds
        return name


def citations_by_fact(obj, placed: set[str]) -> dict[str, list]:
    """`obj`'s prefetched citations by the fact they support: each field in `placed` (shown
    beside that field) and "record" for the rest (the whole record, or a field shown in the
    page's summary line); each citation gets `field_label`."""
    groups: dict[str, list] = {"record": []}
    for citation in obj.citations.all():
        citation.field_label = field_label(type(obj), citation.field_name)
        key = citation.field_name if citation.field_name in placed else "record"
        groups.setdefault(key, []).append(citation)
    return groups


def absolute(request, obj) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def partial_text(obj, name: str) -> str:
    return format_partial(getattr(obj, name), getattr(obj, f"{name}_precision"))


def partial_iso(obj, name: str) -> str:
    return iso_date(getattr(obj, name), getattr(obj, f"{name}_precision"))
