"""coopr.links: each relation read with one statement gives what the ORM gives."""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.fields.related import ForeignObjectRel, RelatedField
from django.test.utils import CaptureQueriesContext

from coopr.links import column_rows, links, neighbours, relations
from coopr.registry import is_record, record_types
from projects.models import Project


def orm_neighbours(model, ids: set[int], forward_only: bool = False) -> dict:
    """The same walk through the ORM, relation by relation (what coopr.changes did)."""
    found: dict = defaultdict(set)
    manager = model._default_manager
    for field, other in relations(model):
        if isinstance(field, GenericForeignKey):
            pairs = manager.filter(pk__in=ids).values_list(field.ct_field, field.fk_field)
            for content_type_id, object_id in pairs:
                target = ContentType.objects.get_for_id(content_type_id).model_class()
                if target is not None and is_record(target):
                    found[target].add(object_id)
        elif isinstance(field, GenericRelation):
            if forward_only:
                continue
            content_type = ContentType.objects.get_for_model(model)
            rows = other._default_manager.filter(
                **{field.content_type_field_name: content_type},
                **{f"{field.object_id_field_name}__in": ids},
            ).values_list("pk", flat=True)
            found[other].update(rows)
        elif isinstance(field, ForeignObjectRel):
            if forward_only:
                continue
            rows = other._default_manager.filter(**{f"{field.field.name}__in": ids})
            found[other].update(rows.values_list("pk", flat=True))
        elif isinstance(field, RelatedField) and field.concrete:
            rows = manager.filter(pk__in=ids).values_list(field.name, flat=True)
            found[other].update(row for row in rows if row is not None)
    return {model: ids for model, ids in found.items() if ids}


def non_empty(records: dict) -> dict:
    return {model: ids for model, ids in records.items() if ids}


@pytest.mark.parametrize("forward_only", [False, True], ids=["both ways", "forward"])
def test_every_relation_gives_what_the_orm_gives(real_data, forward_only):
    """Both ways (None), or the links the records hold (True)."""
    forward = True if forward_only else None
    checked = 0
    for kind in record_types():
        model = kind.model
        every = set(model._default_manager.values_list("pk", flat=True))
        if not every:
            continue
        assert non_empty(neighbours(model, every, forward)) == orm_neighbours(
            model, every, forward_only
        ), model
        for pk in sorted(every)[:5]:
            expected = orm_neighbours(model, {pk}, forward_only)
            assert non_empty(neighbours(model, {pk}, forward)) == expected, (model, pk)
            held = model._default_manager.get(pk=pk)
            assert non_empty(neighbours(model, {pk}, forward, held)) == expected
            if not forward_only:  # one way and the other make both ways
                one_way = neighbours(model, {pk}, True)
                for other, ids in neighbours(model, {pk}, False).items():
                    one_way[other] |= ids
                assert non_empty(one_way) == expected
            checked += 1
    assert checked > 40  # most record types hold rows in the data set


def test_every_kind_of_relation_is_there():
    kinds = {
        (link.forward, link.other is None, link.where is not None)
        for kind in record_types()
        for link in links(kind.model)
    }
    # Foreign keys, generic foreign keys, reverse and many-to-many links, generic relations.
    assert kinds >= {(True, False, False), (True, True, False), (False, False, False)}
    assert (False, False, True) in kinds


def test_a_record_at_hand_needs_no_query_for_its_own_links(real_data):
    project = Project.objects.first()
    with CaptureQueriesContext(connection) as queries:
        found = neighbours(Project, {project.pk}, forward=True, instance=project)
    assert found[type(project.plan_item)] == {project.plan_item_id}
    forward = [link for link in links(Project) if link.forward]
    held = [link for link in forward if link.attnames]
    assert held and len(queries) == len(forward) - len(held)


def test_column_rows_reads_the_columns_asked_for(real_data):
    projects = list(Project.objects.order_by("pk")[:3])
    rows = column_rows(Project, ["pk", "version", "slug"], {p.pk for p in projects})
    assert sorted(rows) == [(p.pk, p.version, p.slug) for p in projects]
    assert column_rows(Project, ["pk"], set()) == []
