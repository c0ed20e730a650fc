"""The role matrix, page by page: what Editors and Viewers can and cannot do in the admin."""

from http import HTTPStatus

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from projects.models import Plan, PlanItem, Project

pytestmark = pytest.mark.django_db

MODELS = [
    model
    for app in ("coopr", "people", "projects")
    for model in apps.get_app_config(app).get_models()
    if not model._meta.model_name.startswith("historical")
    # The change feed's entries are written by coopr.changes, never edited.
    and model._meta.label != "coopr.Change"
]
PROTECTED = {Plan, PlanItem}


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def first(model):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None or model._meta.model_name == "projectperson"
    return obj


def test_roles_exist_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Viewers"}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_editor_pages(client, editor_user, real_data, model):
    client.force_login(editor_user)
    assert client.get(admin_url(model, "changelist")).status_code == HTTPStatus.OK
    assert client.get(admin_url(model, "add")).status_code == HTTPStatus.OK
    obj = first(model)
    if obj is None:
        return
    change = client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == HTTPStatus.OK
    assert 'name="_save"' in change.content.decode()  # editable, not read-only
    assert client.get(admin_url(model, "history", obj.pk)).status_code == HTTPStatus.OK
    delete = client.get(admin_url(model, "delete", obj.pk))
    expected = HTTPStatus.FORBIDDEN if model in PROTECTED else HTTPStatus.OK
    assert delete.status_code == expected


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_viewer_pages(client, viewer_user, real_data, model):
    client.force_login(viewer_user)
    assert client.get(admin_url(model, "changelist")).status_code == HTTPStatus.OK
    assert client.get(admin_url(model, "add")).status_code == HTTPStatus.FORBIDDEN
    obj = first(model)
    if obj is None:
        return
    change = client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == HTTPStatus.OK
    assert 'name="_save"' not in change.content.decode()  # read-only
    assert client.get(admin_url(model, "history", obj.pk)).status_code == HTTPStatus.OK
    assert client.get(admin_url(model, "delete", obj.pk)).status_code == HTTPStatus.FORBIDDEN


def test_viewer_cannot_change_by_posting(client, viewer_user, real_data):
    client.force_login(viewer_user)
    project = Project.objects.get(slug="jnto-moscow-office")
    response = client.post(admin_url(Project, "change", project.pk), {"title_en": "Hacked"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    project.refresh_from_db()
    assert project.title_en != "Hacked"


def test_editor_cannot_delete_a_plan_item_by_posting(client, editor_user, real_data):
    client.force_login(editor_user)
    item = PlanItem.objects.get(number=8)
    response = client.post(admin_url(PlanItem, "delete", item.pk), {"post": "yes"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert PlanItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("role", ["editor_user", "viewer_user"])
@pytest.mark.parametrize("page", ["admin:auth_user_changelist", "admin:auth_group_changelist"])
def test_no_user_administration(client, request, role, page):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(page)).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("role", ["editor_user", "viewer_user"])
def test_history_is_not_editable_by_hand(role, request):
    user = request.getfixturevalue(role)
    assert user.has_perm("projects.view_historicalproject")
    assert not user.has_perm("projects.change_historicalproject")
    assert not user.has_perm("projects.delete_historicalproject")


@pytest.mark.django_db(transaction=True)
def test_roles_survive_a_flush():
    """Live-server tests flush the database; the roles come back with the permissions."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="change_project").exists()
    assert not editors.permissions.filter(codename="delete_plan").exists()
    assert Group.objects.get(name="Viewers").permissions.filter(codename="view_person").exists()
