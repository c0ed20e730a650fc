"""What the meetings, documents and indicators pages share: the language, translated columns,
citations by the fact they support, partial dates as text and ISO."""

from __future__ import annotations

from django.utils import translation
from modeltranslation.settings import AVAILABLE_LANGUAGES

from coopr.models import field_label


def language() -> str:
    code = translation.get_language() or "en"
    return code if code in AVAILABLE_LANGUAGES else "en"


def translated_value(row: dict, name: str) -> str:
    """The same, for a `values()` row holding `<name>_en` and `<name>_<lang>`."""
    return row.get(f"{name}_{language()}") or row.get(f"{name}_en") or ""


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
