"""The plans list, a plan's page and a plan item's page, with the real data set; and their
fixed query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from http import HTTPStatus

import pytest

from projects import selectors
from projects.models import Indicator, Status
from tests.coopr.factories import CitationFactory
from tests.examples import MANY_ROWS
from tests.pages import count_queries
from tests.people.factories import PersonFactory
from tests.projects import factories as f

pytestmark = pytest.mark.django_db

PLAN = "/en/plans/eight-point-cooperation-plan/"
ITEM_8 = PLAN + "items/8/"

# The projects the real data set holds under item 8 (no source lists all 13 reported).
ITEM_8_PROJECTS = [
    "Cross Years of Russia and Japan",
    "Expansion of student exchanges from 2017",
    "Japan–Russia university association",
    "JNTO office in Moscow",
    "Kobe–Yekaterinburg exchange",
    "Sports exchanges in the run-up to the 2018 World Cup",
]


def citation_entry(html: str, refs: str) -> list[str]:
    """The numbered sources a fragment's "[n]" links point to."""
    numbers = re.findall(r'href="#cite-(\d+)"', refs)
    assert numbers, refs
    return [re.search(rf'<li id="cite-{n}">(.*?)</li>', html, re.S).group(1) for n in numbers]


# Plans list --------------------------------------------------------------------------------


def test_plan_list_shows_the_plan(client, real_data):
    response = client.get("/en/plans/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    row = re.search(
        r'<th scope="row"><a href="/en/plans/eight-point-cooperation-plan/">.*?</tr>', html, re.S
    ).group(0)
    assert "Eight-point Cooperation Plan</a>" in row
    assert "<td>Japan – Russia</td>" in row
    assert "May 6, 2016, Sochi" in row
    assert '<a href="/en/meetings/sochi-summit-2016-05-06/">Abe–Putin meeting in Sochi</a>' in row
    assert '<a href="/en/people/shinzo-abe/">Shinzo Abe</a>' in row
    assert '<td class="num">8</td>' in row
    assert "1 result" in html and "Download CSV" in html


def test_plan_list_search_and_csv(client, real_data):
    f.PlanFactory(slug="other", title_en="Another plan", country_a="FR", country_b="DE")
    html = client.get("/en/plans/", {"q": "eight-point"}).content.decode()
    assert "Eight-point Cooperation Plan" in html and "Another plan" not in html
    response = client.get("/en/plans/", {"format": "csv", "sort": "title"})
    body = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    header, *data = list(csv.reader(io.StringIO(body)))
    assert header == [
        "Slug",
        "Title",
        "First country",
        "Second country",
        "Proposed on",
        "Proposed by",
        "Proposed where",
        "Items",
        "URL",
    ]
    assert [row[0] for row in data] == ["other", "eight-point-cooperation-plan"]
    assert data[1] == [
        "eight-point-cooperation-plan",
        "Eight-point Cooperation Plan",
        "JP",
        "RU",
        "2016-05-06",
        "Shinzo Abe",
        "Sochi",
        "8",
        "/en/plans/eight-point-cooperation-plan/",
    ]


# A plan's page -----------------------------------------------------------------------------


def test_plan_page_shows_who_proposed_it_when_and_where_with_sources(client, real_data):
    html = client.get(PLAN).content.decode()
    assert "<h1>Eight-point Cooperation Plan" in html
    assert "<dd>Japan – Russia" in html
    assert '<a href="/en/people/shinzo-abe/">Shinzo Abe</a>' in html
    assert '<a href="/en/meetings/sochi-summit-2016-05-06/">Abe–Putin meeting in Sochi</a>' in html
    assert "<dt>Proposed where</dt><dd>Sochi" in html
    # The date's source, beside the date.
    date = re.search(r"<dt>Proposed on</dt><dd>May 6, 2016(.*?)</dd>", html, re.S).group(1)
    [entry] = citation_entry(html, date)
    assert '<span class="field">Proposed on:</span>' in entry
    assert "<q>at the May 2016 Japan-Russia Summit Meeting</q>" in entry
    assert '<a href="/en/sources/tomodachi-2018-eight-point-plan/">' in entry
    # The description's source quotes TASS.
    description = re.search(r'<p class="description">(.*?)</p>', html, re.S).group(1)
    [entry] = citation_entry(html, description)
    assert "The plan includes efforts to foster relations between Japan and Russia" in entry


def test_plan_page_lists_items_with_counts_status_and_reported_count(client, real_data):
    html = client.get(PLAN).content.decode()
    rows = re.findall(r'<tr>\s*<th scope="row">(.*?)</tr>', html, re.S)
    assert len(rows) == 8
    assert "8. Fundamental expansion of people-to-people interaction</a>" in rows[7]
    assert '<td class="num" data-label="Projects on record">6</td>' in rows[7]
    assert 'aria-label="6 projects by status — not reported: 6"' in rows[7]
    assert "<strong>13</strong> reported" in rows[7]
    assert "<strong>1</strong> on record as student exchange" in rows[7]
    assert '<td class="num" data-label="Projects on record">1</td>' in rows[4]
    assert "No projects on record" in rows[0]


@pytest.mark.parametrize(("language", "name"), [("ru", "Синдзо Абэ"), ("ja", "安倍晋三")])
def test_plan_page_in_russian_and_japanese(client, real_data, language, name):
    html = client.get(PLAN.replace("/en/", f"/{language}/")).content.decode()
    assert f'<html lang="{language}">' in html
    assert name in html
    # No Russian or Japanese title on record: the English one shows.
    assert "Eight-point Cooperation Plan" in html


def test_unknown_plan_is_a_404(client, db):
    assert client.get("/en/plans/nope/").status_code == HTTPStatus.NOT_FOUND


# A plan item's page ------------------------------------------------------------------------


def test_item_8_lists_its_real_projects_and_not_the_others(client, real_data):
    response = client.get(ITEM_8)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "<h1>8. Fundamental expansion of people-to-people interaction" in html
    table = re.search(r'<table class="project-table stack">.*?</table>', html, re.S).group(0)
    listed = re.findall(r'<th scope="row"><a href="/en/projects/[^"]+/">([^<]+)</a>', table)
    assert listed == ITEM_8_PROJECTS
    assert "Business missions on labour efficiency" not in html
    assert "May 26, 2018" in table and "2017" in table


def test_item_8_shows_13_reported_beside_its_student_exchanges_on_record(client, real_data):
    """The 13 are student-exchange projects: they are compared with the one project of item 8
    classed as a student exchange, not with all six."""
    html = client.get(ITEM_8).content.decode()
    assert "<strong>13</strong> reported" in html
    assert "<strong>1</strong> on record as student exchange" in html
    assert '(<a href="/en/sources/tass-2018-03-24/">TASS</a>, March 24, 2018)' in html
    assert "<q>Currently we are implementing 13 relevant projects</q>" in html
    assert "The source reports 12 more projects than this record holds." in html
    assert 'aria-label="6 projects by status — not reported: 6"' in html
    assert 'aria-label="Projects: 13 reported, 1 on record"' in html


def test_item_8_figures_meetings_documents_and_sources(client, real_data):
    html = client.get(ITEM_8).content.decode()
    figures = re.search(r'<section aria-labelledby="figures-heading">(.*?)</section>', html, re.S)
    figures = figures.group(1)
    assert "/en/indicators/japanese-students-tuition-free-in-russia/" in figures
    assert "<td>97 students</td>" in figures
    assert "<td>about 250 agreements</td>" in figures
    assert "<q>Now 97 students from Japan are getting a tuition-free education in Russia.</q>" in (
        figures
    )
    meetings = re.search(r'<section aria-labelledby="meetings-heading">(.*?)</section>', html, re.S)
    meetings = meetings.group(1)
    for title in (
        "Opening of Cross Years of Russia and Japan",
        "First General Assembly of the Japan–Russia university association",
        "First Russia–Japan symposium on staff training",
    ):
        assert title in meetings
    assert meetings.index("Opening of Cross Years") < meetings.index("First Russia–Japan")
    assert "Oreshkin–Seko meeting in Vladivostok" not in meetings
    assert "/en/documents/memorandum-university-association-2016/" in html
    assert "December 2016 — " in html
    # The title's sources: both wordings, each with its source.
    title = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    entries = citation_entry(html, title)
    assert any("<q>Radically expanding people-to-people interaction</q>" in e for e in entries)
    assert all('<span class="field">Title:</span>' in e for e in entries)


def test_item_page_with_statuses_and_progress(client, db):
    item = f.PlanItemFactory(number=3, title_en="Energy")
    f.ProjectFactory(plan_item=item, title_en="Pipeline", status=Status.IN_PROGRESS, progress=40)
    f.ProjectFactory(plan_item=item, title_en="Grid", status=Status.COMPLETED, progress=100)
    f.ProjectFactory(plan_item=item, title_en="Wind", status="")
    html = client.get(item.get_absolute_url()).content.decode()
    assert 'aria-label="3 projects by status — in progress: 1; completed: 1; not reported: 1"' in (
        html
    )
    assert 'aria-label="Progress: 40%"' in html and 'aria-label="Progress: 100%"' in html
    assert "No projects on record." not in html
    assert "Reported and on record" not in html  # no source reported a count


def test_unknown_item_is_a_404(client, real_data):
    assert client.get(PLAN + "items/99/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/en/plans/nope/items/8/").status_code == HTTPStatus.NOT_FOUND


# Queries -----------------------------------------------------------------------------------

# A plan: the plan, its items with counts, its citations, the items' reported counts
# (indicators, values, citations); citations come with their sources; savepoint and release.
PLAN_QUERIES = 8
# An item: the item with counts, a page of its projects, indicators, values, their citations,
# its latest meetings, its latest documents, its citations (each with its source); with the
# savepoint and release.
ITEM_QUERIES = 10


def make_plan(n: int):
    plan = f.PlanFactory(proposed_by=PersonFactory(), proposed_at=f.MeetingFactory())
    statuses = [*Status.values, ""]
    for i in range(n):
        item = f.PlanItemFactory(plan=plan)
        f.ProjectFactory(plan_item=item, status=statuses[i % len(statuses)])
        indicator = f.IndicatorFactory(
            measures=Indicator.Measures.PROJECTS_IN_ITEM, plan_item=item, unit_en="projects"
        )
        CitationFactory(target=f.ObservationFactory(indicator=indicator))
        CitationFactory(target=plan, field_name="proposed_on" if i % 2 else "")
    return plan


def make_item(n: int):
    item = f.PlanItemFactory()
    statuses = [*Status.values, ""]
    for i in range(n):
        f.ProjectFactory(plan_item=item, status=statuses[i % len(statuses)], progress=i % 101)
        indicator = f.IndicatorFactory(
            plan_item=item, measures="projects_in_item" if i == 0 else "other"
        )
        for year in (2017, 2018):
            observation = f.ObservationFactory(indicator=indicator, date=dt.date(year, 1, 1))
            CitationFactory(target=observation)
        meeting = f.MeetingFactory()
        meeting.plan_items.add(item)
        document = f.DocumentFactory()
        document.plan_items.add(item)
        CitationFactory(target=item, field_name="title" if i % 2 else "")
    return item


@pytest.mark.parametrize("n", [1, 50])
def test_plan_pages_run_a_fixed_number_of_queries(client, db, n):
    """Whatever the number of items, projects, figures and citations: no query per row."""
    plan = make_plan(n)
    assert count_queries(client, plan.get_absolute_url()) == PLAN_QUERIES


@pytest.mark.parametrize("n", [1, MANY_ROWS])
def test_plan_list_runs_a_fixed_number_of_queries(client, db, n):
    """The list: the rows with their proposer, meeting and number of items; with the
    savepoint and release (the count is kept until the next change: none after the warm-up).
    The same for 1 plan and for MANY_ROWS (several pages)."""
    for _ in range(n):
        plan = f.PlanFactory(proposed_by=PersonFactory(), proposed_at=f.MeetingFactory())
        f.PlanItemFactory.create_batch(2, plan=plan)
    assert count_queries(client, "/en/plans/") == 3
    assert count_queries(client, "/en/plans/?format=csv") == 3


@pytest.mark.parametrize("n", [1, 50])
def test_item_page_runs_a_fixed_number_of_queries(client, db, n):
    """Whatever the number of projects, figures, meetings, documents and citations."""
    item = make_item(n)
    assert count_queries(client, item.get_absolute_url()) == ITEM_QUERIES


def test_item_page_pages_its_projects_by_title(client, db):
    """25 projects a page, by title ignoring case, with the pager; the count is the item's."""
    item = f.PlanItemFactory()
    titles = [f"{'p' if i % 2 else 'P'}roject {i:02d}" for i in range(30)]
    for title in reversed(titles):
        f.ProjectFactory(plan_item=item, title_en=title)
    expected = sorted(titles, key=str.casefold)
    pages = []
    for page in (1, 2):
        html = client.get(item.get_absolute_url(), {"page": page}).content.decode()
        pages.append(re.findall(r'<th scope="row"><a href="/en/projects/[^"]+/">([^<]+)</a>', html))
        assert f"Page {page} of 2" in html
    assert pages == [expected[:25], expected[25:]]
    # A page past the last is the last; not a number is the first.
    html = client.get(item.get_absolute_url(), {"page": 9}).content.decode()
    assert "Page 2 of 2" in html
    assert "Page 1 of 2" in client.get(item.get_absolute_url(), {"page": "x"}).content.decode()


def test_item_page_stops_at_the_deepest_page(client, db, monkeypatch):
    """Past MAX_NUMBERED_ROWS rows (10,000; 50 here) a page is the deepest one, with no
    "Next": skipping more rows would cost more the deeper the page."""
    monkeypatch.setattr(selectors, "MAX_NUMBERED_ROWS", 50)
    item = f.PlanItemFactory()
    f.ProjectFactory.create_batch(80, plan_item=item)
    for page in (2, 3, 4, 99):
        html = client.get(item.get_absolute_url(), {"page": page}).content.decode()
        assert "Page 2 of 4" in html
        assert 'rel="next"' not in html and 'rel="prev"' in html
    assert 'rel="next"' in client.get(item.get_absolute_url()).content.decode()


def test_item_page_shows_its_latest_meetings_and_documents_and_links_to_all(client, db):
    item = f.PlanItemFactory()
    for day in range(1, 23):
        meeting = f.MeetingFactory(title_en=f"Meeting {day:02d}", start=dt.date(2018, 1, day))
        meeting.plan_items.add(item)
        document = f.DocumentFactory(title_en=f"Memo {day:02d}", signed_on=dt.date(2018, 1, day))
        document.plan_items.add(item)
    html = client.get(item.get_absolute_url()).content.decode()
    meetings = re.search(r'<section aria-labelledby="meetings-heading">(.*?)</section>', html, re.S)
    shown = re.findall(r"Meeting (\d\d)", meetings.group(1))
    assert shown == [f"{day:02d}" for day in range(22, 2, -1)]  # the 20 most recent
    assert f'href="/en/meetings/?plan_item={item.pk}"' in meetings.group(1)
    documents = re.search(
        r"<section aria-labelledby=\"documents-heading\">(.*?)</section>", html, re.S
    )
    assert re.findall(r"Memo (\d\d)", documents.group(1)) == [
        f"{day:02d}" for day in range(22, 2, -1)
    ]
    assert "Only the most recent documents are shown here." in documents.group(1)
