"""The registry of record types: what each kind of record is, declared once, by its own app.

A record type is a model of the cooperation record (a plan, a person, a source, a meeting's
participant, …) with what the rest of the site needs to know about it: its public page (or the
page that shows it), how the site-wide search finds and shows it, its API resource, its
section of the seed file, which records a synthetic one hangs off, whether Editors may delete
it. Each app declares its types in its `records.py` and registers them from its
`AppConfig.ready()`; the site search, the Atom feed, the source pages, the roles, `load_seed`,
the synthetic data set, the backup check and the API router all read them from here, and
none keeps a list of its own. See docs/record-types.md for how to add one.

The ground floor: this module imports no app. Models are named by label ("projects.Plan")
and resolved when read; callables (how to describe a record, its search details) come from
the app that registers them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.functional import Promise


def by_slug(obj: models.Model, data: dict) -> str:
    """How the seed file refers to a record: by its slug."""
    return obj.slug  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Page:
    """A record type's public page: its URL name and the values the URL takes."""

    detail: str  # the URL name of a record's page
    list_name: str  # the URL name of the list page of its kind
    lookups: tuple[str, ...] = ("slug",)  # the record's values, in the URL's kwargs order
    kwargs: tuple[str, ...] = ("slug",)


@dataclass(frozen=True)
class Search:
    """How the site-wide search finds a record type and shows a result."""

    key: str  # the search page's `?type=`
    label: str | Promise  # the group's heading ("Plans")
    # What a query is ranked against first, and what a similar spelling may match.
    names: tuple[str, ...]
    # Longer text: searched for substrings (and full text), shown as the snippet.
    texts: tuple[str, ...]
    meta: Callable[[Any], list[str]]  # the details under a result's title
    related: tuple[str, ...] = ()  # read with each result (select_related)
    # How many of `texts` (the first ones) may stand in as the snippet when no words match.
    blurbs: int = 1
    prefix: Callable[[Any], str] | None = None  # before the title ("8. " for a plan item)


@dataclass(frozen=True)
class Seed:
    """A record type's section of the seed file (`load_seed`)."""

    key: str  # the section's name
    lookup: tuple[str, ...] = ("slug",)  # the fields that find an existing row
    refs: dict[str, str] = field(default_factory=dict)  # field -> the section it refers to
    # A nested list -> (its section, the field that links a child to this record).
    children: dict[str, tuple[str, str]] = field(default_factory=dict)
    # How other records refer to one (None: nothing refers to it).
    ref_key: Callable[[models.Model, dict], str | None] | None = by_slug


@dataclass(frozen=True)
class Api:
    """A record type's API resource: /api/v1/<prefix>/."""

    prefix: str
    viewset: str  # dotted path of its viewset
    basename: str


@dataclass(frozen=True)
class RecordType:
    """One kind of record of the cooperation record. Only `model` is required."""

    model_label: str  # "app_label.ModelName"
    # Where the record comes among the kinds the site lists (search groups, API root).
    order: int = 0
    label_field: str = "title"  # the field that names a record
    page: Page | None = None  # its own public page
    # A record without a page of its own: the foreign key to the record whose page shows it.
    shown_on: str = ""
    # What naming the record reads with it (source pages), and how it is named when it has
    # no page of its own ("Shinzo Abe at the Sochi summit"); else str(record).
    related: tuple[str, ...] = ()
    describe: Callable[[Any], str] | None = None
    search: Search | None = None
    api: Api | None = None
    seed: Seed | None = None
    # A record without a slug is synthetic when the record it hangs off (any of them) is.
    owners: tuple[str, ...] = ()
    # Editors may delete records of this type (not plans: that would orphan their projects).
    editors_may_delete: bool = True

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def app_label(self) -> str:
        return self.model_label.partition(".")[0]

    @property
    def label_lower(self) -> str:
        return self.model_label.lower()

    @property
    def slugged(self) -> bool:
        """Whether its records have a slug (what tells a synthetic record apart)."""
        return any(f.name == "slug" for f in self.model._meta.get_fields())


_TYPES: dict[str, RecordType] = {}


def register(*types: RecordType) -> None:
    """Add record types, in order (an app registers its own from `AppConfig.ready()`). A type
    registered again replaces the earlier declaration in its place."""
    for record_type in types:
        _TYPES[record_type.label_lower] = record_type


def record_types() -> tuple[RecordType, ...]:
    """Every record type, in the order the apps registered them: a type comes after those it
    refers to (the order records are loaded in; deleting goes the other way)."""
    return tuple(_TYPES.values())


def record_type(model: type[models.Model] | str) -> RecordType:
    """The record type of a model (or a label, "projects.Plan"); KeyError if not registered."""
    label = model if isinstance(model, str) else model._meta.label
    return _TYPES[label.lower()]


def is_record(model: type[models.Model]) -> bool:
    return model._meta.label_lower in _TYPES


def listed() -> tuple[RecordType, ...]:
    """The kinds the site lists (with a page of their own), in the site's order."""
    return tuple(sorted((t for t in _TYPES.values() if t.page), key=lambda t: t.order))


def searched() -> tuple[RecordType, ...]:
    """The kinds the site-wide search looks in, in the site's order."""
    return tuple(sorted((t for t in _TYPES.values() if t.search), key=lambda t: t.order))


def in_api() -> tuple[RecordType, ...]:
    """The kinds with an API resource, in the site's order."""
    return tuple(sorted((t for t in _TYPES.values() if t.api), key=lambda t: t.order))


def seeded() -> tuple[RecordType, ...]:
    """The kinds the seed file holds, in the order they load."""
    return tuple(t for t in _TYPES.values() if t.seed)


def record_apps() -> tuple[str, ...]:
    """The labels of the apps that hold the record, in order."""
    return tuple(dict.fromkeys(t.app_label for t in _TYPES.values()))


def auto_links(record_type: RecordType) -> Iterator[models.ManyToManyField]:
    """The type's many-to-many fields without a model of their own (a row links two records)."""
    for m2m in record_type.model._meta.many_to_many:
        if m2m.remote_field.through._meta.auto_created:  # type: ignore[union-attr]
            yield m2m
