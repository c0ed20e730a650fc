"""The home page: the plan at a glance, with the real data set; and its fixed query count."""

from __future__ import annotations

import datetime as dt
import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from projects.models import Indicator, PlanItem, Status, Theme
from projects.selectors import HOME_FIGURES, HOME_PLANS, HOME_REPORTED_PER_ITEM
from projects.templatetags.status_charts import STATUS_COLOURS
from tests.coopr.factories import CitationFactory
from tests.examples import MANY_ROWS
from tests.projects import factories as f

pytestmark = pytest.mark.django_db

# The eight items and the number of projects the real data set holds under each.
ITEMS = [
    (1, "Extending healthy life expectancies", 0),
    (2, "Developing comfortable and clean cities easy to reside and live in", 0),
    (
        3,
        "Fundamental expansion of medium-sized and small companies&#x27; exchange and cooperation",
        0,
    ),
    (4, "Energy", 0),
    (5, "Promoting industrial diversification and enhancing productivity in Russia", 1),
    (6, "Developing industries and export bases in the Far East", 0),
    (7, "Cooperation on cutting-edge technologies", 0),
    (8, "Fundamental expansion of people-to-people interaction", 6),
]


def item_row(html: str, number: int) -> str:
    """The home page's table row of item `number`."""
    match = re.search(
        rf'<tr>\s*<th scope="row"><a href="/en/plans/eight-point-cooperation-plan/items/'
        rf'{number}/">.*?</tr>',
        html,
        re.S,
    )
    assert match, number
    return match.group(0)


def section(html: str, heading_id: str) -> str:
    match = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    assert match, heading_id
    return match.group(1)


def test_home_shows_every_item_with_its_count_on_record(client, real_data):
    response = client.get("/en/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "<h1>Cooperation plans at a glance</h1>" in html
    for number, title, count in ITEMS:
        row = item_row(html, number)
        assert f"{number}. {title}</a></th>" in row
        assert f'<td class="num" data-label="Projects on record">{count}</td>' in row


def test_home_shows_the_status_breakdown_with_a_text_alternative(client, real_data):
    html = client.get("/en/").content.decode()
    row = item_row(html, 8)
    # No source gives these projects a status: the bar says so in its name and its legend.
    assert 'role="img"' in row
    assert 'aria-label="6 projects by status — not reported: 6"' in row
    assert f'fill="{STATUS_COLOURS[""]}"' in row
    assert "</svg>not reported: 6</li>" in row
    assert "No projects on record" in item_row(html, 1)


def test_home_shows_item_8s_reported_count_beside_the_count_on_record(client, real_data):
    html = client.get("/en/").content.decode()
    row = item_row(html, 8)
    assert "<strong>13</strong> reported" in row
    assert '(<a href="/en/sources/tass-2018-03-24/">TASS</a>, March 24, 2018)' in row
    # The 13 are student-exchange projects: beside them, the student-exchange projects on
    # record, not all six of item 8.
    assert "<strong>1</strong> on record as student exchange" in row
    assert '<td class="num" data-label="Projects on record">6</td>' in row
    assert row.index("13</strong> reported") < row.index("1</strong> on record")
    # The items no source counts say so.
    assert "no count reported" in item_row(html, 5)
    # The reported-and-recorded section quotes the source.
    reported = section(html, "reported-heading")
    assert "<q>Currently we are implementing 13 relevant projects</q>" in reported
    assert 'aria-label="Projects: 13 reported, 1 on record"' in reported
    assert "/en/indicators/projects-under-item-8-reported/" in reported


def test_home_recorded_count_follows_the_records(client, real_data):
    item8 = PlanItem.objects.get(plan__slug="eight-point-cooperation-plan", number=8)
    exchange = f.ProjectFactory(plan_item=item8, status=Status.IN_PROGRESS)
    exchange.themes.add(Theme.objects.get(slug="student-exchange"))
    html = client.get("/en/").content.decode()
    row = item_row(html, 8)
    assert "<strong>2</strong> on record as student exchange" in row
    assert '<td class="num" data-label="Projects on record">7</td>' in row
    assert "7 projects by status — in progress: 1; not reported: 6" in row


def test_home_lists_the_latest_meetings_newest_first(client, real_data):
    latest = section(client.get("/en/").content.decode(), "latest-meetings")
    order = [
        "Opening of Cross Years of Russia and Japan",
        "First General Assembly of the Japan–Russia university association",
        "Shinzo Abe&#x27;s visit to Russia",
    ]
    positions = [latest.index(title) for title in order]
    assert positions == sorted(positions)
    assert "May 2018 — " in latest  # month-precise, as the source gives it
    assert "First Russia–Japan symposium on staff training" in latest
    # Five at most: the 2016 Sochi summit is older than those five.
    assert "Abe–Putin meeting in Sochi" not in latest


def test_home_next_meetings_none_scheduled_then_upcoming_ones(client, real_data):
    html = client.get("/en/").content.decode()
    assert "None scheduled." in section(html, "next-meetings")
    today = timezone.localdate()
    f.MeetingFactory(title_en="Next working group", start=today + dt.timedelta(days=30), end=None)
    f.MeetingFactory(title_en="Later summit", start=today + dt.timedelta(days=60), end=None)
    f.MeetingFactory(title_en="Yesterday's talks", start=today - dt.timedelta(days=1), end=None)
    html = client.get("/en/").content.decode()
    upcoming = section(html, "next-meetings")
    assert "None scheduled." not in upcoming
    assert upcoming.index("Next working group") < upcoming.index("Later summit")
    assert "Yesterday" not in upcoming
    latest = section(html, "latest-meetings")
    assert latest.index("Yesterday&#x27;s talks") < latest.index("Opening of Cross Years")
    assert "Next working group" not in latest


def test_home_a_meeting_under_way_is_among_the_next_ones(client, db):
    """Past and upcoming as the meetings page has them: over only when its last day is past."""
    today = timezone.localdate()
    f.MeetingFactory(
        title_en="Three-day forum",
        start=today - dt.timedelta(days=1),
        end=today + dt.timedelta(days=1),
    )
    html = client.get("/en/").content.decode()
    assert "Three-day forum" in section(html, "next-meetings")
    assert "Three-day forum" not in section(html, "latest-meetings")


def test_home_a_meeting_known_by_its_month_is_next_until_the_month_ends(client, db):
    """Read from the index per precision (`not_over`): a meeting of this month with no day
    and no end is still to come; one of last month is over."""
    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    f.MeetingFactory(title_en="This month", start=this_month, start_precision="month", end=None)
    f.MeetingFactory(title_en="Last month", start=last_month, start_precision="month", end=None)
    html = client.get("/en/").content.decode()
    assert "This month" in section(html, "next-meetings")
    assert "Last month" in section(html, "latest-meetings")


def test_home_shows_the_latest_plans_only(client, db):
    """The latest HOME_PLANS plans, newest first; the others are on the plans page."""
    for year in range(2010, 2010 + HOME_PLANS + 1):
        f.PlanFactory(title_en=f"Plan of {year}", proposed_on=dt.date(year, 1, 1))
    html = client.get("/en/").content.decode()
    shown = re.findall(r"Plan of (\d{4})", html)
    assert shown == [str(year) for year in range(2010 + HOME_PLANS, 2010, -1)]


def test_home_shows_a_few_reported_counts_per_item_and_links_to_the_rest(client, db):
    """An item with more counts than HOME_REPORTED_PER_ITEM: the first by name, then a link
    to the item's page; an item with as many shows them all and no link."""
    plan = f.PlanFactory(proposed_by=None)
    many, few = f.PlanItemFactory(plan=plan), f.PlanItemFactory(plan=plan)
    for item, n in ((many, HOME_REPORTED_PER_ITEM + 2), (few, HOME_REPORTED_PER_ITEM)):
        for i in range(n):
            indicator = f.IndicatorFactory(
                name_en=f"Count {i} of {item.number}",
                measures=Indicator.Measures.PROJECTS_IN_ITEM,
                plan_item=item,
            )
            f.ObservationFactory(indicator=indicator, value=10 + i)
    html = client.get("/en/").content.decode()
    rows = {
        item: re.search(
            rf'<th scope="row"><a href="{item.get_absolute_url()}">.*?</tr>', html, re.S
        ).group(0)
        for item in (many, few)
    }
    for item in (many, few):
        assert rows[item].count("</strong> reported") == HOME_REPORTED_PER_ITEM
        assert [int(v) for v in re.findall(r"<strong>(\d+)</strong> reported", rows[item])] == [
            10 + i for i in range(HOME_REPORTED_PER_ITEM)
        ]
    assert "More counts reported on the item’s page" in rows[many]
    assert "More counts reported" not in rows[few]


def test_home_key_figures_with_latest_value_date_and_link(client, real_data):
    figures = section(client.get("/en/").content.decode(), "key-figures")
    for slug, value, date in [
        ("agreements-between-educational-institutions", "about 250 agreements", "March 24, 2018"),
        ("japanese-students-tuition-free-in-russia", "97 students", "March 24, 2018"),
        ("russian-students-in-japan", "684 students", "May 1, 2016"),
        ("japanese-students-sent-to-russia", "573 students", "2015"),
        ("private-sector-agreements-under-plan", "more than 100 agreements", "2018"),
    ]:
        row = re.search(rf'<a href="/en/indicators/{slug}/">.*?</tr>', figures, re.S).group(0)
        assert f"<td>{value}</td>" in row, slug
        assert f"<td>{date}</td>" in row, slug


def test_home_key_figure_shows_the_latest_of_several_values(client, db):
    indicator = f.IndicatorFactory(name_en="Exchange students", unit_en="students")
    f.ObservationFactory(indicator=indicator, date=dt.date(2019, 1, 1), value=300)
    f.ObservationFactory(indicator=indicator, date=dt.date(2017, 1, 1), value=200)
    figures = section(client.get("/en/").content.decode(), "key-figures")
    assert "<td>300 students</td>" in figures
    assert "200 students" not in figures


@pytest.mark.parametrize(
    ("language", "title", "item_title"),
    [
        ("ru", "План сотрудничества", "Обмены между людьми"),
        ("ja", "協力プラン", "人的交流"),
    ],
)
def test_home_in_russian_and_japanese(client, db, language, title, item_title):
    plan = f.PlanFactory(
        title_en="Cooperation plan", title_ru="План сотрудничества", title_ja="協力プラン"
    )
    f.PlanItemFactory(
        plan=plan, number=1, title_en="People", title_ru="Обмены между людьми", title_ja="人的交流"
    )
    f.PlanItemFactory(plan=plan, number=2, title_en="Energy only in English")
    html = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}">' in html
    assert title in html and item_title in html
    assert "Energy only in English" in html  # English when there is no translation
    assert f'href="/{language}/plans/{plan.slug}/items/1/"' in html


def test_home_without_data_says_so(client, db):
    html = client.get("/en/").content.decode()
    assert "No plans on record yet." in html
    assert "None scheduled." in html


def test_status_colours_have_3_to_1_contrast_against_white():
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for status, colour in STATUS_COLOURS.items():
        assert (1.05) / (luminance(colour) + 0.05) >= 3, status
    assert len(set(STATUS_COLOURS.values())) == len(STATUS_COLOURS)


# Queries -----------------------------------------------------------------------------------

# Plans, their items, indicators (reported counts of the items shown and the first key
# figures), their values, the values' citations (with their sources), past and next meetings;
# with the savepoint and release. The counts of projects per item and status are kept in the
# cache until the next change (projects.selectors.project_counts): none after the warm-up.
HOME_QUERIES = 9


def make_data(n: int) -> None:
    """A plan with n items, n projects in every status, n meetings each side of today, and n
    counts of projects reported (each with values and citations)."""
    plan = f.PlanFactory(proposed_by=None)
    today = timezone.localdate()
    statuses = [*Status.values, ""]
    for i in range(n):
        item = f.PlanItemFactory(plan=plan)
        f.ProjectFactory(plan_item=item, status=statuses[i % len(statuses)])
        f.MeetingFactory(start=today - dt.timedelta(days=i + 1), end=None)
        f.MeetingFactory(start=today + dt.timedelta(days=i), end=None)
        indicator = f.IndicatorFactory(
            measures=Indicator.Measures.PROJECTS_IN_ITEM, plan_item=item, unit_en="projects"
        )
        for year in (2017, 2018):
            observation = f.ObservationFactory(indicator=indicator, date=dt.date(year, 1, 1))
            CitationFactory(target=observation)


@pytest.mark.parametrize("n", [1, MANY_ROWS])
def test_home_runs_a_fixed_number_of_queries(client, db, n):
    """Whatever the number of items, projects, meetings and figures: no query per row."""
    make_data(n)
    client.get("/en/")  # warm-up: content types are cached once per process
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/")
    assert response.status_code == HTTPStatus.OK
    # Each item's count in its row; the "Reported and on record" section shows the first ten.
    assert response.content.decode().count("</strong> reported") == n + min(n, HOME_FIGURES)
    assert len(queries) == HOME_QUERIES
