"""Changes made in the admin are recorded in history with the editor who made them."""

import pytest
from django.urls import reverse

from tests.admin_forms import form_data, form_errors
from tests.people.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plain_static_files(settings, tmp_path):
    """Render admin pages without a collected static manifest (as with DEBUG off)."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.mark.usefixtures("plain_static_files")
@pytest.mark.parametrize("editor", ["superuser", "editor_user"])
def test_admin_change_is_recorded_with_its_user(client, request, editor):
    account = request.getfixturevalue(editor)
    organization = OrganizationFactory(name_en="Ministry of Economic Development")
    assert organization.history.count() == 1
    client.force_login(account)
    url = reverse("admin:people_organization_change", args=[organization.pk])

    # secure=True: with DEBUG off, plain-HTTP requests are redirected to HTTPS.
    page = client.get(url, secure=True)
    assert page.status_code == 200
    data = form_data(page)
    assert "coopr-citation-content_type-object_id-TOTAL_FORMS" in data
    data["name_en"] = "Ministry of Economic Development of the Russian Federation"
    data["_save"] = "Save"
    response = client.post(url, data, secure=True)

    assert response.status_code == 302, form_errors(response)
    organization.refresh_from_db()
    assert organization.name_en == "Ministry of Economic Development of the Russian Federation"
    assert organization.history.count() == 2
    latest = organization.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == account
    assert latest.name_en == organization.name_en
