"""A list read as rows (`.values()`), for the lists that must answer fastest.

A page of 50 projects through models and serializers builds 150 model instances (the
project, its item, the item's plan: each with modeltranslation's and the signals' work on
`__init__`) and runs about 20 field objects per record: most of a cold list's time. Read as
rows, the same page is one query whose dictionaries are turned into the same JSON by a few
functions made once per response.

The JSON is the serializer's, key for key and in the same order: the serializer stays the
one description of the representation (the OpenAPI schema is made from it, and a detail,
a write's answer and the other lists still use it), and a test compares the two on every
row in every language (tests/api/test_rows.py). What is here is only what reads a row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from modeltranslation.utils import resolution_order
from rest_framework.reverse import reverse

from coopr.api.fields import LANGUAGES, RecordUrlField
from coopr.dates import format_partial

Row = dict[str, Any]


def moment(value, zone) -> str | None:
    """A date-time as DRF's DateTimeField gives it: ISO 8601 in `zone` (the current time
    zone, found once per response: most of what DRF's own takes), UTC written "Z"."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def date(value) -> str | None:
    return None if value is None else value.isoformat()


def url_maker(view_name: str, lookup: str, request) -> Callable[[Any], str]:
    """The record's `url` (as RecordUrlField gives it) from its slug or pk: the route reversed
    once, its placeholder replaced for each row."""
    placeholder = RecordUrlField.PLACEHOLDERS[lookup]
    template = reverse(view_name, kwargs={lookup: placeholder}, request=request)
    return lambda value: template.replace(placeholder, str(value))


class Text:
    """A translated field read from its columns (`<prefix><name>_<code>`): what the model's
    attribute shows in the active language (modeltranslation: the first of the language and
    its fallbacks with a value, else "") and the `<name>_i18n` object of every language."""

    def __init__(self, name: str, prefix: str = ""):
        self.columns = {code: f"{prefix}{name}_{code}" for code in LANGUAGES}
        self.order = [self.columns[code] for code in resolution_order(get_language() or "en")]

    def shown(self, row: Row) -> str:
        for column in self.order:
            value = row[column]
            if value is not None and value != "":
                return value
        return ""

    def every(self, row: Row) -> dict[str, str | None]:
        return {code: row[column] for code, column in self.columns.items()}


def partial_display(row: Row, name: str) -> str:
    """A partial date as it reads ("March 2018"), as PartialDateField gives it."""
    return format_partial(row[name], row[f"{name}_precision"])


def translated_columns(*names: str, prefix: str = "") -> tuple[str, ...]:
    """The columns of translated fields: `<prefix><name>_<code>` for each name and language."""
    return tuple(f"{prefix}{name}_{code}" for name in names for code in LANGUAGES)


# The columns every record's summary ends with (`Rows.stamps`).
STAMPS = ("version", "created", "updated")


class Rows:
    """Turns rows of `columns` into the summary of each record, for one request (its host,
    language and time zone). A list's rows class names its detail route, its translated
    fields and its columns, and builds each record with these parts."""

    columns: tuple[str, ...]
    view_name: str  # the detail's route, `url` reversed from the slug
    translated: tuple[str, ...]  # the translated fields read: `Text` for each

    def __init__(self, request):
        self.url = url_maker(self.view_name, "slug", request)
        self.texts = {name: Text(name) for name in self.translated}
        self.zone = timezone.get_current_timezone()

    def text(self, row: Row, name: str) -> dict:
        """`<name>` in the request's language and `<name>_i18n`."""
        text = self.texts[name]
        return {name: text.shown(row), f"{name}_i18n": text.every(row)}

    @staticmethod
    def partial_date(row: Row, name: str) -> dict:
        """`<name>`, `<name>_precision` and `<name>_display` of a partial date."""
        return {
            name: date(row[name]),
            f"{name}_precision": row[f"{name}_precision"],
            f"{name}_display": partial_display(row, name),
        }

    def stamps(self, row: Row) -> dict:
        return {
            "version": row["version"],
            "created": moment(row["created"], self.zone),
            "updated": moment(row["updated"], self.zone),
        }
