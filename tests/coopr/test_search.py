"""The site-wide search page and the text search the list pages share (coopr/site/search/,
coopr/text_search.py).

These run on SQLite and, in CI, on PostgreSQL (DATABASE_URL): every test holds on both. Where
the two promise different things (a misspelt name: PostgreSQL's trigrams find it, SQLite's
fallback does not), the test asserts what the backend in use promises.
"""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlencode

import factory
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from coopr.choices import choice_label
from coopr.models import Source
from coopr.site import search
from coopr.site.search import ranking
from people.models import Person
from projects.models import PlanItem
from tests.coopr.factories import SourceFactory
from tests.examples import MANY_ROWS
from tests.people.factories import OrganizationFactory, PersonFactory
from tests.projects.factories import (
    DocumentFactory,
    IndicatorFactory,
    JointBodyFactory,
    MeetingFactory,
    PlanFactory,
    PlanItemFactory,
    ProjectFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

GOLODETS = "/en/people/olga-golodets/"
SEKO = "/en/people/hiroshige-seko/"


def search_url(lang: str = "en", **params) -> str:
    with translation.override(lang):
        return f"{reverse('search')}?{urlencode(params)}"


def get(client, lang: str = "en", **params):
    return client.get(search_url(lang, **params))


def groups(response) -> dict[str, search.Group]:
    """The page's result groups that have results, by kind."""
    return {group.kind.key: group for group in response.context["groups"] if group.total}


def urls(response, kind: str) -> list[str]:
    group = groups(response).get(kind)
    return [hit.url for hit in group.hits] if group else []


# Names in every script ---------------------------------------------------------------------


NAMES = [
    ("Golodets", GOLODETS),
    ("golodets", GOLODETS),
    ("Голодец", GOLODETS),
    ("голодец", GOLODETS),
    ("ГОЛОДЕЦ", GOLODETS),
    ("Olga Golodets", GOLODETS),
    ("Ольга Голодец", GOLODETS),
    ("世耕", SEKO),
    ("世耕弘成", SEKO),
    ("弘成", SEKO),
    ("Seko", SEKO),
    ("Сэко", SEKO),
    ("сэко", SEKO),
    # Another spelling, recorded in `other_names`.
    ("Maksim", "/en/people/maxim-oreshkin/"),
]


def test_a_person_is_found_by_name_in_latin_cyrillic_and_japanese(client, real_data):
    """One test for every spelling (loading the real data set once)."""
    for query, url in NAMES:
        response = get(client, q=query)
        assert response.status_code == HTTPStatus.OK, query
        assert urls(response, "people") == [url], query
        assert f'href="{url}"' in response.content.decode(), query


def test_results_show_titles_in_the_page_language_and_where_the_words_were_found(client, real_data):
    html = get(client, "ja", q="Seko").content.decode()
    # Seko's Japanese name is the title on the Japanese page; the English name that matched
    # shows under it, marked as English, with the word highlighted.
    assert '<a class="search-hit-title" href="/ja/people/hiroshige-seko/">世耕弘成</a>' in html
    assert '<p class="search-hit-snippet" lang="en">Hiroshige <mark>Seko</mark></p>' in html
    # A meeting has no Japanese title: the English one shows, marked as English.
    assert (
        'href="/ja/meetings/vladivostok-oreshkin-seko-2017-09/" lang="en">'
        "Oreshkin–<mark>Seko</mark> meeting in Vladivostok</a>"
    ) in html
    # A source's title is in the source's own language (English here: same as the page).
    assert 'href="/ja/sources/meti-2019-01-23/" lang="en">' in html


def test_japanese_words_of_one_or_two_characters_are_found_anywhere_in_a_word(client, db):
    """Too short for a trigram: PostgreSQL looks them up among the pairs of characters of the
    Japanese text (coopr 0011), at the start, the middle or the end of a word."""
    project = ProjectFactory(title_ja="水素エネルギー協力", summary_ja="北海道の実証 試験")
    person = PersonFactory(name_en="Test Person", other_names="試験太郎")
    for query in ("水素", "協力", "力", "水", "素エ", "実証", "験"):
        assert urls(get(client, q=query), "projects") == [project.get_absolute_url()], query
    assert urls(get(client, q="太郎"), "people") == [person.get_absolute_url()]
    assert urls(get(client, q="郎"), "people") == [person.get_absolute_url()]
    assert get(client, q="水力").context["total"] == 0
    assert get(client, q="証試").context["total"] == 0  # not across two words


def test_russian_page_shows_the_russian_name_found_by_a_japanese_query(client, real_data):
    response = get(client, "ru", q="世耕")
    html = response.content.decode()
    assert '<a class="search-hit-title" href="/ru/people/hiroshige-seko/">Хиросигэ Сэко</a>' in html
    assert '<p class="search-hit-snippet" lang="ja"><mark>世耕</mark>弘成</p>' in html


def test_a_project_is_found_by_a_word_of_its_russian_and_japanese_titles(client, real_data):
    item = PlanItem.objects.get(plan__slug="eight-point-cooperation-plan", number=8)
    project = ProjectFactory(
        plan_item=item,
        slug="test-student-exchange",
        title_en="Student exchange programme",
        title_ru="Программа студенческого обмена",
        title_ja="学生交流プログラム",
    )
    url = "/en/projects/test-student-exchange/"
    for query in ("обмена", "СТУДЕНЧЕСКОГО", "交流", "学生交流"):
        response = get(client, q=query)
        assert urls(response, "projects") == [url], query
    # The English title is shown; the Russian words that matched are quoted, marked Russian.
    html = get(client, q="обмена").content.decode()
    assert f'<a class="search-hit-title" href="{url}">Student exchange programme</a>' in html
    assert (
        '<p class="search-hit-snippet" lang="ru">Программа студенческого <mark>обмена</mark>'
        in html
    )
    assert project.plan_item.plan.slug == "eight-point-cooperation-plan"


def test_a_misspelt_name_is_found_where_the_backend_promises_it(client, real_data):
    """PostgreSQL finds "Golodetz" by trigram word similarity; the SQLite fallback matches
    substrings only, so there it finds nothing and says so."""
    response = get(client, q="Golodetz")
    html = response.content.decode()
    assert search.typo_tolerant() is (connection.vendor == "postgresql")
    if search.typo_tolerant():
        assert urls(response, "people") == [GOLODETS]
        assert "Olga Golodets" in html
        assert "Nothing found" not in html
    else:
        assert response.context["total"] == 0
        assert "Nothing found" in html
    assert response.status_code == HTTPStatus.OK


def test_whole_words_in_titles_come_before_matches_in_descriptions(client, real_data):
    response = get(client, q="Seko")
    meetings = groups(response)["meetings"].hits
    titles = [str(hit.title) for hit in meetings]
    assert titles[:2] == [
        "Oreshkin–<mark>Seko</mark> meeting in Vladivostok",
        "Trilateral meeting of Golodets, Oreshkin and <mark>Seko</mark>",
    ]
    # The others mention Seko only in their description: the snippet shows where.
    assert all("<mark>" not in title for title in titles[2:])
    assert all("<mark>Seko</mark>" in str(hit.snippet) for hit in meetings[2:])


# Grouping, counts, one kind ----------------------------------------------------------------


def test_results_are_grouped_by_kind_with_counts(client, real_data):
    response = get(client, q="Seko")
    found = {key: group.total for key, group in groups(response).items()}
    assert found == {"people": 1, "meetings": 4, "documents": 2, "sources": 1}
    assert response.context["total"] == 8
    html = response.content.decode()
    assert "8 results for “Seko”" in html
    assert '<a href="#results-meetings">Meetings</a> <span class="search-count">4</span>' in html
    assert '<h2 id="results-documents">Documents <span class="search-count">2</span></h2>' in html
    assert "METI Minister <mark>Seko</mark> Visits the Russian Federation" in html
    # Kinds without results get no section.
    assert 'id="results-projects"' not in html


def test_type_shows_one_kind(client, real_data):
    response = get(client, q="Seko", type="meetings")
    assert response.status_code == HTTPStatus.OK
    assert list(groups(response)) == ["meetings"]
    html = response.content.decode()
    assert "4 results for “Seko” in Meetings" in html
    assert "Hiroshige" not in html.split('id="results-meetings"')[1]
    assert '<option value="meetings" selected>' in html
    assert 'href="?q=Seko"' in html  # back to every kind


def test_each_kind_shows_its_best_then_links_to_all_and_pages_through_them(client, db):
    item = PlanItemFactory()
    ProjectFactory.create_batch(50, plan_item=item, title_en=factory_title("Zephyr project"))
    response = get(client, q="zephyr")
    projects = groups(response)["projects"]
    assert (projects.total, len(projects.hits)) == (50, search.RESULTS_PER_KIND)
    html = response.content.decode()
    assert 'href="?q=zephyr&amp;type=projects">See all 50 results in Projects</a>' in html

    first = get(client, q="zephyr", type="projects")
    second = get(client, q="zephyr", type="projects", page="2")
    beyond = get(client, q="zephyr", type="projects", page="99")
    assert len(first.context["groups"][0].hits) == search.RESULTS_PER_PAGE == 25
    seen = urls(first, "projects") + urls(second, "projects")
    assert len(set(seen)) == 50
    assert urls(beyond, "projects") == urls(second, "projects")
    assert "Page 1 of 2" in first.content.decode()
    assert "See all" not in first.content.decode()


def factory_title(text: str):
    return factory.Sequence(lambda n: f"{text} {n:02d}")


# More matches than a search ranks ---------------------------------------------------------


@pytest.fixture
def max_results(monkeypatch):
    """A search ranks at most 5 records of a kind (100 on the site): 8 matches are "more"."""
    monkeypatch.setattr(ranking, "MAX_RESULTS", 5)
    return 5


def test_past_the_most_ranked_the_page_says_more_than(client, db, max_results):
    item = PlanItemFactory()
    ProjectFactory.create_batch(8, plan_item=item, title_en=factory_title("Zephyr project"))
    ProjectFactory.create_batch(3, plan_item=item, title_en=factory_title("Other project"))
    response = get(client, q="zephyr")
    projects = groups(response)["projects"]
    assert (projects.total, projects.capped, len(projects.hits)) == (5, True, 5)
    assert response.context["capped"] is True
    html = response.content.decode()
    assert "More than 5 results for “zephyr”" in html
    assert '<span class="search-count">5+</span>' in html
    assert "only the first 5 of each kind found are ranked and shown" in html
    assert "See the first 5 results in Projects" not in html  # all five are on the page

    one_kind = get(client, q="zephyr", type="projects")
    assert one_kind.context["total"] == 5
    assert len(urls(one_kind, "projects")) == 5
    assert "More than 5 results for “zephyr” in Projects" in one_kind.content.decode()

    exact = get(client, q="other")
    assert (groups(exact)["projects"].total, exact.context["capped"]) == (3, False)
    assert "More than" not in exact.content.decode()


def test_past_the_most_ranked_the_more_link_says_first(client, db, monkeypatch, max_results):
    monkeypatch.setattr(ranking, "RESULTS_PER_KIND", 2)
    item = PlanItemFactory()
    ProjectFactory.create_batch(8, plan_item=item, title_en=factory_title("Zephyr project"))
    html = get(client, q="zephyr").content.decode()
    assert 'href="?q=zephyr&amp;type=projects">See the first 5 results in Projects</a>' in html


def test_a_record_named_by_the_query_is_ranked_however_many_texts_mention_it(
    client, db, max_results
):
    """The first records found anywhere may all mention the word only in their summary; the
    records with it in their title are looked for on their own, so they still come first."""
    item = PlanItemFactory()
    ProjectFactory.create_batch(
        8, plan_item=item, title_en=factory_title("Port"), summary_en="About a zephyr."
    )
    named = ProjectFactory(plan_item=item, title_en="Zephyr works", slug="zephyr-works")
    response = get(client, q="zephyr", type="projects")
    assert urls(response, "projects")[0] == named.get_absolute_url()
    assert response.context["capped"] is True


def test_past_the_most_ranked_whole_words_are_ranked_before_parts_of_words(client, db, max_results):
    """PostgreSQL looks for the whole word first (its full-text index) and stops once it has
    found enough: the records ranked are those that have the word, not a longer one holding
    it. SQLite ranks the first found of either."""
    item = PlanItemFactory()
    ProjectFactory.create_batch(
        8, plan_item=item, title_en=factory_title("Port"), summary_en="Zephyrology."
    )
    whole = ProjectFactory.create_batch(
        6, plan_item=item, title_en=factory_title("Dock"), summary_en="A zephyr."
    )
    response = get(client, q="zephyr", type="projects")
    assert response.context["capped"] is True
    assert len(urls(response, "projects")) == max_results
    if connection.vendor == "postgresql":
        assert set(urls(response, "projects")) <= {p.get_absolute_url() for p in whole}


# Empty, nothing found, hostile input -------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "\x00"}, {"type": "people"}])
def test_an_empty_query_explains_what_can_be_searched(client, db, params):
    response = client.get(reverse("search"), params)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "What you can search" in html
    assert "in English, Russian or Japanese" in html
    assert 'class="search-results"' not in html
    assert "results for" not in html
    for route in ("project-list", "person-list", "source-list"):
        assert f'href="{reverse(route)}"' in html


def test_no_results_says_so_and_suggests_what_to_try(client, real_data):
    response = get(client, q="Zyxwvutsrq")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "0 results for “Zyxwvutsrq”" in html
    assert "Nothing found" in html
    assert "Try the name in another script" in html
    assert 'class="search-results"' not in html


@pytest.mark.parametrize(
    "query",
    [
        "x" * 5000,
        "<script>alert(1)</script>",
        "%",
        "_",
        "%_%",
        "'",
        "' OR 1=1 --",
        "\\",
        "a\x00b",
        "\x00Seko",
        "\u202e\u200b",
        "Seko " * 60,
    ],
)
def test_hostile_input_is_searched_literally_and_escaped(client, db, query):
    for params in ({"q": query}, {"q": query, "type": "people"}, {"q": query, "page": "x"}):
        response = client.get(reverse("search"), params)
        assert response.status_code == HTTPStatus.OK
        html = response.content.decode()
        assert "<script>alert" not in html
        assert "\x00" not in html


def test_like_wildcards_are_literal(client, real_data):
    # "%" and "_" would match every row as LIKE patterns: only text holding them matches.
    assert get(client, q="_").context["total"] == 0
    percent = get(client, q="%")
    assert list(groups(percent)) == ["indicators"]
    assert all("%" in str(hit.meta) for hit in groups(percent)["indicators"].hits)


def test_markup_in_the_query_is_escaped_everywhere(client, db):
    html = get(client, q="<script>alert(1)</script>").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html


def test_a_long_query_is_cut_and_the_page_says_so(client, real_data):
    response = get(client, q="Seko " + "x" * 400)
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert len(response.context["query"]) == search.MAX_QUERY_LENGTH
    assert "Only the first 200 characters of your search were used." in html


@pytest.mark.parametrize("bad", ["bogus", "<b>people</b>", "PEOPLE", "people\x00"])
def test_an_unknown_type_is_a_bad_request_that_explains(client, db, bad):
    response = client.get(reverse("search"), {"q": "Seko", "type": bad})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    assert "There is no such kind of record to look in." in html
    assert "<b>people</b>" not in html
    assert 'class="search-results"' not in html


# Fixed number of queries -------------------------------------------------------------------


def make_matches(count: int) -> None:
    """`count` records of every kind, each with "Quokka" in its name or title."""
    plan = PlanFactory(title_en="Quokka plan")
    for n in range(count):
        PlanItemFactory(plan=plan, number=n + 1, title_en=f"Quokka item {n}")
    item = PlanItem.objects.filter(plan=plan).first()
    ProjectFactory.create_batch(count, plan_item=item, title_en=factory_title("Quokka project"))
    PersonFactory.create_batch(count, name_en=factory_title("Quokka person"))
    OrganizationFactory.create_batch(count, name_en=factory_title("Quokka organization"))
    MeetingFactory.create_batch(count, title_en=factory_title("Quokka meeting"))
    DocumentFactory.create_batch(count, title_en=factory_title("Quokka document"))
    IndicatorFactory.create_batch(count, name_en=factory_title("Quokka indicator"))
    SourceFactory.create_batch(count, title=factory_title("Quokka source"))
    ThemeFactory.create_batch(count, name_en=factory_title("Quokka theme"))
    JointBodyFactory.create_batch(count, name_en=factory_title("Quokka body"))
    PlanFactory.create_batch(count - 1, title_en=factory_title("Quokka plan"))


@pytest.mark.parametrize("count", [1, MANY_ROWS])
def test_every_kind_at_once_runs_one_query_per_kind(client, django_assert_num_queries, count):
    """Eleven kinds, one query each (the total is a window count on the same query), whatever
    the number of matches; plus the request's savepoint and its release (ATOMIC_REQUESTS)."""
    make_matches(count)
    with django_assert_num_queries(len(search.KINDS) + 2):
        response = get(client, q="quokka")
    found = {key: group.total for key, group in groups(response).items()}
    assert found == {kind.key: count for kind in search.KINDS}
    shown = min(count, search.RESULTS_PER_KIND)
    assert all(len(group.hits) == shown for group in groups(response).values())


@pytest.mark.parametrize("count", [1, MANY_ROWS])
def test_one_kind_runs_a_count_and_a_page(client, django_assert_num_queries, count):
    """One kind, page by page: the paginator's count and the page's rows (with their plan
    item for the item number), plus the request's savepoint and its release."""
    make_matches(count)
    with django_assert_num_queries(4):
        response = get(client, "ru", q="quokka", type="projects", page="2" if count > 25 else "1")
    assert response.context["total"] == count
    assert len(response.context["groups"][0].hits) == min(count, 25)


def test_an_empty_query_runs_no_search_query(client, django_assert_num_queries):
    with django_assert_num_queries(2):  # the request's savepoint and its release
        assert get(client, q=" ").status_code == HTTPStatus.OK


# The list pages' search (filter_text) ------------------------------------------------------


def test_filter_text_needs_every_word_in_some_field_in_any_language(real_data):
    fields = ("name", "sort_name", "other_names")
    people = Person.objects.all()
    assert [p.slug for p in search.filter_text(people, "olga ГОЛОДЕЦ", fields)] == ["olga-golodets"]
    assert list(search.filter_text(people, "Olga Seko", fields)) == []
    assert [p.slug for p in search.filter_text(people, "耕", fields)] == ["hiroshige-seko"]
    assert search.filter_text(people, "", fields).count() == people.count()
    # LIKE's wildcards and NUL are taken literally, never as "anything" or an error.
    assert list(search.filter_text(people, "%", fields)) == []
    assert list(search.filter_text(people, "_", fields)) == []
    assert [p.slug for p in search.filter_text(people, "Seko\x00", fields)] == ["hiroshige-seko"]


def test_filter_text_on_untranslated_fields(real_data):
    sources = Source.objects.all()
    found = search.filter_text(sources, "meti seko", ("title", "publisher"))
    assert [s.slug for s in found] == ["meti-2019-01-23"]


def test_people_list_search_box_finds_cyrillic(client, real_data):
    html = client.get(reverse("person-list"), {"q": "голодец"}).content.decode()
    assert 'href="/en/people/olga-golodets/"' in html
    assert 'href="/en/people/hiroshige-seko/"' not in html


# Helpers -----------------------------------------------------------------------------------


def test_words_are_distinct_bounded_and_clean():
    assert search.words("  Seko  seko SEKO\x00世耕 ") == ["Seko", "世耕"]
    assert len(search.words(" ".join(f"w{n}" for n in range(50)))) == search.MAX_WORDS
    assert search.clean_query("a\x00b\tc") == "a b c"
    assert len(search.clean_query("y" * 1000)) == search.MAX_QUERY_LENGTH


def test_highlight_escapes_and_marks_every_script():
    assert str(search.highlight("<b>Seko</b> & seko", ["SEKO"])) == (
        "&lt;b&gt;<mark>Seko</mark>&lt;/b&gt; &amp; <mark>seko</mark>"
    )
    assert str(search.highlight("Ольга Голодец", ["голодец"])) == "Ольга <mark>Голодец</mark>"
    assert str(search.highlight("世耕弘成", ["耕弘"])) == "世<mark>耕弘</mark>成"


def test_excerpt_shows_the_words_around_the_match():
    text = " ".join(f"word{n}" for n in range(100)) + " Golodets said " + "more " * 50
    piece = str(search.excerpt(text, ["golodets"]))
    assert piece.startswith("… ")
    assert piece.endswith(" …")
    assert "<mark>Golodets</mark> said" in piece
    assert len(piece) < search.SNIPPET_LENGTH + 40


def test_meeting_found_by_its_city_in_russian(client, db):
    MeetingFactory(
        slug="test-vladivostok", title_en="Forum", city_en="Vladivostok", city_ru="Владивосток"
    )
    response = get(client, q="владивосток")
    assert urls(response, "meetings") == ["/en/meetings/test-vladivostok/"]
    assert "Vladivostok" in str(groups(response)["meetings"].hits[0].meta)


@pytest.mark.django_db
def test_every_searched_table_has_its_stored_vector_on_postgresql():
    """The search reads a stored `search_vector`, `search_names` and `search_text` on
    PostgreSQL (coopr 0007 and 0009, projects 0011): a new searched type needs its migration,
    or the search page fails there. SQLite has none."""
    with connection.cursor() as cursor:
        for kind in search.KINDS:
            table = kind.model._meta.db_table
            columns = {
                c.name for c in connection.introspection.get_table_description(cursor, table)
            }
            for column in ("search_vector", "search_names", "search_text"):
                assert (column in columns) == (connection.vendor == "postgresql"), (table, column)


def test_a_results_kind_is_its_choice_label_in_each_language(client, db):
    """The results' details name a record's kind as get_<field>_display() does, in the page's
    language (coopr.choices.choice_label, which translates only the label shown)."""
    meeting = MeetingFactory(slug="test-quokka-forum", title_en="Quokka forum")
    for lang in ("en", "ru", "ja"):
        with translation.override(lang):
            label = meeting.get_kind_display()
            assert choice_label(meeting, "kind") == label
        response = get(client, lang, q="quokka")
        assert groups(response)["meetings"].hits[0].meta[0] == label
