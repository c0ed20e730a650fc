"""The ground floor's record types: sources and the citations that tie facts to them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coopr.dates import format_partial
from coopr.registry import Api, Page, RecordType, Search, Seed, register


def source_meta(source) -> list[str]:
    out = [source.publisher]
    if source.published_on:
        out.append(format_partial(source.published_on, source.published_on_precision))
    return out


RECORD_TYPES = (
    RecordType(
        "coopr.Source",
        order=90,
        page=Page("source-detail", "source-list"),
        search=Search("sources", _("Sources"), ("title", "publisher"), ("notes",), source_meta),
        api=Api("sources", "coopr.api.sources.SourceViewSet", "source"),
        seed=Seed("sources"),
    ),
    # A citation is shown on its source's page; it is not a kind the site lists.
    RecordType("coopr.Citation", shown_on="source"),
)


def register_record_types() -> None:
    register(*RECORD_TYPES)
