"""The Atom feed of recent changes, read back with a real feed parser (feedparser): entries
for edits, additions and deletions, links to the records' pages, stable unique ids, escaped
text, the feed's language, and a fixed number of queries."""

from __future__ import annotations

from http import HTTPStatus

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopr.services import record_delete, record_save
from projects.models import Meeting
from tests.examples import MANY_ROWS
from tests.people.factories import PersonFactory
from tests.projects import factories as f

pytestmark = pytest.mark.django_db

FEED = "/en/changes.atom"
SYMPOSIUM = "osaka-symposium-2018-03-24"


def read(client, url: str = FEED):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed, response.content.decode()


def rename(slug: str, title: str) -> Meeting:
    meeting = Meeting.objects.get(slug=slug)
    meeting.title_en = title
    return record_save(instance=meeting)


def test_an_edit_is_the_first_entry_linking_to_the_record_and_naming_the_field(client, real_data):
    rename(SYMPOSIUM, "First Russia–Japan symposium on staff training, Osaka")
    feed, _xml = read(client)
    assert feed.version == "atom10"
    assert feed.feed.title == "coopr: recent changes"
    assert feed.feed.language == "en"
    entry = feed.entries[0]
    assert entry.title == "Meeting “First Russia–Japan symposium on staff training, Osaka” changed"
    assert entry.link == f"http://testserver/en/meetings/{SYMPOSIUM}/"
    # What changed, by name: not the version or timestamps that change with every save.
    assert entry.summary == "Changed: title (English)."
    meeting = Meeting.objects.get(slug=SYMPOSIUM)
    history = meeting.history.latest("history_date")
    assert entry.id == (
        f"tag:testserver,{history.history_date:%Y-%m-%d}:projects.historicalmeeting/"
        f"{history.history_id}"
    )
    assert entry.updated_parsed[:6] == history.history_date.utctimetuple()[:6]


def test_feed_has_at_most_fifty_entries_with_unique_ids_and_links_to_pages(client, real_data):
    feed, _xml = read(client)
    assert len(feed.entries) == 50  # the data set made far more changes than that
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == 50
    assert all(i.startswith("tag:testserver,") for i in ids)
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/en/")
        assert client.get(entry.link.removeprefix("http://testserver")).status_code == 200
    dates = [entry.updated_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_ids_do_not_change_when_more_changes_come(client, real_data):
    feed, _xml = read(client)
    first = feed.entries[0]
    rename(SYMPOSIUM, "Renamed")
    later, _xml = read(client)
    assert later.entries[1].id == first.id
    assert later.entries[1].title == first.title


def test_changes_to_rows_shown_on_a_page_are_changes_of_that_page(client, db):
    meeting = f.MeetingFactory(slug="talks", title_en="Talks")
    f.MeetingParticipantFactory(meeting=meeting, person=PersonFactory())
    feed, _xml = read(client)
    entry = feed.entries[0]
    assert entry.title == "Meeting “Talks” changed"
    assert entry.summary == "Participant added."
    assert entry.link == "http://testserver/en/meetings/talks/"
    added = feed.entries[2]  # the person was added before
    assert added.title == "Meeting “Talks” added"
    assert added.summary == "Added to the record."


def test_a_deleted_record_links_to_its_list(client, db):
    meeting = f.MeetingFactory(slug="gone", title_en="Gone talks")
    record_delete(instance=meeting)
    entry = read(client)[0].entries[0]
    assert entry.title == "Meeting “Gone talks” deleted"
    assert entry.summary == "Deleted from the record."
    assert entry.link == "http://testserver/en/meetings/"


def test_markup_in_a_title_stays_text(client, db):
    f.MeetingFactory(slug="x", title_en="<script>alert('x')</script> & <b>bold</b>")
    feed, xml = read(client)
    assert "<script>" not in xml and "<b>" not in xml
    assert "&lt;script&gt;" in xml
    assert feed.entries[0].title == "Meeting “<script>alert('x')</script> & <b>bold</b>” added"


def test_feed_in_russian_uses_russian_names_and_links(client, db):
    f.MeetingFactory(slug="ru", title_en="Talks", title_ru="Переговоры")
    feed, _xml = read(client, "/ru/changes.atom")
    assert feed.feed.language == "ru"
    entry = feed.entries[0]
    assert "«Переговоры»" in entry.title or "“Переговоры”" in entry.title
    assert entry.link == "http://testserver/ru/meetings/ru/"


def test_an_empty_record_gives_an_empty_valid_feed(client, db):
    feed, _xml = read(client)
    assert feed.entries == []


# Each kind of record the feed reads (19) is one query: its latest changes with the rows before
# them and the names and slugs of their pages; plus the request's savepoint and its release.
FEED_QUERIES = 21


@pytest.mark.parametrize("n", [1, MANY_ROWS])
def test_feed_runs_a_fixed_number_of_queries(client, db, n):
    """One change or five hundred (50 meetings with participants, renamed): the same queries."""
    for i in range(n):
        meeting = f.MeetingFactory()
        f.MeetingParticipantFactory(meeting=meeting)
        meeting.title_en = f"Renamed {i}"
        record_save(instance=meeting)
    client.get(FEED)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(FEED)
    assert response.status_code == HTTPStatus.OK
    assert len(queries) == FEED_QUERIES
    assert len(feedparser.parse(response.content).entries) == min(50, 4 * n)
