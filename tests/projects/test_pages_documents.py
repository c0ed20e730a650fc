"""The documents list (filters, search, sort, pages, CSV) and a document's page, with the real
data set and with made-up documents where it has none of a kind (signatories, parties, fifty)."""

from __future__ import annotations

import datetime as dt
import re
from http import HTTPStatus

import pytest

from projects.models import Document
from tests.coopr.factories import CitationFactory
from tests.examples import MANY_ROWS
from tests.pages import between, count_queries, csv_rows, text
from tests.people.factories import OrganizationFactory, PersonFactory, PositionFactory
from tests.projects import factories as f

pytestmark = pytest.mark.django_db

LIST = "/en/documents/"

# The real documents in the list's default order: newest first, then by title.
REAL = [
    "joint-announcement-digital-economy-2017",
    "memorandum-labour-efficiency-2017",
    "memorandum-university-association-2016",
]
ROW = re.compile(r'<th scope="row"><a href="/(?:en|ru|ja)/documents/([^/"]+)/">')


def slugs(html: str) -> list[str]:
    return ROW.findall(html)


def signed(slug="signed-doc", **kwargs) -> Document:
    """A document with two parties and a signatory."""
    document = f.DocumentFactory(slug=slug, **kwargs)
    document.parties.add(
        OrganizationFactory(slug="ministry-a", name_en="Ministry A"),
        OrganizationFactory(slug="ministry-b", name_en="Ministry B", country="RU"),
    )
    document.signatories.add(PersonFactory(slug="signer", name_en="Anna Signer"))
    return document


# The list --------------------------------------------------------------------------------


def test_list_shows_the_real_documents_with_date_kind_place_and_meeting(client, real_data):
    html = client.get(LIST).content.decode()
    assert slugs(html) == REAL
    rows = re.findall(r"<tr>.*?</tr>", html, re.S)
    first = text(rows[1])
    assert first.startswith("September 2017 Joint announcement on partnership in digital economy")
    assert "at Oreshkin–Seko meeting in Vladivostok Joint statement Vladivostok" in first
    assert '<time datetime="2016-12">December 2016</time>' in html
    assert '<a href="/en/meetings/december-2016-summit/">' in html
    assert "<title>Documents · coopr</title>" in html
    assert '<div class="table-wrap">\n<table class="documents">' in html


def test_list_shows_parties_and_signatories(client, db):
    signed()
    html = client.get(LIST).content.decode()
    row = text(between(html, "<tbody>", "</tbody>"))
    assert "Ministry A, Ministry B Signed by Anna Signer" in row


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "memorandum"}, REAL[1:]),
        ({"kind": "joint_statement"}, REAL[:1]),
        ({"year": "2016"}, REAL[2:]),
        ({"year": "2017", "kind": "memorandum"}, REAL[1:2]),
    ],
)
def test_filters(client, real_data, params, expected):
    response = client.get(LIST, params)
    assert response.status_code == HTTPStatus.OK
    assert slugs(response.content.decode()) == expected


def test_filter_by_party_and_signatory(client, real_data):
    signed()
    assert slugs(client.get(LIST, {"organization": "ministry-b"}).content.decode()) == [
        "signed-doc"
    ]
    html = client.get(LIST, {"person": "signer"}).content.decode()
    assert slugs(html) == ["signed-doc"]
    # The form offers only organizations and people that are parties or signatories.
    controls = between(html, '<form method="get" class="list-controls"', "</form>")
    assert '<option value="signer" selected>Anna Signer</option>' in controls
    assert "Ministry B" in controls and "Ministry of Economy" not in controls


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "x"}, "Select a valid choice. x is not one of the available choices."),
        ({"kind": "poem"}, "Select a valid choice. poem is not one of the available choices."),
        ({"organization": "nobody"}, "Select a valid choice."),
        ({"person": "nobody"}, "Select a valid choice."),
    ],
)
def test_bad_filter_value_is_a_400_with_a_message(client, real_data, params, message):
    response = client.get(LIST, params)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert slugs(response.content.decode()) == []


def test_search_in_title_summary_and_place(client, real_data):
    def found(q):
        return slugs(client.get(LIST, {"q": q}).content.decode())

    assert found("partnership") == REAL[:1]
    assert found("digital economy") == REAL[:2]  # a title, and the other's summary
    assert found("labor efficiency") == REAL[1:2]  # title
    assert found("vladivostok") == REAL[:2]  # place and summary
    assert found("university association") == REAL[2:]
    assert found("Zyxwvutsrq") == []


def test_sort_orders(client, real_data):
    assert slugs(client.get(LIST, {"sort": "oldest"}).content.decode()) == [
        "memorandum-university-association-2016",
        "joint-announcement-digital-economy-2017",
        "memorandum-labour-efficiency-2017",
    ]
    assert slugs(client.get(LIST, {"sort": "title"}).content.decode()) == [
        "joint-announcement-digital-economy-2017",
        "memorandum-university-association-2016",
        "memorandum-labour-efficiency-2017",
    ]


def test_pagination(client, db):
    for i in range(30):
        f.DocumentFactory(slug=f"doc-{i:02d}", signed_on=dt.date(2000, 1, 1) + dt.timedelta(i))
    first = slugs(client.get(LIST).content.decode())
    second = slugs(client.get(LIST, {"page": 2}).content.decode())
    assert first == [f"doc-{i:02d}" for i in range(29, 4, -1)]
    assert second == [f"doc-{i:02d}" for i in range(4, -1, -1)]
    assert client.get(LIST, {"page": 3}).status_code == HTTPStatus.NOT_FOUND
    assert client.get(LIST, {"page": "last"}).status_code == HTTPStatus.OK
    assert client.get(LIST, {"page": "x"}).status_code == HTTPStatus.NOT_FOUND


def test_csv_has_the_rows_of_the_filtered_list_in_the_same_order(client, real_data):
    signed(signed_on=dt.date(2018, 1, 1), signed_on_precision="year")
    listed = slugs(client.get(LIST).content.decode())
    header, *rows = csv_rows(client.get(LIST, {"format": "csv"}))
    assert header == [
        "slug",
        "Title",
        "Kind",
        "Signed on",
        "Signed on (ISO 8601)",
        "Place",
        "Signed at meeting",
        "Parties",
        "Signatories",
        "Text",
        "URL",
    ]
    assert [row[0] for row in rows] == listed == ["signed-doc", *REAL]
    assert rows[0][3:5] == ["2018", "2018"]
    assert rows[0][7:9] == ["Ministry A; Ministry B", "Anna Signer"]
    assert rows[2] == [
        "memorandum-labour-efficiency-2017",
        "Memorandum on experience exchange in the field of improving labor efficiency",
        "memorandum",
        "September 2017",
        "2017-09",
        "Vladivostok",
        "Oreshkin–Seko meeting in Vladivostok",
        "",
        "",
        "",
        "http://testserver/en/documents/memorandum-labour-efficiency-2017/",
    ]
    _header, *filtered = csv_rows(client.get(LIST, {"kind": "memorandum", "format": "csv"}))
    assert [row[0] for row in filtered] == ["signed-doc", *REAL[1:]]


# A document's page ---------------------------------------------------------------------------


def page(client, slug: str, lang: str = "en") -> str:
    response = client.get(f"/{lang}/documents/{slug}/")
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_document_page_shows_what_when_where_and_the_sources(client, real_data):
    html = page(client, "memorandum-labour-efficiency-2017")
    assert (
        "<h1>Memorandum on experience exchange in the field of improving labor efficiency</h1>"
        in html
    )
    facts = text(between(html, '<p class="document-facts">', "</p>"))
    assert facts == "Memorandum · signed September 2017 · Vladivostok"
    assert "September 1, 2017" not in html
    meeting = between(html, "<p>Signed at", "</p>")
    assert '<a href="/en/meetings/vladivostok-oreshkin-seko-2017-09/">' in meeting
    concerns = between(html, '<h2 id="concerns">', "</section>")
    assert '<a href="/en/plans/eight-point-cooperation-plan/items/5/">5. Promoting' in concerns
    assert "The article does not number the item" in concerns  # the note beside the item
    assert (
        "<q>Bilateral cooperation between Russia and Japan in the area of enhancing staff" in html
    )
    assert "Signed on: The papers were signed last September" in text(html)
    assert '<a href="/en/sources/tass-2018-03-24/">TASS' in html


def test_document_page_links_its_project(client, real_data):
    html = page(client, "memorandum-university-association-2016")
    concerns = between(html, '<h2 id="concerns">', "</section>")
    assert '<a href="/en/projects/japan-russia-university-association/">' in concerns
    assert "December 2016" in html


def test_signatories_are_shown_with_the_posts_they_held_when_it_was_signed(client, db):
    person = PersonFactory(slug="signer", name_en="Anna Signer")
    ministry = OrganizationFactory(slug="ministry", name_en="Ministry of Things")
    PositionFactory(
        person=person,
        organization=ministry,
        title_en="Deputy Minister",
        start=dt.date(2015, 1, 1),
        end=dt.date(2017, 6, 30),
    )
    PositionFactory(
        person=person, organization=ministry, title_en="Minister", start=dt.date(2017, 7, 1)
    )
    PositionFactory(
        person=person, organization=None, title_en="Envoy", start=None, as_of=dt.date(2019, 3, 1)
    )
    document = f.DocumentFactory(
        slug="doc", signed_on=dt.date(2017, 9, 1), signed_on_precision="month"
    )
    document.signatories.add(person)
    document.parties.add(ministry)
    html = page(client, "doc")
    signatories = text(between(html, '<h2 id="signatories">', "</section>"))
    assert signatories.startswith("Signatories Anna Signer, Minister, Ministry of Things")
    assert "Deputy Minister" not in signatories and "Envoy" not in signatories
    assert '<a href="/en/organizations/ministry/">Ministry of Things</a>' in between(
        html, '<h2 id="parties">', "</section>"
    )
    # Signed in June 2017 (to the month): the tenure that ended that month counts, the one that
    # began in July does not.
    document.signed_on = dt.date(2017, 6, 1)
    document.save()
    signatories = text(between(page(client, "doc"), '<h2 id="signatories">', "</section>"))
    assert "Anna Signer, Deputy Minister, Ministry of Things" in signatories
    assert ", Minister," not in signatories


def test_unknown_document_is_a_404(client, db):
    assert client.get("/en/documents/no-such/").status_code == HTTPStatus.NOT_FOUND


# Queries -------------------------------------------------------------------------------------

# The list: page, parties, signatories; the form's choices (parties, signatories); plus
# savepoint and release. The count and the years offered read every row: kept until the next
# change (coopr.kept.KeptCountPaginator, projects.page_filters.years_of), none after the warm-up.
LIST_QUERIES = 7
# The CSV: rows, parties, signatories, and the parties and signatories the filters accept;
# savepoint, release. The years offered are kept until the next change.
CSV_QUERIES = 7
# The page: the document and its meeting; signatories, their posts, parties, items, projects,
# citations; plus savepoint and release.
DETAIL_QUERIES = 9


def make_documents(n: int) -> Document:
    plan_item = f.PlanItemFactory()
    for i in range(n):
        document = f.DocumentFactory(
            signed_on=dt.date(2000, 1, 1) + dt.timedelta(days=50 * i), meeting=f.MeetingFactory()
        )
        for _ in range(2):
            position = PositionFactory(start=dt.date(1999, 1, 1))
            document.signatories.add(position.person)
            document.parties.add(position.organization)
        document.plan_items.add(plan_item)
        document.projects.add(f.ProjectFactory(plan_item=plan_item))
        CitationFactory(target=document)
    return document


@pytest.mark.parametrize("n", [1, MANY_ROWS])
def test_list_runs_a_fixed_number_of_queries(client, db, n):
    """Whatever the number of documents, parties and signatories, the same queries."""
    make_documents(n)
    assert count_queries(client, LIST) == LIST_QUERIES
    assert count_queries(client, f"{LIST}?format=csv") == CSV_QUERIES


@pytest.mark.parametrize("n", [1, 50])
def test_detail_runs_a_fixed_number_of_queries(client, db, n):
    document = make_documents(1)
    for _ in range(n - 1):
        position = PositionFactory(start=dt.date(1999, 1, 1))
        PositionFactory(person=position.person, start=dt.date(1990, 1, 1), end=dt.date(1995, 1, 1))
        document.signatories.add(position.person)
        document.parties.add(OrganizationFactory())
        CitationFactory(target=document)
    assert count_queries(client, f"/en/documents/{document.slug}/") == DETAIL_QUERIES
