"""The `real_data` fixture (tests/conftest.py): loaded once per module, each test's writes
undone after it, an empty database for a test that does not ask for it.

The tests of this module run in the order written below except the last, which
tests/conftest.py moves to the front: a test that does not ask for the data set runs before
the module's transaction opens.
"""

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from projects.models import Plan, Project
from tests.conftest import load_real_data
from tests.snapshot import TAKEN, Snapshot, fingerprint, load_once, read_all

MARK = "Written by test_a_test_writes"
seen: dict[str, object] = {}


def test_a_test_writes(real_data, real_data_module):
    seen["loads"] = real_data_module.loads
    seen["count"] = Project.objects.count()
    assert seen["count"] > 0
    project = Project.objects.order_by("pk").first()
    seen["pk"] = project.pk
    project.title = MARK
    project.save()
    Project.objects.exclude(pk=project.pk).delete()
    cache.set("coopr:test-real-data", MARK)
    assert Project.objects.filter(title_en=MARK).count() == 1


def test_the_next_test_finds_nothing_of_it(real_data, real_data_module):
    assert "count" in seen, "test_a_test_writes did not run first"
    assert not Project.objects.filter(title_en=MARK).exists()
    assert Project.objects.count() == seen["count"]
    assert Project.objects.order_by("pk").first().pk == seen["pk"]
    assert cache.get("coopr:test-real-data") is None
    # The same load, not a second one: the data set was loaded once for the module.
    assert real_data_module.loads == seen["loads"] == 1


@pytest.mark.django_db(transaction=True)
def test_a_test_in_a_real_transaction_gets_the_data_set_committed(real_data):
    """After the shared tests; the data set is loaded for it alone, outside any transaction."""
    assert not connection.in_atomic_block
    assert Project.objects.count() == seen["count"]
    assert not Project.objects.filter(title_en=MARK).exists()


@pytest.mark.django_db
def test_a_test_without_the_data_set_sees_an_empty_database():
    """Written last, run first: no data set, no module transaction."""
    assert "count" not in seen
    assert Plan.objects.count() == 0
    assert Project.objects.count() == 0


@pytest.mark.django_db
def test_the_rows_put_back_read_back_the_same():
    """tests/snapshot.py: a data set put back by its rows is the data set the load wrote, on
    this database (SQLite or PostgreSQL: JSON, times, ids and the next id included)."""
    before = read_all()
    snapshot = Snapshot.take(load_real_data, before)
    assert snapshot is not None and snapshot.added
    loaded = read_all()
    assert len(snapshot.added["projects_project"][1]) == Project.objects.count() > 0
    # Back to the empty database, then the rows put back.
    with connection.cursor() as cursor:
        for table in snapshot.added:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
    assert fingerprint(read_all()) == snapshot.base == fingerprint(before)
    snapshot.put_back()
    assert fingerprint(read_all()) == fingerprint(loaded)
    # A record written now takes a new id, past those put back.
    highest = Plan.objects.order_by("-pk").values_list("pk", flat=True).first()
    plan = Plan.objects.first()
    plan.pk, plan.slug = None, "a-new-plan"
    plan.save()
    assert plan.pk > highest


@pytest.mark.django_db
def test_rows_are_put_back_only_onto_the_database_they_were_taken_from():
    TAKEN.clear()
    with transaction.atomic():
        load_once(load_real_data)
        loaded = fingerprint(read_all())
        transaction.set_rollback(True)
    first = TAKEN[load_real_data]
    assert first is not None
    # The same empty database: the rows taken are put back, not loaded again.
    load_once(load_real_data)
    assert TAKEN[load_real_data] is first
    assert fingerprint(read_all()) == loaded
    # A database that differs before the load (here: it holds the data set already) gets a
    # load of its own, taken anew.
    load_once(load_real_data)
    assert TAKEN[load_real_data] is not first
