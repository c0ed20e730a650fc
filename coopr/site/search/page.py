"""The search page: what it shows for its GET parameters."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from coopr.site.search import ranking
from coopr.site.search.kinds import KINDS, KINDS_BY_KEY
from coopr.site.search.ranking import Group, ranked, search_all
from coopr.site.search.results import hit
from coopr.text_search import _CONTROL, MAX_QUERY_LENGTH, clean_query, typo_tolerant, words

# The search page ---------------------------------------------------------------------------

RESULTS_PER_PAGE = 25


class FirstResults(Paginator):
    """Pages through the first `MAX_RESULTS` results of a search (all the search ranks), with
    one count of the candidates (`found`: past `MAX_RESULTS` when there are more)."""

    @cached_property
    def found(self) -> int:
        return self.object_list.count()

    @cached_property
    def count(self) -> int:
        return min(self.found, ranking.MAX_RESULTS)

    @property
    def capped(self) -> bool:
        return self.found > ranking.MAX_RESULTS


def page_context(params) -> dict:
    """What the search page shows for its GET parameters `q`, `type` and `page`.

    No query: no database query at all. Every kind: `search_all` (one query per kind). One
    kind (`type=`): a page of it (a count and the page's rows), the first `MAX_RESULTS` at most
    (`capped` when there are more). An unknown `type` is an error the page explains
    (`type_error`, status 400).
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
        "capped": False,
        "max_results": ranking.MAX_RESULTS,
        "typo_tolerant": typo_tolerant(),
    }
    if not words(query) or context["type_error"]:
        return context
    if kind is None:
        groups = search_all(query)
        context.update(
            groups=groups,
            total=sum(group.total for group in groups),
            capped=any(group.capped for group in groups),
        )
        return context
    paginator = FirstResults(ranked(kind, query), RESULTS_PER_PAGE)
    page = paginator.get_page(params.get("page"))
    terms = words(query)
    hits = [hit(kind, obj, terms) for obj in page.object_list]
    context.update(
        groups=[Group(kind, hits, paginator.count, capped=paginator.capped)],
        total=paginator.count,
        capped=paginator.capped,
        page_obj=page,
        paginator=paginator,
        is_paginated=page.has_other_pages(),
    )
    return context
