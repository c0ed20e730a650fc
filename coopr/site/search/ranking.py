"""The site-wide search's queries: the records of a kind that match, best first."""

from __future__ import annotations

from functools import reduce
from operator import and_

from django.db import connections
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When, Window

from coopr.site.search import postgresql
from coopr.site.search.kinds import KINDS, Kind
from coopr.site.search.results import Group, hit
from coopr.text_search import _english_column, _in_any, columns, words

# Results of each kind shown on the page that lists every kind; the rest are a link away.
RESULTS_PER_KIND = 10
# The most matches of one kind a search ranks, counts and pages through. Past it the page
# says "more than" and ranks the first ones found: ranking and counting every match of a
# common word grows with the table (3,344 projects say "hydrogen" in 100,000).
MAX_RESULTS = 100


# Queries -----------------------------------------------------------------------------------


def ranked(kind: Kind, query: str) -> QuerySet:
    """The records of `kind` that match `query`, best first (see the package's docstring),
    among the first found (`_first_found`)."""
    model = kind.model
    terms = words(query)
    queryset = model._default_manager.select_related(*kind.related)
    if not terms:
        return queryset.none()
    english = _english_column(model, kind.title_field)
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        found = postgresql.ranked(queryset, terms, MAX_RESULTS + 1)
        return found.order_by("-tier", "-score", english, "pk")
    match = _Match(kind, vendor)
    whole = " ".join(terms)
    in_names = reduce(and_, (match.names(t) for t in terms))
    everywhere = reduce(and_, (match.anywhere(t) for t in terms))
    # One word: the whole query in a name is every word in a name (one condition, not two).
    whole_in_names = [When(match.names(whole), then=Value(3))] if len(terms) > 1 else []
    tier = Case(
        *whole_in_names,
        When(in_names, then=Value(2)),
        When(everywhere, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    queryset = queryset.filter(_first_found(model, everywhere, in_names))
    return queryset.alias(tier=tier).order_by("-tier", english, "pk")


def _first_found(model, found: Q, in_names: Q) -> Q:
    """The candidates a search ranks: the first `MAX_RESULTS` + 1 records found with every
    word in a name or title (`in_names`), and the first found at all (`found`). The first list
    keeps the records the query names in the running however many descriptions mention it;
    the one past `MAX_RESULTS` tells the page there are more. Each list is a LIMIT on an index
    scan, so the rows ranked do not grow with the table.

    Every name match is a match, so when the two lists hold at most `MAX_RESULTS` records
    between them, they hold every match."""
    manager = model._default_manager
    first = MAX_RESULTS + 1
    named = manager.filter(in_names).order_by().values("pk")[:first]
    anywhere = manager.filter(found).order_by().values("pk")[:first]
    if connections[manager.db].features.supports_slicing_ordering_in_compound:
        return Q(pk__in=named.union(anywhere, all=True))
    return Q(pk__in=named) | Q(pk__in=anywhere)  # SQLite: no LIMIT inside a UNION


class _Match:
    """Where a word is looked for: in a name or title of `kind` (in every language), or
    anywhere in it: one condition per column."""

    def __init__(self, kind: Kind, vendor: str):
        self.vendor = vendor
        self.name_columns = columns(kind.model, kind.names)
        self.every_column = columns(kind.model, kind.names + kind.texts)

    def names(self, term: str) -> Q:
        return _in_any(self.name_columns, term, self.vendor)

    def anywhere(self, term: str) -> Q:
        return _in_any(self.every_column, term, self.vendor)


def search_all(query: str) -> list[Group]:
    """Every kind's best matches (at most `RESULTS_PER_KIND`) with their number: one query per
    kind, whatever the number of matches (the number is a window count over the candidates
    ranked, so it stops past `MAX_RESULTS`)."""
    terms = words(query)
    groups = []
    for kind in KINDS:
        shown = min(RESULTS_PER_KIND, MAX_RESULTS)
        rows = list(ranked(kind, query).annotate(total=Window(Count("pk")))[:shown])
        found = rows[0].total if rows else 0
        hits = [hit(kind, obj, terms) for obj in rows]
        groups.append(Group(kind, hits, min(found, MAX_RESULTS), capped=found > MAX_RESULTS))
    return groups
