"""The site-wide search's queries: the records of a kind that match, best first."""

from __future__ import annotations

import re
from functools import reduce
from operator import and_

from django.db import connections
from django.db.models import (
    Case,
    Count,
    Expression,
    FloatField,
    IntegerField,
    Lookup,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast

from coopr.site.search.kinds import KINDS, Kind
from coopr.site.search.results import Group, hit
from coopr.text_search import (
    TYPO_MIN_LENGTH,
    ILike,
    _english_column,
    _in_any,
    _like_escape,
    columns,
    words,
)

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
    match = _Match(kind, connections[queryset.db].vendor)
    whole = " ".join(terms)
    in_names = reduce(and_, (match.names(t) for t in terms))
    # One word: the whole query in a name is every word in a name (one condition, not two).
    whole_in_names = [When(match.names(whole), then=Value(3))] if len(terms) > 1 else []
    tier = Case(
        *whole_in_names,
        When(in_names, then=Value(2)),
        When(reduce(and_, (match.anywhere(t) for t in terms)), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    english = _english_column(model, kind.title_field)
    if match.vendor != "postgresql":
        found = reduce(and_, (match.anywhere(t) for t in terms))
        queryset = queryset.filter(_first_found(model, found, in_names))
        return queryset.alias(tier=tier).order_by("-tier", english, "pk")
    return _ranked_postgresql(queryset, match, terms, tier, in_names).order_by(
        "-tier", "-score", english, "pk"
    )


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


class Stored(Expression):
    """A column the search's migrations store on each searched table, on PostgreSQL only
    (coopr 0007 and 0009): the models do not declare them."""

    def __init__(self, column: str, output_field):
        super().__init__(output_field=output_field)
        self.column = column

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(self.column)}", []


# The stored columns: every name and title joined (search_names), those and the longer text
# (search_text), the full-text vector of both, and the pairs of characters of the Japanese
# text (search_bigrams).
NAMES, TEXT, VECTOR, BIGRAMS = "search_names", "search_text", "search_vector", "search_bigrams"

# Kana and kanji (with the CJK compatibility and half-width forms).
_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def _short_japanese(term: str) -> bool:
    """A Japanese word too short for a trigram (a trigram index reads all of itself for it):
    looked up among the pairs of characters instead (migration coopr 0011)."""
    return len(term) < 3 and _JAPANESE.search(term) is not None


class _Matches(Lookup):
    """`vector @@ query`, the query given as it is (Django's lookup would parse it again)."""

    lookup_name = "coopr_matches"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} @@ {rhs_sql}", [*lhs_params, *rhs_params]


def _in_bigrams(term: str) -> Q:
    """Japanese text holding `term` (one or two characters): its pair of characters, or, for
    one, any pair it begins (or a word it ends)."""
    from django.contrib.postgres.search import SearchQueryField, SearchVectorField

    lexeme = "'" + term.lower().replace("\\", "\\\\").replace("'", "''") + "'"
    query = Cast(Value(lexeme + (":*" if len(term) == 1 else "")), SearchQueryField())
    return Q(_Matches(Stored(BIGRAMS, SearchVectorField()), query))


class _Match:
    """Where a word is looked for: in a name or title of `kind`, or anywhere in it.

    On PostgreSQL one stored column each, with its trigram index (migration coopr 0009): one
    condition a word rather than one per language and field, which PostgreSQL plans and checks
    in a fraction of the time. Elsewhere, each column (in every language)."""

    def __init__(self, kind: Kind, vendor: str):
        self.vendor = vendor
        self.name_columns = columns(kind.model, kind.names)
        self.every_column = columns(kind.model, kind.names + kind.texts)

    def names(self, term: str) -> Q:
        if self.vendor == "postgresql":
            return self._stored(NAMES, term)
        return _in_any(self.name_columns, term, self.vendor)

    def anywhere(self, term: str) -> Q:
        if self.vendor == "postgresql":
            return self._stored(TEXT, term)
        return _in_any(self.every_column, term, self.vendor)

    @staticmethod
    def _stored(column: str, term: str) -> Q:
        found = Q(ILike(Stored(column, TextField()), f"%{_like_escape(term)}%"))
        # Both: the pairs find the rows by an index, ILIKE keeps those with the word in
        # `column` (the pairs are of every Japanese column).
        return _in_bigrams(term) & found if _short_japanese(term) else found


def _ranked_postgresql(queryset, match: _Match, terms, tier, in_names) -> QuerySet:
    from django.contrib.postgres.lookups import TrigramWordSimilar
    from django.contrib.postgres.search import (
        SearchQuery,
        SearchRank,
        SearchVectorExact,
        SearchVectorField,
        TrigramWordSimilarity,
    )

    # The vector of names (weight A) and longer text (B), stored on each row with a GIN index
    # (migration coopr 0007): not worked out again from the columns for every row searched.
    vector = Stored(VECTOR, SearchVectorField())
    names = Stored(NAMES, TextField())
    whole = " ".join(terms)
    text_query = SearchQuery(whole, config="simple", search_type="plain")

    def word(term: str) -> Q:
        found = match.anywhere(term)
        if len(term) >= TYPO_MIN_LENGTH:
            found |= Q(TrigramWordSimilar(names, term))
        return found

    found = Q(SearchVectorExact(vector, text_query)) | reduce(and_, (word(t) for t in terms))
    # Within a tier, the full-text rank (a whole word before part of one); among the records
    # found by a similar spelling alone, how similar. Word similarity is worked out only there:
    # over every language's names it costs about as much as the rest of the query together.
    score = Case(
        When(
            ~reduce(and_, (match.anywhere(t) for t in terms)),
            then=TrigramWordSimilarity(whole, names),
        ),
        default=SearchRank(vector, text_query),
        output_field=FloatField(),
    )
    return queryset.filter(_first_found(queryset.model, found, in_names)).alias(
        tier=tier, score=score
    )


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
