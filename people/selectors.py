"""Reads the people pages need, shaped from what the QuerySets prefetched (no queries here).

The QuerySet methods (`Person.objects.for_list()`, `for_page()`, `Organization.objects.
for_page()`) fetch everything in a fixed number of queries; these helpers only rearrange the
prefetched rows for the templates and the CSV.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext

from coopr.dates import format_partial
from people.models import Organization, Person, Position


@dataclass
class Name:
    language: str  # a language code, for the `lang` attribute
    language_name: str
    text: str


def names_in_scripts(record: Person | Organization) -> list[Name]:
    """The record's name in each language it is given in (English, Russian, Japanese).

    Read from the language columns, not `name`: a missing translation stays missing here
    instead of repeating the English.
    """
    names = []
    for code, label in settings.LANGUAGES:
        text = getattr(record, f"name_{code.replace('-', '_')}", None)
        if text:
            names.append(Name(code, gettext(label), text))  # type: ignore[arg-type]
    return names


def other_scripts(record: Person | Organization) -> list[Name]:
    """The names in other languages than the one shown (`record.name`), e.g. "Ольга Голодец"
    beside "Olga Golodets"."""
    return [name for name in names_in_scripts(record) if name.text != record.name]


def other_names(record: Person | Organization) -> list[str]:
    return [line.strip() for line in (record.other_names or "").splitlines() if line.strip()]


def latest_posts(person: Person) -> list[Position]:
    """The current or latest posts: those of the last date on record (a person may hold
    several posts at once, e.g. president of an association and chairman of a council).

    Reads `posts`, which `Person.objects.for_list()` prefetches in date order.
    """
    posts = getattr(person, "posts", None)
    if posts is None:
        raise AttributeError("latest_posts() needs Person.objects.for_list() (it reads `posts`).")
    if not posts:
        return []
    last = _dated(posts[-1])
    return [post for post in posts if _dated(post) == last]


def _dated(position: Position):
    """The date a post is ordered by (see PositionQuerySet.chronological)."""
    return position.start or position.as_of


def post_dates(position: Position) -> str:
    """When the post was held, as the sources date it: "from … to …", "as of …"."""
    parts = []
    start = format_partial(position.start, position.start_precision)
    end = format_partial(position.end, position.end_precision)
    if start and end:
        parts.append(gettext("from %(start)s to %(end)s") % {"start": start, "end": end})
    elif start:
        parts.append(gettext("since %(start)s") % {"start": start})
    elif end:
        parts.append(gettext("until %(end)s") % {"end": end})
    if position.as_of:
        date = formats.date_format(position.as_of, "DATE_FORMAT")
        parts.append(gettext("as of %(date)s") % {"date": date})
    return "; ".join(parts)


def post_text(position: Position | None) -> str:
    """A post in one line, e.g. "Deputy Prime Minister, Government of … (as of 24 March 2018)"."""
    if position is None:
        return ""
    what = ", ".join(
        part
        for part in (position.title, position.organization.name if position.organization else "")
        if part
    )
    when = post_dates(position)
    return f"{what} ({when})" if when else what
