"""Text search over records, in every script (Latin, Cyrillic, Japanese).

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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Lookup,
    Model,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from coopr.dates import format_partial

MAX_QUERY_LENGTH = 200
# Words beyond these are ignored: they would only make the SQL longer.
MAX_WORDS = 10
# Shorter words are matched as substrings only: a trigram "similar spelling" of a one- to
# three-letter word matches almost anything.
TYPO_MIN_LENGTH = 4
# Results of each kind shown on the page that lists every kind; the rest are a link away.
RESULTS_PER_KIND = 20
SNIPPET_LENGTH = 180

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
            out.extend(_language_columns(name))
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
        return Q(ILike(F(column), f"%{_like_escape(term)}%"))
    return Q(**{f"{column}__uicontains": term})


def _like_escape(term: str) -> str:
    """`term` taken literally by LIKE: its backslashes, % and _ escaped (with backslash)."""
    return term.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")


def _in_any(cols: Sequence[str], term: str, vendor: str) -> Q:
    return reduce(or_, (_contains(col, term, vendor) for col in cols))


def typo_tolerant(vendor: str | None = None) -> bool:
    """Whether a misspelt word can still find its record (PostgreSQL's trigrams)."""
    return (vendor or connections["default"].vendor) == "postgresql"


# Kinds of record ---------------------------------------------------------------------------


def _partial(obj, name: str) -> str:
    return format_partial(getattr(obj, name), getattr(obj, f"{name}_precision"))


def _plan_meta(plan) -> list[str]:
    if not plan.proposed_on:
        return []
    return [str(_("proposed %(date)s")) % {"date": _partial(plan, "proposed_on")}]


def _plan_item_meta(item) -> list[str]:
    return [item.plan.title]


def _project_meta(project) -> list[str]:
    out = [str(_("plan item %(number)s")) % {"number": project.plan_item.number}]
    if project.status:
        out.append(str(project.get_status_display()))
    return out


def _person_meta(person) -> list[str]:
    return [str(person.country.name)] if person.country else []


def _organization_meta(organization) -> list[str]:
    out = [str(organization.get_kind_display())]
    if organization.country:
        out.append(str(organization.country.name))
    return out


def _meeting_meta(meeting) -> list[str]:
    out = [str(meeting.get_kind_display())]
    if meeting.start:
        out.append(_partial(meeting, "start"))
    if meeting.city:
        out.append(meeting.city)
    return out


def _document_meta(document) -> list[str]:
    out = [str(document.get_kind_display())]
    if document.signed_on:
        out.append(_partial(document, "signed_on"))
    return out


def _indicator_meta(indicator) -> list[str]:
    return [str(_("in %(unit)s")) % {"unit": indicator.unit}] if indicator.unit else []


def _source_meta(source) -> list[str]:
    out = [source.publisher]
    if source.published_on:
        out.append(_partial(source, "published_on"))
    return out


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


KINDS: tuple[Kind, ...] = (
    Kind(
        "plans", "projects.Plan", _("Plans"), "plan-list", "title", ("title",),
        ("description", "proposed_place"), _plan_meta,
    ),
    Kind(
        "plan-items", "projects.PlanItem", _("Plan items"), "plan-list", "title", ("title",),
        ("description",), _plan_item_meta, related=("plan",),
        prefix=lambda item: f"{item.number}. ",
    ),
    Kind(
        "projects", "projects.Project", _("Projects"), "project-list", "title", ("title",),
        ("summary",), _project_meta, related=("plan_item",),
    ),
    Kind(
        "people", "people.Person", _("People"), "person-list", "name",
        ("name", "sort_name", "other_names"), ("biography",), _person_meta,
    ),
    Kind(
        "organizations", "people.Organization", _("Organizations"), "organization-list", "name",
        ("name", "short_name", "other_names"), ("description",), _organization_meta,
    ),
    Kind(
        "meetings", "projects.Meeting", _("Meetings"), "meeting-list", "title", ("title",),
        ("description", "outcomes", "city"), _meeting_meta, blurbs=2,
    ),
    Kind(
        "documents", "projects.Document", _("Documents"), "document-list", "title", ("title",),
        ("summary", "place"), _document_meta,
    ),
    Kind(
        "indicators", "projects.Indicator", _("Figures"), "indicator-list", "name", ("name",),
        ("description", "unit"), _indicator_meta,
    ),
    Kind(
        "sources", "coopr.Source", _("Sources"), "source-list", "title", ("title", "publisher"),
        ("notes",), _source_meta,
    ),
)  # fmt: skip
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


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


def _ranked_postgresql(queryset, kind, terms, tier, names, every) -> QuerySet:
    from django.contrib.postgres.lookups import TrigramWordSimilar
    from django.contrib.postgres.search import (
        SearchQuery,
        SearchRank,
        SearchVector,
        TrigramWordSimilarity,
    )

    model = kind.model
    vector = SearchVector(*names, config="simple", weight="A")
    texts = columns(model, kind.texts)
    if texts:
        vector = vector + SearchVector(*texts, config="simple", weight="B")
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
    """The results of one kind: the first few, and how many there are in all."""

    kind: Kind
    hits: list[Hit]
    total: int

    @property
    def more(self) -> bool:
        return self.total > len(self.hits)


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
    alternatives = sorted({t.casefold() for t in terms}, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in alternatives), re.IGNORECASE)


def _translated_fields(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def _language_columns(name: str) -> list[str]:
    return [f"{name}_{code.replace('-', '_')}" for code, _label in settings.LANGUAGES]


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


# The search page ---------------------------------------------------------------------------

RESULTS_PER_PAGE = 25


def page_context(params) -> dict:
    """What the search page shows for its GET parameters `q`, `type` and `page`.

    No query: no database query at all. Every kind: `search_all` (one query per kind). One
    kind (`type=`): a page of it (a count and the page's rows). An unknown `type` is an
    error the page explains (`type_error`, status 400).
    """
    raw = params.get("q", "")
    query = clean_query(raw)
    type_key = params.get("type", "")
    kind = KINDS_BY_KEY.get(type_key)
    context = {
        "query": query,
        "shortened": len(" ".join(_CONTROL.sub(" ", raw).split())) > MAX_QUERY_LENGTH,
        "kinds": KINDS,
        "kind": kind,
        "type_error": bool(type_key) and kind is None,
        "groups": [],
        "total": 0,
        "typo_tolerant": typo_tolerant(),
    }
    if not words(query) or context["type_error"]:
        return context
    if kind is None:
        groups = search_all(query)
        context.update(groups=groups, total=sum(group.total for group in groups))
        return context
    paginator = Paginator(ranked(kind, query), RESULTS_PER_PAGE)
    page = paginator.get_page(params.get("page"))
    terms = words(query)
    hits = [hit(kind, obj, terms) for obj in page.object_list]
    context.update(
        groups=[Group(kind, hits, paginator.count)],
        total=paginator.count,
        page_obj=page,
        paginator=paginator,
        is_paginated=page.has_other_pages(),
    )
    return context
