"""Showing a search result: its title, details and a snippet with the words highlighted."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from coopr.site.search.kinds import Kind
from coopr.text_search import _by_language, _translated_fields, columns

SNIPPET_LENGTH = 180


@dataclass
class Hit:
    """One result as the page shows it."""

    url: str
    title: SafeString
    title_lang: str | None
    snippet: SafeString
    snippet_lang: str | None
    meta: list[str]


@dataclass
class Group:
    """The results of one kind: the first few, and how many there are in all (`capped`:
    more than `total`, which is then the most a search ranks and shows)."""

    kind: Kind
    hits: list[Hit]
    total: int
    capped: bool = False

    @property
    def more(self) -> bool:
        return self.total > len(self.hits)


# Showing a result --------------------------------------------------------------------------


def hit(kind: Kind, obj, terms: Sequence[str]) -> Hit:
    """A record as a result: its title in the current language (else English), and the words
    around the match."""
    language = get_language() or settings.LANGUAGE_CODE
    title = kind.title_of(obj)
    title_lang, title_column = _shown_language(obj, kind.title_field, language)
    shown_matches = _pattern(terms).search(title) is not None if terms else False
    snippet, snippet_lang = _snippet(obj, kind, terms, language, title_column, shown_matches)
    return Hit(
        url=obj.get_absolute_url(),
        title=highlight(title, terms),
        title_lang=title_lang if title_lang != language else None,
        snippet=snippet,
        snippet_lang=snippet_lang if snippet_lang != language else None,
        meta=[m for m in kind.meta(obj) if m],
    )


def highlight(text: str, terms: Sequence[str]) -> SafeString:
    """`text`, escaped, with each occurrence of a search word in <mark>."""
    if not terms:
        return escape(text)
    out, end = [], 0
    for match in _pattern(terms).finditer(text):
        out.append(escape(text[end : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        end = match.end()
    out.append(escape(text[end:]))
    return mark_safe("".join(out))


def excerpt(text: str, terms: Sequence[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """About `length` characters of `text` around the first search word, highlighted."""
    text = " ".join(text.split())
    match = _pattern(terms).search(text) if terms else None
    start = 0
    if match and match.start() > length // 3:
        start = match.start() - length // 3
        space = text.rfind(" ", 0, start)
        start = space + 1 if space != -1 and start - space < 20 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    piece = highlight(text[start:end], terms)
    before = "… " if start > 0 else ""
    after = " …" if end < len(text) else ""
    return mark_safe(f"{before}{piece}{after}")


def _snippet(obj, kind, terms, language, title_column, title_matched):
    """What to show under the title: where the words were found when it is not the title
    itself (another language's name, an alias, the description), else the description."""
    if terms:
        pattern = _pattern(terms)
        candidates = []
        if not title_matched:
            candidates += [c for c in columns(type(obj), kind.names) if c != title_column]
        candidates += _by_language(type(obj), kind.texts, language)
        for column in candidates:
            value = getattr(obj, column, None)
            if value and pattern.search(value):
                return excerpt(value, terms), _column_language(obj, column)
    for name in kind.texts[: kind.blurbs]:
        value = getattr(obj, name, None)  # the current language, else English
        if value:
            return excerpt(value, ()), _shown_language(obj, name, language)[0]
    return mark_safe(""), None


def _pattern(terms: Sequence[str]) -> re.Pattern:
    return _compiled(tuple(terms))


@lru_cache(maxsize=64)
def _compiled(terms: tuple[str, ...]) -> re.Pattern:
    """The words as one pattern, longest first: built once a search, not for every text of
    every result shown (some 400 times a page)."""
    alternatives = sorted({t.casefold() for t in terms}, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in alternatives), re.IGNORECASE)


def _shown_language(obj, name: str, language: str) -> tuple[str | None, str]:
    """The language of what `obj.<name>` shows now (its own, else the English fallback), and
    the column it comes from."""
    if name not in _translated_fields(type(obj)):
        return _column_language(obj, name), name
    if getattr(obj, f"{name}_{language}", None):
        return language, f"{name}_{language}"
    return "en", f"{name}_en"


def _column_language(obj, column: str) -> str | None:
    """The language of a column: a translated field's suffix; a source's title is in the
    source's own language; other text (aliases, notes) may be in any, so: unknown."""
    name, _sep, code = column.rpartition("_")
    if name in _translated_fields(type(obj)):
        return code
    if column == "title" and hasattr(obj, "language"):
        return obj.language or None
    return None
