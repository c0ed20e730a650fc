"""Rendered responses are kept in the cache, and every write throws away what showed old values.

The tests turn the response cache on (the rest of the suite runs with it off, to count the
queries of a rendering) and read the pages and the API as an anonymous visitor would.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from coopr.cache import generation, mark_changed, response_key
from coopr.services import record_save
from people.models import Organization
from projects.models import Project, ProjectOrganization

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "ru", "ja")
NEW_TITLES = {"en": "Renamed exchange", "ru": "Переименованный обмен", "ja": "改名された交流"}


@pytest.fixture(autouse=True)
def response_cache(settings):
    settings.RESPONSE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def project(real_data) -> Project:
    return Project.objects.order_by("pk").first()


def api_urls(project: Project) -> list[tuple[str, dict]]:
    """The project's list and detail in each language, chosen both ways the API allows."""
    urls = []
    for code in LANGUAGES:
        urls.append((f"/api/v1/projects/?lang={code}", {}))
        urls.append((f"/api/v1/projects/{project.slug}/", {"HTTP_ACCEPT_LANGUAGE": code}))
    return urls


def page_urls(project: Project) -> list[str]:
    urls = []
    for code in LANGUAGES:
        with translation.override(code):
            urls += [reverse("project-list"), project.get_absolute_url()]
            urls.append(project.plan_item.get_absolute_url())
    return urls


def fetch_all(client: Client, project: Project) -> dict[str, tuple[str, str]]:
    """Every address: (X-Cache, body)."""
    seen = {}
    for url, headers in api_urls(project):
        response = client.get(url, **headers)
        assert response.status_code == 200, url
        seen[f"{url} {headers}"] = (response["X-Cache"], response.content.decode())
    for url in page_urls(project):
        response = client.get(url)
        assert response.status_code == 200, url
        seen[url] = (response["X-Cache"], response.content.decode())
    return seen


def test_a_repeated_request_is_served_from_the_cache_without_a_query(client, project):
    url = f"/en/projects/{project.slug}/"
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second["X-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "en"


def test_a_stored_response_answers_a_conditional_request_with_304(client, project):
    url = f"/api/v1/projects/{project.slug}/"
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert len(queries) == 0


def test_a_current_etag_is_answered_304_without_the_stored_body(client, project):
    url = "/api/v1/projects/"
    first = client.get(url)
    etag = first["ETag"]
    # The body is gone from the cache: the ETag kept beside it is enough for a 304.
    cache.delete(response_key(RequestFactory().get(url)))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_IF_NONE_MATCH=f'"other", W/{etag}')
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Vary"] == first["Vary"]
    assert response["X-Cache"] == "hit"
    assert len(queries) == 0
    # A stale ETag: the whole answer, rendered again (the body was not there to serve).
    stale = client.get(url, HTTP_IF_NONE_MATCH='"stale"')
    assert stale.status_code == 200
    assert stale.content == first.content
    assert stale["X-Cache"] == "miss"
    # After a write the kept ETag is not current: the answer is rendered again (here the
    # same rows, so the fresh rendering's ETag matches, and ConditionalGet answers 304).
    mark_changed()
    with CaptureQueriesContext(connection) as queries:
        changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 304
    assert len(queries) > 0


def test_each_language_is_stored_apart(client, project):
    english = client.get("/api/v1/projects/?lang=en")
    russian = client.get("/api/v1/projects/", HTTP_ACCEPT_LANGUAGE="ru")
    assert (english["X-Cache"], russian["X-Cache"]) == ("miss", "miss")
    assert english["Content-Language"] == "en" and russian["Content-Language"] == "ru"
    assert client.get("/api/v1/projects/", HTTP_ACCEPT_LANGUAGE="ru")["X-Cache"] == "hit"
    assert client.get("/api/v1/projects/", HTTP_ACCEPT_LANGUAGE="ja")["X-Cache"] == "miss"


def test_each_host_and_scheme_is_stored_apart(client, project, settings):
    """The API's links are absolute: an answer rendered for one address is not another's."""
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    first = client.get("/api/v1/projects/")
    other = client.get("/api/v1/projects/", HTTP_HOST="other.example")
    secure = client.get("/api/v1/projects/", secure=True)
    assert [r["X-Cache"] for r in (first, other, secure)] == ["miss", "miss", "miss"]
    assert first.json()["results"][0]["url"].startswith("http://testserver/")
    assert other.json()["results"][0]["url"].startswith("http://other.example/")
    assert secure.json()["results"][0]["url"].startswith("https://testserver/")
    again = client.get("/api/v1/projects/", HTTP_HOST="other.example")
    assert (again["X-Cache"], again.content) == ("hit", other.content)


def test_an_api_write_invalidates_every_cached_response_in_every_language(
    client, project, editor_user
):
    before = fetch_all(client, project)
    assert {state for state, _ in before.values()} == {"miss"}
    again = fetch_all(client, project)
    assert {state for state, _ in again.values()} == {"hit"}
    assert all(NEW_TITLES["en"] not in body for _, body in again.values())

    editor = APIClient()
    editor.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor_user).key}")
    url = f"/api/v1/projects/{project.slug}/"
    etag = editor.get(url)["ETag"]
    response = editor.patch(url, {"title_i18n": NEW_TITLES}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content

    after = fetch_all(client, project)
    assert {state for state, _ in after.values()} == {"miss"}
    for address, (_, body) in after.items():
        shown = [title for title in NEW_TITLES.values() if title in body]
        assert shown, f"{address} still shows the old title"


def test_a_write_anywhere_else_invalidates_too(client, project):
    """A save outside the API (admin, import, shell), a many-to-many change and a delete."""
    url = f"/en/projects/{project.slug}/"
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"

    project.title_en = NEW_TITLES["en"]
    record_save(instance=project, user=None)
    response = client.get(url)
    assert response["X-Cache"] == "miss" and NEW_TITLES["en"] in response.content.decode()

    organization = Organization.objects.exclude(project_links__project=project).first()
    link = ProjectOrganization.objects.create(project=project, organization=organization)
    response = client.get(url)
    assert response["X-Cache"] == "miss" and organization.name in response.content.decode()
    assert client.get(url)["X-Cache"] == "hit"

    link.delete()
    response = client.get(url)
    assert response["X-Cache"] == "miss" and organization.name not in response.content.decode()


def test_the_generation_moves_again_when_the_write_commits(django_capture_on_commit_callbacks):
    """A response rendered from the old rows while the write was in flight is not kept."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        mark_changed()
        during = generation()
    # The generation's second move, and the change feed's Last-Modified.
    assert len(callbacks) == 2
    assert generation() > during


def test_editors_and_api_clients_with_a_token_are_never_served_a_stored_response(
    client, project, editor_user
):
    url = f"/api/v1/projects/{project.slug}/"
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"

    token = Token.objects.create(user=editor_user).key
    assert "X-Cache" not in client.get(url, HTTP_AUTHORIZATION=f"Token {token}")

    editor = Client()
    editor.force_login(editor_user)
    assert "X-Cache" not in editor.get(f"/en/projects/{project.slug}/")


def test_errors_exports_and_the_admin_are_not_stored(client, project, superuser):
    for url in ("/en/projects/no-such-project/", "/api/v1/projects/?page=99"):
        client.get(url)
        assert "X-Cache" not in client.get(url), url
    export = client.get("/en/projects/?format=csv")
    assert export.streaming and "X-Cache" not in export
    assert "X-Cache" not in client.get("/healthz")
    admin = Client()
    admin.force_login(superuser)
    assert "X-Cache" not in admin.get("/admin/projects/project/")


def test_public_pages_set_no_cookie(client, project):
    """A page that set a cookie (a CSRF token in the language form) could not be shared."""
    response = client.get(f"/ru/projects/{project.slug}/")
    assert response.cookies == {}
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


def test_the_language_switcher_shows_the_same_page_in_another_language(client, project):
    response = client.get(
        "/language/", {"language": "ja", "next": f"/en/projects/{project.slug}/?x=1"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/ja/projects/{project.slug}/?x=1"
    assert response.cookies["django_language"].value == "ja"
    # Another site, or a language we do not have: no open redirect, no change.
    outside = client.get("/language/", {"language": "ru", "next": "https://evil.example/"})
    assert outside["Location"] == "/"
    unknown = client.get("/language/", {"language": "xx", "next": "/en/projects/"})
    assert unknown["Location"] == "/en/projects/" and "django_language" not in unknown.cookies


def test_a_page_carrying_its_csp_nonce_is_never_stored(client):
    """Swagger UI's inline style carries the answer's nonce: a stored copy would not match the
    next answer's Content-Security-Policy, and the browser would refuse the style."""
    first = client.get("/api/docs/")
    second = client.get("/api/docs/")
    assert "X-Cache" not in second
    assert first.content != second.content
    nonce = second["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in second.content.decode()


# Redis on a port where nothing listens: a real connection refused, as when the cache is down.
UNREACHABLE_CACHE = {
    "default": {
        "BACKEND": "coopr.redis_cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 1},
    }
}


def test_pages_api_and_writes_work_while_the_cache_is_down(project, superuser):
    with override_settings(CACHES=UNREACHABLE_CACHE):
        client = Client()
        for url in (f"/en/projects/{project.slug}/", "/api/v1/projects/", "/en/"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "X-Cache" not in response
        api = APIClient()
        api.force_authenticate(superuser)
        address = f"/api/v1/projects/{project.slug}/?lang=en"
        response = api.patch(
            address,
            {"title_i18n": {"en": "Renamed while the cache is down"}},
            format="json",
            HTTP_IF_MATCH=api.get(address)["ETag"],
        )
        assert response.status_code == 200, response.content
    project.refresh_from_db()
    assert project.title_en == "Renamed while the cache is down"


def test_kept_counts_are_each_querysets_own_and_follow_writes(project):
    """kept_count knows a list by its SQL with one column where that cannot change the count;
    where it can (DISTINCT over chosen columns), by the whole SQL."""
    from coopr.kept import kept_count

    projects = Project.objects.all()
    item = project.plan_item_id
    assert kept_count(projects) == projects.count()
    assert kept_count(projects.filter(plan_item=item)) == projects.filter(plan_item=item).count()
    assert kept_count(projects.filter(plan_item=-1)) == 0
    by_item = projects.values("plan_item").distinct()
    by_status = projects.values("status").distinct()
    assert by_item.count() != by_status.count()  # the data set has both
    assert (kept_count(by_item), kept_count(by_status)) == (by_item.count(), by_status.count())
    before = kept_count(projects)
    record_save(instance=Project(slug="counted", title="Counted", plan_item_id=item))
    assert kept_count(projects) == before + 1
