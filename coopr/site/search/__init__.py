"""The site-wide search: text search over records, in every script (Latin, Cyrillic, Japanese).

Two uses:

- `filter_text(queryset, query, fields)` keeps the rows where every word of `query` appears in
  one of `fields` (translated fields are searched in every language). The list pages' search
  box uses it.
- `search_all(query)` / `ranked(kind, query)`: the site-wide search page, one query per kind of
  record (`KINDS`), best matches first.

How a word matches, by database:

- Everywhere: as a case-insensitive substring of any searched column, in every language. This
  is what finds Japanese, which has no spaces between words: full-text search sees "世耕弘成"
  as one word, so "世耕" would not match it as a word.
- PostgreSQL adds full-text search (the 'simple' configuration: no stemming, so it treats
  every language alike) for ranking, and trigram word similarity (pg_trgm) on names and titles
  so that a misspelt word ("Golodetz") still finds its record. Substrings are matched with
  ILIKE, which the trigram indexes of migration coopr 0005 serve, and which folds Cyrillic
  case (as UPPER/LOWER do) under the server's C.UTF-8 ctype.
- SQLite: the `uicontains` lookup (coopr/lookups.py), which case-folds every script. No typo
  tolerance there: a misspelt word finds nothing.

Ranking (both databases): the whole query inside a name or title first, then every word in
names or titles, then every word somewhere (descriptions, summaries, notes), then, on
PostgreSQL only, records found by a similar spelling alone. Within a tier PostgreSQL orders by
full-text rank plus word similarity; then the English title decides.

Modules: `kinds` (the kinds of record searched), `ranking` (the queries), `results` (showing
a result), `page` (the search page). The matching itself, which the list pages share, is the
ground floor's `coopr.text_search`.
"""

from coopr.site.search.kinds import KINDS, KINDS_BY_KEY, Kind
from coopr.site.search.page import RESULTS_PER_PAGE, page_context
from coopr.site.search.ranking import RESULTS_PER_KIND, ranked, search_all
from coopr.site.search.results import SNIPPET_LENGTH, Group, Hit, excerpt, highlight, hit
from coopr.text_search import (
    MAX_QUERY_LENGTH,
    MAX_WORDS,
    TYPO_MIN_LENGTH,
    ILike,
    clean_query,
    columns,
    filter_text,
    typo_tolerant,
    words,
)

__all__ = [
    "KINDS",
    "KINDS_BY_KEY",
    "MAX_QUERY_LENGTH",
    "MAX_WORDS",
    "RESULTS_PER_KIND",
    "RESULTS_PER_PAGE",
    "SNIPPET_LENGTH",
    "TYPO_MIN_LENGTH",
    "Group",
    "Hit",
    "ILike",
    "Kind",
    "clean_query",
    "columns",
    "excerpt",
    "filter_text",
    "highlight",
    "hit",
    "page_context",
    "ranked",
    "search_all",
    "typo_tolerant",
    "words",
]
