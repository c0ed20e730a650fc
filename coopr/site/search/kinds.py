"""The kinds of record the site-wide search looks in, and how to show one: read from the
registry of record types (each type's `search` declaration, in the site's order)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Model

from coopr.registry import RecordType, searched


@dataclass(frozen=True)
class Kind:
    """A kind of record the site-wide search looks in, and how to show one."""

    key: str  # the page's `?type=`
    model_label: str
    label: str
    list_url: str  # the route of its list page, for browsing
    # The field shown as the result's title; with `names`, what a query is ranked against
    # first and what a similar spelling may match.
    title_field: str
    names: tuple[str, ...]
    # Longer text: searched for substrings (and full text), shown as the snippet.
    texts: tuple[str, ...]
    meta: Callable[[Model], list[str]]
    related: tuple[str, ...] = ()
    # How many of `texts` (the first ones) may stand in as the snippet when no words match
    # in them: descriptions, not a city or a unit the result's details show anyway.
    blurbs: int = 1
    prefix: Callable[[Model], str] = field(default=lambda obj: "")

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)

    def title_of(self, obj) -> str:
        return f"{self.prefix(obj)}{getattr(obj, self.title_field)}"


def kind_of(record_type: RecordType) -> Kind:
    search, page = record_type.search, record_type.page
    assert search is not None and page is not None, record_type
    extra = {"prefix": search.prefix} if search.prefix else {}
    return Kind(
        search.key,
        record_type.model_label,
        search.label,  # type: ignore[arg-type]
        page.list_name,
        record_type.label_field,
        search.names,
        search.texts,
        search.meta,
        related=search.related,
        blurbs=search.blurbs,
        **extra,
    )


KINDS: tuple[Kind, ...] = tuple(kind_of(record_type) for record_type in searched())
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
