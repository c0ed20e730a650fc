"""The lists read as rows (RecordViewSet.rows_class: projects, meetings, people) give exactly
their summary serializers' JSON: every record, in every language, key for key and in order,
whatever is missing (a translation, a date, its precision, the progress, a body, a country)."""

from __future__ import annotations

import datetime as dt

import pytest

from coopr.dates import Precision
from people.models import Person
from tests.api.test_lean import stock_results
from tests.people import factories as pe
from tests.projects import factories as p

pytestmark = pytest.mark.django_db


def rows_as_the_serializer_gives(api, basename: str, url: str, count: int) -> list[dict]:
    """The list's records read as rows, checked against the serializer's JSON for the same
    page (key order too: the JSON a client reads is the same text)."""
    response = api.get(url)
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == count
    expected = stock_results(basename, url)
    if "cursor" in url:  # keyset pages are in the order of addition
        expected = sorted(expected, key=lambda record: record["id"])
    assert results == expected
    assert [list(r) for r in results] == [list(e) for e in expected]
    return results


@pytest.fixture
def varied_projects():
    item = p.PlanItemFactory(title_en="Item", title_ru="Пункт", title_ja=None)
    p.ProjectFactory(
        plan_item=item,
        title_en="All three",
        title_ru="Все три",
        title_ja="三つ",
        summary_en="Summary",
        start=dt.date(2018, 3, 1),
        start_precision=Precision.MONTH,
        end=dt.date(2019, 1, 1),
        end_precision=Precision.YEAR,
        progress=40,
    )
    p.ProjectFactory(
        plan_item=item,
        title_en="English only",
        title_ru=None,
        title_ja="",
        summary_en="",
        summary_ru="Только по-русски",
        start=dt.date(2017, 9, 7),
        start_precision=Precision.DAY,
        end=None,
        progress=None,
    )
    p.ProjectFactory(title_en="Another item's", start=None, end=None)


@pytest.mark.parametrize("language", ["en", "ru", "ja"])
@pytest.mark.parametrize("query", ["", "&ordering=-start", "&cursor="])
def test_rows_give_the_serializers_json(api, varied_projects, language, query):
    url = f"/api/v1/projects/?lang={language}{query}"
    results = rows_as_the_serializer_gives(api, "project", url, 3)
    shown = {r["title_i18n"]["en"]: r for r in results}
    assert shown["English only"]["title"] == "English only"  # the English stands in
    if language == "ru":
        assert shown["All three"]["plan_item_summary"]["title"] == "Пункт"
        assert shown["English only"]["summary"] == "Только по-русски"


@pytest.fixture
def varied_meetings():
    body = p.JointBodyFactory()
    p.MeetingFactory(
        title_en="All three",
        title_ru="Все три",
        title_ja="三つ",
        start=dt.date(2018, 3, 1),
        start_precision=Precision.MONTH,
        end=None,
        body=body,
        session_number=14,
        city_en="Tokyo",
        city_ja="東京",
        country="JP",
        description_en="Held in Tokyo.",
        outcomes_ru="Подписаны документы.",
    )
    p.MeetingFactory(
        title_en="English only",
        title_ru=None,
        title_ja="",
        kind="other",
        start=None,
        end=None,
        body=None,
        session_number=None,
        city_en="",
        country="",
        description_en="",
        outcomes_en=None,
    )
    p.MeetingFactory(
        title_en="Over days",
        start=dt.date(2017, 9, 6),
        start_precision=Precision.DAY,
        end=dt.date(2017, 9, 7),
        end_precision=Precision.DAY,
    )


@pytest.mark.parametrize("language", ["en", "ru", "ja"])
@pytest.mark.parametrize("query", ["", "&ordering=title_en", "&cursor="])
def test_meeting_rows_give_the_serializers_json(api, varied_meetings, language, query):
    url = f"/api/v1/meetings/?lang={language}{query}"
    results = rows_as_the_serializer_gives(api, "meeting", url, 3)
    shown = {r["title_i18n"]["en"]: r for r in results}
    assert shown["All three"]["body"] and shown["English only"]["body"] is None
    assert (shown["All three"]["country"], shown["English only"]["country"]) == ("JP", "")
    if language == "ja":
        assert shown["All three"]["city"] == "東京"


@pytest.fixture
def varied_people():
    first = pe.PersonFactory(
        name_en="All Three",
        name_ru="Все Три",
        name_ja="三つ",
        other_names="Trois\nDrei",
        biography_ja="略歴",
        country="JP",
    )
    pe.PersonFactory(name_en="English Only", name_ru=None, name_ja="", country="")
    pe.PersonFactory(name_en="Posted Twice", biography_en="Two posts at one body.")
    pe.PositionFactory.create_batch(2, person=first, organization=pe.OrganizationFactory())


@pytest.mark.parametrize("language", ["en", "ru", "ja"])
@pytest.mark.parametrize("query", ["", "&ordering=-id", "&cursor=", "&country=JP"])
def test_person_rows_give_the_serializers_json(api, varied_people, language, query):
    url = f"/api/v1/people/?lang={language}{query}"
    results = rows_as_the_serializer_gives(api, "person", url, 1 if "country" in query else 3)
    shown = {r["name_i18n"]["en"]: r for r in results}
    assert shown["All Three"]["other_names"] == "Trois\nDrei"
    if language == "ja":
        assert (shown["All Three"]["name"], shown["All Three"]["biography"]) == ("三つ", "略歴")


def test_people_of_an_organization_are_listed_once(api, varied_people):
    organization = Person.objects.get(name_en="All Three").positions.first().organization
    results = api.get(f"/api/v1/people/?organization={organization.slug}").json()["results"]
    assert [r["name"] for r in results] == ["All Three"]  # two posts there, one person
