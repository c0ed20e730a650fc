"""Fixtures shared by every test package: users with different rights."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what one test kept (a count, under the generation
    of its own rows) must not be served in the next, whose rows were rolled back."""
    cache.clear()
    yield


@pytest.fixture
def user(db):
    """A signed-up user with no rights in the admin."""
    return get_user_model().objects.create_user(
        username="reader", email="reader@example.org", password="a-long-test-password"
    )


def staff_in(role: str, username: str):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="a-long-test-password",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor_user(db):
    """A staff member in the Editors role (created by the roles data migration)."""
    return staff_in("Editors", "editor")


@pytest.fixture
def viewer_user(db):
    """A staff member in the Viewers role: view only."""
    return staff_in("Viewers", "viewer")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="boss", email="boss@example.org", password="a-long-test-password"
    )


@pytest.fixture
def real_data(db):
    """The real data set (projects/seed/japan_russia.yaml), loaded as `make run` loads it."""
    from io import StringIO

    from django.core.management import call_command

    call_command("load_seed", stdout=StringIO())
