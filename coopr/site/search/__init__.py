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

On PostgreSQL each searched table stores its names and titles joined (`search_names`), those
and its longer text (`search_text`), and their full-text vector (`search_vector`), each with a
GIN index (migrations coopr 0007 and 0009): a word is one condition on one indexed column, not
one per language and field.

Ranking (both databases): the whole query inside a name or title first, then every word in
names or titles, then every word somewhere (descriptions, summaries, notes), then, on
PostgreSQL only, records found by a similar spelling alone. Within a tier PostgreSQL orders by
full-text rank (the last tier: by word similarity); then the English title decides.

Bounded work: a search ranks and counts only the first `MAX_RESULTS` + 1 records of a kind
found with every word in a name or title, and the first found at all (a LIMIT on each index
scan; PostgreSQL looks for whole words first, `postgresql._found`). Past `MAX_RESULTS`
matches the page says "more than" and shows the best of those it ranked: a common word costs
what a rare one does, at 10,000 records or 100,000.

Modules: `kinds` (the kinds of record searched), `ranking` (the queries), `postgresql` (the
query on PostgreSQL, as SQL), `results` (showing a result), `page` (the search page). The
matching itself, which the list pages share, is the ground floor's `coopr.text_search`.
"""

from coopr.site.search.kinds import KINDS, KINDS_BY_KEY, Kind
from coopr.site.search.page import RESULTS_PER_PAGE, page_context
from coopr.site.search.ranking import MAX_RESULTS, RESULTS_PER_KIND, ranked, search_all
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
    "MAX_RESULTS",
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
