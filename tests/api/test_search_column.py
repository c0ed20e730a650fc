"""`?search=` (coopr.api.filters.SearchFilter): on PostgreSQL it reads each table's stored
`api_search` column (migration coopr 0013), on SQLite the fields themselves; the column holds
exactly the fields each list searches, and finds what the fields find."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import import_string
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from coopr.api.filters import API_SEARCH_COLUMN, SearchFilter
from coopr.registry import in_api
from projects.api.viewsets import ProjectViewSet
from projects.models import Project

pytestmark = pytest.mark.django_db

SEARCHED = [
    import_string(record_type.api.viewset)
    for record_type in in_api()
    if getattr(import_string(record_type.api.viewset), "search_fields", None)
]
# Besides words taken from each searched field of the data set: two words, a quoted phrase,
# what LIKE reads as a wildcard or escape (found as themselves), and a word nothing holds.
TERMS = ["Japan russia", '"student exchange"', "%", "_", "\\", "no-such-word-anywhere"]


def generation_expression(table: str) -> str | None:
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, table)
        if API_SEARCH_COLUMN not in {column.name for column in described}:
            return None
        cursor.execute(
            "SELECT generation_expression FROM information_schema.columns "
            "WHERE table_name = %s AND column_name = %s",
            [table, API_SEARCH_COLUMN],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def test_every_searched_list_is_covered():
    names = {viewset.__name__ for viewset in SEARCHED}
    assert {"ProjectViewSet", "PersonViewSet", "SourceViewSet", "MeetingViewSet"} <= names
    assert len(SEARCHED) == 11


@pytest.mark.parametrize("viewset", SEARCHED, ids=lambda v: v.__name__)
def test_the_column_holds_exactly_the_fields_the_list_searches(viewset):
    model = viewset.queryset.model
    table = model._meta.db_table
    expression = generation_expression(table)
    if connection.vendor != "postgresql":
        assert expression is None  # SQLite searches the fields themselves
        return
    assert expression is not None, f"{table} has no {API_SEARCH_COLUMN}: add a migration"
    columns = {field.column for field in model._meta.concrete_fields}
    in_column = {c for c in columns if re.search(rf"\b{re.escape(c)}\b", expression)}
    wanted = {model._meta.get_field(name).column for name in viewset.search_fields}
    assert in_column == wanted, (
        f"{viewset.__name__}.search_fields changed: the column {table}.{API_SEARCH_COLUMN} "
        "must be generated again from them in a new migration"
    )
    assert expression.startswith("lower(")


def search(viewset, term: str, *, through_fields: bool):
    request = Request(APIRequestFactory().get("/", {"search": term}))
    view = viewset()
    backend = SearchFilter()
    queryset = viewset.queryset.model._default_manager.all()
    if through_fields:
        found = super(SearchFilter, backend).filter_queryset(request, queryset, view)
    else:
        found = backend.filter_queryset(request, queryset, view)
    with CaptureQueriesContext(connection) as queries:
        ids = sorted(found.values_list("pk", flat=True))
    return ids, queries[0]["sql"]


def words_of_each_field(viewset) -> list[str]:
    """From each searched field, the longest word of its first value, in the other case."""
    manager = viewset.queryset.model._default_manager
    words = []
    for name in viewset.search_fields:
        filled = manager.exclude(**{name: ""}).exclude(**{f"{name}__isnull": True})
        value = filled.order_by("pk").values_list(name, flat=True)[:1]
        for text in value:
            words.append(max(text.replace('"', " ").split(), key=len).swapcase())
    return words


@pytest.mark.parametrize("viewset", SEARCHED, ids=lambda v: v.__name__)
def test_the_column_finds_what_the_fields_find(real_data, viewset):
    words = words_of_each_field(viewset)
    assert words  # (the small data set leaves some languages empty)
    for term in [*words, *TERMS]:
        ids, sql = search(viewset, term, through_fields=False)
        expected, _ = search(viewset, term, through_fields=True)
        assert ids == expected, f"{viewset.__name__} ?search={term!r}"
        assert ids or term not in words, f"{viewset.__name__} ?search={term!r} finds nothing"
        if connection.vendor == "postgresql":
            assert API_SEARCH_COLUMN in sql
        else:
            assert API_SEARCH_COLUMN not in sql and "coopr_fold" in sql


def test_the_column_keeps_up_with_a_write(real_data):
    project = Project.objects.order_by("pk").first()
    Project.objects.filter(pk=project.pk).update(title_ru="Особый Проект Зюйд")
    ids, _ = search(ProjectViewSet, "особый зюйд", through_fields=False)
    assert ids == [project.pk]
