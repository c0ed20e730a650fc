"""The figures list (latest values, filters, sort, CSV) and an indicator's page (its values over
time as a chart and a table with sources; reported and recorded counts of projects), with the
real data set and with made-up values where it has none of a kind (several values, fifty)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from http import HTTPStatus

import pytest

from projects.models import Indicator, Observation, PlanItem, Project
from tests.coopr.factories import CitationFactory
from tests.examples import MANY_ROWS
from tests.pages import between, count_queries, csv_rows, text
from tests.projects import factories as f

pytestmark = pytest.mark.django_db

LIST = "/en/indicators/"
STUDENTS = "japanese-students-tuition-free-in-russia"
PROJECT_COUNT = "projects-under-item-8-reported"
ROW = re.compile(r'<th scope="row"><a href="/(?:en|ru|ja)/indicators/([^/"]+)/">')


def slugs(html: str) -> list[str]:
    return ROW.findall(html)


def recorded_under_item_8() -> int:
    """The projects the reported count of item 8 is compared with: its student exchanges."""
    return Project.objects.filter(
        plan_item__plan__slug="eight-point-cooperation-plan",
        plan_item__number=8,
        themes__slug="student-exchange",
    ).count()


def row_of(html: str, slug: str) -> str:
    """The text of the table row of the indicator `slug`."""
    for row in re.findall(r"<tr>.*?</tr>", html, re.S):
        if f"/indicators/{slug}/" in row:
            return text(row)
    raise AssertionError(slug)


# The list --------------------------------------------------------------------------------


def test_list_shows_each_figure_with_its_latest_value_date_and_item(client, real_data):
    html = client.get(LIST).content.decode()
    assert len(slugs(html)) == Indicator.objects.count() == 8
    assert row_of(html, STUDENTS) == (
        "Japanese students getting a tuition-free education in Russia 97 students "
        "March 24, 2018 Item 8"
    )
    assert row_of(html, "agreements-between-educational-institutions").startswith(
        "Agreements between educational institutions of Russia and Japan about 250 agreements"
    )
    assert "more than 100 agreements 2018 Eight-point Cooperation Plan" in row_of(
        html, "private-sector-agreements-under-plan"
    )
    assert "381 agreements 2014 Item 8" in row_of(html, "university-exchange-agreements")
    # A count of projects: the reported figure beside the projects on record.
    recorded = recorded_under_item_8()
    assert f"13 projects 13 reported · {recorded} on record March 24, 2018" in row_of(
        html, PROJECT_COUNT
    )
    assert "<title>Figures · coopr</title>" in html


def test_list_latest_value_is_the_newest(client, db):
    indicator = f.IndicatorFactory(slug="grows", name_en="Grows")
    for year, value in ((2016, 10), (2018, 30), (2017, 20)):
        f.ObservationFactory(indicator=indicator, date=dt.date(year, 1, 1), value=Decimal(value))
    f.IndicatorFactory(slug="empty", name_en="Empty")
    html = client.get(LIST).content.decode()
    assert row_of(html, "grows") == "Grows 30 students Jan. 1, 2018"
    assert row_of(html, "empty") == "Empty no value yet"


def test_filters_and_sort(client, real_data):
    item_8 = PlanItem.objects.get(plan__slug="eight-point-cooperation-plan", number=8)
    by_item = slugs(client.get(LIST, {"plan_item": item_8.pk}).content.decode())
    assert len(by_item) == 6 and "private-sector-agreements-under-plan" not in by_item
    counts = slugs(client.get(LIST, {"measures": "projects_in_item"}).content.decode())
    assert counts == [PROJECT_COUNT]
    by_name = slugs(client.get(LIST).content.decode())
    assert by_name[0] == "agreements-between-educational-institutions"
    assert by_name[-1] == "university-exchange-agreements"
    latest = slugs(client.get(LIST, {"sort": "latest"}).content.decode())
    assert latest[-1] == "university-exchange-agreements"  # 2014, the oldest figure
    assert set(latest[:3]) == {
        STUDENTS,
        PROJECT_COUNT,
        "agreements-between-educational-institutions",
    }
    assert slugs(client.get(LIST, {"q": "students"}).content.decode()) == [
        STUDENTS,
        "japanese-students-sent-to-russia",
        "russian-students-in-japan",
    ]


@pytest.mark.parametrize("params", [{"plan_item": "x"}, {"measures": "weight"}])
def test_bad_filter_value_is_a_400_with_a_message(client, real_data, params):
    response = client.get(LIST, params)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Select a valid choice." in response.content.decode()
    assert client.get(LIST, {"page": 9}).status_code == HTTPStatus.NOT_FOUND


def test_csv_has_the_rows_of_the_list(client, real_data):
    listed = slugs(client.get(LIST).content.decode())
    header, *rows = csv_rows(client.get(LIST, {"format": "csv"}))
    assert header == [
        "slug",
        "Name",
        "Unit",
        "Latest value",
        "Qualifier",
        "Date",
        "Date (ISO 8601)",
        "Projects on record",
        "Plan item",
        "URL",
    ]
    assert [row[0] for row in rows] == listed
    by_slug = {row[0]: row for row in rows}
    assert by_slug[PROJECT_COUNT][3:8] == [
        "13",
        "exact",
        "March 24, 2018",
        "2018-03-24",
        str(recorded_under_item_8()),
    ]
    assert by_slug["agreements-between-educational-institutions"][3:8] == [
        "250",
        "about",
        "March 24, 2018",
        "2018-03-24",
        "",
    ]
    assert by_slug["university-exchange-agreements"][5:7] == ["2014", "2014"]
    assert by_slug[STUDENTS][8] == "8. Fundamental expansion of people-to-people interaction"
    assert by_slug[STUDENTS][9] == f"http://testserver/en/indicators/{STUDENTS}/"


# An indicator's page -------------------------------------------------------------------------


def page(client, slug: str, lang: str = "en") -> str:
    response = client.get(f"/{lang}/indicators/{slug}/")
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_students_page_shows_the_value_its_date_and_source(client, real_data):
    html = page(client, STUDENTS)
    assert "<h1>Japanese students getting a tuition-free education in Russia</h1>" in html
    values = between(html, '<h2 id="values">', "</section>")
    table = between(values, '<table class="observations">', "</table>")
    assert text(between(table, "<tbody>")).startswith("March 24, 2018 97 students")
    assert (
        "<q>Now 97 students from Japan are getting a tuition-free education in Russia.</q>" in table
    )
    assert '<a href="/en/sources/tass-2018-03-24/">TASS' in table
    chart = between(values, "<svg", "</svg>")
    assert 'role="img"' in chart
    assert (
        '<title id="chart-title">Japanese students getting a tuition-free education in Russia: '
        "March 24, 2018: 97</title>"
    ) in chart
    assert ">97</text>" in chart  # the point's label
    facts = text(between(html, '<dl class="indicator-facts">', "</dl>"))
    assert "Unit students" in facts and "Measures Something else" in facts
    assert "Plan item 8. Fundamental expansion of people-to-people interaction" in facts
    assert "Reported and on record" not in html  # not a count of projects


def test_project_count_page_shows_reported_beside_recorded_with_its_source(client, real_data):
    html = page(client, PROJECT_COUNT)
    reported = between(html, '<h2 id="reported">', "</section>")
    assert f"13 reported · {recorded_under_item_8()} on record" in text(reported)
    assert "<q>Currently we are implementing 13 relevant projects</q>" in reported
    assert '<a href="/en/plans/eight-point-cooperation-plan/items/8/">item 8</a>' in reported
    assert '<a href="/en/sources/tass-2018-03-24/">TASS' in reported
    assert "No public list of them was found." in html


def test_qualifiers_are_shown_with_the_values(client, real_data):
    html = page(client, "agreements-between-educational-institutions")
    table = between(html, '<table class="observations">', "</table>")
    assert "about 250 agreements" in text(table)
    assert ">about 250</text>" in html
    more = page(client, "private-sector-agreements-under-plan")
    assert "more than 100 agreements" in text(
        between(more, '<table class="observations">', "</table>")
    )
    assert '<time datetime="2018">2018</time>' in more


def test_several_values_make_a_line_with_every_point_labelled(client, db):
    indicator = f.IndicatorFactory(slug="grows", name_en="Grows", unit_en="students")
    values = {dt.date(2015, 1, 1): 1000, dt.date(2016, 6, 1): 1500, dt.date(2018, 3, 24): 2500}
    for day, value in values.items():
        observation = f.ObservationFactory(indicator=indicator, date=day, value=Decimal(value))
        CitationFactory(target=observation, quote=f"{value} of them")
    html = page(client, "grows")
    chart = between(html, "<svg", "</svg>")
    assert "<polyline" in chart
    for label in ("1,000", "1,500", "2,500"):
        assert f">{label}</text>" in chart
    for year in ("2015", "2016", "2017", "2018"):
        assert f">{year}</text>" in chart
    # Points left to right in date order, higher values higher up (smaller y).
    points = [
        (float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', chart)
    ]
    assert points == sorted(points) and [y for _x, y in points] == sorted(
        [y for _x, y in points], reverse=True
    )
    rows = re.findall(r"<tr>.*?</tr>", between(html, "<tbody>", "</tbody>"), re.S)
    assert [text(row).split(" students")[0] for row in rows] == [
        "Jan. 1, 2015 1,000",
        "June 1, 2016 1,500",
        "March 24, 2018 2,500",
    ]
    assert "<q>1500 of them</q>" in rows[1]


def test_svg_numbers_are_not_localised_in_russian(client, db):
    indicator = f.IndicatorFactory(slug="half", name_en="Half")
    f.ObservationFactory(indicator=indicator, value=Decimal("2.5"))
    f.ObservationFactory(indicator=indicator, date=dt.date(2019, 1, 1), value=Decimal("7.5"))
    html = page(client, "half", "ru")
    chart = between(html, "<svg", "</svg>")
    coordinates = re.findall(r' (?:x|y|cx|cy|x1|x2|y1|y2)="([^"]+)"', chart)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", c) for c in coordinates)
    assert ">2,5</text>" in chart  # but the labels people read are


def test_unknown_indicator_is_a_404(client, db):
    assert client.get("/en/indicators/no-such/").status_code == HTTPStatus.NOT_FOUND


# Queries -------------------------------------------------------------------------------------

# The list: the page (latest values and projects on record are subqueries), the form's plan
# items; plus savepoint and release. The count is kept until the next change (none after the
# warm-up: coopr.kept.KeptCountPaginator).
LIST_QUERIES = 4
# The page: the indicator (with its plan, item, project, latest value, projects on record);
# its values, their citations, its citations; plus savepoint and release.
DETAIL_QUERIES = 6


def make_indicators(n: int) -> Indicator:
    plan_item = f.PlanItemFactory()
    f.ProjectFactory.create_batch(2, plan_item=plan_item)
    for i in range(n):
        indicator = f.IndicatorFactory(
            plan_item=plan_item,
            measures=Indicator.Measures.PROJECTS_IN_ITEM if i % 2 else Indicator.Measures.OTHER,
        )
        f.ObservationFactory(indicator=indicator, date=dt.date(2018, 1, 1))
        CitationFactory(target=indicator)
    return indicator


@pytest.mark.parametrize("n", [1, MANY_ROWS])
def test_list_runs_a_fixed_number_of_queries(client, db, n):
    make_indicators(n)
    assert count_queries(client, LIST) == LIST_QUERIES
    assert count_queries(client, LIST + "?format=csv&sort=latest") == 3


@pytest.mark.parametrize("n", [1, 50])
def test_detail_runs_a_fixed_number_of_queries(client, db, n):
    indicator = make_indicators(1)
    for i in range(n - 1):
        observation = f.ObservationFactory(indicator=indicator, date=dt.date(2000 + i % 20, 1, 1))
        CitationFactory(target=observation)
        CitationFactory(target=indicator)
    assert Observation.objects.filter(indicator=indicator).count() == n
    assert count_queries(client, f"/en/indicators/{indicator.slug}/") == DETAIL_QUERIES
