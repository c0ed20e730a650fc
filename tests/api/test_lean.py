"""The lists' lean serialization (coopr.api.lean) gives exactly what DRF's own does.

Every list of the API is read over HTTP (lean) and compared, record for record and key for key
(in order), with each of its records serialized by DRF's stock machinery from the same
queryset, rows carrying every kind of related data the representation shows.
"""

from __future__ import annotations

import pytest
from django.utils.module_loading import import_string
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from coopr.api.lean import LeanListSerializer, compile_serializer
from coopr.registry import in_api
from tests.api.test_queries import MAKERS, list_url

pytestmark = pytest.mark.django_db


def stock_results(basename: str, url: str) -> list[dict]:
    """The page's records as DRF's own Serializer.to_representation gives them."""
    record_type = next(t for t in in_api() if t.api.basename == basename)
    view = import_string(record_type.api.viewset)()
    view.action, view.format_kwarg, view.kwargs = "list", None, {}
    view.request = Request(APIRequestFactory().get(url))
    rows = list(view.filter_queryset(view.get_queryset())[:50])
    serializer_class = view.get_serializer_class()
    context = view.get_serializer_context()
    stock = serializers.ListSerializer(child=serializer_class(), context=context)
    assert not isinstance(stock, LeanListSerializer)
    return [dict(item) for item in stock.to_representation(rows)]


@pytest.mark.parametrize("basename", sorted(MAKERS))
def test_a_lean_list_is_what_drf_gives(api, basename):
    make, _lookup = MAKERS[basename]
    for _ in range(3):
        make()
    url = list_url(basename)
    response = api.get(url)
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) >= 3
    expected = stock_results(basename, url)
    assert results == expected
    # Key order too: the JSON a client reads is the same text.
    assert [list(r) for r in results] == [list(e) for e in expected]


@pytest.mark.parametrize("record_type", in_api(), ids=lambda t: t.api.basename)
def test_every_list_serializes_lean(record_type):
    view = import_string(record_type.api.viewset)()
    view.action, view.format_kwarg, view.kwargs = "list", None, {}
    view.request = Request(APIRequestFactory().get("/"))
    assert isinstance(view.get_serializer([], many=True), LeanListSerializer)


class Row:
    def __init__(self, **values):
        self.__dict__.update(values)

    def shout(self):
        return "a method"


class Edge(serializers.Serializer):
    name = serializers.CharField()
    count = serializers.IntegerField()
    missing = serializers.CharField(required=False)  # absent: left out (SkipField)
    fallback = serializers.CharField(default="given")  # absent: its default
    method = serializers.CharField(source="shout")  # a method: called
    whole = serializers.SerializerMethodField()  # of the whole record (source="*")

    def get_whole(self, row) -> str:
        return f"{row.name}/{row.count}" if isinstance(row, Row) else "mapping"


def test_edge_cases_follow_drf():
    rows = [Row(name="a", count="7"), Row(name=None, count=0)]
    lean = [compile_serializer(Edge())(row) for row in rows]
    assert lean == [Edge(row).data for row in rows]
    # A mapping (no attributes) goes DRF's own way, field by field.
    assert compile_serializer(Edge())({"name": "b", "count": 1, "shout": "x"})["count"] == 1
    assert lean[0] == {
        "name": "a",
        "count": 7,
        "fallback": "given",
        "method": "a method",
        "whole": "a/7",
    }
