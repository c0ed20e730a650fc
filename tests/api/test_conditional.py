"""Conditional GET: every GET answers with an ETag and Last-Modified; If-None-Match gives 304
until the record (or anything its body shows) changes."""

from __future__ import annotations

import re
import time

import pytest
from django.utils.http import parse_http_date

from coopr.models import Source
from coopr.services import record_save
from people.models import Organization, Person, Position
from projects.models import Document, Indicator, Meeting, Plan, PlanItem, Project

pytestmark = pytest.mark.usefixtures("seeded")

ETAG = re.compile(r'^"[0-9a-f]{32}"$')


def item_8() -> PlanItem:
    return PlanItem.objects.get(plan__slug="eight-point-cooperation-plan", number=8)


# For each resource: a list (a few records; the whole lists are compared in test_read.py),
# one of its records, and a change to make to that record through the services.
RESOURCES = {
    "plans": (
        "/api/v1/plans/",
        lambda: Plan.objects.get(slug="eight-point-cooperation-plan"),
        {"title_ru": "План сотрудничества из восьми пунктов"},
    ),
    "plan-items": ("/api/v1/plan-items/?number=8", item_8, {"description_en": "Exchanges."}),
    "projects": (
        "/api/v1/projects/?plan_item=8",
        lambda: Project.objects.get(slug="jnto-moscow-office"),
        {"status": "agreed"},
    ),
    "people": (
        "/api/v1/people/?organization=government-of-japan",
        lambda: Person.objects.get(slug="shinzo-abe"),
        {"biography_en": "Prime Minister of Japan."},
    ),
    "organizations": (
        "/api/v1/organizations/?country=JP",
        lambda: Organization.objects.get(slug="meti"),
        {"name_ja": "経済産業省"},
    ),
    "meetings": (
        "/api/v1/meetings/?kind=ceremony",
        lambda: Meeting.objects.get(slug="cross-years-opening-2018-05-26"),
        {"city_ru": "Москва"},
    ),
    "documents": (
        "/api/v1/documents/",
        lambda: Document.objects.get(slug="memorandum-university-association-2016"),
        {"place_en": "Lima"},
    ),
    "indicators": (
        "/api/v1/indicators/",
        lambda: Indicator.objects.get(slug="projects-under-item-8-reported"),
        {"unit_ja": "件"},
    ),
    "sources": (
        "/api/v1/sources/",
        lambda: Source.objects.get(slug="tass-2018-03-24"),
        {"notes": "Read again."},
    ),
}


def detail_url(resource: str, obj) -> str:
    return f"/api/v1/{resource}/{obj.pk if resource == 'plan-items' else obj.slug}/"


def urls():
    for resource in RESOURCES:
        yield pytest.param(resource, "list", id=f"{resource}-list")
        yield pytest.param(resource, "detail", id=f"{resource}-detail")


def url_of(resource: str, which: str) -> str:
    list_url, get, _ = RESOURCES[resource]
    return list_url if which == "list" else detail_url(resource, get())


def change(resource: str) -> None:
    _, get, values = RESOURCES[resource]
    obj = get()
    for name, value in values.items():
        setattr(obj, name, value)
    record_save(instance=obj)


@pytest.mark.parametrize(("resource", "which"), list(urls()))
def test_every_get_has_etag_and_last_modified(api, resource, which):
    response = api.get(url_of(resource, which))
    assert response.status_code == 200
    assert ETAG.match(response["ETag"]), response["ETag"]
    parse_http_date(response["Last-Modified"])
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_detail_last_modified_is_never_before_the_record_changed(api, resource):
    """Last-Modified is the last change to any record: a detail shows nested records too."""
    obj = RESOURCES[resource][1]()
    response = api.get(detail_url(resource, obj))
    assert parse_http_date(response["Last-Modified"]) >= int(obj.updated.timestamp())


@pytest.mark.parametrize(("resource", "which"), list(urls()))
def test_if_none_match_gives_304_with_an_empty_body(api, resource, which):
    url = url_of(resource, which)
    etag = api.get(url)["ETag"]
    for sent in (etag, f"W/{etag}", f'"something-else", {etag}', "*"):
        response = api.get(url, HTTP_IF_NONE_MATCH=sent)
        assert response.status_code == 304, sent
        assert response.content == b""
        assert response["ETag"] == etag
    assert api.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


@pytest.mark.parametrize(("resource", "which"), list(urls()))
def test_a_change_gives_200_and_a_new_etag(api, resource, which):
    url = url_of(resource, which)
    before = api.get(url)
    change(resource)
    response = api.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert response.status_code == 200
    assert response["ETag"] != before["ETag"]
    assert response.json() != before.json()
    assert api.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_etag_follows_the_language(api):
    url = "/api/v1/people/shinzo-abe/"
    english = api.get(url)["ETag"]
    japanese = api.get(f"{url}?lang=ja")["ETag"]
    assert english != japanese
    assert api.get(f"{url}?lang=ja", HTTP_IF_NONE_MATCH=japanese).status_code == 304
    assert api.get(url, HTTP_IF_NONE_MATCH=japanese).status_code == 200


def rename_abe_post() -> None:
    post = Position.objects.get(person__slug="shinzo-abe", title_en="Prime Minister")
    post.title_ja = "内閣総理大臣"
    record_save(instance=post)


def test_a_change_to_a_nested_record_changes_the_etag(api):
    """Abe's body shows his posts: renaming one is a change of his representation."""
    url = "/api/v1/people/shinzo-abe/"
    before = api.get(url)["ETag"]
    rename_abe_post()
    response = api.get(url, HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert response.json()["positions"][0]["title_i18n"]["ja"] == "内閣総理大臣"


def test_a_change_to_a_nested_record_is_not_hidden_by_if_modified_since(api):
    """A client that revalidates with the Last-Modified it read (and no ETag) must not be told
    "not modified" when a post shown in the body changed since."""
    url = "/api/v1/people/shinzo-abe/"
    last_modified = api.get(url)["Last-Modified"]
    time.sleep(1.1)  # HTTP dates count whole seconds: a change within the same one can't show
    rename_abe_post()
    response = api.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 200
    assert response.json()["positions"][0]["title_i18n"]["ja"] == "内閣総理大臣"


def test_if_modified_since_gives_304_when_nothing_changed(api):
    url = "/api/v1/plans/eight-point-cooperation-plan/"
    last_modified = api.get(url)["Last-Modified"]
    response = api.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 304
    assert response.content == b""
