"""No lost updates: when two editors save the same record, the second is told and loses nothing."""

from http import HTTPStatus

import pytest
from concurrency.exceptions import RecordModifiedError
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from coopr.services import record_save
from people.models import Person
from tests.admin_forms import form_data, form_errors

pytestmark = pytest.mark.django_db


def make_editor(name):
    return get_user_model().objects.create_superuser(username=name, password="a-long-password-1")


def open_change_form(user, url):
    client = Client()
    client.force_login(user)
    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    return client, form_data(page)


def test_second_save_of_the_same_record_is_refused_with_a_clear_message(real_data):
    anna, boris = make_editor("anna"), make_editor("boris")
    seko = Person.objects.get(slug="hiroshige-seko")
    url = reverse("admin:people_person_change", args=[seko.pk])
    anna_client, anna_form = open_change_form(anna, url)
    boris_client, boris_form = open_change_form(boris, url)

    anna_form.update(biography_en="Minister of Economy, Trade and Industry.", _save="Save")
    saved = anna_client.post(url, anna_form)
    assert saved.status_code == HTTPStatus.FOUND, form_errors(saved)

    boris_form.update(sort_name="SEKO, Hiroshige", _save="Save")
    refused = boris_client.post(url, boris_form)
    assert refused.status_code == HTTPStatus.OK  # the form again, with the message
    html = refused.content.decode()
    assert "This record was changed by anna" in html
    assert "Your changes were not saved, and theirs are kept." in html
    assert "They changed: short biography [en]" in html or "They changed: short biography" in html

    seko.refresh_from_db()
    assert seko.biography_en == "Minister of Economy, Trade and Industry."  # Anna's edit
    assert seko.sort_name == "Seko, Hiroshige"  # Boris's edit was not written
    assert seko.history.filter(history_user=boris).count() == 0


def test_reloading_after_a_conflict_lets_the_second_editor_save(real_data):
    anna, boris = make_editor("anna"), make_editor("boris")
    seko = Person.objects.get(slug="hiroshige-seko")
    url = reverse("admin:people_person_change", args=[seko.pk])
    anna_client, anna_form = open_change_form(anna, url)
    boris_client, _ = open_change_form(boris, url)
    anna_form.update(biography_en="Edited by Anna.", _save="Save")
    assert anna_client.post(url, anna_form).status_code == HTTPStatus.FOUND

    boris_client, fresh = open_change_form(boris, url)
    fresh.update(sort_name="Seko, H.", _save="Save")
    assert boris_client.post(url, fresh).status_code == HTTPStatus.FOUND
    seko.refresh_from_db()
    assert (seko.biography_en, seko.sort_name) == ("Edited by Anna.", "Seko, H.")


def test_the_service_refuses_a_stale_save(real_data):
    """The same rule for every write path: the API and scripts save through record_save."""
    first = Person.objects.get(slug="olga-golodets")
    second = Person.objects.get(slug="olga-golodets")
    first.sort_name = "Golodets, O."
    record_save(instance=first)
    second.sort_name = "GOLODETS, Olga"
    with pytest.raises(RecordModifiedError):
        record_save(instance=second)
    assert Person.objects.get(slug="olga-golodets").sort_name == "Golodets, O."


def test_an_editor_can_revert_to_an_earlier_version(real_data):
    anna = make_editor("anna")
    golodets = Person.objects.get(slug="olga-golodets")
    golodets.sort_name = "Wrong, Name"
    record_save(instance=golodets, user=anna)
    original = golodets.history.order_by("history_date").first()  # as load_seed wrote it

    client = Client()
    client.force_login(anna)
    history = client.get(reverse("admin:people_person_history", args=[golodets.pk]))
    html = history.content.decode()
    assert "sort name" in html.lower() and "Wrong, Name" in html  # what changed, field by field
    assert "version:" not in html  # bookkeeping is left out of the changes

    url = reverse("admin:people_person_simple_history", args=[golodets.pk, original.history_id])
    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    data = form_data(page)
    data["_save"] = "Revert"
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, form_errors(response)
    golodets.refresh_from_db()
    assert golodets.sort_name == "Golodets, Olga"
    assert golodets.history.latest().history_user == anna


def test_inline_rows_are_validated_and_saved_through_the_service(real_data):
    """A citation added inline on a person's page is saved with its editor in history."""
    from coopr.models import Citation, Source

    anna = make_editor("anna")
    repik = Person.objects.get(slug="alexei-repik")
    url = reverse("admin:people_person_change", args=[repik.pk])
    client, data = open_change_form(anna, url)
    prefix = "coopr-citation-content_type-object_id"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    tass = Source.objects.get(slug="tass-2018-03-24")
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(total + 1),
            f"{prefix}-{total}-source": str(tass.pk),
            f"{prefix}-{total}-field_name": "sort_name",
            f"{prefix}-{total}-quote": "Alexei Repik",
            "_save": "Save",
        }
    )
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, form_errors(response)
    citation = Citation.objects.for_object(repik).get(field_name="sort_name")
    assert citation.history.get().history_user == anna


def test_an_inline_citation_of_a_field_the_record_lacks_is_a_form_error(real_data):
    from coopr.models import Citation, Source

    anna = make_editor("anna")
    repik = Person.objects.get(slug="alexei-repik")
    before = Citation.objects.count()
    url = reverse("admin:people_person_change", args=[repik.pk])
    client, data = open_change_form(anna, url)
    prefix = "coopr-citation-content_type-object_id"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(total + 1),
            f"{prefix}-{total}-source": str(Source.objects.get(slug="tass-2018-03-24").pk),
            f"{prefix}-{total}-field_name": "shoe_size",
            f"{prefix}-{total}-quote": "Alexei Repik",
            "sort_name": "Repik, A.",
            "_save": "Save",
        }
    )
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert "has no field “shoe_size”" in response.content.decode()
    assert Citation.objects.count() == before
    repik.refresh_from_db()
    assert repik.sort_name == "Repik, Alexei"  # all or nothing: the person was not saved either
