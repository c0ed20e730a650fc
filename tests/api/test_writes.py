"""The write side of the API: who may write what, what is refused, preconditions, throttling.

Every write is checked in the database, not only by its status code: a refused write leaves
the row count, the row's values and its history as they were; an accepted one is saved
through the services, so its history row names the user who made it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.db import models
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from coopr.models import Source
from people.models import Organization, Person
from projects.models import (
    Document,
    Indicator,
    JointBody,
    Meeting,
    Plan,
    PlanItem,
    Project,
    Theme,
)
from tests.coopr.factories import CitationFactory, SourceFactory
from tests.people.factories import OrganizationFactory, PersonFactory
from tests.projects import factories as p

pytestmark = pytest.mark.django_db

API = "/api/v1/"


# Resources ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    """One resource of the API, with what it takes to write it.

    `make` creates a record nothing depends on (so that it can be deleted); `body(target)` is
    a valid full body, for a new record or (given `target`) for a PUT of that record;
    `patch` is a valid change and `changed(row)` reads back the value it sets, `new_value`.
    """

    name: str
    model: type[models.Model]
    make: Callable[[], models.Model]
    body: Callable[[models.Model | None], dict[str, Any]]
    patch: dict[str, Any]
    changed: Callable[[models.Model], Any]
    new_value: Any
    lookup: str = "slug"
    protected_from_editors: bool = False

    def __str__(self) -> str:
        return self.name

    @property
    def list_url(self) -> str:
        return f"{API}{self.name}/"

    def detail_url(self, row: models.Model) -> str:
        return f"{API}{self.name}/{getattr(row, self.lookup)}/"


def slug_of(target, new: str) -> str:
    return target.slug if target is not None else new


RESOURCES = [
    Resource(
        name="plans",
        model=Plan,
        make=p.PlanFactory,
        body=lambda target: {
            "slug": slug_of(target, "far-east-plan"),
            "title_i18n": {"en": "Far East Plan", "ru": "План для Дальнего Востока"},
            "country_a": "JP",
            "country_b": "RU",
            "proposed_on": "2019-06-01",
            "proposed_on_precision": "month",
        },
        patch={"title_i18n": {"en": "Renamed plan"}},
        changed=lambda row: row.title_en,
        new_value="Renamed plan",
        protected_from_editors=True,
    ),
    Resource(
        name="plan-items",
        model=PlanItem,
        make=p.PlanItemFactory,
        body=lambda target: {
            "plan": (target.plan if target else p.PlanFactory()).slug,
            "number": target.number if target else 9,
            "title_i18n": {"en": "Tourism", "ja": "観光"},
        },
        patch={"title_i18n": {"en": "Renamed item"}},
        changed=lambda row: row.title_en,
        new_value="Renamed item",
        lookup="pk",
        protected_from_editors=True,
    ),
    Resource(
        name="projects",
        model=Project,
        make=p.ProjectFactory,
        body=lambda target: {
            "slug": slug_of(target, "port-of-vladivostok"),
            "plan_item": (target.plan_item if target else p.PlanItemFactory()).pk,
            "title_i18n": {"en": "Port of Vladivostok"},
            "status": "agreed",
            "start": "2018-03-01",
            "start_precision": "month",
            "progress": 10,
        },
        patch={"progress": 40},
        changed=lambda row: row.progress,
        new_value=40,
    ),
    Resource(
        name="people",
        model=Person,
        make=PersonFactory,
        body=lambda target: {
            "slug": slug_of(target, "ivan-petrov"),
            "name_i18n": {"en": "Ivan Petrov", "ru": "Иван Петров"},
            "sort_name": "Petrov, Ivan",
            "country": "RU",
        },
        patch={"sort_name": "PETROV, Ivan"},
        changed=lambda row: row.sort_name,
        new_value="PETROV, Ivan",
    ),
    Resource(
        name="organizations",
        model=Organization,
        make=OrganizationFactory,
        body=lambda target: {
            "slug": slug_of(target, "jetro"),
            "name_i18n": {"en": "Japan External Trade Organization"},
            "short_name_i18n": {"en": "JETRO"},
            "kind": "agency",
            "country": "JP",
        },
        patch={"website": "https://www.jetro.go.jp/"},
        changed=lambda row: row.website,
        new_value="https://www.jetro.go.jp/",
    ),
    Resource(
        name="meetings",
        model=Meeting,
        make=p.MeetingFactory,
        body=lambda target: {
            "slug": slug_of(target, "eef-2019"),
            "title_i18n": {"en": "Eastern Economic Forum 2019"},
            "kind": "summit",
            "start": "2019-09-04",
            "end": "2019-09-06",
            "city_i18n": {"en": "Vladivostok"},
            "country": "RU",
        },
        patch={"outcomes_i18n": {"en": "Agreed a road map."}},
        changed=lambda row: row.outcomes_en,
        new_value="Agreed a road map.",
    ),
    Resource(
        name="documents",
        model=Document,
        make=p.DocumentFactory,
        body=lambda target: {
            "slug": slug_of(target, "memorandum-on-tourism"),
            "title_i18n": {"en": "Memorandum on tourism"},
            "kind": "memorandum",
            "signed_on": "2019-09-05",
        },
        patch={"link": "https://example.org/memorandum.pdf"},
        changed=lambda row: row.url,
        new_value="https://example.org/memorandum.pdf",
    ),
    Resource(
        name="indicators",
        model=Indicator,
        make=p.IndicatorFactory,
        body=lambda target: {
            "slug": slug_of(target, "tourists"),
            "name_i18n": {"en": "Japanese tourists in Russia"},
            "unit_i18n": {"en": "visitors"},
            "measures": "other",
        },
        patch={"unit_i18n": {"en": "people"}},
        changed=lambda row: row.unit_en,
        new_value="people",
    ),
    Resource(
        name="themes",
        model=Theme,
        make=p.ThemeFactory,
        body=lambda target: {
            "slug": slug_of(target, "student-exchange"),
            "name_i18n": {"en": "student exchange", "ja": "学生交流"},
        },
        patch={"name_i18n": {"en": "student exchanges"}},
        changed=lambda row: row.name_en,
        new_value="student exchanges",
    ),
    Resource(
        name="bodies",
        model=JointBody,
        make=p.JointBodyFactory,
        body=lambda target: {
            "slug": slug_of(target, "intergovernmental-commission"),
            "name_i18n": {"en": "Intergovernmental Commission"},
            "kind": "commission",
        },
        patch={"kind": "council"},
        changed=lambda row: row.kind,
        new_value="council",
    ),
    Resource(
        name="sources",
        model=Source,
        make=SourceFactory,
        body=lambda target: {
            "slug": slug_of(target, "tass-2019-09-05"),
            "title": "Russia, Japan sign tourism memorandum",
            "publisher": "TASS",
            "link": "https://example.org/news/tourism",
            "published_on": "2019-09-05",
        },
        patch={"notes": "Checked against the print edition."},
        changed=lambda row: row.notes,
        new_value="Checked against the print edition.",
    ),
]


# Users and clients ---------------------------------------------------------------------------

ROLES = ["anonymous", "viewer", "editor", "superuser"]


def user_in(request, role: str):
    """The user a role names (None for anonymous), created only when a test needs it."""
    fixture = {"viewer": "viewer_user", "editor": "editor_user", "superuser": "superuser"}
    return request.getfixturevalue(fixture[role]) if role != "anonymous" else None


def authenticate(client: APIClient, user) -> APIClient:
    """Send the user's API token with every request (no credentials for None)."""
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def editor_api(api, editor_user):
    return authenticate(api, editor_user)


# What the database holds ---------------------------------------------------------------------


def values(row: models.Model) -> dict[str, Any]:
    """Every column of the row as the database has it now."""
    fresh = type(row)._default_manager.get(pk=row.pk)
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


def history_count(model: type[models.Model], pk=None) -> int:
    rows = model.history.all()
    return (rows.filter(id=pk) if pk is not None else rows).count()


def last_history(model: type[models.Model], pk):
    return model.history.filter(id=pk).order_by("-history_date", "-history_id").first()


@dataclass
class Snapshot:
    """The table's row count and history, and one row's values and history, before a write."""

    model: type[models.Model]
    rows: int
    history: int
    row: models.Model | None = None
    row_values: dict[str, Any] | None = None
    row_history: int | None = None

    @classmethod
    def take(cls, model, row=None) -> Snapshot:
        return cls(
            model=model,
            rows=model._default_manager.count(),
            history=history_count(model),
            row=row,
            row_values=values(row) if row is not None else None,
            row_history=history_count(model, row.pk) if row is not None else None,
        )

    def assert_unchanged(self) -> None:
        assert self.model._default_manager.count() == self.rows
        assert history_count(self.model) == self.history
        if self.row is not None:
            assert values(self.row) == self.row_values
            assert history_count(self.model, self.row.pk) == self.row_history


def assert_error(response, status: int, code: str | None = None) -> dict:
    """The response is an error in the API's one format; returns its body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status
    assert isinstance(error["message"], str) and error["message"]
    if code is not None:
        assert error["code"] == code, error
    return error


def etag_of(client: APIClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response["ETag"]


# 1. Who may write what ---------------------------------------------------------------------


def expected_status(role: str, operation: str, resource: Resource) -> int:
    if role == "anonymous":
        return 401
    if role == "viewer":
        return 403
    if role == "editor" and operation == "delete" and resource.protected_from_editors:
        return 403
    return {"create": 201, "patch": 200, "put": 200, "delete": 204}[operation]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_create(request, api, resource, role):
    user = user_in(request, role)
    client = authenticate(api, user)
    body = resource.body(None)
    before = Snapshot.take(resource.model)

    response = client.post(resource.list_url, body)

    expected = expected_status(role, "create", resource)
    if expected != 201:
        assert_error(response, expected)
        before.assert_unchanged()
        if role == "anonymous":
            # Token authentication comes first: it names its scheme, so the answer is 401.
            assert response["WWW-Authenticate"] == "Token"
        return
    assert response.status_code == 201, response.content
    created = resource.model._default_manager.get(pk=response.json()["id"])
    for name, value in body.items():
        shown = response.json()[name]
        assert shown == ({**shown, **value} if isinstance(value, dict) else value), name
    assert resource.model._default_manager.count() == before.rows + 1
    assert response.json()["version"] == created.version == 1
    history = last_history(resource.model, created.pk)
    assert history.history_type == "+"
    assert history.history_user == user
    # The response shows the record as a GET of it does.
    assert response.json() == client.get(resource.detail_url(created)).json()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["patch", "put"])
@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_update(request, api, resource, method, role):
    user = user_in(request, role)
    client = authenticate(api, user)
    row = resource.make()
    url = resource.detail_url(row)
    etag = etag_of(client, url)
    body = resource.patch if method == "patch" else {**resource.body(row), **resource.patch}
    before = Snapshot.take(resource.model, row)

    response = getattr(client, method)(url, body, HTTP_IF_MATCH=etag)

    expected = expected_status(role, method, resource)
    if expected != 200:
        assert_error(response, expected)
        before.assert_unchanged()
        return
    assert response.status_code == 200, response.content
    row.refresh_from_db()
    assert resource.changed(row) == resource.new_value
    assert row.version == before.row_values["version"] + 1
    assert response.json()["version"] == row.version
    assert history_count(resource.model, row.pk) == before.row_history + 1
    history = last_history(resource.model, row.pk)
    assert history.history_type == "~"
    assert history.history_user == user
    assert response.json() == client.get(url).json()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_delete(request, api, resource, role):
    user = user_in(request, role)
    client = authenticate(api, user)
    row = resource.make()
    url = resource.detail_url(row)
    etag = etag_of(client, url)
    before = Snapshot.take(resource.model, row)

    response = client.delete(url, HTTP_IF_MATCH=etag)

    expected = expected_status(role, "delete", resource)
    if expected != 204:
        assert_error(response, expected)
        before.assert_unchanged()
        return
    assert response.status_code == 204, response.content
    assert not resource.model._default_manager.filter(pk=row.pk).exists()
    assert resource.model._default_manager.count() == before.rows - 1
    history = last_history(resource.model, row.pk)
    assert history.history_type == "-"
    assert history.history_user == user
    assert client.get(url).status_code == 404


def test_a_token_that_does_not_exist_is_refused(api):
    api.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    before = Snapshot.take(Plan)
    response = api.post(f"{API}plans/", RESOURCES[0].body(None))
    assert_error(response, 401, "authentication_failed")
    assert response["WWW-Authenticate"] == "Token"
    before.assert_unchanged()


# Sessions need the CSRF token ----------------------------------------------------------------


@pytest.fixture
def session_client(editor_user):
    """An Editor logged in with a session, by a client that enforces CSRF like a browser."""
    client = APIClient(enforce_csrf_checks=True)
    client.default_format = "json"
    client.force_login(editor_user)
    return client


def csrf_token(client: APIClient) -> str:
    """The CSRF token a page of the site gives the logged-in browser (its cookie)."""
    assert client.get("/admin/").status_code == 200
    return client.cookies["csrftoken"].value


def test_a_session_without_the_csrf_token_cannot_write(session_client):
    before = Snapshot.take(Source)
    response = session_client.post(f"{API}sources/", RESOURCES[-1].body(None))
    error = assert_error(response, 403, "permission_denied")
    assert "CSRF" in error["message"]
    before.assert_unchanged()


def test_a_session_with_the_csrf_token_can_write(session_client, editor_user):
    token = csrf_token(session_client)
    response = session_client.post(
        f"{API}sources/", RESOURCES[-1].body(None), HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 201, response.content
    source = Source.objects.get(pk=response.json()["id"])
    assert last_history(Source, source.pk).history_user == editor_user


def test_a_session_can_read_without_the_csrf_token(session_client):
    assert session_client.get(f"{API}sources/").status_code == 200


# 2. Validation -------------------------------------------------------------------------------


@pytest.fixture
def project(db):
    return p.ProjectFactory(
        slug="ferry-line", start=dt.date(2018, 3, 1), progress=20, title_en="Ferry line"
    )


def project_body(plan_item: PlanItem, **changes: Any) -> dict[str, Any]:
    return {
        "slug": "new-project",
        "plan_item": plan_item.pk,
        "title_i18n": {"en": "A new project"},
        "start": "2018-03-01",
        "progress": 10,
        **changes,
    }


# (id, the body's changes, the field whose message the error must give)
BAD_PROJECTS = [
    ("unknown-language", {"title_i18n": {"en": "Ferry", "de": "Fähre"}}, "title_i18n"),
    ("no-english-title", {"title_i18n": {"ru": "Паром", "ja": "フェリー"}}, "title_i18n"),
    ("null-english-title", {"title_i18n": {"en": None, "ru": "Паром"}}, "title_i18n"),
    ("progress-150", {"progress": 150}, "progress"),
    ("progress-negative", {"progress": -1}, "progress"),
    ("end-before-start", {"start": "2018-03-01", "end": "2018-02-01"}, "end"),
    ("unknown-plan-item", {"plan_item": 999999}, "plan_item"),
    ("slug-duplicate", {"slug": "ferry-line"}, "slug"),
    ("string-for-progress", {"progress": "a lot"}, "progress"),
    ("numeric-string-for-progress", {"progress": "50"}, "progress"),
    ("boolean-for-progress", {"progress": True}, "progress"),
    ("fraction-for-progress", {"progress": 12.5}, "progress"),
    ("string-for-plan-item", {"plan_item": "1"}, "plan_item"),
    ("number-for-slug", {"slug": 5}, "slug"),
    ("object-for-status", {"status": {"code": "agreed"}}, "status"),
    ("list-for-title", {"title_i18n": ["Ferry"]}, "title_i18n"),
    ("number-for-a-language", {"title_i18n": {"en": 42}}, "title_i18n"),
    ("unknown-status", {"status": "dreaming"}, "status"),
    ("bad-date", {"start": "2018-02-30"}, "start"),
    ("bad-precision", {"start_precision": "week"}, "start_precision"),
    ("bad-slug", {"slug": "not a slug!"}, "slug"),
]


@pytest.mark.parametrize(
    ("changes", "field"), [pytest.param(c, f, id=i) for i, c, f in BAD_PROJECTS]
)
def test_an_invalid_new_project_is_refused_field_by_field(editor_api, project, changes, field):
    before = Snapshot.take(Project, project)
    response = editor_api.post(f"{API}projects/", {**project_body(project.plan_item), **changes})
    error = assert_error(response, 400, "invalid")
    assert set(error["fields"]) == {field}, error
    assert all(isinstance(message, str) and message for message in error["fields"][field])
    before.assert_unchanged()


@pytest.mark.parametrize(
    ("changes", "field"),
    # (Without its English title a change leaves the English title as it is: that is valid.)
    [
        pytest.param(c, f, id=i)
        for i, c, f in BAD_PROJECTS
        if i not in {"slug-duplicate", "no-english-title"}
    ],
)
def test_an_invalid_change_to_a_project_is_refused_field_by_field(
    editor_api, project, changes, field
):
    url = f"{API}projects/{project.slug}/"
    etag = etag_of(editor_api, url)
    other = p.ProjectFactory(slug="other-project")
    if changes.get("slug") == "ferry-line":
        changes = {"slug": other.slug}
    before = Snapshot.take(Project, project)
    response = editor_api.patch(url, changes, HTTP_IF_MATCH=etag)
    error = assert_error(response, 400, "invalid")
    assert set(error["fields"]) == {field}, error
    before.assert_unchanged()


def test_renaming_a_project_to_a_slug_in_use_is_refused(editor_api, project):
    other = p.ProjectFactory(slug="other-project")
    url = f"{API}projects/{project.slug}/"
    before = Snapshot.take(Project, project)
    response = editor_api.patch(url, {"slug": other.slug}, HTTP_IF_MATCH=etag_of(editor_api, url))
    error = assert_error(response, 400, "invalid")
    assert set(error["fields"]) == {"slug"}
    before.assert_unchanged()


@pytest.mark.parametrize("raw", [pytest.param("{}", id="object"), pytest.param("", id="nothing")])
def test_a_project_without_its_required_fields_is_refused(editor_api, project, raw):
    before = Snapshot.take(Project, project)
    response = editor_api.post(f"{API}projects/", raw, content_type="application/json")
    error = assert_error(response, 400, "invalid")
    assert {"slug", "plan_item"} <= set(error["fields"])
    before.assert_unchanged()


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param('{"slug": "x",', id="truncated"),
        pytest.param("{'slug': 'x'}", id="single-quotes"),
        pytest.param("\x00\xff", id="binary"),
    ],
)
@pytest.mark.parametrize("method", ["post", "patch"])
def test_a_body_that_is_not_json_is_refused(editor_api, project, method, raw):
    url = f"{API}projects/" if method == "post" else f"{API}projects/{project.slug}/"
    etag = etag_of(editor_api, f"{API}projects/{project.slug}/")
    before = Snapshot.take(Project, project)
    response = getattr(editor_api, method)(
        url, raw, content_type="application/json", HTTP_IF_MATCH=etag
    )
    error = assert_error(response, 400)
    assert error["code"] in {"parse_error", "invalid"}, error
    before.assert_unchanged()


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("[]", id="list"),
        pytest.param('[{"slug": "x"}]', id="list-of-objects"),
        pytest.param('"slug"', id="string"),
        pytest.param("42", id="number"),
        pytest.param("true", id="boolean"),
        pytest.param("null", id="null"),
    ],
)
@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_a_body_that_is_not_an_object_is_refused(editor_api, project, method, raw):
    detail = f"{API}projects/{project.slug}/"
    url = f"{API}projects/" if method == "post" else detail
    etag = etag_of(editor_api, detail)
    before = Snapshot.take(Project, project)
    response = getattr(editor_api, method)(
        url, raw, content_type="application/json", HTTP_IF_MATCH=etag
    )
    error = assert_error(response, 400, "invalid")
    assert "non_field_errors" in error["fields"], error
    before.assert_unchanged()


def test_a_body_in_another_format_is_refused(editor_api, project):
    before = Snapshot.take(Project, project)
    response = editor_api.post(
        f"{API}projects/", "slug=x&title=y", content_type="application/x-www-form-urlencoded"
    )
    assert_error(response, 415, "unsupported_media_type")
    before.assert_unchanged()


def test_a_record_without_a_country_is_written_and_shown(editor_api):
    """A bilateral body has no country: it is saved, and shown with an empty one."""
    body = {
        "slug": "intergovernmental-commission",
        "name_i18n": {"en": "Intergovernmental Commission"},
        "kind": "bilateral_body",
        "country": "",
    }
    response = editor_api.post(f"{API}organizations/", body)
    assert response.status_code == 201, response.content
    assert response.json()["country"] == ""
    assert Organization.objects.get(slug=body["slug"]).country == ""


# 3. Preconditions ----------------------------------------------------------------------------


@pytest.fixture
def project_url(project):
    return f"{API}projects/{project.slug}/"


def test_a_patch_with_the_etag_read_is_saved(editor_api, project, project_url, editor_user):
    etag = etag_of(editor_api, project_url)
    response = editor_api.patch(project_url, {"progress": 30}, HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    project.refresh_from_db()
    assert project.progress == 30
    assert last_history(Project, project.pk).history_user == editor_user
    # The record changed, so its ETag did.
    assert etag_of(editor_api, project_url) != etag


def test_a_patch_with_an_old_etag_fails_and_writes_nothing(editor_api, project, project_url):
    old = etag_of(editor_api, project_url)
    assert editor_api.patch(project_url, {"progress": 30}, HTTP_IF_MATCH=old).status_code == 200
    before = Snapshot.take(Project, project)

    response = editor_api.patch(project_url, {"progress": 90}, HTTP_IF_MATCH=old)

    assert_error(response, 412, "precondition_failed")
    before.assert_unchanged()
    project.refresh_from_db()
    assert project.progress == 30


def test_a_put_with_an_old_etag_fails_and_writes_nothing(editor_api, project, project_url):
    old = etag_of(editor_api, project_url)
    assert editor_api.patch(project_url, {"progress": 30}, HTTP_IF_MATCH=old).status_code == 200
    before = Snapshot.take(Project, project)
    body = project_body(project.plan_item, slug=project.slug, progress=90)
    assert_error(editor_api.put(project_url, body, HTTP_IF_MATCH=old), 412)
    before.assert_unchanged()


def test_a_weak_etag_matches(editor_api, project, project_url):
    etag = etag_of(editor_api, project_url)
    response = editor_api.patch(project_url, {"progress": 30}, HTTP_IF_MATCH=f"W/{etag}")
    assert response.status_code == 200, response.content


def test_one_of_several_etags_matches(editor_api, project, project_url):
    etag = etag_of(editor_api, project_url)
    response = editor_api.patch(project_url, {"progress": 30}, HTTP_IF_MATCH=f'"other", {etag}')
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("method", ["patch", "put"])
def test_a_change_without_a_precondition_is_refused(editor_api, project, project_url, method):
    body = {"progress": 90}
    if method == "put":
        body = project_body(project.plan_item, slug=project.slug, progress=90)
    before = Snapshot.take(Project, project)
    response = getattr(editor_api, method)(project_url, body)
    assert_error(response, 428, "precondition_required")
    before.assert_unchanged()


def test_a_patch_with_the_current_version_is_saved(editor_api, project, project_url):
    version = editor_api.get(project_url).json()["version"]
    response = editor_api.patch(project_url, {"progress": 30, "version": version})
    assert response.status_code == 200, response.content
    project.refresh_from_db()
    assert project.progress == 30
    assert project.version == version + 1
    assert response.json()["version"] == version + 1


def test_a_put_with_the_current_version_is_saved(editor_api, project, project_url):
    version = editor_api.get(project_url).json()["version"]
    body = project_body(project.plan_item, slug=project.slug, progress=30, version=version)
    response = editor_api.put(project_url, body)
    assert response.status_code == 200, response.content
    project.refresh_from_db()
    assert project.progress == 30


@pytest.mark.parametrize("stale", [-1, 1, 1000])
def test_a_patch_with_a_stale_version_fails_and_writes_nothing(
    editor_api, project, project_url, stale
):
    version = editor_api.get(project_url).json()["version"]
    before = Snapshot.take(Project, project)
    response = editor_api.patch(project_url, {"progress": 30, "version": version + stale})
    assert_error(response, 412, "precondition_failed")
    before.assert_unchanged()


def test_if_match_decides_over_a_version_in_the_body(editor_api, project, project_url):
    version = editor_api.get(project_url).json()["version"]
    before = Snapshot.take(Project, project)
    response = editor_api.patch(
        project_url, {"progress": 30, "version": version}, HTTP_IF_MATCH='"stale"'
    )
    assert_error(response, 412)
    before.assert_unchanged()


def test_a_delete_without_if_match_is_refused(editor_api, project, project_url):
    before = Snapshot.take(Project, project)
    assert_error(editor_api.delete(project_url), 428, "precondition_required")
    before.assert_unchanged()


def test_a_version_in_the_body_is_not_a_precondition_for_delete(editor_api, project, project_url):
    version = editor_api.get(project_url).json()["version"]
    before = Snapshot.take(Project, project)
    response = editor_api.delete(project_url, {"version": version})
    assert_error(response, 428, "precondition_required")
    before.assert_unchanged()


def test_a_delete_with_an_old_etag_fails(editor_api, project, project_url):
    old = etag_of(editor_api, project_url)
    assert editor_api.patch(project_url, {"progress": 30}, HTTP_IF_MATCH=old).status_code == 200
    before = Snapshot.take(Project, project)
    assert_error(editor_api.delete(project_url, HTTP_IF_MATCH=old), 412)
    before.assert_unchanged()


def test_if_match_star_allows_a_patch(editor_api, project, project_url):
    response = editor_api.patch(project_url, {"progress": 30}, HTTP_IF_MATCH="*")
    assert response.status_code == 200, response.content
    project.refresh_from_db()
    assert project.progress == 30


def test_if_match_star_allows_a_delete(editor_api, project, project_url):
    response = editor_api.delete(project_url, HTTP_IF_MATCH="*")
    assert response.status_code == 204, response.content
    assert not Project.objects.filter(pk=project.pk).exists()


def test_a_precondition_on_a_record_that_does_not_exist_is_a_404(editor_api):
    response = editor_api.patch(f"{API}projects/no-such-project/", {}, HTTP_IF_MATCH="*")
    assert_error(response, 404, "not_found")


def test_of_two_clients_editing_at_once_the_first_wins(
    api, project, project_url, editor_user, superuser
):
    first = authenticate(api, editor_user)
    second = authenticate(APIClient(), superuser)
    second.default_format = "json"
    first_etag, second_etag = etag_of(first, project_url), etag_of(second, project_url)
    assert first_etag == second_etag

    saved = first.patch(project_url, {"progress": 60}, HTTP_IF_MATCH=first_etag)
    assert saved.status_code == 200, saved.content
    before = Snapshot.take(Project, project)
    refused = second.patch(project_url, {"progress": 5}, HTTP_IF_MATCH=second_etag)

    assert_error(refused, 412, "precondition_failed")
    before.assert_unchanged()
    project.refresh_from_db()
    assert project.progress == 60
    assert last_history(Project, project.pk).history_user == editor_user
    assert not Project.history.filter(id=project.pk, history_user=superuser).exists()
    # Reading again gives the second client the ETag that lets it save.
    retried = second.patch(project_url, {"progress": 5}, HTTP_IF_MATCH=etag_of(second, project_url))
    assert retried.status_code == 200, retried.content


# Deleting a record others depend on --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make_in_use"),
    [
        pytest.param(
            "organizations",
            lambda: p.ProjectOrganizationFactory().organization,
            id="organization-in-a-project",
        ),
        pytest.param("people", lambda: p.ProjectPersonFactory().person, id="person-in-a-project"),
        pytest.param(
            "sources",
            lambda: CitationFactory().source,
            id="cited-source",
        ),
    ],
)
def test_deleting_a_record_in_use_is_a_conflict_and_deletes_nothing(editor_api, name, make_in_use):
    row = make_in_use()
    url = f"{API}{name}/{row.slug}/"
    before = Snapshot.take(type(row), row)
    response = editor_api.delete(url, HTTP_IF_MATCH=etag_of(editor_api, url))
    error = assert_error(response, 409, "protected")
    assert error["message"]
    before.assert_unchanged()


@pytest.mark.parametrize("name", ["plans", "plan-items"])
def test_a_superuser_cannot_delete_a_plan_or_item_with_dependents(api, superuser, name):
    client = authenticate(api, superuser)
    project = p.ProjectFactory()
    row = project.plan_item if name == "plan-items" else project.plan_item.plan
    url = f"{API}{name}/{row.slug if name == 'plans' else row.pk}/"
    before = Snapshot.take(type(row), row)
    assert_error(client.delete(url, HTTP_IF_MATCH="*"), 409, "protected")
    before.assert_unchanged()


# 4. Throttling -------------------------------------------------------------------------------


@pytest.fixture
def low_rates(settings, monkeypatch):
    """Three requests a minute for anonymous clients, six for each user.

    DRF binds the throttles' rates to a class attribute when it is imported, so overriding
    the setting (which reloads `api_settings`) is not enough: the attribute is patched too.
    The counts live in the cache, which is emptied before and after.
    """
    rates = {"anon": "3/minute", "user": "6/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    cache.clear()
    yield rates
    cache.clear()


def assert_throttled(response) -> None:
    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_anonymous_requests_beyond_the_rate_are_throttled(api, low_rates):
    url = f"{API}plans/"
    for _ in range(3):
        assert api.get(url).status_code == 200
    assert_throttled(api.get(url))


def test_a_user_has_a_rate_of_their_own(api, editor_user, viewer_user, low_rates):
    url = f"{API}sources/"
    anonymous = APIClient()
    for _ in range(3):
        assert anonymous.get(url).status_code == 200
    assert_throttled(anonymous.get(url))

    editor = authenticate(api, editor_user)
    for _ in range(6):  # twice the anonymous rate, and the anonymous clients' use is not theirs
        assert editor.get(url).status_code == 200
    assert_throttled(editor.get(url))
    # A write beyond the rate writes nothing.
    before = Snapshot.take(Source)
    assert_throttled(editor.post(url, RESOURCES[-1].body(None)))
    before.assert_unchanged()

    # Another user's count is their own.
    viewer = authenticate(APIClient(), viewer_user)
    assert viewer.get(url).status_code == 200


def test_throttling_is_off_the_default_rates(api):
    """With the configured rates (hundreds a minute) a burst of reads is not throttled."""
    cache.clear()
    for _ in range(20):
        assert api.get(f"{API}plans/").status_code == 200
    cache.clear()
