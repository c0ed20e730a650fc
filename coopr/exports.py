"""CSV exports of public lists: the same rows the page shows, safe to open in a spreadsheet;
and text made safe for the feeds (Atom, iCalendar)."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.http import StreamingHttpResponse

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A cell of a file made to be imported again that `neutralise_cell` escaped: apostrophes
# before a formula character.
ESCAPED_FORMULA = re.compile(r"'+[=+\-@\t\r]")


def neutralise(value: Any) -> str:
    """The cell as text; a leading formula character is escaped with an apostrophe."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def neutralise_cell(value: Any) -> Any:
    """A cell of a file that may be imported again (the admin's exports): text a spreadsheet
    would run gets an apostrophe in front, and so does text that already starts with
    apostrophes before a formula character, so that `restore_cell` gives back exactly what
    was exported. Numbers, dates and empty cells stay as they are."""
    if isinstance(value, str) and (
        value.startswith(FORMULA_PREFIXES) or ESCAPED_FORMULA.match(value)
    ):
        return "'" + value
    return value


def restore_cell(value: Any) -> Any:
    """An imported cell as it was before `neutralise_cell`: one apostrophe fewer."""
    if isinstance(value, str) and ESCAPED_FORMULA.match(value):
        return value[1:]
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


Column = tuple[str, Callable[[Any], Any]]


def csv_response(
    rows: Iterable[Any], columns: list[Column], filename: str
) -> StreamingHttpResponse:
    """Stream `rows` as CSV (UTF-8 with a byte-order mark, so Excel reads Cyrillic and kanji)."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([str(label) for label, _ in columns])
        for row in rows:
            yield writer.writerow([neutralise(value(row)) for _, value in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Characters neither XML 1.0 nor iCalendar text may hold: control characters other than tab,
# line feed and carriage return, and the two noncharacters XML refuses. A name pasted with one
# (a vertical tab from a word processor) would make the whole feed fail (Django refuses to
# write it) or be refused by a strict reader.
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def feed_text(text: str) -> str:
    """`text` with every character a feed cannot hold replaced by U+FFFD."""
    return NOT_TEXT.sub("\ufffd", text)
