"""Text search over records, in every script (Latin, Cyrillic, Japanese): the matching.

`filter_text(queryset, query, fields)` keeps the rows where every word of `query` appears in
one of `fields` (translated fields are searched in every language). The list pages' search box
uses it, and the site-wide search (`coopr.site.search`) builds its ranking on it.
See `coopr.site.search` for how a word matches on each database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, reduce
from operator import and_, or_

from django.conf import settings
from django.db import connections
from django.db.models import (
    F,
    Lookup,
    Q,
    QuerySet,
)

from coopr.translated import language_columns, translated_fields

MAX_QUERY_LENGTH = 200
# Words beyond these are ignored: they would only make the SQL longer.
MAX_WORDS = 10
# Shorter words are matched as substrings only: a trigram "similar spelling" of a one- to
# three-letter word matches almost anything.
TYPO_MIN_LENGTH = 4

# Characters a query never needs: NUL (which PostgreSQL refuses in text) and other controls.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(text: str | None) -> str:
    """The query as searched: control characters out, spaces collapsed, at most 200 characters."""
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def columns(model, fields) -> list[str]:
    """`fields` with each translated field replaced by its column in every language."""
    translated = _translated_fields(model)
    out: list[str] = []
    for name in fields:
        if name in translated:
            out.extend(language_columns(name))
        else:
            out.append(name)
    return out


def words(query: str) -> list[str]:
    """The distinct words of `query` (at most `MAX_WORDS`), in their order."""
    seen: set[str] = set()
    out: list[str] = []
    for word in clean_query(query).split():
        if word.casefold() not in seen:
            seen.add(word.casefold())
            out.append(word)
    return out[:MAX_WORDS]


def filter_text(queryset: QuerySet, query: str, fields) -> QuerySet:
    """Rows where every word of `query` is in one of `fields` (any language, any case)."""
    terms = words(query or "")
    if not terms:
        return queryset
    vendor = connections[queryset.db].vendor
    cols = columns(queryset.model, fields)
    return queryset.filter(reduce(and_, (_in_any(cols, term, vendor) for term in terms)))


# Matching ----------------------------------------------------------------------------------


class ILike(Lookup):
    """`column ILIKE pattern` (PostgreSQL): a case-insensitive LIKE that pg_trgm's GIN indexes
    serve (Django's `icontains` compares UPPER(column), which those indexes do not cover)."""

    lookup_name = "coopr_ilike"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} ILIKE {rhs_sql}", [*lhs_params, *rhs_params]


def _contains(column: str, term: str, vendor: str) -> Q:
    if vendor == "postgresql":
        return Q(ILike(F(column), f"%{like_escape(term)}%"))
    return Q(**{f"{column}__uicontains": term})


def like_escape(term: str) -> str:
    """`term` taken literally by LIKE: its backslashes, % and _ escaped (with backslash)."""
    return term.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")


def _in_any(cols: Sequence[str], term: str, vendor: str) -> Q:
    return reduce(or_, (_contains(col, term, vendor) for col in cols))


def typo_tolerant(vendor: str | None = None) -> bool:
    """Whether a misspelt word can still find its record (PostgreSQL's trigrams)."""
    return (vendor or connections["default"].vendor) == "postgresql"


# Translated fields ------------------------------------------------------------------------


@cache
def _translated_fields(model) -> frozenset[str]:
    """The model's translated fields, looked up once: a search asks some ten times a result
    (which of its columns are in which language), and modeltranslation works them out anew
    each time. Fields are registered when the apps are ready, before any search."""
    return frozenset(translated_fields(model))


def _english_column(model, name: str) -> str:
    return f"{name}_en" if name in _translated_fields(model) else name


def _by_language(model, fields, language: str) -> list[str]:
    """Columns of `fields`, the current language's first, then English, then the rest."""
    order = [language, "en", *(code for code, _label in settings.LANGUAGES)]
    translated = _translated_fields(model)
    out: list[str] = []
    for name in fields:
        if name in translated:
            out.extend(f"{name}_{code}" for code in dict.fromkeys(order))
        else:
            out.append(name)
    return out
