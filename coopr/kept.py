"""Figures worked out from every row, kept until the record next changes: how many rows a
list has (its pager's count), counts per item, the rows of a timeline or of what a filter
offers. Each is kept in the cache under the record's generation (coopr.cache), so a change
anywhere makes it stale at once; a small one (a count) is also kept in each worker that hears
the generation (coopr.local_cache). Numbered pages stop at `MAX_NUMBERED_ROWS`."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from coopr.cache import fetch, heard
from coopr.local_cache import KEPT_SECONDS, local_figures

logger = logging.getLogger(__name__)

T = TypeVar("T")


def kept(name: str, compute: Callable[[], T], *, here: bool = False) -> T:
    """`compute()`, kept in the cache until any record changes (the same generation as the
    stored responses): what every request would otherwise work out from every row (how many
    rows a list has, counts per item) is worked out once per change.

    One round trip to the cache when it is kept; while the cache is away, computed each time.
    `here`: a small value (a count) also kept in this process while it hears the generation
    (coopr.local_cache): then no round trip at all.
    """
    key = f"coopr:kept:{hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()}"
    now = heard() if here else None
    if now is not None and (found_here := local_figures.get(key, now)) is not None:
        return found_here[0]
    try:
        found, generation = fetch([key], now)
    except Exception:
        logger.warning("The response cache does not answer", exc_info=True)
        return compute()
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        value = stored[1]
    else:
        value = compute()
        try:
            # Under the generation read before computing: a write meanwhile makes it stale.
            cache.set(key, (generation, value), timeout=KEPT_SECONDS)
        except Exception:
            logger.warning("The response cache does not answer", exc_info=True)
    if now is not None:
        local_figures.put(key, generation, (value,), 1)
    return value


def kept_rows(queryset: QuerySet) -> list:
    """The rows of `queryset` (a `values()` query, say), kept until the next change (see
    `kept`): for what reads every row of a table (a timeline, the years a filter offers)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a filter no row can match: no rows
        return []
    return kept(f"rows:{queryset.db}:{sql}:{params!r}", lambda: list(queryset))


def kept_count(queryset: QuerySet) -> int:
    """How many rows `queryset` has, kept until the next change (see `kept`). Known by its
    SQL; where the columns chosen cannot change how many rows there are (no DISTINCT, no
    GROUP BY, no UNION), by its SQL with one column and no order, cheaper to make."""
    query = queryset.query
    plain = not (query.distinct or query.group_by is not None or query.combinator)
    named = queryset.order_by().values("pk") if plain else queryset
    try:
        sql, params = named.query.sql_with_params()
    except EmptyResultSet:  # a filter no row can match (`?plan_item=-1`): nothing to count
        return 0
    name = f"count:{queryset.db}:{sql}:{params!r}"
    return kept(name, queryset.count, here=True)


# Numbered pages (the API's `?page=`, the list pages') reach this many rows into a list at
# most: a page skips the rows before it (OFFSET), so a deeper one costs more, and past this
# depth a request could make a worker read most of a table. The API's keyset pages
# (`?cursor=`), filters and search, and the bulk downloads reach the rest.
MAX_NUMBERED_ROWS = 10_000


class KeptCountPaginator(Paginator):
    """Django's paginator, with the row count kept until the next change (`kept_count`):
    counting every matching row is work that grows with the list. The API's numbered pages and
    every list page use it."""

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return kept_count(self.object_list)
        return super().count
