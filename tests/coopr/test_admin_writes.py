"""Every admin write goes through the services: deletes (the form's button, the bulk action,
an inline row's box) leave a history row naming the editor; many-to-many edits are saved."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from coopr.models import Citation
from people.models import Person
from tests.admin_forms import form_data, form_errors
from tests.people.factories import PersonFactory
from tests.projects.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna():
    return get_user_model().objects.create_superuser(username="anna", password="a-long-pass-1")


@pytest.fixture
def browser(anna):
    client = Client()
    client.force_login(anna)
    return client


def deletion(model, pk):
    return model.history.model.objects.get(id=pk, history_type="-")


def test_the_delete_button_leaves_a_history_row_naming_the_editor(browser, anna):
    person = PersonFactory()
    url = reverse("admin:people_person_delete", args=[person.pk])
    response = browser.post(url, {"post": "yes"})
    assert response.status_code == HTTPStatus.FOUND
    assert not Person.objects.filter(pk=person.pk).exists()
    assert deletion(Person, person.pk).history_user == anna


def test_the_bulk_delete_action_deletes_each_record_with_its_history_row(browser, anna):
    people = PersonFactory.create_batch(3)
    response = browser.post(
        reverse("admin:people_person_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [f"{p.pk},{p.version}" for p in people],
            "post": "yes",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert not Person.objects.filter(pk__in=[p.pk for p in people]).exists()
    assert [deletion(Person, p.pk).history_user for p in people] == [anna] * 3


def test_an_inline_row_deleted_on_its_records_page_leaves_a_history_row(browser, anna, real_data):
    repik = Person.objects.get(slug="alexei-repik")
    cited = Citation.objects.for_object(repik).order_by("pk")
    first = cited.first()
    url = reverse("admin:people_person_change", args=[repik.pk])
    page = browser.get(url)
    data = form_data(page)
    prefix = "coopr-citation-content_type-object_id"
    index = next(
        i
        for i in range(int(data[f"{prefix}-TOTAL_FORMS"]))
        if str(data.get(f"{prefix}-{i}-id")) == str(first.pk)
    )
    data.update({f"{prefix}-{index}-DELETE": "on", "_save": "Save"})
    response = browser.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, form_errors(response)
    assert not Citation.objects.filter(pk=first.pk).exists()
    assert deletion(Citation, first.pk).history_user == anna


def test_a_documents_signatories_are_edited_in_the_admin(browser):
    document = DocumentFactory()
    document.signatories.add(PersonFactory())
    before = set(document.signatories.values_list("pk", flat=True))
    newcomer = PersonFactory()
    url = reverse("admin:projects_document_change", args=[document.pk])
    data = form_data(browser.get(url))
    data.update({"signatories": [*before, newcomer.pk], "_save": "Save"})
    response = browser.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, form_errors(response)
    assert set(document.signatories.values_list("pk", flat=True)) == before | {newcomer.pk}
