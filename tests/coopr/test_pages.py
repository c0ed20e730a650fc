"""The pages `make run` serves, with the real data set: content, not only status codes."""

from http import HTTPStatus

import pytest
from django.urls import path, reverse
from django.utils import translation

from people.models import Person
from projects.models import Meeting, PlanItem

pytestmark = pytest.mark.django_db

ITEM_TITLES = [
    "Extending healthy life expectancies",
    "Developing comfortable and clean cities easy to reside and live in",
    "Fundamental expansion of medium-sized and small companies' exchange and cooperation",
    "Energy",
    "Promoting industrial diversification and enhancing productivity in Russia",
    "Developing industries and export bases in the Far East",
    "Cooperation on cutting-edge technologies",
    "Fundamental expansion of people-to-people interaction",
]


def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/ja/"


def test_home_shows_the_plan_and_its_eight_items(client, real_data):
    response = client.get("/en/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Eight-point Cooperation Plan" in html
    assert '<html lang="en">' in html
    for title in ITEM_TITLES:
        assert title.replace("'", "&#x27;") in html
    assert "First Russia–Japan symposium on staff training" in html


def test_home_in_russian_shows_russian_names_and_falls_back_to_english(client, real_data):
    seko = Person.objects.get(slug="hiroshige-seko")
    response = client.get(seko.get_absolute_url().replace("/en/", "/ru/"))
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "Хиросигэ Сэко" in html
    # Positions have no Russian title: English shows instead of nothing.
    assert "Minister of Economy, Trade and Industry" in html


def test_meeting_page_lists_participants_with_posts_and_quotes_its_source(client, real_data):
    meeting = Meeting.objects.get(slug="osaka-symposium-2018-03-24")
    with translation.override("en"):
        url = meeting.get_absolute_url()
    html = client.get(url).content.decode()
    assert "24 March 2018" in html or "March 24, 2018" in html
    for text in ("Olga Golodets", "Deputy Prime Minister", "Alexei Repik", "Hiroshige Seko"):
        assert text in html
    assert "https://tass.com/economy/995914" not in html  # the link goes to our source page
    assert reverse("source-detail", kwargs={"slug": "tass-2018-03-24"}) in html
    assert "<q>" in html


def test_month_precise_meeting_shows_only_the_month(client, real_data):
    meeting = Meeting.objects.get(slug="vladivostok-oreshkin-seko-2017-09")
    with translation.override("en"):
        html = client.get(meeting.get_absolute_url()).content.decode()
    assert "September 2017" in html
    assert "1 September 2017" not in html and "September 1, 2017" not in html


@pytest.mark.parametrize(
    "name",
    [
        "plan-detail",
        "plan-item-detail",
        "project-detail",
        "person-detail",
        "organization-detail",
        "meeting-detail",
        "document-detail",
        "indicator-detail",
        "source-detail",
    ],
)
def test_every_detail_page_of_the_data_set_renders(client, real_data, name):
    from coopr.models import Source
    from people.models import Organization
    from projects.models import Document, Indicator, Plan, Project

    models = {
        "plan-detail": Plan,
        "project-detail": Project,
        "person-detail": Person,
        "organization-detail": Organization,
        "meeting-detail": Meeting,
        "document-detail": Document,
        "indicator-detail": Indicator,
        "source-detail": Source,
        "plan-item-detail": PlanItem,
    }
    objects = list(models[name].objects.all())
    assert objects
    for obj in objects:
        with translation.override("en"):
            url = obj.get_absolute_url()
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        title = str(getattr(obj, "title", None) or getattr(obj, "name", None))
        assert title.replace("'", "&#x27;") in response.content.decode(), url


def test_unknown_slug_is_a_404(client, real_data):
    assert client.get("/en/projects/no-such-project/").status_code == HTTPStatus.NOT_FOUND


def test_healthz(client):
    response = client.get("/healthz")
    assert response.json() == {"status": "ok"}


def test_admin_index_lists_the_models_for_a_superuser(client, superuser, real_data):
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    for label in ("Projects", "Meetings", "People", "Organizations", "Citations", "Sources"):
        assert label in html


def test_favicon_is_served_from_static_files(client):
    response = client.get("/favicon.ico")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"].endswith("coopr/favicon.svg")
    assert client.get(response["Location"]).status_code == HTTPStatus.OK


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/en/no/such/page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    html = response.content.decode()
    assert "Page not found" in html and 'href="/en/"' in html


def test_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/v1/no-such-resource/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {
        "error": {
            "status": 404,
            "code": "not_found",
            "message": "There is nothing at this address.",
        }
    }


def raise_error(request):
    raise RuntimeError("boom")


# A URLconf of its own for the crash test: the site's error handlers, and a view that fails.
urlpatterns = [path("en/boom/", raise_error), path("api/boom/", raise_error)]
handler500 = "coopr.site.views.server_error"


@pytest.mark.urls("tests.coopr.test_pages")
def test_a_crash_shows_a_friendly_500_page_without_a_traceback(client):
    client.raise_request_exception = False
    page = client.get("/en/boom/")
    assert page.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Something went wrong" in page.content.decode()
    assert "RuntimeError" not in page.content.decode()
    api = client.get("/api/boom/")
    assert api.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert api.json()["error"]["code"] == "server_error"
