"""The full data set (projects/seed/japan_russia.yaml) on the site: both plans in three
languages, the joint bodies and their sessions, figures over time, search in three scripts,
the feeds; the pages' query counts do not grow with it.

The other page tests pin exact pages on the small data set (tests/fixtures/small_data_set,
the `real_data` fixture); these read the full one, loaded once for the module.
"""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.projects.test_pages_home import HOME_QUERIES

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "eight_point", "action_plan"),
    [
        ("en", "Eight-point Cooperation Plan", "Japan-Russia Action Plan"),
        ("ja", "8項目の「協力プラン」", "日露行動計画"),
        ("ru", "Eight-point Cooperation Plan", "Japan-Russia Action Plan"),  # no Russian title
    ],
)
def test_home_shows_both_plans(client, full_data, language, eight_point, action_plan):
    html = page(client, f"/{language}/")
    assert eight_point in html
    assert action_plan in html
    assert "/plans/japan-russia-action-plan-2003/" in html


def test_home_compares_the_reported_count_with_the_student_exchange_projects(client, full_data):
    html = page(client, "/en/")
    assert "<strong>13</strong> reported" in html
    assert "<strong>2</strong> on record" in html  # the two projects a source calls so


def test_the_plan_in_japanese_and_its_items(client, full_data):
    html = page(client, "/ja/plans/eight-point-cooperation-plan/")
    for title in ("健康寿命の伸長", "極東の産業振興・輸出基地化", "人的交流の抜本的拡大"):
        assert title in html
    assert "ロシアの生活環境大国,産業・経済の革新のための協力プラン" in html
    english = page(client, "/en/plans/eight-point-cooperation-plan/")
    assert "Collaborative Plan for Industrial and Economic Innovation" in english


def test_the_action_plan_has_its_six_sections(client, full_data):
    html = page(client, "/en/plans/japan-russia-action-plan-2003/")
    assert "Deepening of Political Dialogue" in html
    for heading in ("平和条約交渉", "文化・国民間交流の進展"):
        assert heading in html
    assert "Koizumi–Putin summit in Moscow" in html


def test_a_body_page_lists_its_sessions_and_co_chairs(client, full_data):
    html = page(client, "/en/bodies/intergovernmental-commission-trade-economic/")
    assert "Intergovernmental Commission on Trade and Economic Affairs" in html
    for name in ("Taro Kono", "Maxim Oreshkin", "Toshimitsu Motegi"):
        assert name in html
    assert "/en/meetings/moscow-commission-2017-11-24/" in html
    assert "/en/meetings/moscow-commission-2019-12/" in html


def test_a_meeting_page_says_which_session_it_was(client, full_data):
    html = page(client, "/en/meetings/moscow-commission-2017-11-24/")
    assert "/en/bodies/intergovernmental-commission-trade-economic/" in html
    assert "13" in re.sub(r"<[^>]+>", " ", html)
    assert "貿易経済に関する日露政府間委員会第13回会合" in html  # the quote, on the page


def test_figures_over_time_are_charted(client, full_data):
    html = page(client, "/en/indicators/projects-under-plan/")
    assert "<svg" in html
    assert (
        "https://" not in re.sub(r'href="[^"]*"', "", html).split("<svg", 1)[1].split("</svg>")[0]
    )
    for value in ("150", "200"):
        assert value in html


@pytest.mark.parametrize(
    "query",
    ["Yamal", "ヤマル", "Арктик", "Voronezh", "健康寿命", "Kobe"],
)
def test_search_finds_facts_from_the_sources_in_three_scripts(client, full_data, query):
    html = page(client, f"/en/search/?q={query}")
    assert "No results" not in html
    assert "/en/projects/" in html or "/en/plans/" in html


def test_the_changes_feed_carries_the_new_records(client, full_data):
    feed = page(client, reverse("changes-feed"))
    assert feed.count("<entry>") > 10
    assert "Action Plan" in feed or "Cooperation Plan" in feed or "session" in feed


def test_the_home_page_runs_as_many_queries_as_on_the_small_data_set(client, full_data):
    client.get("/en/")  # warm-up: content types and the kept counts are cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/")
    assert response.status_code == HTTPStatus.OK
    assert len(queries) == HOME_QUERIES
