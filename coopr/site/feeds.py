"""The Atom feed of recent changes: the 50 latest edits to the public record, newest first.

Read from the change history (django-simple-history) of every record with a public page, and
of the rows shown on another record's page (a meeting's participants, an indicator's values,
a person's posts, a source's citations: their changes are changes of that page). Each entry
says which record changed, links to its page (the list of its kind if it was deleted), and
names the fields that changed — names only, and never the bookkeeping ones (version,
timestamps) — in the feed's language.

Each entry's id is a tag URI made of its history row, so it never changes. The feed runs one
query per kind of record (see TRACKED), whatever the number of changes: each query fetches
that kind's latest changes together with the history rows just before them (to tell what
changed) and, by subqueries, the current slug and name of the page each change belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

from coopr.exports import feed_text
from coopr.models import Citation, Source
from people.models import Organization, Person, Position
from projects.models import (
    Document,
    Indicator,
    Meeting,
    MeetingParticipant,
    Observation,
    Plan,
    PlanItem,
    Project,
    ProjectOrganization,
    ProjectPerson,
    ProjectUpdate,
)

LIMIT = 50

# Bookkeeping: never listed as "what changed".
HIDDEN = {"id", "created", "updated", "version"}


@dataclass(frozen=True)
class Page:
    """How to link to a kind of record's page: its URL name and the values it needs."""

    detail: str
    lookups: tuple[str, ...]  # current values read by subquery, in the URL's kwargs order
    kwargs: tuple[str, ...]
    list_name: str
    label: str  # the field that names the record ("title", "name")


PAGES = {
    Plan: Page("plan-detail", ("slug",), ("slug",), "plan-list", "title"),
    PlanItem: Page(
        "plan-item-detail", ("plan__slug", "number"), ("plan_slug", "number"), "plan-list", "title"
    ),
    Project: Page("project-detail", ("slug",), ("slug",), "project-list", "title"),
    Meeting: Page("meeting-detail", ("slug",), ("slug",), "meeting-list", "title"),
    Document: Page("document-detail", ("slug",), ("slug",), "document-list", "title"),
    Indicator: Page("indicator-detail", ("slug",), ("slug",), "indicator-list", "name"),
    Person: Page("person-detail", ("slug",), ("slug",), "person-list", "name"),
    Organization: Page("organization-detail", ("slug",), ("slug",), "organization-list", "name"),
    Source: Page("source-detail", ("slug",), ("slug",), "source-list", "title"),
}

# Each model whose history the feed reads, and the link to the record whose page shows it
# ("" for a record with a page of its own).
TRACKED: tuple[tuple[type[models.Model], str], ...] = (
    (Plan, ""),
    (PlanItem, ""),
    (Project, ""),
    (Meeting, ""),
    (Document, ""),
    (Indicator, ""),
    (Person, ""),
    (Organization, ""),
    (Source, ""),
    (ProjectUpdate, "project"),
    (ProjectOrganization, "project"),
    (ProjectPerson, "project"),
    (MeetingParticipant, "meeting"),
    (Observation, "indicator"),
    (Position, "person"),
    (Citation, "source"),
)


def language() -> str:
    code = get_language() or settings.LANGUAGE_CODE
    return code if code in settings.MODELTRANSLATION_LANGUAGES else "en"


def translated_columns(model) -> dict[str, tuple[str, str]]:
    """Translated columns of `model` ("title_ru") -> (field, language); and each untranslated
    mirror column ("title") -> ("", ""), which is not a change of its own."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    columns: dict[str, tuple[str, str]] = {}
    for name, fields in options.all_fields.items():
        columns[name] = ("", "")
        for translation_field in fields:
            columns[translation_field.name] = (name, translation_field.language)
    return columns


def label_columns(model, field: str) -> list[str]:
    """The columns to read a record's name from, in the feed's language, English after."""
    if field in translated_columns(model):
        return list(dict.fromkeys([f"{field}_{language()}", f"{field}_en"]))
    return [field]


def first_filled(values) -> str:
    return next((str(v) for v in values if v not in (None, "")), "")


def changed_fields(model, row, previous) -> list[str]:
    """The names (in the feed's language) of the fields that differ between two history rows
    of `model`: a translated field with its language, a date with its precision as one."""
    languages = dict(settings.LANGUAGES)
    translated = translated_columns(model)
    names: list[str] = []
    for field in type(row)._meta.concrete_fields:
        name = field.name
        if name in HIDDEN or name.startswith("history_"):
            continue
        base, lang = translated.get(name, (name, ""))
        if not base:
            continue
        if getattr(row, field.attname) == getattr(previous, field.attname):
            continue
        if base.endswith("_precision"):
            base = base.removesuffix("_precision")
        try:
            label = str(model._meta.get_field(base).verbose_name)
        except FieldDoesNotExist:
            label = base
        if lang:
            label = f"{label} ({languages.get(lang, lang)})"
        if label not in names:
            names.append(label)
    return names


@dataclass
class Change:
    title: str
    link: str
    summary: str
    date: datetime
    guid: str
    order: tuple


def history_rows(model, parent: str) -> tuple[list, dict]:
    """The latest LIMIT history rows of `model`, each with the page it belongs to, and the rows
    just before them (by history_id), in one query."""
    history = model.history.model
    page_model = model if not parent else model._meta.get_field(parent).related_model
    page = PAGES[page_model]
    page_pk = OuterRef("id") if not parent else OuterRef(f"{parent}_id")
    earlier = (
        history.objects.filter(id=OuterRef("id"))
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    newest = history.objects.order_by("-history_date", "-history_id")
    current = page_model._base_manager.filter(pk=page_pk)
    annotations = {
        "previous_id": Subquery(earlier),
        **{
            f"page_{i}": Subquery(current.values(lookup)[:1])
            for i, lookup in enumerate(page.lookups)
        },
    }
    if parent:
        for i, column in enumerate(label_columns(page_model, page.label)):
            annotations[f"page_label_{i}"] = Subquery(current.values(column)[:1])
    rows = list(
        history.objects.filter(
            Q(history_id__in=newest.values("history_id")[:LIMIT])
            | Q(history_id__in=newest.annotate(p=Subquery(earlier)).values("p")[:LIMIT])
        )
        .annotate(**annotations)
        .order_by("-history_date", "-history_id")
    )
    by_id = {row.history_id: row for row in rows}
    return rows[:LIMIT], by_id


def wording(kind: str, name: str, what: str, change: str, fields: str, own: bool):
    """The entry's title and summary. `own`: the change is of the record itself (else of a row
    its page shows, `what`: "Participant"); `change` is simple-history's "+", "~" or "-"."""
    names = {"kind": kind, "name": name, "what": what, "fields": fields}
    if not own:
        summaries = {"+": _("%(what)s added."), "-": _("%(what)s removed.")}
        changed = (
            _("%(what)s changed: %(fields)s.")
            if fields
            else _("%(what)s saved again, with nothing changed.")
        )
        return _("%(kind)s “%(name)s” changed") % names, summaries.get(change, changed) % names
    titles = {"+": _("%(kind)s “%(name)s” added"), "-": _("%(kind)s “%(name)s” deleted")}
    summaries = {"+": _("Added to the record."), "-": _("Deleted from the record.")}
    changed = _("Changed: %(fields)s.") if fields else _("Saved again, with nothing changed.")
    title = titles.get(change, _("%(kind)s “%(name)s” changed")) % names
    return title, summaries.get(change, changed) % names


def describe(model, parent: str, row, previous, host: str) -> Change:
    """The feed entry for one history row of `model` (`previous`: the row before it)."""
    page_model = model if not parent else model._meta.get_field(parent).related_model
    page = PAGES[page_model]
    values = [getattr(row, f"page_{i}") for i in range(len(page.lookups))]
    if parent:
        name = first_filled(getattr(row, f"page_label_{i}", None) for i in range(2))
        name = name or f"#{getattr(row, f'{parent}_id')}"
    else:  # the name it had then
        name = first_filled(getattr(row, c) for c in label_columns(model, page.label))
    fields = ", ".join(changed_fields(model, row, previous)) if previous is not None else ""
    title, summary = wording(
        capfirst(page_model._meta.verbose_name),
        name,
        capfirst(model._meta.verbose_name),
        row.history_type,
        fields,
        own=not parent,
    )
    page_exists = all(value is not None for value in values)
    if page_exists and not (not parent and row.history_type == "-"):
        link = reverse(page.detail, kwargs=dict(zip(page.kwargs, values, strict=True)))
    else:  # deleted: the list of its kind
        link = reverse(page.list_name)
    history = type(row)._meta
    return Change(
        title=feed_text(title),
        link=link,
        summary=feed_text(summary),
        date=row.history_date,
        # A tag URI (RFC 4151): the host, the day of the change, the history row.
        guid=f"tag:{host},{row.history_date:%Y-%m-%d}:{history.label_lower}/{row.history_id}",
        order=(row.history_date, history.label, row.history_id),
    )


def recent_changes(host: str) -> list[Change]:
    """The LIMIT latest changes across every tracked kind of record, newest first; `host`
    names their ids."""
    changes = []
    for model, parent in TRACKED:
        rows, by_id = history_rows(model, parent)
        for row in rows:
            changes.append(describe(model, parent, row, by_id.get(row.previous_id), host))
    changes.sort(key=lambda change: change.order, reverse=True)
    return changes[:LIMIT]


class ChangesFeed(Feed):
    """/<lang>/changes.atom: the latest changes to the record, in that language."""

    feed_type = Atom1Feed
    author_name = "coopr"
    title = gettext_lazy("coopr: recent changes")
    subtitle = gettext_lazy("The latest additions and corrections to the record.")

    def get_object(self, request, *args, **kwargs):
        # The host names the feed's entries (tag URIs), without a port.
        return urlsplit(f"//{request.get_host()}").hostname or "localhost"

    def link(self) -> str:
        return reverse("home")

    def feed_url(self) -> str:
        return reverse("changes-feed")

    def items(self, host: str) -> list[Change]:
        return recent_changes(host)

    def item_title(self, item: Change) -> str:
        return item.title

    def item_link(self, item: Change) -> str:
        return item.link

    def item_description(self, item: Change) -> str:
        # Atom readers take the summary as HTML: escaped, a name stays text.
        return escape(item.summary)

    def item_guid(self, item: Change) -> str:
        return item.guid

    def item_pubdate(self, item: Change) -> datetime:
        return item.date

    def item_updateddate(self, item: Change) -> datetime:
        return item.date
