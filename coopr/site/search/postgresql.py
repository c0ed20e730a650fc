"""The site-wide search's query on PostgreSQL, written as SQL over the stored search columns.

Each searched table stores its names and titles joined (`search_names`), those and its longer
text (`search_text`), their full-text vector (`search_vector`) and the pairs of characters of
its Japanese text (`search_bigrams`), each with a GIN index (migrations coopr 0007, 0009 and
0011): a word is one condition on one indexed column. The models do not declare the columns.

Why SQL pieces rather than Q objects and `Case`/`When`: a search asks the same conditions of a
kind three times (to find the candidates, to put them in tiers, to score them), some fifteen
conditions a kind and eleven kinds a page. Django resolved and compiled those expression trees
(copying every node at each step) in 40 ms of a page's 70 ms of Python, longer than PostgreSQL
took to plan and run the queries. Here each condition is a string and its parameters, put
together once; the queryset gets three leaf expressions (`_Sql`) that cost a format to compile.

The tiers, the candidates and the scores are those of the package's docstring; the fallback on
other databases (`ranking`) builds the same tiers with Q objects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.db.models import BooleanField, Expression, FloatField, IntegerField, QuerySet

from coopr.text_search import TYPO_MIN_LENGTH, like_escape

# The stored columns (see the module's docstring).
NAMES, TEXT, VECTOR, BIGRAMS = "search_names", "search_text", "search_vector", "search_bigrams"

# Kana and kanji (with the CJK compatibility and half-width forms).
_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")

# A piece of SQL: its text, where `{t}` is the alias of the table searched, and its parameters.
Piece = tuple[str, list]

# The pieces' types, shared (as Django's own expressions share theirs): a field is slow to make.
_BOOLEAN, _INTEGER, _FLOAT = BooleanField(), IntegerField(), FloatField()


class _Sql(Expression):
    """A piece of the search's SQL over the columns of the query's own table."""

    def __init__(self, template: str, params: Sequence, output_field):
        super().__init__(output_field=output_field)
        self.template = template
        self.params = list(params)

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(t=table), self.params


def ranked(queryset: QuerySet, terms: Sequence[str], first: int) -> QuerySet:
    """`queryset` (of a searched model) kept to the candidates for `terms`, the first `first`
    found with every word in a name or title and the first `first` found at all (see
    `ranking._first_found`), with their `tier` and `score` to order them by."""
    whole = " ".join(terms)
    in_names = _all([_contains(NAMES, t) for t in terms])
    everywhere = _all([_contains(TEXT, t) for t in terms])
    text_query = "plainto_tsquery('simple'::regconfig, %s)"
    vector_match: Piece = (f'{{t}}."{VECTOR}" @@ {text_query}', [whole])
    found = _found(vector_match, [_word(t) for t in terms])
    # One word: the whole query in a name is every word in a name (one condition, not two).
    whole_in_names = [(_contains(NAMES, whole), 3)] if len(terms) > 1 else []
    tier = _case([*whole_in_names, (in_names, 2), (everywhere, 1)], ("0", []))
    # Within a tier, the full-text rank (a whole word before part of one); among the records
    # found by a similar spelling alone, how similar. Word similarity is worked out only there:
    # over every language's names it costs about as much as the rest of the query together.
    not_everywhere = _not(everywhere)
    similarity = (f'WORD_SIMILARITY(%s, {{t}}."{NAMES}")', [whole])
    rank = (f'ts_rank({{t}}."{VECTOR}", {text_query})', [whole])
    score = _case([(not_everywhere, similarity)], rank)
    model = queryset.model
    candidates = _candidates(model._meta.db_table, model._meta.pk.column, in_names, found, first)
    return queryset.filter(_Sql(*candidates, _BOOLEAN)).alias(
        tier=_Sql(*tier, _INTEGER), score=_Sql(*score, _FLOAT)
    )


def _found(vector_match: Piece, words: list[Piece]) -> list[Piece]:
    """What a search finds (the whole query as words, or every word somewhere or, spelt
    alike, in a name), as two disjoint parts in the order they are looked in: whole words (the
    full-text index), then the rest. Looking stops once the first found are enough, so a
    common word reads one index rather than three (3,344 rows of each for "hydrogen" in 100,000
    projects), and the candidates are those whole-word matches the ranking puts first."""
    return [vector_match, _all([_all(words), _not(vector_match)])]


def _candidates(table: str, pk: str, named: Piece, found: list[Piece], first: int) -> Piece:
    """The row's key among the first `first` keys of rows `named`, and of rows `found` (its
    parts in turn): a LIMIT on the index scans, so the rows ranked do not grow with the
    table."""

    def rows(piece: Piece) -> str:
        return f'SELECT U0."{pk}" FROM "{table}" U0 WHERE {piece[0].format(t="U0")}'

    found_rows = " UNION ALL ".join(f"({rows(piece)})" for piece in found)
    sql = (
        f'{{t}}."{pk}" IN (({rows(named)} LIMIT {int(first)}) UNION ALL '
        f'(SELECT U1."{pk}" FROM ({found_rows}) U1 LIMIT {int(first)}))'
    )
    return sql, _params_of([named, *found])


def _contains(column: str, term: str) -> Piece:
    """`term` in the stored `column`: ILIKE, which the column's trigram index serves."""
    found: Piece = (f'{{t}}."{column}" ILIKE %s', [f"%{like_escape(term)}%"])
    # Both: the pairs find the rows by an index, ILIKE keeps those with the word in `column`
    # (the pairs are of every Japanese column).
    return _all([_in_bigrams(term), found]) if _short_japanese(term) else found


def _word(term: str) -> Piece:
    """`term` anywhere, or (a long enough word) a similar spelling in a name or title."""
    found = _contains(TEXT, term)
    if len(term) < TYPO_MIN_LENGTH:
        return found
    return _any([found, (f'{{t}}."{NAMES}" %%> %s', [term])])


def _short_japanese(term: str) -> bool:
    """A Japanese word too short for a trigram (a trigram index reads all of itself for it):
    looked up among the pairs of characters instead (migration coopr 0011)."""
    return len(term) < 3 and _JAPANESE.search(term) is not None


def _in_bigrams(term: str) -> Piece:
    """Japanese text holding `term` (one or two characters): its pair of characters, or, for
    one, any pair it begins (or a word it ends)."""
    lexeme = "'" + term.lower().replace("\\", "\\\\").replace("'", "''") + "'"
    return f'{{t}}."{BIGRAMS}" @@ (%s)::tsquery', [lexeme + (":*" if len(term) == 1 else "")]


def _not(piece: Piece) -> Piece:
    return f"NOT ({piece[0]})", piece[1]


def _all(pieces: Sequence[Piece]) -> Piece:
    return _joined(" AND ", pieces)


def _any(pieces: Sequence[Piece]) -> Piece:
    return _joined(" OR ", pieces)


def _joined(connector: str, pieces: Sequence[Piece]) -> Piece:
    if len(pieces) == 1:
        return pieces[0]
    return f"({connector.join(sql for sql, _params in pieces)})", _params_of(pieces)


def _case(whens: Sequence[tuple[Piece, Piece | int]], default: Piece) -> Piece:
    sql, params = [], []
    for (condition, condition_params), then in whens:
        value = (str(then), []) if isinstance(then, int) else then
        sql.append(f"WHEN {condition} THEN {value[0]}")
        params += [*condition_params, *value[1]]
    return f"CASE {' '.join(sql)} ELSE {default[0]} END", [*params, *default[1]]


def _params_of(pieces: Sequence[Piece]) -> list:
    return [param for _sql, params in pieces for param in params]
