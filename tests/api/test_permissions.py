"""The API's permission class answers as DRF's DjangoModelPermissionsOrAnonReadOnly does, for
every method and kind of user; it only skips building the view's queryset for a read."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from rest_framework.permissions import DjangoModelPermissionsOrAnonReadOnly
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from coopr.api.permissions import ModelPermissions
from projects.api.viewsets import ProjectViewSet

pytestmark = pytest.mark.django_db

METHODS = ["get", "head", "options", "post", "put", "patch", "delete"]


@pytest.fixture
def users(django_user_model):
    plain = django_user_model.objects.create_user("plain", password="x")
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.set(Permission.objects.filter(content_type__model="project"))
    return {"anonymous": AnonymousUser(), "plain": plain, "editor": editor}


@pytest.mark.parametrize("method", METHODS)
def test_the_same_answer_as_drfs(users, method):
    for name, user in users.items():
        request = Request(getattr(APIRequestFactory(), method)("/api/v1/projects/"))
        request.user = user
        view = ProjectViewSet()
        view.request, view.action, view.kwargs, view.format_kwarg = request, "list", {}, None
        ours = ModelPermissions().has_permission(request, view)
        theirs = DjangoModelPermissionsOrAnonReadOnly().has_permission(request, view)
        assert ours == theirs, (name, method)
        assert ours == (method in ("get", "head", "options") or name == "editor"), (name, method)


def test_a_read_does_not_build_the_views_queryset():
    class NoQueryset(ProjectViewSet):
        def get_queryset(self):
            raise AssertionError("a read needs no queryset to be allowed")

    request = Request(APIRequestFactory().get("/api/v1/projects/"))
    request.user = AnonymousUser()
    assert ModelPermissions().has_permission(request, NoQueryset())
