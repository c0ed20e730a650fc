"""Fixtures shared by every test package: users with different rights."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

EDITED_APPS = ("coopr", "people", "projects")


@pytest.fixture
def user(db):
    """A signed-up user with no rights in the admin."""
    return get_user_model().objects.create_user(
        username="reader", email="reader@example.org", password="a-long-test-password"
    )


@pytest.fixture
def editor_user(db):
    """A staff member who may view, add and change (not delete) every record."""
    editors = Group.objects.create(name="editors")
    editors.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=EDITED_APPS,
            codename__regex=r"^(view|add|change)_",
        )
    )
    editor = get_user_model().objects.create_user(
        username="editor",
        email="editor@example.org",
        password="a-long-test-password",
        is_staff=True,
    )
    editor.groups.add(editors)
    return editor


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
