"""The projects list (filters, search, sort, pages, CSV) and a project's page, with the real data
set and with made-up rows where the real data has none of a kind (statuses, progress, Russian
and Japanese titles, fifty projects)."""

from __future__ import annotations

import datetime as dt
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation

from coopr import listing
from people.models import Organization
from projects.models import PlanItem, Project, Status
from tests.coopr.factories import CitationFactory, SourceFactory
from tests.examples import MANY_ROWS
from tests.pages import count_queries, csv_rows
from tests.people.factories import OrganizationFactory, PersonFactory
from tests.projects import factories as f

pytestmark = pytest.mark.django_db

LIST = "/en/projects/"

# The seven projects of the real data set, by title ignoring case (the list's default order).
REAL_TITLES = [
    "Business missions on labour efficiency",
    "Cross Years of Russia and Japan",
    "Expansion of student exchanges from 2017",
    "Japan–Russia university association",
    "JNTO office in Moscow",
    "Kobe–Yekaterinburg exchange",
    "Sports exchanges in the run-up to the 2018 World Cup",
]
ROW = re.compile(r'<th scope="row"><a href="/(?:en|ru|ja)/projects/([^/"]+)/">([^<]*)</a></th>')


def rows(response) -> list[tuple[str, str]]:
    """(slug, title) of each project the page lists, in order."""
    html = response.content.decode()
    return [(slug, title.replace("&#x27;", "'")) for slug, title in ROW.findall(html)]


def titles(response) -> list[str]:
    return [title for _slug, title in rows(response)]


def item(number: int) -> PlanItem:
    return PlanItem.objects.get(plan__slug="eight-point-cooperation-plan", number=number)


# The list --------------------------------------------------------------------------------


def test_list_shows_the_real_projects_with_item_status_and_lead(client, real_data):
    response = client.get(LIST)
    assert response.status_code == HTTPStatus.OK
    assert titles(response) == REAL_TITLES
    html = response.content.decode()
    assert "7 results" in html
    assert '<html lang="en">' in html
    # Plan item, status not reported, start as precise as the source, the lead and its side.
    assert "5. Promoting industrial diversification and enhancing productivity in Russia" in html
    assert "February 2018" in html and "1 February 2018" not in html
    assert '<a href="/en/organizations/japan-national-tourism-organization/">' in html
    assert "Japan National Tourism Organization</a> (Japan)" in html
    assert '<span class="not-reported">not reported</span>' in html
    assert '<div class="table-wrap">' in html


def test_list_includes_its_controls_and_labelled_filters(client, real_data):
    html = client.get(LIST).content.decode()
    for name, label in [
        ("plan_item", "Plan item"),
        ("status", "Status"),
        ("country", "Country (side)"),
        ("organization", "Organization"),
        ("year", "Year (started or running)"),
    ]:
        assert f'<label for="id_{name}">{label}</label>' in html
    assert '<option value="JP">Japan</option>' in html
    assert "Download CSV" in html


def test_filter_by_plan_item(client, real_data):
    response = client.get(LIST, {"plan_item": item(5).pk})
    assert titles(response) == ["Business missions on labour efficiency"]
    response = client.get(LIST, {"plan_item": item(8).pk})
    assert titles(response) == REAL_TITLES[1:]
    assert titles(client.get(LIST, {"plan_item": item(1).pk})) == []


def test_filter_by_organization_and_country(client, real_data):
    jnto = Organization.objects.get(slug="japan-national-tourism-organization")
    assert titles(client.get(LIST, {"organization": jnto.slug})) == ["JNTO office in Moscow"]
    assert titles(client.get(LIST, {"country": "JP"})) == ["JNTO office in Moscow"]
    assert titles(client.get(LIST, {"country": "RU"})) == []


def test_country_counts_the_side_or_the_organization_and_lists_a_project_once(client, real_data):
    project = f.ProjectFactory(title_en="Joint seminar")
    # Two Russian organizations on one project: still one row.
    f.ProjectOrganizationFactory(project=project, organization=OrganizationFactory(country="RU"))
    f.ProjectOrganizationFactory(
        project=project,
        organization=OrganizationFactory(country="RU"),
        role="partner",
    )
    # A bilateral body (no country) acting for Japan counts for Japan.
    f.ProjectOrganizationFactory(
        project=project, organization=OrganizationFactory(country=""), side="JP", role="funder"
    )
    assert titles(client.get(LIST, {"country": "RU"})) == ["Joint seminar"]
    assert titles(client.get(LIST, {"country": "JP"})) == ["JNTO office in Moscow", "Joint seminar"]


def test_filter_by_status(client, real_data):
    f.ProjectFactory(title_en="Agreed one", status=Status.AGREED)
    f.ProjectFactory(title_en="Running one", status=Status.IN_PROGRESS)
    assert titles(client.get(LIST, {"status": "in_progress"})) == ["Running one"]
    assert titles(client.get(LIST, {"status": "agreed"})) == ["Agreed one"]
    # "Not reported": the real projects, whose sources give no status.
    assert titles(client.get(LIST, {"status": "not_reported"})) == REAL_TITLES


def test_filter_by_year_started_or_running(client, real_data):
    assert titles(client.get(LIST, {"year": 2018})) == [
        "Business missions on labour efficiency",
        "Cross Years of Russia and Japan",
    ]
    assert titles(client.get(LIST, {"year": 2017})) == ["Expansion of student exchanges from 2017"]
    f.ProjectFactory(
        title_en="Three-year programme", start=dt.date(2016, 4, 1), end=dt.date(2019, 3, 31)
    )
    assert "Three-year programme" in titles(client.get(LIST, {"year": 2017}))
    assert "Three-year programme" not in titles(client.get(LIST, {"year": 2020}))
    # With no end on record, a project counts only in the year it started.
    assert "Expansion of student exchanges from 2017" not in titles(
        client.get(LIST, {"year": 2018})
    )


def test_filters_combine(client, real_data):
    response = client.get(LIST, {"plan_item": item(8).pk, "year": 2018})
    assert titles(response) == ["Cross Years of Russia and Japan"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "bogus"}, "Select a valid choice. bogus is not one of the available choices."),
        ({"year": "abc"}, "Enter a whole number."),
        ({"year": "2018.5"}, "Enter a whole number."),
        ({"year": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"year": "100000"}, "Ensure this value is less than or equal to 9999."),
        ({"plan_item": "999999"}, "Select a valid choice."),
        ({"plan_item": "x"}, "Select a valid choice."),
        ({"plan_item": "99999999999999999999999"}, "Select a valid choice."),
        ({"organization": "no-such-organization"}, "Select a valid choice."),
        ({"country": "ZZ"}, "Select a valid choice. ZZ is not one of the available choices."),
    ],
)
def test_bad_filter_value_is_a_400_with_a_message(client, real_data, params, message):
    response = client.get(LIST, params)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert titles(response) == []
    assert "No projects match." in html


def test_search_in_latin_cyrillic_and_japanese(client, real_data):
    f.ProjectFactory(
        slug="student-exchange-ru-ja",
        title_en="Student exchange between Kazan and Tsukuba",
        title_ru="Обмен студентами между Казанью и Цукубой",
        title_ja="カザンとつくばの学生交流",
        summary_en="Exchanges of engineering students.",
    )
    assert titles(client.get(LIST, {"q": "kobe"})) == ["Kobe–Yekaterinburg exchange"]
    assert titles(client.get(LIST, {"q": "Yekaterinburg Kobe"})) == ["Kobe–Yekaterinburg exchange"]
    # A word of a summary, and of a slug.
    assert titles(client.get(LIST, {"q": "seminars"})) == ["Business missions on labour efficiency"]
    assert titles(client.get(LIST, {"q": "jnto-moscow"})) == ["JNTO office in Moscow"]
    for words in ("Обмен студентами", "обмен казанью", "学生交流", "つくば"):
        assert titles(client.get(LIST, {"q": words})) == [
            "Student exchange between Kazan and Tsukuba"
        ], words
    assert titles(client.get(LIST, {"q": "Казань nonexistentword"})) == []


def test_sort_orders(client, real_data):
    assert titles(client.get(LIST, {"sort": "title"})) == REAL_TITLES
    undated = [
        "Japan–Russia university association",
        "JNTO office in Moscow",
        "Kobe–Yekaterinburg exchange",
        "Sports exchanges in the run-up to the 2018 World Cup",
    ]
    assert titles(client.get(LIST, {"sort": "newest"})) == [
        "Cross Years of Russia and Japan",
        "Business missions on labour efficiency",
        "Expansion of student exchanges from 2017",
        *undated,
    ]
    assert titles(client.get(LIST, {"sort": "oldest"})) == [
        "Expansion of student exchanges from 2017",
        "Business missions on labour efficiency",
        "Cross Years of Russia and Japan",
        *undated,
    ]
    assert titles(client.get(LIST, {"sort": "item"}))[0] == "Business missions on labour efficiency"
    # An unknown key falls back to the default order.
    assert titles(client.get(LIST, {"sort": "nonsense"})) == REAL_TITLES


def test_sort_by_status_follows_the_course_of_a_project(client, real_data):
    item8 = item(8)
    for title, status in [
        ("A completed", Status.COMPLETED),
        ("B proposed", Status.PROPOSED),
        ("C in progress", Status.IN_PROGRESS),
        ("D agreed", Status.AGREED),
    ]:
        f.ProjectFactory(title_en=title, status=status, plan_item=item8)
    listed = titles(client.get(LIST, {"sort": "status"}))
    assert listed[:4] == ["B proposed", "D agreed", "C in progress", "A completed"]
    assert listed[4:] == REAL_TITLES  # not reported: last


def test_sort_by_title_follows_the_language_with_english_fallback(client, db):
    f.ProjectFactory(title_en="Alpha", title_ru="Яблоко")
    f.ProjectFactory(title_en="Beta", title_ru="Банан")
    f.ProjectFactory(title_en="Gamma")  # no Russian title: sorted by its English one
    assert titles(client.get("/en/projects/")) == ["Alpha", "Beta", "Gamma"]
    assert titles(client.get("/ru/projects/")) == ["Gamma", "Банан", "Яблоко"]


def test_pagination(client, db):
    f.ProjectFactory.create_batch(50, plan_item=f.PlanItemFactory())
    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})
    assert len(rows(first)) == 25 and len(rows(second)) == 25
    assert not set(rows(first)) & set(rows(second))
    html = second.content.decode()
    assert "Page 2 of 2" in html
    assert 'rel="prev" href="?page=1"' in html
    assert 'rel="next"' not in html
    assert client.get(LIST, {"page": 3}).status_code == HTTPStatus.NOT_FOUND
    assert client.get(LIST, {"page": "abc"}).status_code == HTTPStatus.NOT_FOUND


def test_numbered_pages_stop_at_a_depth_and_say_how_to_go_on(client, db, monkeypatch):
    """Past MAX_NUMBERED_ROWS rows (10,000; 50 here) a page is a 400 that lists nothing and
    points to the search, the filters and the downloads; the last page within has no "Next"."""
    monkeypatch.setattr(listing, "MAX_NUMBERED_ROWS", 50)
    f.ProjectFactory.create_batch(60, plan_item=f.PlanItemFactory())
    deepest = client.get(LIST, {"page": 2})
    assert deepest.status_code == HTTPStatus.OK and len(rows(deepest)) == 25
    assert "Page 2 of 3" in deepest.content.decode()
    assert 'rel="next"' not in deepest.content.decode()
    for page in (3, "last"):
        past = client.get(LIST, {"page": page})
        assert past.status_code == HTTPStatus.BAD_REQUEST
        assert rows(past) == []
        html = past.content.decode()
        assert "Pages reach the first 50 rows of a list." in html
        assert 'href="/en/downloads/"' in html
    past = client.get("/ja/projects/", {"page": 3})
    assert past.status_code == HTTPStatus.BAD_REQUEST
    assert "/ja/downloads/" in past.content.decode()
    # The API's numbered pages stop at the same depth (see tests/api).
    assert client.get(LIST, {"page": 1}).status_code == HTTPStatus.OK


def test_pagination_keeps_the_filters(client, db):
    item = f.PlanItemFactory()
    f.ProjectFactory.create_batch(30, plan_item=item, status=Status.AGREED)
    f.ProjectFactory.create_batch(3, plan_item=item, status=Status.COMPLETED)
    html = client.get(LIST, {"status": "agreed"}).content.decode()
    assert "30 results" in html
    assert 'href="?status=agreed&amp;page=2"' in html


# CSV ---------------------------------------------------------------------------------------


HEADER = [
    "Slug",
    "Title",
    "Plan item",
    "Status",
    "Progress (%)",
    "Start",
    "End",
    "Lead organizations",
    "URL",
]


def test_csv_has_the_rows_the_filtered_list_shows_in_the_same_order(client, real_data):
    params = {"plan_item": item(8).pk, "sort": "newest"}
    listed = [slug for slug, _title in rows(client.get(LIST, params))]
    response = client.get(LIST, {**params, "format": "csv"})
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="projects.csv"'
    header, *data = csv_rows(response)
    assert header == HEADER
    assert [row[0] for row in data] == listed
    assert data[0] == [
        "cross-years-2018",
        "Cross Years of Russia and Japan",
        "8",
        "",
        "",
        "2018-05-26",
        "",
        "",
        "/en/projects/cross-years-2018/",
    ]
    jnto = next(row for row in data if row[0] == "jnto-moscow-office")
    assert jnto[7] == "Japan National Tourism Organization"


def test_csv_has_every_matching_row_not_one_page(client, db):
    f.ProjectFactory.create_batch(30, plan_item=f.PlanItemFactory())
    _header, *data = csv_rows(client.get(LIST, {"format": "csv"}))
    assert len(data) == 30


def test_csv_dates_status_and_progress(client, db):
    f.ProjectFactory(
        slug="p",
        title_en="Partial dates",
        status=Status.IN_PROGRESS,
        progress=40,
        start=dt.date(2017, 1, 1),
        start_precision="year",
        end=dt.date(2019, 3, 1),
        end_precision="month",
    )
    _header, row = csv_rows(client.get(LIST, {"format": "csv"}))
    assert row[3:7] == ["in progress", "40", "2017", "2019-03"]


def test_csv_neutralises_formulas(client, db):
    f.ProjectFactory(slug="evil", title_en='=HYPERLINK("http://evil.example","click")')
    lead = OrganizationFactory(name_en="+Cmd Corp")
    f.ProjectOrganizationFactory(project=Project.objects.get(slug="evil"), organization=lead)
    _header, row = csv_rows(client.get(LIST, {"format": "csv"}))
    assert row[1] == '\'=HYPERLINK("http://evil.example","click")'
    assert row[7] == "'+Cmd Corp"


def test_csv_in_russian_has_the_russian_titles_and_urls(client, db):
    f.ProjectFactory(slug="ru-one", title_en="Exchange", title_ru="Обмен", status=Status.AGREED)
    _header, row = csv_rows(client.get("/ru/projects/", {"format": "csv"}))
    assert row[0] == "ru-one"
    assert row[1] == "Обмен"
    assert row[8] == "/ru/projects/ru-one/"


# Languages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title"),
    [("ru", "Обмен студентами"), ("ja", "学生交流"), ("en", "Student exchange")],
)
def test_list_and_page_in_each_language(client, db, language, title):
    project = f.ProjectFactory(
        slug="exchange",
        title_en="Student exchange",
        title_ru="Обмен студентами",
        title_ja="学生交流",
    )
    untranslated = f.ProjectFactory(title_en="Only in English", plan_item=project.plan_item)
    for url in (f"/{language}/projects/", f"/{language}/projects/exchange/"):
        html = client.get(url).content.decode()
        assert f'<html lang="{language}">' in html, url
        assert title in html, url
    # A project with no translation shows its English title.
    assert "Only in English" in client.get(f"/{language}/projects/").content.decode()
    with translation.override(language):
        assert untranslated.get_absolute_url().startswith(f"/{language}/")


# A project's page ------------------------------------------------------------------------


def page(client, slug: str) -> str:
    with translation.override("en"):
        url = reverse("project-detail", kwargs={"slug": slug})
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_project_page_shows_item_dates_meeting_and_sources_beside_fields(client, real_data):
    html = page(client, "labour-efficiency-business-missions")
    assert "<h1>Business missions on labour efficiency" in html
    assert (
        '<a href="/en/plans/eight-point-cooperation-plan/items/5/">'
        "5. Promoting industrial diversification and enhancing productivity in Russia</a>"
    ) in html
    assert "February 2018" in html and "1 February 2018" not in html
    # The start's source is beside the start, numbered, and listed with the field named.
    start = re.search(r"<dt>Start</dt>\s*<dd>February 2018(.*?)</dd>", html, re.S).group(1)
    number = re.search(r'href="#cite-(\d+)"', start).group(1)
    entry = re.search(rf'<li id="cite-{number}">(.*?)</li>', html, re.S).group(1)
    assert '<span class="field">Start:</span>' in entry
    assert "<q>In February, the first business mission on this topic visited Tokyo and Nagoya." in (
        entry
    )
    assert '<a href="/en/sources/tass-2018-03-24/">' in entry
    # Timeline, with the step's own source.
    assert "First business mission visited Tokyo and Nagoya" in html
    # The meeting where it was discussed.
    assert "First business mission on labour efficiency to Japan" in html
    assert "/en/meetings/business-mission-labour-efficiency-2018-02/" in html


def test_project_page_field_names_of_sources_are_in_the_current_language(client, real_data):
    # The start's citation names the field as the interface does (verbose name).
    html = client.get("/ru/projects/labour-efficiency-business-missions/").content.decode()
    assert '<html lang="ru">' in html
    with translation.override("ru"):
        label = str(Project._meta.get_field("start").verbose_name)
    assert f'<span class="field">{label[0].upper()}{label[1:]}:</span>' in html


def test_project_page_timeline_in_order_with_status_then_and_document(client, real_data):
    html = page(client, "japan-russia-university-association")
    timeline = re.search(r'<ol class="timeline">(.*?)</ol>', html, re.S).group(1)
    assert timeline.index("December 2016") < timeline.index("May 18, 2018")
    assert "status then: agreed" in timeline
    assert "Memorandum signed at the December 2016 summit" in timeline
    assert "First General Assembly in Sapporo" in timeline
    assert "/en/documents/memorandum-university-association-2016/" in html
    assert "First General Assembly of the Japan–Russia university association" in html


def test_project_page_shows_organizations_with_role_and_country(client, real_data):
    html = page(client, "jnto-moscow-office")
    assert (
        '<a href="/en/organizations/japan-national-tourism-organization/">'
        "Japan National Tourism Organization</a> — lead, for Japan"
    ) in html
    assert "The Japan Times" in html


def test_project_page_progress_people_and_figures(client, db):
    project = f.ProjectFactory(slug="p", status=Status.IN_PROGRESS, progress=40)
    person = PersonFactory(name_en="Olga Test")
    f.ProjectPersonFactory(project=project, person=person, role_en="coordinator")
    indicator = f.IndicatorFactory(name_en="Students sent", unit_en="students", project=project)
    f.ObservationFactory(indicator=indicator, date=dt.date(2018, 1, 1), value=120)
    observation = f.ObservationFactory(indicator=indicator, date=dt.date(2019, 1, 1), value=150)
    CitationFactory(target=observation, quote="150 students were sent")
    html = page(client, "p")
    assert 'role="img"' in html and 'aria-label="Progress: 40%"' in html
    assert '<span class="progress-text">40%</span>' in html
    assert "in progress" in html
    assert "Olga Test</a> — coordinator" in html
    assert "Students sent" in html
    assert html.index("120 students") < html.index("150 students")
    assert "<q>150 students were sent</q>" in html


def test_progress_bar_svg_is_valid_html5_and_scaled(client, db):
    f.ProjectFactory(slug="p", progress=50)
    html = client.get("/ru/projects/").content.decode()
    svg = re.search(r'<svg class="progress-bar".*?</svg>', html, re.S).group(0)
    # Not localised ("48,0"): SVG numbers use a dot in every language.
    assert 'width="49.0"' in svg
    assert "xlink" not in svg and "<?xml" not in html


def test_unknown_project_is_a_404(client, db):
    assert client.get("/en/projects/nope/").status_code == HTTPStatus.NOT_FOUND


# Queries -----------------------------------------------------------------------------------

# The projects list: the page's rows, their lead organizations, and the choices of the plan
# item, organization (`bound_choices`) and theme filters; with the transaction's savepoint and
# release. The country filter's choices come from every project's organizations, and the row
# count from every matching row: both kept in the cache until the next change
# (projects.filters.country_choices, coopr.kept.KeptCountPaginator), none after the warm-up.
LIST_QUERIES = 7
# A project: itself, timeline (+ citations), organizations (+ citations), people, documents,
# meetings, figures (+ values, their citations), its citations, each citation with its source;
# with the savepoint and release.
DETAIL_QUERIES = 14


def make_projects(n: int) -> None:
    item = f.PlanItemFactory()
    for i in range(n):
        project = f.ProjectFactory(plan_item=item, progress=i % 101)
        f.ProjectOrganizationFactory(project=project)
        f.ProjectOrganizationFactory(project=project, role="partner")


@pytest.mark.parametrize("n", [1, MANY_ROWS])
def test_list_runs_a_fixed_number_of_queries(client, db, n):
    """Whatever the number of projects, organizations and items: no query per row."""
    make_projects(n)
    assert count_queries(client, LIST) == LIST_QUERIES
    assert count_queries(client, LIST + "?sort=status&year=2017") == LIST_QUERIES
    # The CSV reads every row: count and choices are not needed, the savepoint is.
    assert count_queries(client, LIST + "?format=csv") == 6  # with the theme filter's choices


def make_project(n: int) -> Project:
    project = f.ProjectFactory(slug="busy", status=Status.AGREED, progress=10)
    source = SourceFactory()
    for i in range(n):
        update = f.ProjectUpdateFactory(project=project, date=dt.date(2018, 1, 1) + dt.timedelta(i))
        CitationFactory(target=update, source=source)
        link = f.ProjectOrganizationFactory(project=project)
        CitationFactory(target=link, source=source)
        f.ProjectPersonFactory(project=project)
        document = f.DocumentFactory()
        document.projects.add(project)
        meeting = f.MeetingFactory()
        meeting.projects.add(project)
        indicator = f.IndicatorFactory(project=project)
        observation = f.ObservationFactory(indicator=indicator)
        CitationFactory(target=observation, source=source)
        CitationFactory(target=project, source=source, field_name="start" if i % 2 else "")
    return project


@pytest.mark.parametrize("n", [1, 50])
def test_project_page_runs_a_fixed_number_of_queries(client, db, n):
    """Whatever the number of updates, organizations, people, documents, meetings, figures
    and citations: no query per row."""
    make_project(n)
    assert count_queries(client, "/en/projects/busy/") == DETAIL_QUERIES
