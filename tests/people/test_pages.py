"""The people and organizations pages: what they show from the real data set, their filters,
search, sort, pagination and CSV, and a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from coopr.dates import Precision
from people.models import Organization, Person
from tests.coopr.factories import CitationFactory
from tests.pages import count_queries
from tests.people.factories import OrganizationFactory, PersonFactory, PositionFactory
from tests.projects.factories import (
    BodyChairFactory,
    DocumentFactory,
    MeetingFactory,
    MeetingParticipantFactory,
    ProjectOrganizationFactory,
    ProjectPersonFactory,
)

pytestmark = pytest.mark.django_db

# The real data set's people, in the order of their sort names (family name first).
PEOPLE_BY_SORT_NAME = [
    "shinzo-abe",
    "olga-golodets",
    "masayoshi-matsumoto",
    "toshimitsu-motegi",
    "maxim-oreshkin",
    "vladimir-putin",
    "alexei-repik",
    "hiroshige-seko",
]


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def en(record) -> str:
    """The record's page in English (the active language is whatever the last request left)."""
    with translation.override("en"):
        return record.get_absolute_url()


def page(client, address: str, status: HTTPStatus = HTTPStatus.OK) -> str:
    response = client.get(address)
    assert response.status_code == status, address
    return response.content.decode()


def main(html: str) -> str:
    """The page's <main>: what the page itself shows, without the navigation."""
    return html[html.index('<main id="main">') : html.index("</main>")]


def listed_people(html: str, language: str = "en") -> list[str]:
    """The slugs of the people listed, in order (the links in the name column)."""
    return re.findall(rf'<tr>\s*<td><a href="/{language}/people/([\w-]+)/">', html)


def listed_organizations(html: str, language: str = "en") -> list[str]:
    return re.findall(rf'<tr>\s*<td><a href="/{language}/organizations/([\w-]+)/">', html)


def csv_rows(client, address: str) -> list[dict[str, str]]:
    response = client.get(address)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


# People list -------------------------------------------------------------------------------


def test_people_list_shows_everyone_by_family_name_with_native_names_and_latest_post(
    client, real_data
):
    html = main(page(client, url("person-list")))
    assert listed_people(html) == PEOPLE_BY_SORT_NAME
    # Native-script names beside the English ones, marked with their language.
    assert '<span class="other-script" lang="ru">Ольга Голодец</span>' in html
    assert '<span class="other-script" lang="ja">世耕弘成</span>' in html
    golodets = html[html.index("/en/people/olga-golodets/") : html.index("/en/people/masayoshi")]
    assert "Russia" in golodets
    assert "Deputy Prime Minister" in golodets
    assert "Government of the Russian Federation" in golodets
    assert "as of March 24, 2018" in golodets
    # Repik held two posts as of the same day: both are his latest.
    repik = html[html.index("/en/people/alexei-repik/") : html.index("/en/people/hiroshige-seko")]
    assert "President" in repik and "Delovaya Rossiya (Business Russia)" in repik
    assert "Chairman" in repik and "Russian-Japanese business council" in repik
    # Seko's latest post on record is the 2019 one.
    seko = html[html.index("/en/people/hiroshige-seko/") :]
    assert "Minister for Economic Cooperation with Russia" in seko
    assert "as of Jan. 23, 2019" in seko


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Golodets", ["olga-golodets"]),
        ("голодец", ["olga-golodets"]),  # Cyrillic, in another case than the record
        ("Голодец", ["olga-golodets"]),
        ("世耕", ["hiroshige-seko"]),
        ("Maksim", ["maxim-oreshkin"]),  # another spelling, in other_names
        ("Seko, Hiroshige", ["hiroshige-seko"]),  # the sort name
        ("Prime Minister Nobody", []),
    ],
)
def test_people_search_in_every_script(client, real_data, query, expected):
    html = page(client, url("person-list") + "?" + f"q={query}")
    assert listed_people(html) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "country=JP",
            ["shinzo-abe", "masayoshi-matsumoto", "toshimitsu-motegi", "hiroshige-seko"],
        ),
        ("country=RU", ["olga-golodets", "maxim-oreshkin", "vladimir-putin", "alexei-repik"]),
        ("organization=meti", ["hiroshige-seko"]),
        ("organization=government-of-russia", ["olga-golodets"]),
        ("organization=delovaya-rossiya&country=RU", ["alexei-repik"]),
        ("organization=delovaya-rossiya&country=JP", []),
    ],
)
def test_people_filters(client, real_data, query, expected):
    assert listed_people(page(client, url("person-list") + "?" + query)) == expected


def test_people_filter_offers_only_organizations_with_posts(client, real_data):
    html = page(client, url("person-list"))
    assert '<option value="meti">Ministry of Economy, Trade and Industry</option>' in html
    assert '<option value="hitachi">' not in html  # no one held a post there


@pytest.mark.parametrize("query", ["country=XX", "organization=no-such-organization"])
def test_people_bad_filter_is_a_400_that_says_what_is_wrong(client, real_data, query):
    html = page(client, url("person-list") + "?" + query, HTTPStatus.BAD_REQUEST)
    assert "Select a valid choice" in html
    assert 'role="alert"' in html
    assert listed_people(html) == []


def test_people_sort_reversed(client, real_data):
    html = page(client, url("person-list") + "?sort=-name")
    assert listed_people(html) == list(reversed(PEOPLE_BY_SORT_NAME))


def test_people_list_in_russian_shows_russian_names_and_english_where_none(client, real_data):
    html = page(client, url("person-list", "ru"))
    assert '<html lang="ru">' in html
    assert '<a href="/ru/people/olga-golodets/">Ольга Голодец</a>' in html
    assert '<span class="other-script" lang="en">Olga Golodets</span>' in html
    # No Russian name on record: the English one, not nothing.
    assert '<a href="/ru/people/masayoshi-matsumoto/">Masayoshi Matsumoto</a>' in html


def test_people_pages_of_fifty(client, db):
    PersonFactory.create_batch(50)
    expected = list(Person.objects.order_by("sort_name", "pk"))
    first = page(client, url("person-list"))
    second = page(client, url("person-list") + "?page=2")
    assert listed_people(first) == [p.slug for p in expected[:25]]
    assert listed_people(second) == [p.slug for p in expected[25:]]
    assert "Page 1 of 2" in first and 'rel="next" href="?page=2"' in first
    assert "50 results" in first
    page(client, url("person-list") + "?page=3", HTTPStatus.NOT_FOUND)
    page(client, url("person-list") + "?page=abc", HTTPStatus.NOT_FOUND)


def test_people_csv_matches_the_list(client, real_data):
    rows = csv_rows(client, url("person-list") + "?format=csv")
    assert [row["Slug"] for row in rows] == PEOPLE_BY_SORT_NAME
    golodets = rows[1]
    assert golodets == {
        "Slug": "olga-golodets",
        "Name": "Olga Golodets",
        "Name in English": "Olga Golodets",
        "Name in Russian": "Ольга Голодец",
        "Name in Japanese": "",
        "Country code": "RU",
        "Country": "Russia",
        "Current or latest post": (
            "Deputy Prime Minister, Government of the Russian Federation (as of March 24, 2018)"
        ),
        "URL": "http://testserver/en/people/olga-golodets/",
    }
    assert rows[-1]["Name in Japanese"] == "世耕弘成"


def test_people_csv_follows_filters_search_and_sort(client, real_data):
    rows = csv_rows(client, url("person-list") + "?country=JP&sort=-name&format=csv")
    assert [row["Slug"] for row in rows] == [
        "hiroshige-seko",
        "toshimitsu-motegi",
        "masayoshi-matsumoto",
        "shinzo-abe",
    ]
    html = page(client, url("person-list") + "?country=JP&sort=-name")
    assert listed_people(html) == [row["Slug"] for row in rows]
    rows = csv_rows(client, url("person-list") + "?q=Голодец&format=csv")
    assert [row["Slug"] for row in rows] == ["olga-golodets"]


# Person page -------------------------------------------------------------------------------


def test_golodets_page(client, real_data):
    html = page(client, url("person-detail", slug="olga-golodets"))
    assert '<html lang="en">' in html
    body = main(html)
    assert "<h1>Olga Golodets</h1>" in body
    assert '<dd lang="ru">Ольга Голодец</dd>' in body
    assert "<dd>Russia</dd>" in body
    positions = body[body.index('id="positions"') : body.index('id="meetings"')]
    assert "Deputy Prime Minister" in positions
    assert '<a href="/en/organizations/government-of-russia/">' in positions
    assert "as of March 24, 2018" in positions
    assert "<q>Deputy Prime Minister Olga Golodets</q>" in positions
    assert '<a href="/en/sources/tass-2018-03-24/">' in positions
    meetings = body[body.index('id="meetings"') :]
    trilateral = meetings.index('href="/en/meetings/osaka-trilateral-2018-03-24/"')
    symposium = meetings.index('href="/en/meetings/osaka-symposium-2018-03-24/"')
    assert trilateral < symposium  # the trilateral meeting was held "prior to the symposium"
    assert "First Russia–Japan symposium on staff training" in meetings
    assert "Post at the time: Deputy Prime Minister" in meetings
    assert "participated from the Russian side" in meetings  # the quote for her attendance


def test_seko_positions_over_time_and_meetings_in_date_order(client, real_data):
    body = main(page(client, url("person-detail", slug="hiroshige-seko")))
    positions = body[body.index('id="positions"') : body.index('id="meetings"')]
    meti = positions.index("Minister of Economy, Trade and Industry, <a")
    russia = positions.index("Minister for Economic Cooperation with Russia")
    assert meti < russia
    assert positions.index("as of March 24, 2018") < russia < positions.index("as of Jan. 23, 2019")
    meetings = body[body.index('id="meetings"') :]
    dates = re.findall(r'<span class="date">([^<]+)</span>', meetings)
    assert dates == ["September 2017", "March 24, 2018", "March 24, 2018"]
    assert "Oreshkin–Seko meeting in Vladivostok" in meetings
    assert 'href="/en/meetings/osaka-symposium-2018-03-24/"' in meetings
    assert "<q>while Japan was presented by Minister of Economy, Trade and Industry" in meetings


def test_person_page_in_russian_and_japanese(client, real_data):
    html = page(client, url("person-detail", "ru", slug="olga-golodets"))
    assert '<html lang="ru">' in html
    assert "<h1>Ольга Голодец</h1>" in html
    assert '<dd lang="en">Olga Golodets</dd>' in html
    assert "Deputy Prime Minister" in html  # no Russian title on record: English
    assert "24 марта 2018" in html
    html = page(client, url("person-detail", "ja", slug="hiroshige-seko"))
    assert '<html lang="ja">' in html
    assert "<h1>世耕弘成</h1>" in html
    assert '<dd lang="ru">Хиросигэ Сэко</dd>' in html
    assert "2018年3月24日" in html
    # No Japanese name for Golodets: the English one heads the page, the Russian one is shown.
    html = page(client, url("person-detail", "ja", slug="olga-golodets"))
    assert "<h1>Olga Golodets</h1>" in html and '<dd lang="ru">Ольга Голодец</dd>' in html


def test_person_page_shows_documents_projects_and_dated_posts(client, db):
    person = PersonFactory(name_en="Ivan Petrov", name_ru="Иван Петров", sort_name="Petrov, Ivan")
    ministry = OrganizationFactory(name_en="Ministry of Tests")
    PositionFactory(
        person=person,
        organization=ministry,
        title_en="Deputy Minister",
        start=dt.date(2017, 3, 1),
        start_precision=Precision.MONTH,
        end=dt.date(2019, 1, 1),
        end_precision=Precision.YEAR,
    )
    PositionFactory(
        person=person, organization=None, title_en="Adviser", start=None, as_of=dt.date(2020, 6, 2)
    )
    document = DocumentFactory(title_en="Memorandum on tests")
    document.signatories.add(person)
    ProjectPersonFactory(person=person, project__title_en="Test exchange", role_en="coordinator")
    body = main(page(client, en(person)))
    positions = body[body.index('id="positions"') :]
    assert "Deputy Minister" in positions and "from March 2017 to 2019" in positions
    assert positions.index("from March 2017 to 2019") < positions.index("Adviser")
    assert "as of June 2, 2020" in positions
    assert f'<a href="{en(document)}">Memorandum on tests</a>' in body
    assert "Dec. 16, 2016" in body
    assert "Test exchange</a> — coordinator" in body


def test_unknown_person_is_a_404(client, db):
    page(client, url("person-detail", slug="no-such-person"), HTTPStatus.NOT_FOUND)


# Organizations -----------------------------------------------------------------------------


def test_organizations_list(client, real_data):
    html = main(page(client, url("organization-list")))
    slugs = listed_organizations(html)
    assert set(slugs) == set(Organization.objects.values_list("slug", flat=True))
    assert slugs.index("delovaya-rossiya") < slugs.index("meti") < slugs.index("toyota-motor")
    meti = html[html.index('<a href="/en/organizations/meti/">') :]
    meti = meti[: meti.index("</tr>")]
    assert "<td>METI</td>" in meti
    assert "<td>ministry</td>" in meti
    assert "<td>Japan</td>" in meti
    assert '<a href="/en/organizations/government-of-japan/">Government of Japan</a>' in meti
    assert '<span class="other-script" lang="ru">Деловая Россия</span>' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=company", ["hitachi", "mitsubishi-electric", "toyota-motor"]),
        ("kind=ministry&country=RU", ["ministry-of-economic-development-russia"]),
        ("country=none", ["russian-japanese-business-council"]),
        ("q=Деловая", ["delovaya-rossiya"]),
        ("q=All-Russia", ["delovaya-rossiya"]),  # other names
        ("q=METI", ["meti"]),  # short name
    ],
)
def test_organizations_filters_and_search(client, real_data, query, expected):
    assert listed_organizations(page(client, url("organization-list") + "?" + query)) == expected


def test_organizations_bad_filter_is_a_400(client, real_data):
    html = page(client, url("organization-list") + "?kind=castle", HTTPStatus.BAD_REQUEST)
    assert "Select a valid choice. castle is not one of the available choices." in html
    assert listed_organizations(html) == []


def test_organizations_sorted_by_the_name_shown_in_russian(client, real_data):
    html = page(client, url("organization-list", "ru"))
    slugs = listed_organizations(html, "ru")
    # "Деловая Россия" (Cyrillic) sorts after the Latin names shown in English.
    assert slugs[-1] == "delovaya-rossiya"


def test_organizations_csv(client, real_data):
    rows = csv_rows(client, url("organization-list") + "?kind=ministry&format=csv")
    assert [row["Slug"] for row in rows] == ["ministry-of-economic-development-russia", "meti"]
    assert rows[1]["Short name"] == "METI"
    assert rows[1]["Parent organization"] == "Government of Japan"
    assert rows[1]["Country code"] == "JP"
    assert rows[1]["URL"] == "http://testserver/en/organizations/meti/"
    html = page(client, url("organization-list") + "?kind=ministry")
    assert listed_organizations(html) == [row["Slug"] for row in rows]


def test_organization_page_meti(client, real_data):
    body = main(page(client, url("organization-detail", slug="meti")))
    assert "<h1>Ministry of Economy, Trade and Industry (METI)</h1>" in body
    assert '<a href="/en/organizations/government-of-japan/">Government of Japan</a>' in body
    people = body[body.index('id="people"') : body.index('id="meetings"')]
    assert '<a href="/en/people/hiroshige-seko/">Hiroshige Seko</a>' in people
    assert "Minister of Economy, Trade and Industry" in people
    assert "as of March 24, 2018" in people
    meetings = body[body.index('id="meetings"') :]
    # Seko attended in his METI post: the ministry took part.
    assert 'href="/en/meetings/osaka-symposium-2018-03-24/"' in meetings
    assert 'href="/en/meetings/vladivostok-oreshkin-seko-2017-09/"' in meetings
    assert "Attended by: <a" in meetings
    assert "<q>METI Minister Seko Visits the Russian Federation</q>" in body


def test_organization_page_children_projects_meetings_and_website(client, real_data):
    body = main(page(client, url("organization-detail", slug="government-of-japan")))
    assert '<dd><a href="/en/organizations/meti/">Ministry of Economy' in body
    jnto = url("organization-detail", slug="japan-national-tourism-organization")
    body = main(page(client, jnto))
    assert '<a href="/en/projects/jnto-moscow-office/">JNTO office in Moscow</a> — lead' in body
    body = main(page(client, url("organization-detail", slug="toyota-motor")))
    assert 'href="/en/meetings/business-mission-labour-efficiency-2018-02/"' in body
    organization = OrganizationFactory(website="https://www.example.org/")
    document = DocumentFactory()
    document.parties.add(organization)
    body = main(page(client, en(organization)))
    assert '<a href="https://www.example.org/" rel="external noopener">' in body
    assert f'<a href="{en(document)}">{document.title}</a>' in body


def test_organization_page_in_russian(client, real_data):
    html = page(client, url("organization-detail", "ru", slug="delovaya-rossiya"))
    assert '<html lang="ru">' in html
    assert "<h1>Деловая Россия</h1>" in html
    assert '<dd lang="en">Delovaya Rossiya (Business Russia)</dd>' in html
    assert "<dd>All-Russia Business Association</dd>" in html
    assert '<a href="/ru/people/alexei-repik/">Алексей Репик</a>' in html


# Fixed numbers of queries ------------------------------------------------------------------
# Each page reads what it shows in a fixed set of queries (one per relation it lists, plus the
# filter choices and, because requests are atomic, a savepoint and its release); with 200 rows
# instead of 1 the count stays the same, so no query runs per row.


# savepoint, countries, organizations, page, posts, release; the count is kept until the next
# change (coopr.kept.KeptCountPaginator): none after the warm-up.
PEOPLE_LIST_QUERIES = 6
PEOPLE_CSV_QUERIES = 6  # savepoint, countries, organizations, rows, posts, release


@pytest.mark.parametrize("n", [1, 200])
def test_people_list_queries(client, db, n):
    PositionFactory.create_batch(n)  # each with a person and an organization of its own
    assert count_queries(client, url("person-list")) == PEOPLE_LIST_QUERIES
    assert count_queries(client, url("person-list") + "?country=RU") == PEOPLE_LIST_QUERIES
    assert count_queries(client, url("person-list") + "?format=csv") == PEOPLE_CSV_QUERIES


# savepoint, person, posts, their citations, participations, their citations, documents,
# projects, joint bodies chaired, the person's citations, release
PERSON_PAGE_QUERIES = 11


@pytest.mark.parametrize("n", [1, 50])
def test_person_page_queries(client, db, n):
    person = PersonFactory()
    CitationFactory(target=person)
    for i in range(n):
        position = PositionFactory(person=person, start=dt.date(2000 + i % 20, 1 + i % 12, 1))
        CitationFactory(target=position)
        meeting = MeetingFactory()
        participation = MeetingParticipantFactory(meeting=meeting, person=person, position=position)
        CitationFactory(target=participation)
        DocumentFactory().signatories.add(person)
        ProjectPersonFactory(person=person)
        BodyChairFactory(person=person)
    html = page(client, en(person))
    assert html.count("— co-chair (Japan), as of") == n
    assert html.count('class="post"') == n
    assert html.count("Post at the time:") == n
    assert count_queries(client, en(person)) == PERSON_PAGE_QUERIES


ORGANIZATION_LIST_QUERIES = 4  # savepoint, countries, page (with parents), release; count kept


@pytest.mark.parametrize("n", [1, 200])
def test_organization_list_queries(client, db, n):
    parent = OrganizationFactory()
    OrganizationFactory.create_batch(n, parent=parent)
    assert count_queries(client, url("organization-list")) == ORGANIZATION_LIST_QUERIES
    assert count_queries(client, url("organization-list") + "?kind=ministry") == (
        ORGANIZATION_LIST_QUERIES
    )


# savepoint, organization (with parent), children, posts (with people), the meetings attended
# in them, their citations, participations representing it, meetings involved, projects,
# documents, its citations, release
ORGANIZATION_PAGE_QUERIES = 12


@pytest.mark.parametrize("n", [1, 50])
def test_organization_page_queries(client, db, n):
    organization = OrganizationFactory()
    CitationFactory(target=organization)
    for _ in range(n):
        OrganizationFactory(parent=organization)
        position = PositionFactory(organization=organization)
        CitationFactory(target=position)
        MeetingParticipantFactory(person=position.person, position=position)
        MeetingParticipantFactory(organization=organization)
        MeetingFactory().organizations.add(organization)
        ProjectOrganizationFactory(organization=organization)
        DocumentFactory().parties.add(organization)
    html = page(client, en(organization))
    assert html.count("Attended by:") == 2 * n
    assert count_queries(client, en(organization)) == ORGANIZATION_PAGE_QUERIES


def test_people_pages_do_not_import_projects():
    """The people app does not import `projects` (projects depends on people)."""
    import people.filters
    import people.selectors
    import people.views

    for module in (people.views, people.filters, people.selectors):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "from projects" not in source and "import projects" not in source
