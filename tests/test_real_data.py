"""The `real_data` fixture (tests/conftest.py): loaded once per module, each test's writes
undone after it, an empty database for a test that does not ask for it.

The tests of this module run in the order written below except the last, which
tests/conftest.py moves to the front: a test that does not ask for the data set runs before
the module's transaction opens.
"""

import pytest
from django.core.cache import cache
from django.db import connection

from projects.models import Plan, Project

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
