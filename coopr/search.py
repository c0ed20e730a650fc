"""Text search over records, in every script (Latin, Cyrillic, Japanese).

`filter_text(queryset, query, fields)` keeps the rows where every word of `query` appears in
one of `fields` (translated fields are searched in every language). It is what the list pages'
search box uses.
"""

from __future__ import annotations

from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.db.models import Q, QuerySet
from modeltranslation.translator import NotRegistered, translator

MAX_QUERY_LENGTH = 200


def columns(model, fields) -> list[str]:
    """`fields` with each translated field replaced by its column in every language."""
    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    out: list[str] = []
    for name in fields:
        if name in translated:
            out.extend(f"{name}_{code.replace('-', '_')}" for code, _ in settings.LANGUAGES)
        else:
            out.append(name)
    return out


def words(query: str) -> list[str]:
    return query[:MAX_QUERY_LENGTH].split()


def filter_text(queryset: QuerySet, query: str, fields) -> QuerySet:
    terms = words(query or "")
    if not terms:
        return queryset
    cols = columns(queryset.model, fields)
    per_term = [reduce(or_, (Q(**{f"{col}__uicontains": term}) for col in cols)) for term in terms]
    return queryset.filter(reduce(and_, per_term))
