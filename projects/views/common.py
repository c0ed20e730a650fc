"""What the meetings, documents and indicators pages share: the language, translated columns,
partial dates as text and ISO."""

from __future__ import annotations

from django.utils import translation
from modeltranslation.settings import AVAILABLE_LANGUAGES


def language() -> str:
    code = translation.get_language() or "en"
    return code if code in AVAILABLE_LANGUAGES else "en"


def translated_value(row: dict, name: str) -> str:
    """The same, for a `values()` row holding `<name>_en` and `<name>_<lang>`."""
    return row.get(f"{name}_{language()}") or row.get(f"{name}_en") or ""


def absolute(request, obj) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())
