"""Joint bodies (their chairs over time and their sessions), themes (and the counts compared with
the projects of one theme), and the plan titles shown in English where a language has none."""

from __future__ import annotations

import datetime as dt
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.utils import translation

from projects.models import JointBody, Meeting, Theme
from projects.models.bodies import session_text
from tests.coopr.factories import CitationFactory
from tests.pages import between, count_queries, text
from tests.people.factories import PersonFactory
from tests.projects import factories as f

pytestmark = pytest.mark.django_db

COMMISSION = "/{lang}/bodies/intergovernmental-commission-trade-economic/"


def commission_with_sessions(n: int = 2) -> JointBody:
    body = f.JointBodyFactory(
        slug="commission", name_en="Intergovernmental Commission", name_ja="政府間委員会"
    )
    for number in range(1, n + 1):
        f.MeetingFactory(
            slug=f"session-{number}",
            title_en=f"Session {number}",
            start=dt.date(2017, 1, 1) + dt.timedelta(days=number),
            end=None,
            body=body,
            session_number=number,
        )
    return body


# The session's name, in three languages --------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "english"),
    [
        (1, "1st session of the Commission"),
        (2, "2nd session of the Commission"),
        (3, "3rd session of the Commission"),
        (11, "11th session of the Commission"),
        (13, "13th session of the Commission"),
        (21, "21st session of the Commission"),
        (112, "112th session of the Commission"),
        (None, "a session of the Commission"),
    ],
)
def test_a_session_is_named_by_its_ordinal(number, english):
    body = JointBody(name_en="Commission")
    with translation.override("en"):
        assert session_text(body, number) == english


def test_the_session_is_named_in_russian_and_japanese():
    body = JointBody(name_en="Commission")
    with translation.override("ru"):
        assert session_text(body, 13) == "Commission: 13-е заседание"
    with translation.override("ja"):
        assert session_text(body, 13) == "Commission第13回会合"


def test_a_meetings_page_says_which_session_of_which_body_it_was(client):
    commission_with_sessions(2)
    html = client.get("/en/meetings/session-2/").content.decode()
    assert (
        '<p class="session-of"><a href="/en/bodies/commission/">'
        "2nd session of the Intergovernmental Commission</a></p>"
    ) in html
    html = client.get("/ja/meetings/session-2/").content.decode()
    assert "政府間委員会第2回会合" in html


# A body's pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru", "ja"])
def test_the_commissions_page_shows_its_chairs_with_their_sources(client, real_data, lang):
    html = client.get(COMMISSION.format(lang=lang)).content.decode()
    chairs = text(between(html, '<table class="chairs">', "</table>"))
    assert "Maxim Oreshkin" in chairs or "Максим Орешкин" in chairs
    assert "Toshimitsu Motegi" in chairs
    assert "co-chaired by Oreshkin and Japanese Foreign Minister Toshimitsu Motegi" in html


def test_the_commissions_page_in_english(client, real_data):
    html = client.get(COMMISSION.format(lang="en")).content.decode()
    rows = text(between(html, '<table class="chairs">', "</table>"))
    assert "as of Dec. 18, 2019 Japan Toshimitsu Motegi, Foreign Minister co-chair" in rows
    assert "as of Dec. 18, 2019 Russia Maxim Oreshkin" in rows
    assert (
        "<title>Intergovernmental Commission on Trade and Economic Affairs · coopr</title>" in html
    )


def test_a_body_without_a_named_chair_says_so(client, real_data):
    html = client.get("/en/bodies/high-level-working-group-cooperation-plan/").content.decode()
    assert "No chair is on record." in html
    assert '<a href="/en/plans/eight-point-cooperation-plan/">' in html


def test_in_russian_a_body_without_a_russian_name_shows_english_and_says_so(client, real_data):
    html = client.get(COMMISSION.format(lang="ru")).content.decode()
    assert (
        '<h1><span lang="en">Intergovernmental Commission on Trade and Economic Affairs</span> '
        '<small class="in-english">(показано на английском)</small></h1>'
    ) in html
    html = client.get("/ja/bodies/high-level-working-group-cooperation-plan/").content.decode()
    assert "<h1>「協力プラン」の具体化に関する日露ハイレベル作業部会</h1>" in html


def test_the_body_list_counts_sessions(client, real_data):
    html = client.get("/en/bodies/").content.decode()
    rows = text(between(html, '<table class="bodies">', "</table>"))
    assert "Association of Institutions of Higher Education of the Russian Federation and " in rows
    assert "Japan Association 1" in rows
    csv = client.get("/en/bodies/?format=csv")
    assert csv.status_code == HTTPStatus.OK


@pytest.mark.parametrize("lang", ["ru", "ja"])
def test_the_body_list_sorts_by_the_name_in_the_visitors_language(client, lang):
    """The sort key falls back from the visitor's column to the English one beside the
    sessions count (a grouped query): it says its type, or the page fails (it did, a 500)."""
    commission_with_sessions(2)
    f.JointBodyFactory(slug="assembly", name_en="Assembly", name_ru="Ассамблея", name_ja="総会")
    response = client.get(f"/{lang}/bodies/")
    assert response.status_code == HTTPStatus.OK
    rows = text(between(response.content.decode(), '<table class="bodies">', "</table>"))
    names = {"ru": ("Intergovernmental Commission", "Ассамблея"), "ja": ("政府間委員会", "総会")}
    first, second = names[lang]
    assert first in rows and second in rows and rows.index(first) < rows.index(second)


def test_a_bodys_sessions_are_listed_oldest_first(client):
    commission_with_sessions(3)
    html = client.get("/en/bodies/commission/").content.decode()
    sessions = text(between(html, '<ol class="sessions">', "</ol>"))
    assert sessions.index("Session 1") < sessions.index("Session 2") < sessions.index("Session 3")
    assert "session 3" in sessions


BODY_DETAIL_QUERIES = 8
BODY_LIST_QUERIES = 3


@pytest.mark.parametrize("n", [1, 50])
def test_a_bodys_page_runs_a_fixed_number_of_queries(client, n):
    """Chairs (with their citations), sessions and plans are each read in one query."""
    body = commission_with_sessions(n)
    for _ in range(n):
        chair = f.BodyChairFactory(body=body)
        CitationFactory(target=chair)
        CitationFactory(target=body)
    assert count_queries(client, "/en/bodies/commission/") == BODY_DETAIL_QUERIES


@pytest.mark.parametrize("n", [1, 50])
def test_the_body_list_runs_a_fixed_number_of_queries(client, n):
    for _ in range(n):
        f.BodyChairFactory()
    assert count_queries(client, "/en/bodies/") == BODY_LIST_QUERIES


# A person's page ---------------------------------------------------------------------------------


def test_a_persons_page_lists_the_bodies_they_chaired_and_when(client, real_data):
    html = client.get("/en/people/toshimitsu-motegi/").content.decode()
    section = text(between(html, '<section aria-labelledby="bodies">', "</section>"))
    assert section == (
        "Joint bodies chaired Intergovernmental Commission on Trade and Economic Affairs "
        "— co-chair (Japan), as of Dec. 18, 2019"
    )


def test_a_person_who_chaired_nothing_has_no_such_section(client):
    person = PersonFactory(slug="nobody")
    html = client.get(f"/en/people/{person.slug}/").content.decode()
    assert 'aria-labelledby="bodies"' not in html


# Themes ----------------------------------------------------------------------------------------


def test_the_reported_count_is_compared_with_the_student_exchange_projects(client, real_data):
    """“13 reported” counts student-exchange projects: it sits beside those on record (1),
    not beside all of item 8."""
    for url in ("/en/", "/en/plans/eight-point-cooperation-plan/items/8/"):
        html = text(client.get(url).content.decode())
        assert "13 reported" in html
        assert "1 on record as student exchange" in html, url


def test_a_theme_page_lists_its_projects_and_the_figures_counting_them(client, real_data):
    html = client.get("/en/themes/student-exchange/").content.decode()
    assert '<a href="/en/projects/student-exchange-expansion/">' in html
    assert '<a href="/en/indicators/projects-under-item-8-reported/">' in html
    assert "<h1>学生交流</h1>" in client.get("/ja/themes/student-exchange/").content.decode()


def test_the_projects_list_filters_by_theme(client, real_data):
    html = client.get("/en/projects/?theme=student-exchange").content.decode()
    assert '<a href="/en/projects/student-exchange-expansion/">' in html
    assert '<a href="/en/projects/jnto-moscow-office/">' not in html
    response = client.get("/en/projects/?theme=no-such-theme")
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_a_theme_counts_only_its_own_projects_in_the_figures_api(client):
    item = f.PlanItemFactory()
    theme = f.ThemeFactory(slug="student-exchange")
    exchange = f.ProjectFactory(plan_item=item)
    exchange.themes.add(theme)
    f.ProjectFactory(plan_item=item)
    f.IndicatorFactory(slug="all", plan_item=item, measures="projects_in_item")
    f.IndicatorFactory(slug="one-theme", plan_item=item, measures="projects_in_item", theme=theme)
    assert client.get("/api/v1/indicators/all/").json()["recorded_projects"] == 2
    body = client.get("/api/v1/indicators/one-theme/").json()
    assert (body["recorded_projects"], body["theme"]) == (1, "student-exchange")
    assert client.get("/api/v1/projects/?theme=student-exchange").json()["count"] == 1


# The API ---------------------------------------------------------------------------------------


def test_the_api_gives_a_body_with_its_chairs_and_sessions(client, real_data):
    body = client.get("/api/v1/bodies/intergovernmental-commission-trade-economic/").json()
    assert body["name"] == "Intergovernmental Commission on Trade and Economic Affairs"
    assert body["kind"] == "commission"
    assert [(c["person"]["slug"], c["side"], c["role"], c["as_of"]) for c in body["chairs"]] == [
        ("toshimitsu-motegi", "JP", "co_chair", "2019-12-18"),
        ("maxim-oreshkin", "RU", "co_chair", "2019-12-18"),
    ]
    assert body["chairs"][0]["citations"][0]["quote"].startswith("the 15th session of the")
    listed = client.get("/api/v1/bodies/?person=maxim-oreshkin").json()
    assert [b["slug"] for b in listed["results"]] == ["intergovernmental-commission-trade-economic"]
    meeting = client.get("/api/v1/meetings/sapporo-university-association-assembly-2018-05/").json()
    assert (meeting["body"], meeting["session_number"]) == (
        "association-of-universities-russia-japan",
        1,
    )


def test_a_session_number_needs_a_body():
    meeting = f.MeetingFactory.build(session_number=3)
    with pytest.raises(ValidationError, match="session number needs the body"):
        meeting.full_clean()


def test_the_shown_tag_marks_english_text_in_other_languages():
    theme = Theme(name_en="student exchange", name_ja="学生交流")
    template = Template('{% load coopr %}{% shown theme "name" %}')
    with translation.override("ja"):
        assert template.render(Context({"theme": theme})) == "学生交流"
    with translation.override("ru"):
        assert template.render(Context({"theme": theme})) == (
            '<span lang="en">student exchange</span> '
            '<small class="in-english">(показано на английском)</small>'
        )
    with translation.override("en"):
        assert template.render(Context({"theme": theme})) == "student exchange"


def test_meeting_session_numbers_are_unique_per_body():
    body = commission_with_sessions(1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            slug="again", title_en="Again", kind="other", body=body, session_number=1
        )


# Search, and two plans between the same countries ---------------------------------------------


def search_urls(client, lang: str, query: str, kind: str) -> list[str]:
    response = client.get(f"/{lang}/search/", {"q": query})
    assert response.status_code == HTTPStatus.OK
    groups = {g.kind.key: g for g in response.context["groups"] if g.total}
    return [hit.url for hit in groups[kind].hits] if kind in groups else []


def test_the_site_search_finds_bodies_and_themes_in_three_scripts(client, real_data):
    working_group = "/{}/bodies/high-level-working-group-cooperation-plan/"
    assert search_urls(client, "en", "High-Level Working Group", "bodies") == [
        working_group.format("en")
    ]
    assert search_urls(client, "ja", "ハイレベル作業部会", "bodies") == [working_group.format("ja")]
    assert search_urls(client, "ru", "студенческий обмен", "themes") == [
        "/ru/themes/student-exchange/"
    ]


def two_plans_with_an_item_8():
    plans = [f.PlanFactory(slug="plan-2016"), f.PlanFactory(slug="plan-2003")]
    for plan in plans:
        item = f.PlanItemFactory(plan=plan, number=8, title_en=f"Exchanges of {plan.slug}")
        f.ProjectFactory(slug=f"project-of-{plan.slug}", plan_item=item)
    return plans


def test_the_api_filters_projects_by_plan_and_item_number_without_ambiguity(client):
    two_plans_with_an_item_8()
    found = client.get("/api/v1/projects/", {"item": "plan-2003/8"}).json()
    assert [p["slug"] for p in found["results"]] == ["project-of-plan-2003"]
    both = client.get("/api/v1/projects/", {"plan_item": 8}).json()
    assert {p["slug"] for p in both["results"]} == {"project-of-plan-2016", "project-of-plan-2003"}
    bad = client.get("/api/v1/projects/", {"item": "8"})
    assert bad.status_code == HTTPStatus.BAD_REQUEST
    assert bad.json()["error"]["fields"] == {
        "item": ["Write a plan item as <plan slug>/<number>, e.g. eight-point-cooperation-plan/8."]
    }


def test_the_projects_page_names_each_item_with_its_plan(client):
    plans = two_plans_with_an_item_8()
    html = client.get("/en/projects/").content.decode()
    select = between(html, 'name="plan_item"', "</select>")
    for plan in plans:
        assert f"{plan.title}: 8. Exchanges of {plan.slug}" in text(select)


def test_the_api_refuses_a_second_session_with_the_same_number(client, admin_user):
    from rest_framework.authtoken.models import Token

    commission_with_sessions(1)
    token = Token.objects.create(user=admin_user)
    body = {"slug": "again", "title_i18n": {"en": "Again"}, "kind": "other"}
    headers = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    ok = client.post("/api/v1/meetings/", body, content_type="application/json", **headers)
    assert ok.status_code == HTTPStatus.CREATED, ok.content
    assert (ok.json()["body"], ok.json()["session_number"]) == (None, None)
    clash = {**body, "slug": "clash", "body": "commission", "session_number": 1}
    refused = client.post("/api/v1/meetings/", clash, content_type="application/json", **headers)
    assert refused.status_code == HTTPStatus.BAD_REQUEST
    assert not Meeting.objects.filter(slug="clash").exists()
    alone = {**body, "slug": "alone", "session_number": 2}
    refused = client.post("/api/v1/meetings/", alone, content_type="application/json", **headers)
    assert refused.status_code == HTTPStatus.BAD_REQUEST
    assert "session_number" in refused.json()["error"]["fields"]
