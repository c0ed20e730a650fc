"""The sources pages: the list with the number of facts each source supports, and each
source's page listing every fact it supports, grouped by record, with the quoted words."""

from __future__ import annotations

import csv
import io
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from coopr.models import Citation, Source
from tests.coopr.factories import CitationFactory, SourceFactory
from tests.pages import count_queries
from tests.people.factories import PersonFactory, PositionFactory
from tests.projects.factories import (
    MeetingParticipantFactory,
    ObservationFactory,
    PlanItemFactory,
)

pytestmark = pytest.mark.django_db

TASS = "tass-2018-03-24"


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def page(client, address: str, status: HTTPStatus = HTTPStatus.OK) -> str:
    response = client.get(address)
    assert response.status_code == status, address
    html = response.content.decode()
    return html[html.index('<main id="main">') : html.index("</main>")]


def listed_sources(html: str, language: str = "en") -> list[str]:
    return re.findall(rf'<a href="/{language}/sources/([\w-]+)/" lang=', html)


# Sources list ------------------------------------------------------------------------------


def test_sources_list_shows_each_source_with_the_facts_it_supports(client, real_data):
    html = page(client, url("source-list"))
    assert set(listed_sources(html)) == set(Source.objects.values_list("slug", flat=True))
    row = html[html.index(f'href="/en/sources/{TASS}/"') :]
    row = row[: row.index("</tr>")]
    assert "First Russia-Japan symposium on staff training has been held in Osaka" in row
    assert "March 24, 2018" in row
    supported = Citation.objects.filter(source__slug=TASS).count()
    assert supported == 75
    assert f'<td class="num">{supported}</td>' in row
    # Newest first; a source whose date is not known comes last, and says so.
    slugs = listed_sources(html)
    assert slugs[0] == "urdupoint-2019-12-18-oreshkin-motegi"
    assert slugs.index("kremlin-2018-05-26") < slugs.index(TASS)
    assert slugs[-3:] == [  # then by title
        "tufs-2018-general-assembly",
        "russkiy-mir-239350",
        "mofa-2018-02-22-high-level-working-group",
    ]
    assert "not known" in html
    # A year-precise date shows only the year.
    row = html[html.index('href="/en/sources/tomodachi-2016-eight-bullet-point/"') :]
    assert "<td>2016</td>" in row[: row.index("</tr>")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=TASS", [TASS]),
        ("q=tass", [TASS]),
        ("q=Osaka symposium", [TASS]),
        (
            "q=Government of Japan&sort=title",
            [
                "tomodachi-2017-encouraging-exchange",
                "tomodachi-2016-eight-bullet-point",
                "tomodachi-2018-eight-point-plan",
            ],
        ),
        ("kind=institution", ["tufs-2018-general-assembly"]),
        ("kind=news&language=en&q=Japan Times", ["japan-times-2016-11-19"]),
    ],
)
def test_sources_search_filters_and_sort(client, real_data, query, expected):
    assert listed_sources(page(client, url("source-list") + "?" + query)) == expected


def test_sources_sorted_by_facts_supported(client, real_data):
    slugs = listed_sources(page(client, url("source-list") + "?sort=cited"))
    counts = [Citation.objects.filter(source__slug=slug).count() for slug in slugs]
    assert slugs[0] == TASS
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize("query", ["kind=rumour", "language=xx"])
def test_sources_bad_filter_is_a_400(client, real_data, query):
    html = page(client, url("source-list") + "?" + query, HTTPStatus.BAD_REQUEST)
    assert "Select a valid choice" in html
    assert listed_sources(html) == []


def test_sources_bad_page_is_a_404(client, real_data):
    page(client, url("source-list") + "?page=2", HTTPStatus.NOT_FOUND)


def test_sources_csv_matches_the_list(client, real_data):
    response = client.get(url("source-list") + "?sort=cited&format=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    html = page(client, url("source-list") + "?sort=cited")
    assert [row["Slug"] for row in rows] == listed_sources(html)
    tass = rows[0]
    assert tass == {
        "Slug": TASS,
        "Publisher": "TASS",
        "Title": "First Russia-Japan symposium on staff training has been held in Osaka",
        "Published": "March 24, 2018",
        "Published on (first day of the period)": "2018-03-24",
        "Precision": "day",
        "Language": "en",
        "Kind": "news article",
        "Facts supported": "75",
        "Original URL": "https://tass.com/economy/995914",
        "URL": f"http://testserver/en/sources/{TASS}/",
    }
    tomodachi = next(row for row in rows if row["Slug"] == "tomodachi-2018-eight-point-plan")
    assert (tomodachi["Published"], tomodachi["Precision"]) == ("2018", "year")


# A source's page ---------------------------------------------------------------------------


def test_tass_page_bibliographic_data(client, real_data):
    html = page(client, url("source-detail", slug=TASS))
    assert (
        '<h1 lang="en">First Russia-Japan symposium on staff training has been held in Osaka</h1>'
    ) in html
    assert "<dd>TASS</dd>" in html
    assert "<dd>March 24, 2018</dd>" in html
    assert (
        '<a href="https://tass.com/economy/995914" rel="external noopener">'
        "https://tass.com/economy/995914</a>"
    ) in html
    assert "Datelined &quot;OSAKA /Japan/, March 24&quot; without a year." in html


def section(html: str, anchor: str) -> str:
    """One record type's part of "What this source supports"."""
    start = html.index(f'<h3 id="supports-{anchor}">')
    end = html.find("<h3 ", start + 1)
    return html[start : end if end > 0 else len(html)]


def test_tass_page_lists_every_fact_it_supports_with_its_words(client, real_data):
    html = page(client, url("source-detail", slug=TASS))
    citations = Citation.objects.filter(source__slug=TASS)
    assert f"{citations.count()} facts in the record cite this source." in html
    # One entry per citation, each with its quoted words.
    supports = html[html.index('id="supports"') :]
    assert supports.count('<li><span class="field">') + supports.count("<li><q ") == len(citations)
    for citation in citations:
        assert escape(citation.quote) in supports, citation.quote

    people = section(html, "person")
    assert "People (6)" in people
    assert '<a href="/en/people/olga-golodets/">Olga Golodets</a>' in people
    assert '<q lang="en">Deputy Prime Minister Olga Golodets</q>' in people

    meetings = section(html, "meeting")
    symposium = meetings[meetings.index('href="/en/meetings/osaka-symposium-2018-03-24/"') :]
    symposium = symposium[: symposium.index("</ul>")]
    assert "First Russia–Japan symposium on staff training</a>" in symposium
    assert '<span class="field">Outcomes:</span>' in symposium
    assert "Currently we are implementing 13 relevant projects</q>" in symposium
    assert '<span class="field">Description:</span>' in symposium

    # Records without a page of their own link to the page that shows them.
    participants = section(html, "meetingparticipant")
    assert (
        '<a href="/en/meetings/osaka-symposium-2018-03-24/">'
        "Olga Golodets at First Russia–Japan symposium on staff training</a>"
    ) in participants
    positions = section(html, "position")
    assert (
        '<a href="/en/people/hiroshige-seko/">Hiroshige Seko: Minister of Economy, Trade and '
        "Industry, Ministry of Economy, Trade and Industry (as of March 24, 2018)</a>"
    ) in positions
    observations = section(html, "observation")
    assert (
        '<a href="/en/indicators/projects-under-item-8-reported/">'
        "Student-exchange projects under item 8: 13 (March 24, 2018)</a>"
    ) in observations
    assert "Agreements between educational institutions of Russia and Japan: about 250" in (
        observations
    )
    items = section(html, "planitem")
    assert (
        '<a href="/en/plans/eight-point-cooperation-plan/items/8/">'
        "8. Fundamental expansion of people-to-people interaction</a>"
    ) in items
    # Notes and locators go with their quotes.
    assert "TASS misspells &quot;Minister&quot; as &quot;Minster&quot;." in positions


def test_source_page_shows_locators_and_notes(client, db):
    source = SourceFactory(published_on=None)
    person = PersonFactory(name_en="Anna Sidorova")
    CitationFactory(
        source=source, target=person, field_name="name", quote="Anna Sidorova", locator="para. 3"
    )
    with translation.override("en"):
        address = source.get_absolute_url()
    html = page(client, address)
    assert '<span class="field">Name:</span> <q lang="en">Anna Sidorova</q>' in html
    assert '<span class="locator">(para. 3)</span>' in html
    assert "<dd>not known</dd>" in html
    assert "1 fact in the record cites this source." in html


def test_source_page_in_russian(client, real_data):
    html = page(client, url("source-detail", "ru", slug=TASS))
    assert '<a href="/ru/people/olga-golodets/">Ольга Голодец</a>' in html
    # The source's words stay in the source's language.
    assert '<q lang="en">Deputy Prime Minister Olga Golodets</q>' in html


def test_unknown_source_is_a_404(client, db):
    page(client, url("source-detail", slug="no-such-source"), HTTPStatus.NOT_FOUND)


# Fixed numbers of queries ------------------------------------------------------------------
# The list reads its rows with their citation counts in one query (an annotation). A source's
# page reads its citations in one query, then the records they support in one query per record
# type (with what each record's name and link need), however many citations and records there
# are: so the count depends only on how many types of record the source supports, and there
# are only so many types.

SOURCE_LIST_QUERIES = 4  # savepoint, language choices, page (with counts), release; count kept


@pytest.mark.parametrize("n", [1, 200])
def test_source_list_queries(client, db, n):
    for source in SourceFactory.create_batch(n):
        CitationFactory.create_batch(2, source=source)
    html = page(client, url("source-list"))
    assert html.count('<td class="num">2</td>') == min(n, 25)
    assert count_queries(client, url("source-list")) == SOURCE_LIST_QUERIES
    assert count_queries(client, url("source-list") + "?kind=news&sort=cited") == (
        SOURCE_LIST_QUERIES
    )


SOURCE_PAGE_BASE_QUERIES = 4  # savepoint, source (with its count), citations, release


@pytest.mark.parametrize("n", [1, 50])
def test_source_page_queries_with_one_record_type(client, db, n):
    source = SourceFactory()
    for person in PersonFactory.create_batch(n):
        CitationFactory(source=source, target=person)
    with translation.override("en"):
        address = source.get_absolute_url()
    html = page(client, address)
    assert html.count('href="/en/people/') == n
    assert count_queries(client, address) == SOURCE_PAGE_BASE_QUERIES + 1


# Five record types: people, positions (with person and organization), participants (with
# meeting and person), observations (with indicator), plan items (with plan).
FACTORIES = [
    PersonFactory,
    PositionFactory,
    MeetingParticipantFactory,
    ObservationFactory,
    PlanItemFactory,
]


@pytest.mark.parametrize("per_type", [1, 10])
def test_source_page_queries_with_fifty_citations_of_five_types(client, db, per_type):
    source = SourceFactory()
    for factory in FACTORIES:
        for record in factory.create_batch(per_type):
            CitationFactory(source=source, target=record)
    assert source.citations.count() == 5 * per_type
    with translation.override("en"):
        address = source.get_absolute_url()
    html = page(client, address)
    assert html.count('<q lang="en">The words of the source, number') == 5 * per_type
    assert html.count('href="/en/meetings/') == per_type  # participants link to their meeting
    assert html.count('href="/en/plans/') == per_type  # plan items to their page
    assert count_queries(client, address) == SOURCE_PAGE_BASE_QUERIES + len(FACTORIES)
