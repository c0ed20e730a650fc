"""The meetings list (upcoming and past by year, filters, search, sort, pages, CSV, timeline),
a meeting's page (participants by side with their posts then) and the iCalendar feed, with the
real data set and with made-up meetings where it has none of a kind (upcoming, fifty)."""

from __future__ import annotations

import datetime as dt
import re
from http import HTTPStatus

import pytest
from django.utils import timezone
from icalendar import Calendar

from coopr.services import record_save
from projects.models import Meeting, PlanItem
from tests.coopr.factories import CitationFactory
from tests.examples import MANY_ROWS
from tests.pages import between, count_queries, csv_rows, text
from tests.people.factories import OrganizationFactory, PersonFactory, PositionFactory
from tests.projects import factories as f

pytestmark = pytest.mark.django_db

LIST = "/en/meetings/"
CALENDAR = "/en/meetings.ics"
SYMPOSIUM = "osaka-symposium-2018-03-24"

# The real meetings, in the list's default order (all past: newest first).
REAL_PAST = [
    "cross-years-opening-2018-05-26",
    "sapporo-university-association-assembly-2018-05",
    "abe-visit-russia-2018-05",
    "osaka-symposium-2018-03-24",
    "osaka-trilateral-2018-03-24",
    "business-mission-labour-efficiency-2018-02",
    "vladivostok-oreshkin-seko-2017-09",
    "december-2016-summit",
    "sochi-summit-2016-05-06",
]
ROW = re.compile(r'<a class="title" href="/(?:en|ru|ja)/meetings/([^/"]+)/">')


def slugs(html: str) -> list[str]:
    """The meetings a list page shows, in order."""
    return ROW.findall(html)


def item(number: int) -> PlanItem:
    return PlanItem.objects.get(plan__slug="eight-point-cooperation-plan", number=number)


def today() -> dt.date:
    return timezone.localdate()


# The list --------------------------------------------------------------------------------


def test_list_shows_past_meetings_by_year_newest_first(client, real_data):
    html = client.get(LIST).content.decode()
    assert slugs(html) == REAL_PAST
    past = between(html, '<h2 id="past">')
    assert past.index('<h3 id="year-2018">') < past.index('<h3 id="year-2017">')
    assert past.index('<h3 id="year-2017">') < past.index('<h3 id="year-2016">')
    in_2017 = between(past, '<h3 id="year-2017">', '<h3 id="year-2016">')
    assert slugs(in_2017) == ["vladivostok-oreshkin-seko-2017-09"]
    assert "September 2017" in in_2017 and '<time datetime="2017-09">' in in_2017
    in_2016 = between(past, '<h3 id="year-2016">')
    assert slugs(in_2016) == ["december-2016-summit", "sochi-summit-2016-05-06"]
    assert "Summit · Sochi, Russia" in text(in_2016)
    # Nothing upcoming in the real data: the section says so.
    upcoming = between(html, '<h2 id="upcoming">', '<h2 id="past">')
    assert "No upcoming meeting is on record." in upcoming


def test_upcoming_meetings_come_first_soonest_first(client, real_data):
    later = f.MeetingFactory(
        slug="later", title_en="Later talks", start=today() + dt.timedelta(days=60), end=None
    )
    sooner = f.MeetingFactory(
        slug="sooner", title_en="Sooner talks", start=today() + dt.timedelta(days=3), end=None
    )
    ongoing = f.MeetingFactory(
        slug="ongoing",
        title_en="Talks under way",
        start=today() - dt.timedelta(days=1),
        end=today() + dt.timedelta(days=1),
    )
    html = client.get(LIST).content.decode()
    upcoming = between(html, '<h2 id="upcoming">', '<h2 id="past">')
    assert slugs(upcoming) == [ongoing.slug, sooner.slug, later.slug]
    assert "No upcoming meeting" not in upcoming
    assert slugs(between(html, '<h2 id="past">')) == REAL_PAST
    assert 'class="meeting upcoming"' in upcoming


def test_a_meeting_known_by_its_month_is_upcoming_until_the_month_ends(db):
    meeting = f.MeetingFactory(start=dt.date(2017, 9, 1), start_precision="month", end=None)

    def upcoming_on(day):
        return Meeting.objects.with_timing(day).get(pk=meeting.pk).is_upcoming

    assert upcoming_on(dt.date(2017, 8, 31))
    assert upcoming_on(dt.date(2017, 9, 30))  # the source does not say which day
    assert not upcoming_on(dt.date(2017, 10, 1))


def test_the_timeline_shows_every_filtered_meeting_with_a_table_of_counts(client, real_data):
    html = client.get(LIST).content.decode()
    timeline = between(html, '<section class="meetings-timeline-section"', "</section>")
    assert 'role="img"' in timeline
    assert "9 meetings from 2016 to 2018" in timeline
    for year in ("2016", "2017", "2018"):
        assert f">{year}</text>" in timeline  # the axis labels its years
    # One mark per meeting, each with the meeting's title and date as the source gives them.
    assert timeline.count("<title") == 1 + 9
    assert "<title>Oreshkin–Seko meeting in Vladivostok (September 2017)</title>" in timeline
    # The text alternative: meetings per year.
    table = between(timeline, '<table class="timeline-table">', "</table>")
    rows = re.findall(r'<th scope="row">(\d+)</th><td>(\d+)</td><td>(\d+)</td>', table)
    assert rows == [("2016", "2", "0"), ("2017", "1", "0"), ("2018", "6", "0")]
    filtered = client.get(LIST + "?year=2017").content.decode()
    assert "1 meeting from 2017 to 2017" in filtered


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "symposium"}, ["osaka-symposium-2018-03-24"]),
        ({"year": "2017"}, ["vladivostok-oreshkin-seko-2017-09"]),
        (
            {"country": "RU"},
            [
                "cross-years-opening-2018-05-26",
                "abe-visit-russia-2018-05",
                "vladivostok-oreshkin-seko-2017-09",
                "sochi-summit-2016-05-06",
            ],
        ),
        (
            {"person": "hiroshige-seko"},
            [
                "osaka-symposium-2018-03-24",
                "osaka-trilateral-2018-03-24",
                "vladivostok-oreshkin-seko-2017-09",
            ],
        ),
        ({"person": "alexei-repik", "year": "2018"}, ["osaka-symposium-2018-03-24"]),
    ],
)
def test_filters(client, real_data, params, expected):
    response = client.get(LIST, params)
    assert response.status_code == HTTPStatus.OK
    assert slugs(response.content.decode()) == expected


def test_filter_by_plan_item_discussed(client, real_data):
    html = client.get(LIST, {"plan_item": item(8).pk}).content.decode()
    assert slugs(html) == [
        "cross-years-opening-2018-05-26",
        "sapporo-university-association-assembly-2018-05",
        "osaka-symposium-2018-03-24",
    ]
    # The form offers only the items some meeting discussed, and people who attended.
    controls = between(html, '<form method="get" class="list-controls"', "</form>")
    assert "8. Fundamental expansion of people-to-people interaction" in controls
    assert "1. Extending healthy life expectancies" not in controls
    assert '<option value="olga-golodets">Olga Golodets</option>' in controls
    assert '<label for="id_plan_item">Plan item discussed</label>' in controls


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc"}, "Select a valid choice. abc is not one of the available choices."),
        ({"year": "1999"}, "Select a valid choice. 1999 is not one of the available choices."),
        ({"kind": "party"}, "Select a valid choice. party is not one of the available choices."),
        ({"person": "nobody"}, "Select a valid choice."),
        ({"plan_item": "x"}, "Select a valid choice."),
    ],
)
def test_bad_filter_value_is_a_400_with_a_message(client, real_data, params, message):
    response = client.get(LIST, params)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert slugs(html) == []


def test_search_in_title_description_outcomes_and_city(client, real_data):
    def found(q):
        return slugs(client.get(LIST, {"q": q}).content.decode())

    assert found("Osaka") == ["osaka-symposium-2018-03-24", "osaka-trilateral-2018-03-24"]
    assert found("green corridor") == ["osaka-trilateral-2018-03-24"]  # outcomes
    assert found("Toyota") == ["business-mission-labour-efficiency-2018-02"]  # description
    assert found("nagoya") == ["business-mission-labour-efficiency-2018-02"]  # city
    assert found("Zyxwvutsrq") == []


def test_search_in_russian_finds_the_russian_title(client, db):
    f.MeetingFactory(slug="ru-meeting", title_en="Talks in Moscow", title_ru="Переговоры в Москве")
    html = client.get("/ru/meetings/", {"q": "переговоры"}).content.decode()
    assert slugs(html) == ["ru-meeting"]
    assert "Переговоры в Москве" in html


def test_sort_orders(client, real_data):
    oldest = slugs(client.get(LIST, {"sort": "oldest"}).content.decode())
    assert oldest[0] == "sochi-summit-2016-05-06" and oldest[-1] == REAL_PAST[0]
    by_title = client.get(LIST, {"sort": "title"}).content.decode()
    titles = re.findall(r'<a class="title" href="[^"]+">([^<]+)</a>', by_title)
    assert titles == sorted(titles, key=str.casefold)
    assert titles[0] == "Abe–Putin meeting in Sochi"
    assert '<h2 id="all">All meetings, by title</h2>' in by_title
    assert '<option value="title" selected>' in by_title


def test_sort_by_title_uses_the_title_in_the_language(client, db):
    f.MeetingFactory(slug="b", title_en="Alpha", title_ru="Яблоко")
    f.MeetingFactory(slug="a", title_en="Zulu", title_ru="Арбуз")
    assert slugs(client.get(LIST, {"sort": "title"}).content.decode()) == ["b", "a"]
    assert slugs(client.get("/ru/meetings/", {"sort": "title"}).content.decode()) == ["a", "b"]


def test_pagination_keeps_each_row_under_its_own_year(client, db):
    for day in range(26):
        start = dt.date(2019, 12, 31) - dt.timedelta(day)
        f.MeetingFactory(slug=f"m2019-{day}", start=start, end=None)
    for day in range(5):
        start = dt.date(2018, 6, 1) + dt.timedelta(day)
        f.MeetingFactory(slug=f"m2018-{day}", start=start, end=None)
    first = client.get(LIST).content.decode()
    assert len(slugs(first)) == 25
    assert '<h3 id="year-2019">' in first and '<h3 id="year-2018">' not in first
    second = client.get(LIST, {"page": 2}).content.decode()
    assert '<h2 id="upcoming">' not in second  # only the first page says none is upcoming
    in_2019 = between(second, '<h3 id="year-2019">', '<h3 id="year-2018">')
    assert slugs(in_2019) == ["m2019-25"]
    assert slugs(between(second, '<h3 id="year-2018">')) == [f"m2018-{d}" for d in (4, 3, 2, 1, 0)]
    assert "Page 2 of 2" in second


@pytest.mark.parametrize("page", ["3", "abc", "0"])
def test_a_page_that_does_not_exist_is_a_404(client, db, page):
    f.MeetingFactory.create_batch(30)
    assert client.get(LIST, {"page": page}).status_code == HTTPStatus.NOT_FOUND


def test_csv_has_the_rows_of_the_filtered_list_in_the_same_order(client, real_data):
    params = {"country": "RU"}
    listed = slugs(client.get(LIST, params).content.decode())
    response = client.get(LIST, {**params, "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="meetings.csv"' in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header == [
        "slug",
        "Title",
        "Kind",
        "Start",
        "Start (ISO 8601)",
        "End",
        "End (ISO 8601)",
        "City",
        "Country",
        "URL",
    ]
    assert [row[0] for row in rows] == listed
    vladivostok = next(row for row in rows if row[0] == "vladivostok-oreshkin-seko-2017-09")
    assert vladivostok == [
        "vladivostok-oreshkin-seko-2017-09",
        "Oreshkin–Seko meeting in Vladivostok",
        "ministerial meeting",
        "September 2017",
        "2017-09",
        "",
        "",
        "Vladivostok",
        "Russia",
        "http://testserver/en/meetings/vladivostok-oreshkin-seko-2017-09/",
    ]


def test_csv_has_every_matching_row_with_day_dates_and_ends(client, real_data):
    f.MeetingFactory.create_batch(30, start=dt.date(2015, 1, 5), end=None)
    _header, *rows = csv_rows(client.get(LIST, {"format": "csv"}))
    assert len(rows) == 9 + 30
    sapporo = next(row for row in rows if row[0].startswith("sapporo"))
    assert sapporo[3:7] == ["May 18, 2018", "2018-05-18", "May 20, 2018", "2018-05-20"]


def test_list_has_title_description_and_calendar_link(client, real_data):
    html = client.get(LIST).content.decode()
    assert "<title>Meetings · coopr</title>" in html
    assert '<meta name="description" content="Meetings between the two sides' in html
    assert '<a href="/en/meetings.ics">Subscribe to the calendar (iCalendar)</a>' in html


# A meeting's page ----------------------------------------------------------------------------


def page(client, slug: str, lang: str = "en") -> str:
    response = client.get(f"/{lang}/meetings/{slug}/")
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_symposium_lists_the_participants_by_side_with_their_posts_that_day(client, real_data):
    html = page(client, SYMPOSIUM)
    participants = between(html, '<h2 id="participants">', "</section>")
    # The host's side first.
    japan = text(between(participants, '<h3 id="side-jp">Japan</h3>', '<h3 id="side-ru">'))
    russia = text(between(participants, '<h3 id="side-ru">Russia</h3>'))
    assert "Hiroshige Seko, Minister of Economy, Trade and Industry, Ministry of Economy" in japan
    assert "Masayoshi Matsumoto, Kansai Economic Federation" in japan  # no post: where from
    assert "Olga Golodets, Deputy Prime Minister, Government of the Russian Federation" in russia
    assert "Maxim Oreshkin, Minister of Economic Development, Ministry of Economic" in russia
    assert "Alexei Repik, President, Delovaya Rossiya" in russia
    # Posts held later are not shown as posts then.
    assert "Special Representative" not in participants
    assert "Minister for Economic Cooperation with Russia" not in participants
    # The source's words, once per side, and each person points at them.
    assert russia.count("participated from the Russian side") == 1
    assert participants.count('href="#cite-3"') == 3
    assert "<q>while Japan was presented by Minister of Economy" in participants
    assert '<a href="/en/sources/tass-2018-03-24/">TASS' in participants
    assert '<a href="/en/people/olga-golodets/">Olga Golodets</a>' in participants


def test_symposium_page_shows_dates_place_outcomes_and_sources_beside_them(client, real_data):
    html = page(client, SYMPOSIUM)
    assert "<h1>First Russia–Japan symposium on staff training</h1>" in html
    facts = text(between(html, '<p class="meeting-facts">', "</p>"))
    assert facts == "Symposium · March 24, 2018 · Osaka, Japan"
    outcomes = between(html, '<h2 id="outcomes">', "</section>")
    assert "Seko said 13 related projects were under way" in outcomes
    assert "<q>We are expanding the eighth item" in outcomes
    description = between(html, '<p class="description">', '<section aria-labelledby="outcomes">')
    assert "<q>More than 10 higher education institutions" in description
    discussed = between(html, '<h2 id="discussed">', "</section>")
    assert '<a href="/en/plans/eight-point-cooperation-plan/items/8/">8. Fundamental' in discussed
    link = f'<a href="/en/meetings.ics?meeting={SYMPOSIUM}" download="{SYMPOSIUM}.ics">'
    assert link in html
    assert "<title>First Russia–Japan symposium on staff training · coopr</title>" in html


def test_meeting_page_lists_documents_signed_there_and_the_plan_proposed(client, real_data):
    html = page(client, "vladivostok-oreshkin-seko-2017-09")
    documents = text(between(html, '<h2 id="documents">', "</section>"))
    assert (
        "Joint announcement on partnership in digital economy · joint statement · September 2017"
        in documents
    )
    assert (
        "Memorandum on experience exchange in the field of improving labor efficiency" in documents
    )
    # A date the source gives by month, and the words saying so.
    assert "September 2017" in html and "September 1, 2017" not in html
    assert 'Start: The papers were signed last September "Last September" in an article' in text(
        html
    )
    sochi = page(client, "sochi-summit-2016-05-06")
    assert "Proposed at this meeting:" in sochi
    assert (
        '<a href="/en/plans/eight-point-cooperation-plan/">Eight-point Cooperation Plan</a>'
        in sochi
    )
    mission = page(client, "business-mission-labour-efficiency-2018-02")
    orgs = text(between(mission, '<h2 id="organizations">', "</section>"))
    assert "Toyota" in orgs and "Mitsubishi Electric" in orgs
    assert "Russian businessmen and officials visited production facilities" in orgs


def test_side_falls_back_to_the_persons_country_and_unknown_comes_last(client, db):
    meeting = f.MeetingFactory(country="JP")
    f.MeetingParticipantFactory(
        meeting=meeting, side="", person=PersonFactory(name_en="No Side", country="")
    )
    f.MeetingParticipantFactory(
        meeting=meeting, side="", person=PersonFactory(name_en="Russian Person", country="RU")
    )
    f.MeetingParticipantFactory(
        meeting=meeting, side="KR", person=PersonFactory(name_en="Korean Guest", country="KR")
    )
    f.MeetingParticipantFactory(
        meeting=meeting, side="JP", person=PersonFactory(name_en="Host Person", country="JP")
    )
    html = page(client, meeting.slug)
    headings = re.findall(r'<h3 id="side-[a-z]+">([^<]+)</h3>', html)
    assert headings == ["Japan", "Russia", "South Korea", "Side not recorded"]
    assert "Russian Person" in between(html, '<h3 id="side-ru">', '<h3 id="side-kr">')
    assert "No Side" in between(html, '<h3 id="side-unknown">')


def test_meeting_page_in_russian_shows_russian_content_with_english_fallback(client, real_data):
    meeting = Meeting.objects.get(slug=SYMPOSIUM)
    meeting.title_ru = "Первый российско-японский симпозиум"
    record_save(instance=meeting)
    html = page(client, SYMPOSIUM, "ru")
    assert "<h1>Первый российско-японский симпозиум</h1>" in html
    assert "Ольга Голодец" in html  # a name in Russian
    assert "Deputy Prime Minister" in html  # the post has no Russian title: English
    assert '<h3 id="side-ru">Россия</h3>' in html


def test_unknown_meeting_is_a_404(client, db):
    assert client.get("/en/meetings/no-such-meeting/").status_code == HTTPStatus.NOT_FOUND


# The iCalendar feed ----------------------------------------------------------------------------


def calendar(client, url: str = CALENDAR, **params) -> Calendar:
    response = client.get(url, params)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(cal: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


def uid(slug: str) -> str:
    return f"meeting-{Meeting.objects.get(slug=slug).pk}@coopr"


def test_calendar_has_one_all_day_event_per_meeting(client, real_data):
    cal = calendar(client)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//coopr//Meetings//EN"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    by_uid = events(cal)
    assert set(by_uid) == {uid(slug) for slug in REAL_PAST}
    symposium = by_uid[uid(SYMPOSIUM)]
    assert symposium.decoded("DTSTART") == dt.date(2018, 3, 24)
    assert symposium.decoded("DTEND") == dt.date(2018, 3, 25)  # exclusive
    assert str(symposium["SUMMARY"]) == "First Russia–Japan symposium on staff training"
    assert str(symposium["LOCATION"]) == "Osaka, Japan"
    assert str(symposium["URL"]) == f"http://testserver/en/meetings/{SYMPOSIUM}/"
    assert "Seko said 13 related projects were under way" in str(symposium["DESCRIPTION"])
    assert "Olga Golodets" in str(symposium["DESCRIPTION"])
    meeting = Meeting.objects.get(slug=SYMPOSIUM)
    # (iCalendar times are to the second.)
    assert symposium.decoded("DTSTAMP") == meeting.updated.replace(microsecond=0)
    assert symposium.decoded("LAST-MODIFIED") == meeting.updated.replace(microsecond=0)
    sapporo = by_uid[uid("sapporo-university-association-assembly-2018-05")]
    assert sapporo.decoded("DTEND") == dt.date(2018, 5, 21)


def test_a_meeting_known_by_month_spans_the_month_and_says_so(client, real_data):
    vladivostok = events(calendar(client))[uid("vladivostok-oreshkin-seko-2017-09")]
    assert vladivostok.decoded("DTSTART") == dt.date(2017, 9, 1)
    assert vladivostok.decoded("DTEND") == dt.date(2017, 10, 1)
    assert str(vladivostok["TRANSP"]) == "TRANSPARENT"
    assert "The sources give only the month: September 2017." in str(vladivostok["DESCRIPTION"])


def test_meetings_known_only_by_year_or_undated_are_left_out(client, db):
    f.MeetingFactory(slug="year-only", start=dt.date(2019, 1, 1), start_precision="year", end=None)
    f.MeetingFactory(slug="undated", start=None, end=None)
    kept = f.MeetingFactory(slug="kept")
    assert set(events(calendar(client))) == {f"meeting-{kept.pk}@coopr"}


def test_uid_stays_when_the_title_changes(client, real_data):
    before = events(calendar(client))[uid(SYMPOSIUM)]
    meeting = Meeting.objects.get(slug=SYMPOSIUM)
    meeting.title_en = "Russia–Japan symposium on staff training (renamed)"
    record_save(instance=meeting)
    after = events(calendar(client))[uid(SYMPOSIUM)]
    assert str(after["SUMMARY"]) == "Russia–Japan symposium on staff training (renamed)"
    assert str(after["UID"]) == str(before["UID"]) == uid(SYMPOSIUM)
    # iCalendar times have one-second resolution: the edit may fall in the same second.
    meeting.refresh_from_db()
    assert after.decoded("LAST-MODIFIED") == meeting.updated.replace(microsecond=0)
    assert after.decoded("LAST-MODIFIED") >= before.decoded("LAST-MODIFIED")
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1


def test_calendar_in_russian(client, real_data):
    meeting = Meeting.objects.get(slug=SYMPOSIUM)
    meeting.title_ru = "Первый российско-японский симпозиум"
    meeting.city_ru = "Осака"
    record_save(instance=meeting)
    by_uid = events(calendar(client, "/ru/meetings.ics"))
    symposium = by_uid[uid(SYMPOSIUM)]
    assert str(symposium["SUMMARY"]) == "Первый российско-японский симпозиум"
    assert str(symposium["LOCATION"]) == "Осака, Япония"
    assert str(symposium["URL"]) == f"http://testserver/ru/meetings/{SYMPOSIUM}/"
    # No Russian title: the English one.
    assert str(by_uid[uid("sochi-summit-2016-05-06")]["SUMMARY"]) == "Abe–Putin meeting in Sochi"


def test_calendar_text_is_folded_with_crlf(client, real_data):
    body = client.get(CALENDAR).content
    lines = body.split(b"\r\n")
    assert body.endswith(b"END:VCALENDAR\r\n")
    assert all(b"\n" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # long lines are folded


def test_calendar_of_one_meeting(client, real_data):
    cal = calendar(client, meeting=SYMPOSIUM)
    assert list(events(cal)) == [uid(SYMPOSIUM)]
    response = client.get(CALENDAR, {"meeting": SYMPOSIUM})
    assert response["Content-Disposition"] == f'attachment; filename="{SYMPOSIUM}.ics"'
    assert client.get(CALENDAR, {"meeting": "nope"}).status_code == HTTPStatus.NOT_FOUND


# Queries -------------------------------------------------------------------------------------

# The list: the page of meetings in two parts (upcoming, then past: UpcomingThenPast) and the
# filter form's choices of plan items and people (`bound_choices`); plus the request's
# savepoint and its release. What reads every meeting (the count, the timeline, the years and
# countries offered) is kept until the next change: none after the warm-up.
LIST_QUERIES = 6
# The CSV: the rows, and the participants the form offers (`bound_choices`, read to check the
# filters); plus savepoint and release. The years and countries offered are kept.
CSV_QUERIES = 4
# The page: the meeting; its participants, their citations, documents, plan items, projects,
# organizations, plans proposed there, its citations; plus savepoint and release.
DETAIL_QUERIES = 11
# The feed: the meetings and their participants; plus savepoint and release.
CALENDAR_QUERIES = 4


def make_meetings(n: int) -> Meeting:
    """`n` meetings with participants (posts, citations), documents, items, projects and
    organizations; the last is returned."""
    plan_item = f.PlanItemFactory()
    for i in range(n):
        start = dt.date(2010, 1, 1) + dt.timedelta(days=15 * i)
        meeting = f.MeetingFactory(start=start, end=start + dt.timedelta(days=1))
        for side in ("JP", "RU"):
            position = PositionFactory(person=PersonFactory(country=side))
            participant = f.MeetingParticipantFactory(
                meeting=meeting, person=position.person, position=position, side=side
            )
            CitationFactory(target=participant)
        f.DocumentFactory(meeting=meeting)
        meeting.plan_items.add(plan_item)
        meeting.projects.add(f.ProjectFactory(plan_item=plan_item))
        meeting.organizations.add(OrganizationFactory())
        CitationFactory(target=meeting)
    return meeting


@pytest.mark.parametrize("n", [1, MANY_ROWS])
def test_list_runs_a_fixed_number_of_queries(client, db, n):
    """Whatever the number of meetings, the list and its CSV run the same queries."""
    meeting = make_meetings(n)
    person = meeting.participants.first().person
    assert count_queries(client, LIST) == LIST_QUERIES
    # By title: one query for the page (not two), and one for the person filtered on.
    assert count_queries(client, f"{LIST}?person={person.slug}&sort=title") == LIST_QUERIES
    assert count_queries(client, f"{LIST}?format=csv") == CSV_QUERIES


@pytest.mark.parametrize("n", [1, 50])
def test_detail_runs_a_fixed_number_of_queries(client, db, n):
    """A meeting with 2 or 100 participants, 1 or 50 documents, … runs the same queries."""
    make_meetings(1)
    meeting = Meeting.objects.last()
    for _ in range(n - 1):
        f.MeetingParticipantFactory(meeting=meeting, side="RU")
        f.DocumentFactory(meeting=meeting)
        meeting.organizations.add(OrganizationFactory())
        CitationFactory(target=meeting)
    assert count_queries(client, f"/en/meetings/{meeting.slug}/") == DETAIL_QUERIES


@pytest.mark.parametrize("n", [1, MANY_ROWS])
def test_calendar_runs_a_fixed_number_of_queries(client, db, n):
    make_meetings(n)
    assert count_queries(client, CALENDAR) == CALENDAR_QUERIES


def test_too_many_meetings_to_draw_give_the_counts_per_year_alone(client, db, monkeypatch):
    """Past TIMELINE_MARKS the page would carry a mark per meeting (a megabyte of SVG at
    5,000): the timeline gives way to the table of counts per year, read in one query."""
    from projects.views import meetings as views

    make_meetings(3)  # 2010-01-01, 2010-01-16, 2010-01-31
    f.MeetingFactory(start=dt.date(2011, 3, 1), end=None)
    drawn = client.get(LIST).content.decode()
    assert 'class="timeline-svg"' in drawn
    monkeypatch.setattr(views, "TIMELINE_MARKS", 3)
    assert count_queries(client, LIST) == LIST_QUERIES
    html = client.get(LIST).content.decode()
    assert 'class="timeline-svg"' not in html
    table = between(html, '<table class="timeline-table">', "</table>")
    assert '<th scope="row">2010</th><td>3</td><td>0</td>' in table
    assert '<th scope="row">2011</th><td>1</td><td>0</td>' in table


def test_a_filter_with_too_many_people_to_list_takes_a_slug(client, db, monkeypatch):
    """Thousands of participants would make a select of megabytes: past CHOICES_LIMIT the
    filter is a text box for the person's slug, and filters the same way."""
    import coopr.listing

    meeting = make_meetings(2)
    person = meeting.participants.first().person
    html = client.get(LIST).content.decode()
    assert '<select name="person"' in html
    monkeypatch.setattr(coopr.listing, "CHOICES_LIMIT", 3)
    html = client.get(LIST).content.decode()
    assert '<select name="person"' not in html
    assert '<input type="text" name="person"' in html
    found = client.get(LIST, {"person": person.slug}).content.decode()
    assert meeting.title in found
    assert client.get(LIST, {"person": "nobody-at-all"}).status_code == 400
