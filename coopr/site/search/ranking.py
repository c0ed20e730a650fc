"""The site-wide search's queries: the records of a kind that match, best first."""

from __future__ import annotations

from functools import reduce
from operator import and_, or_

from django.db import connections
from django.db.models import (
    Case,
    Count,
    Expression,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Greatest

from coopr.site.search.kinds import KINDS, Kind
from coopr.site.search.results import Group, hit
from coopr.text_search import TYPO_MIN_LENGTH, _english_column, _in_any, columns, words

# Results of each kind shown on the page that lists every kind; the rest are a link away.
RESULTS_PER_KIND = 20


# Queries -----------------------------------------------------------------------------------


def ranked(kind: Kind, query: str) -> QuerySet:
    """The records of `kind` that match `query`, best first (see the module's docstring)."""
    model = kind.model
    terms = words(query)
    queryset = model._default_manager.select_related(*kind.related)
    if not terms:
        return queryset.none()
    vendor = connections[queryset.db].vendor
    names = columns(model, kind.names)
    every = columns(model, kind.names + kind.texts)
    whole = " ".join(terms)
    tier = Case(
        When(_in_any(names, whole, vendor), then=Value(3)),
        When(reduce(and_, (_in_any(names, t, vendor) for t in terms)), then=Value(2)),
        When(reduce(and_, (_in_any(every, t, vendor) for t in terms)), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    english = _english_column(model, kind.title_field)
    if vendor != "postgresql":
        found = reduce(and_, (_in_any(every, t, vendor) for t in terms))
        return queryset.filter(found).alias(tier=tier).order_by("-tier", english, "pk")
    return _ranked_postgresql(queryset, kind, terms, tier, names, every).order_by(
        "-tier", "-score", english, "pk"
    )


class StoredVector(Expression):
    """The searched table's `search_vector` column (PostgreSQL only; migration coopr 0007)."""

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name('search_vector')}", []


def _ranked_postgresql(queryset, kind, terms, tier, names, every) -> QuerySet:
    from django.contrib.postgres.lookups import TrigramWordSimilar
    from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity

    # The vector of names (weight A) and longer text (B), stored on each row with a GIN index
    # (migration coopr 0007): not worked out again from the columns for every row searched.
    vector = StoredVector()
    whole = " ".join(terms)
    text_query = SearchQuery(whole, config="simple", search_type="plain")

    def word(term: str) -> Q:
        found = _in_any(every, term, "postgresql")
        if len(term) >= TYPO_MIN_LENGTH:
            found |= reduce(or_, (Q(TrigramWordSimilar(F(col), term)) for col in names))
        return found

    similarities = [TrigramWordSimilarity(whole, col) for col in names]
    similarity = similarities[0] if len(similarities) == 1 else Greatest(*similarities)
    score = SearchRank(F("document"), text_query) + Coalesce(
        similarity, Value(0.0), output_field=FloatField()
    )
    return (
        queryset.alias(document=vector)
        .filter(Q(document=text_query) | reduce(and_, (word(t) for t in terms)))
        .alias(tier=tier, score=score)
    )


def search_all(query: str) -> list[Group]:
    """Every kind's best matches (at most `RESULTS_PER_KIND`) with its total: one query per
    kind, whatever the number of matches (the total is a window count on the same rows)."""
    terms = words(query)
    groups = []
    for kind in KINDS:
        rows = list(ranked(kind, query).annotate(total=Window(Count("pk")))[:RESULTS_PER_KIND])
        total = rows[0].total if rows else 0
        groups.append(Group(kind, [hit(kind, obj, terms) for obj in rows], total))
    return groups
