"""Every model is in the admin: changelist, add, change and history pages work on real data."""

from http import HTTPStatus

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

OUR_APPS = ("coopr", "people", "projects")
MODELS = [
    model
    for app in OUR_APPS
    for model in apps.get_app_config(app).get_models()
    if not model._meta.model_name.startswith("historical")
    # The change feed's entries are written by coopr.changes, never edited.
    and model._meta.label != "coopr.Change"
]


def test_every_model_is_registered():
    missing = [model._meta.label for model in MODELS if not admin.site.is_registered(model)]
    assert missing == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_admin_pages_of_every_model(client, superuser, real_data, model):
    client.force_login(superuser)
    opts = model._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    obj = model._default_manager.order_by("pk").first()

    changelist = client.get(reverse(f"{prefix}_changelist"))
    assert changelist.status_code == HTTPStatus.OK
    assert changelist.context["cl"].result_count == model._default_manager.count()
    assert client.get(reverse(f"{prefix}_add")).status_code == HTTPStatus.OK
    if obj is None:  # a model the data set leaves empty (e.g. project people)
        return
    change = client.get(reverse(f"{prefix}_change", args=[obj.pk]))
    assert change.status_code == HTTPStatus.OK
    assert change.context["original"] == obj
    history = client.get(reverse(f"{prefix}_history", args=[obj.pk]))
    assert history.status_code == HTTPStatus.OK
    assert "load_seed" in history.content.decode()


def test_admin_search_finds_cyrillic_and_japanese_names(client, superuser, real_data):
    client.force_login(superuser)
    url = reverse("admin:people_person_changelist")
    for query, slug in (("Голодец", "olga-golodets"), ("世耕", "hiroshige-seko")):
        response = client.get(url, {"q": query})
        assert [p.slug for p in response.context["cl"].result_list] == [slug]


def test_changelists_show_dates_as_precisely_as_their_sources_and_missing_languages(
    client, superuser, real_data
):
    client.force_login(superuser)
    with translation.override("en"):
        html = client.get(reverse("admin:projects_meeting_changelist")).content.decode()
    assert "September 2017" in html  # month precision, not "Sept. 1, 2017"
    assert "Sept. 1, 2017" not in html
    people = client.get(reverse("admin:people_person_changelist")).content.decode()
    # Seko has all three names; Matsumoto only English.
    assert '<span title="English">en</span> <span title="Русский">ru</span>' in people
    assert '<span title="Русский">—</span> <span title="日本語">—</span>' in people
