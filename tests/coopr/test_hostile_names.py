"""Names and descriptions holding markup and spreadsheet formulas are shown as text everywhere.

Every record of the data model gets names, titles and descriptions, in English, Russian and
Japanese, that hold script payloads (`<script>`, an `onmouseover` attribute, a `">` that would
close an attribute) and start with a spreadsheet formula (`=HYPERLINK(…)`, `@SUM(1)`, `+1+1`,
`-1+…`). Then each output must show them as text:

- public pages (lists, pages, search results, the home page) in every language: escaped, in
  the body, the `<title>` and the meta description;
- the admin (list, form, history, delete confirmation), for a superuser;
- the Atom feed (XML-escaped) and the iCalendar feed (text values, no HTML part);
- the public CSV exports and the admin's CSV and XLSX exports: every cell a spreadsheet would
  run as a formula starts with an apostrophe, and the admin's files import back unchanged;
- the API: the value exactly as stored, as JSON.

Each check looks for the escaped form too, not only for the absence of the raw one, so it
fails if a value were dropped or escaped twice.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from http import HTTPStatus
from xml.sax.saxutils import escape as xml_escape

import feedparser
import openpyxl
import pytest
from django.contrib import admin
from django.db import models, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from icalendar import Calendar

from coopr.exports import FORMULA_PREFIXES
from coopr.models import Citation, Source
from coopr.services import record_save
from people.models import Organization, Person, Position
from projects.models import (
    BodyChair,
    Document,
    Indicator,
    JointBody,
    Meeting,
    MeetingParticipant,
    Observation,
    Plan,
    PlanItem,
    Project,
    ProjectOrganization,
    ProjectPerson,
    ProjectUpdate,
    Theme,
)
from tests.coopr.factories import CitationFactory, SourceFactory
from tests.people.factories import OrganizationFactory, PersonFactory, PositionFactory
from tests.projects import factories as f
from tests.public_pages import LANGUAGES

pytestmark = pytest.mark.django_db

# The values -------------------------------------------------------------------------------

# Each language's value starts with a different formula; every value holds the same markup
# and a word to search for.
FORMULA = {"en": '=HYPERLINK("http://evil","x")', "ru": "@SUM(1)", "ja": "+1+1"}
WORD = "Kraken"
# What markup looks like when a page shows it raw.
RAW = (b"<script>alert(", b"<b onmouseover", b"<svg onload")


def hostile(kind: str, lang: str) -> str:
    """A name or title (at most 200 characters, the shortest limit of those fields)."""
    return (
        f'{FORMULA[lang]}<script>alert("{kind}")</script> {WORD} {kind} '
        f'<b onmouseover=alert(1)>{lang}</b> "><svg onload=alert(1)>'
    )


def short(kind: str, lang: str) -> str:
    """A short text (a unit, a city, a short name: at most 100 characters)."""
    return f"-1+{kind}<script>alert(1)</script> {lang}"


def translations(name: str, kind: str, make=hostile) -> dict[str, str]:
    """`name_en`, `name_ru`, `name_ja` for a factory."""
    return {f"{name}_{lang}": make(kind, lang) for lang in LANGUAGES}


# The records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    """The slugs of the hostile records (one of each kind, all linked to each other)."""

    plan: str = "hostile-plan"
    project: str = "hostile-project"
    meeting: str = "hostile-meeting"
    document: str = "hostile-document"
    indicator: str = "hostile-indicator"
    person: str = "hostile-person"
    organization: str = "hostile-organization"
    source: str = "hostile-source"
    theme: str = "hostile-theme"
    body: str = "hostile-body"


WORLD = World()


def build_world() -> None:
    organization = OrganizationFactory(
        slug=WORLD.organization,
        **translations("name", "organization"),
        **translations("short_name", "org", short),
        **translations("description", "organization-description"),
        other_names=hostile("organization-alias", "en"),
    )
    person = PersonFactory(
        slug=WORLD.person,
        **translations("name", "person"),
        **translations("biography", "biography"),
        sort_name=hostile("sort-name", "en"),
        other_names=hostile("person-alias", "ru"),
    )
    PositionFactory(
        person=person, organization=organization, **translations("title", "post", short)
    )
    plan = f.PlanFactory(
        slug=WORLD.plan,
        **translations("title", "plan"),
        **translations("description", "plan-description"),
        **translations("proposed_place", "place", short),
        proposed_by=person,
    )
    item = f.PlanItemFactory(
        plan=plan, number=1, **translations("title", "item"), **translations("description", "x")
    )
    project = f.ProjectFactory(
        slug=WORLD.project,
        plan_item=item,
        **translations("title", "project"),
        **translations("summary", "summary"),
    )
    f.ProjectOrganizationFactory(project=project, organization=organization)
    f.ProjectPersonFactory(project=project, person=person, **translations("role", "role", short))
    f.ProjectUpdateFactory(project=project, **translations("note", "update"))
    meeting = f.MeetingFactory(
        slug=WORLD.meeting,
        **translations("title", "meeting"),
        **translations("description", "meeting-description"),
        **translations("outcomes", "outcomes"),
        **translations("city", "city", short),
        start=dt.date(2018, 5, 26),
        end=dt.date(2018, 5, 27),
    )
    meeting.plan_items.add(item)
    meeting.projects.add(project)
    meeting.organizations.add(organization)
    f.MeetingParticipantFactory(
        meeting=meeting, person=person, **translations("role", "delegate", short)
    )
    document = f.DocumentFactory(
        slug=WORLD.document,
        **translations("title", "document"),
        **translations("summary", "document-summary"),
        **translations("place", "signed-at", short),
        meeting=meeting,
    )
    document.signatories.add(person)
    document.parties.add(organization)
    document.plan_items.add(item)
    document.projects.add(project)
    indicator = f.IndicatorFactory(
        slug=WORLD.indicator,
        **translations("name", "indicator"),
        **translations("unit", "unit", short),
        **translations("description", "indicator-description"),
        plan_item=item,
    )
    f.ObservationFactory(indicator=indicator, **translations("note", "observation"))
    theme = f.ThemeFactory(slug=WORLD.theme, **translations("name", "theme"))
    project.themes.add(theme)
    body = f.JointBodyFactory(slug=WORLD.body, **translations("name", "body"))
    f.BodyChairFactory(body=body, person=person)
    source = SourceFactory(
        slug=WORLD.source,
        title=hostile("source", "en"),
        publisher=short("publisher", "en"),
        notes=hostile("notes", "en"),
    )
    for target in (project, meeting, person, organization, document, indicator, plan):
        CitationFactory(
            target=target, source=source, quote=hostile("quote", "ru"), note=short("n", "en")
        )
    # A change through the service, so the history pages and the feed show an edit.
    project.title_en = hostile("project", "en") + " (edited)"
    record_save(instance=project)
    project.title_en = hostile("project", "en")
    record_save(instance=project)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The hostile records, made once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_world()
        yield WORLD
        transaction.set_rollback(True)


def value(model, slug: str, field: str, lang: str) -> str:
    """The stored value of a field in `lang` (English where it is empty; a source's title is
    in one language)."""
    obj = model._default_manager.get(slug=slug)
    if not hasattr(obj, f"{field}_en"):
        return getattr(obj, field)
    return getattr(obj, f"{field}_{lang}") or getattr(obj, f"{field}_en")


def assert_no_markup(body: bytes, where: str) -> None:
    for raw in RAW:
        at = body.find(raw)
        assert at == -1, (where, raw, body[max(0, at - 300) : at + 100])


def assert_shown_escaped(html: str, text: str, where: str) -> None:
    assert escape(text) in html, (where, escape(text))


# Public pages -----------------------------------------------------------------------------

# Each page, and the records it names: (model, slug, field). Every page shows its own record's
# name in its `<title>`; a detail page also in its meta description.
PAGES: dict[str, tuple[str, list[tuple[type[models.Model], str, str]], bool]] = {
    # key: (route and kwargs, what the page names, whether it is a record's own page)
    "home": ("home", [(Plan, WORLD.plan, "title"), (Meeting, WORLD.meeting, "title")], False),
    "plan-list": ("plan-list", [(Plan, WORLD.plan, "title")], False),
    "plan-detail": (
        f"plan-detail:{WORLD.plan}",
        [(Plan, WORLD.plan, "title"), (Plan, WORLD.plan, "description")],
        True,
    ),
    "project-list": (
        "project-list",
        [(Project, WORLD.project, "title"), (Organization, WORLD.organization, "name")],
        False,
    ),
    "project-detail": (
        f"project-detail:{WORLD.project}",
        [
            (Project, WORLD.project, "title"),
            (Project, WORLD.project, "summary"),
            (Person, WORLD.person, "name"),
            (Organization, WORLD.organization, "name"),
            (Meeting, WORLD.meeting, "title"),
            (Document, WORLD.document, "title"),
        ],
        True,
    ),
    "meeting-list": ("meeting-list", [(Meeting, WORLD.meeting, "title")], False),
    "meeting-detail": (
        f"meeting-detail:{WORLD.meeting}",
        [
            (Meeting, WORLD.meeting, "title"),
            (Meeting, WORLD.meeting, "description"),
            (Meeting, WORLD.meeting, "outcomes"),
            (Person, WORLD.person, "name"),
            (Document, WORLD.document, "title"),
        ],
        True,
    ),
    "document-list": ("document-list", [(Document, WORLD.document, "title")], False),
    "document-detail": (
        f"document-detail:{WORLD.document}",
        [
            (Document, WORLD.document, "title"),
            (Document, WORLD.document, "summary"),
            (Person, WORLD.person, "name"),
            (Organization, WORLD.organization, "name"),
            (Meeting, WORLD.meeting, "title"),
        ],
        True,
    ),
    "indicator-list": ("indicator-list", [(Indicator, WORLD.indicator, "name")], False),
    "indicator-detail": (
        f"indicator-detail:{WORLD.indicator}",
        [(Indicator, WORLD.indicator, "name"), (Indicator, WORLD.indicator, "description")],
        True,
    ),
    "person-list": (
        "person-list",
        [(Person, WORLD.person, "name"), (Organization, WORLD.organization, "name")],
        False,
    ),
    "person-detail": (
        f"person-detail:{WORLD.person}",
        [
            (Person, WORLD.person, "name"),
            (Person, WORLD.person, "biography"),
            (Organization, WORLD.organization, "name"),
            (Meeting, WORLD.meeting, "title"),
            (Document, WORLD.document, "title"),
            (Project, WORLD.project, "title"),
        ],
        True,
    ),
    "organization-list": (
        "organization-list",
        [(Organization, WORLD.organization, "name")],
        False,
    ),
    "organization-detail": (
        f"organization-detail:{WORLD.organization}",
        [
            (Organization, WORLD.organization, "name"),
            (Organization, WORLD.organization, "description"),
            (Person, WORLD.person, "name"),
            (Project, WORLD.project, "title"),
            (Meeting, WORLD.meeting, "title"),
            (Document, WORLD.document, "title"),
        ],
        True,
    ),
    "source-list": (
        "source-list",
        [(Source, WORLD.source, "title"), (Source, WORLD.source, "publisher")],
        False,
    ),
    "source-detail": (
        f"source-detail:{WORLD.source}",
        [(Source, WORLD.source, "title"), (Source, WORLD.source, "publisher")],
        True,
    ),
}
# The plan item's page, addressed by plan and number.
ITEM_PAGE = [
    (PlanItem, "title"),
    (Project, "title"),
    (Meeting, "title"),
    (Document, "title"),
    (Indicator, "name"),
]


def page_url(route: str, lang: str) -> str:
    name, _sep, slug = route.partition(":")
    with translation.override(lang):
        return reverse(name, kwargs={"slug": slug} if slug else None)


def get_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert_no_markup(response.content, url)
    return response.content.decode()


def head_part(html: str, pattern: str) -> str:
    """The text of the `<title>` or the meta description, as a parser would end it."""
    found = re.search(pattern, html, re.DOTALL)
    assert found, pattern
    return found.group(1)


TITLE = r"<title>([^<]*)</title>"
DESCRIPTION = r'<meta name="description" content="([^"]*)">'


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", list(PAGES))
def test_public_pages_show_hostile_names_as_text(client, world, key, lang):
    route, named, own = PAGES[key]
    url = page_url(route, lang)
    html = get_html(client, url)
    for model, slug, field in named:
        assert_shown_escaped(html, value(model, slug, field, lang), f"{url} {model.__name__}")
    if own:
        model, slug, field = named[0]
        name = escape(value(model, slug, field, lang))
        assert name in head_part(html, TITLE)
        assert name in head_part(html, DESCRIPTION)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plan_item_page_shows_hostile_names_as_text(client, world, lang):
    item = PlanItem.objects.get(plan__slug=WORLD.plan, number=1)
    with translation.override(lang):
        url = item.get_absolute_url()
    html = get_html(client, url)
    slugs = {
        PlanItem: None,
        Project: WORLD.project,
        Meeting: WORLD.meeting,
        Document: WORLD.document,
        Indicator: WORLD.indicator,
    }
    for model, field in ITEM_PAGE:
        obj = item if model is PlanItem else model.objects.get(slug=slugs[model])
        text = getattr(obj, f"{field}_{lang}")
        assert_shown_escaped(html, text, f"{url} {model.__name__}")
    title = escape(getattr(item, f"title_{lang}"))
    assert title in head_part(html, TITLE)
    assert title in head_part(html, DESCRIPTION)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_results_show_hostile_names_as_text(client, world, lang):
    with translation.override(lang):
        url = reverse("search") + f"?q={WORD}"
    html = get_html(client, url)
    marked = f"<mark>{WORD}</mark>"
    for model, slug, field in [
        (Plan, WORLD.plan, "title"),
        (Project, WORLD.project, "title"),
        (Meeting, WORLD.meeting, "title"),
        (Document, WORLD.document, "title"),
        (Indicator, WORLD.indicator, "name"),
        (Person, WORLD.person, "name"),
        (Organization, WORLD.organization, "name"),
    ]:
        text = escape(value(model, slug, field, lang)).replace(WORD, marked)
        assert text in html, (model.__name__, text)
    source_title = escape(Source.objects.get(slug=WORLD.source).title).replace(WORD, marked)
    assert source_title in html


# Feeds ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_atom_feed_holds_hostile_names_as_text(client, world, lang):
    response = client.get(f"/{lang}/changes.atom")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert_no_markup(response.content, "atom")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    title = value(Project, WORLD.project, "title", lang)
    # XML-escaped in the file, the text itself once parsed.
    assert xml_escape(title).encode() in response.content
    assert any(title in entry.title for entry in feed.entries), [e.title for e in feed.entries]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_calendar_holds_hostile_names_as_plain_text(client, world, lang):
    response = client.get(f"/{lang}/meetings.ics")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"text/html" not in response.content.lower()
    meeting = Meeting.objects.get(slug=WORLD.meeting)
    events = [
        event
        for event in Calendar.from_ical(response.content).walk("VEVENT")
        if str(event["UID"]) == f"meeting-{meeting.pk}@coopr"
    ]
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == getattr(meeting, f"title_{lang}")
    assert getattr(meeting, f"description_{lang}") in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]).startswith(getattr(meeting, f"city_{lang}"))


# Pasted from a word processor: a vertical tab, a form feed, other controls.
CONTROLS = "Vertical\x0btab\x0cform feed\x01\x1f\x7f and \ufffe"


def test_control_characters_in_a_name_do_not_break_the_feeds(client, world):
    """XML 1.0 cannot hold them (Django refused to write the whole Atom feed: a 500) and
    iCalendar text may not: each is shown as U+FFFD."""
    f.MeetingFactory(slug="controls", title_en=CONTROLS, description_en=CONTROLS, city_en=CONTROLS)
    shown = "Vertical\ufffdtab\ufffdform feed\ufffd\ufffd\ufffd and \ufffd"
    response = client.get("/en/changes.atom")
    assert response.status_code == HTTPStatus.OK
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries[0].title == f"Meeting “{shown}” added"
    response = client.get("/en/meetings.ics", {"meeting": "controls"})
    assert response.status_code == HTTPStatus.OK
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == shown
    assert str(event["DESCRIPTION"]).startswith(shown)
    assert str(event["LOCATION"]).startswith(shown)
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", response.content)


# Public CSV exports ---------------------------------------------------------------------

CSV_LISTS = {
    "plan-list": (Plan, WORLD.plan, "title"),
    "project-list": (Project, WORLD.project, "title"),
    "meeting-list": (Meeting, WORLD.meeting, "title"),
    "document-list": (Document, WORLD.document, "title"),
    "indicator-list": (Indicator, WORLD.indicator, "name"),
    "person-list": (Person, WORLD.person, "name"),
    "organization-list": (Organization, WORLD.organization, "name"),
    "source-list": (Source, WORLD.source, "title"),
}


def csv_cells(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def neutralised(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("route", list(CSV_LISTS))
def test_public_csv_neutralises_formulas_and_keeps_text_whole(client, world, route, lang):
    model, slug, field = CSV_LISTS[route]
    with translation.override(lang):
        url = reverse(route) + "?format=csv"
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_cells(response)
    header, body = rows[0], rows[1:]
    assert body, url
    for row in body:
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES), (url, cell)
    ours = [row for row in body if slug in row]
    assert len(ours) == 1, (url, body)
    shown = value(model, slug, field, lang)
    assert neutralised(shown) in ours[0], (url, dict(zip(header, ours[0], strict=True)))
    assert neutralised(shown).startswith("'")


# The admin ------------------------------------------------------------------------------

WORLD_ROWS: dict[type[models.Model], dict] = {
    Plan: {"slug": WORLD.plan},
    PlanItem: {"plan__slug": WORLD.plan},
    Project: {"slug": WORLD.project},
    ProjectOrganization: {"project__slug": WORLD.project},
    ProjectPerson: {"project__slug": WORLD.project},
    ProjectUpdate: {"project__slug": WORLD.project},
    Meeting: {"slug": WORLD.meeting},
    MeetingParticipant: {"meeting__slug": WORLD.meeting},
    Document: {"slug": WORLD.document},
    Indicator: {"slug": WORLD.indicator},
    Observation: {"indicator__slug": WORLD.indicator},
    Person: {"slug": WORLD.person},
    Organization: {"slug": WORLD.organization},
    Position: {"person__slug": WORLD.person},
    Source: {"slug": WORLD.source},
    Citation: {"source__slug": WORLD.source},
    Theme: {"slug": WORLD.theme},
    JointBody: {"slug": WORLD.body},
    BodyChair: {"body__slug": WORLD.body},
}


def test_every_admin_model_with_text_is_checked():
    """A model added to the admin is checked here too (or this fails until it is)."""
    from django.contrib.auth.models import Group, User
    from rest_framework.authtoken.models import TokenProxy

    ignored = {User, Group, TokenProxy}
    registered = {model for model in admin.site._registry if model not in ignored}
    project_models = {m for m in registered if m._meta.app_label in {"coopr", "people", "projects"}}
    assert project_models <= set(WORLD_ROWS), project_models - set(WORLD_ROWS)


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def hostile_text_fields(obj) -> dict[str, str]:
    """The text columns of `obj` that hold markup."""
    values = {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
    return {name: text for name, text in values.items() if isinstance(text, str) and "<" in text}


@pytest.fixture
def boss(client, superuser):
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("model", list(WORLD_ROWS), ids=lambda m: m.__name__)
def test_admin_shows_hostile_text_as_text(boss, world, model):
    obj = model._default_manager.filter(**WORLD_ROWS[model]).order_by("pk").first()
    assert obj is not None
    texts = hostile_text_fields(obj)
    model_admin = admin.site._registry[model]

    changelist = boss.get(admin_url(model, "changelist"))
    assert changelist.status_code == HTTPStatus.OK
    assert_no_markup(changelist.content, f"{model.__name__} list")
    html = changelist.content.decode()
    assert escape(str(obj)) in html or any(
        escape(texts[name]) in html for name in texts if name in model_admin.list_display
    ), model.__name__

    searched = boss.get(admin_url(model, "changelist"), {"q": WORD})
    assert searched.status_code == HTTPStatus.OK
    assert_no_markup(searched.content, f"{model.__name__} search")

    change = boss.get(admin_url(model, "change", obj.pk))
    assert change.status_code == HTTPStatus.OK
    assert_no_markup(change.content, f"{model.__name__} form")
    html = change.content.decode()
    form_fields = change.context["adminform"].form.fields
    shown = {name: text for name, text in texts.items() if name in form_fields}
    assert shown or not texts, (model.__name__, texts)
    for name, text in shown.items():
        assert_shown_escaped(html, text, f"{model.__name__}.{name} form")
    assert escape(str(obj)) in html

    history = boss.get(admin_url(model, "history", obj.pk))
    assert history.status_code == HTTPStatus.OK
    assert_no_markup(history.content, f"{model.__name__} history")
    assert escape(str(obj)) in history.content.decode()

    delete = boss.get(admin_url(model, "delete", obj.pk))
    assert delete.status_code == HTTPStatus.OK
    assert_no_markup(delete.content, f"{model.__name__} delete")


def test_admin_history_shows_an_edit_of_hostile_text_as_text(boss, world):
    project = Project.objects.get(slug=WORLD.project)
    html = boss.get(admin_url(Project, "history", project.pk)).content.decode()
    assert escape(hostile("project", "en") + " (edited)") in html


# The admin's import and export ---------------------------------------------------------

EXPORTED = {
    Project: WORLD.project,
    Meeting: WORLD.meeting,
    Document: WORLD.document,
    Person: WORLD.person,
    Organization: WORLD.organization,
}
FORMATS = {"csv": "0", "xlsx": "1"}  # the choices' order in the admin forms


def admin_export(client, model, fmt: str):
    """Export every row through the admin's export form, all columns ticked as shown."""
    form = client.get(admin_url(model, "export")).context["form"]
    data = {"format": FORMATS[fmt], "resource": "0"}
    for name, field in form.fields.items():
        if getattr(field, "is_selectable_field", False) and field.initial:
            data[name] = "on"
    response = client.post(admin_url(model, "export"), data)
    assert response.status_code == HTTPStatus.OK
    return response


def exported_rows(content: bytes, fmt: str) -> list[dict]:
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows())
    formulas = [cell.coordinate for row in rows for cell in row if cell.data_type == "f"]
    assert not formulas, f"XLSX cells written as formulas: {formulas}"
    header = [cell.value for cell in rows[0]]
    return [dict(zip(header, [c.value for c in row], strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("model", list(EXPORTED), ids=lambda m: m.__name__)
def test_admin_export_neutralises_formulas(boss, world, model, fmt):
    rows = exported_rows(admin_export(boss, model, fmt).content, fmt)
    ours = next(row for row in rows if row["slug"] == EXPORTED[model])
    obj = model._default_manager.get(slug=EXPORTED[model])
    texts = hostile_text_fields(obj)
    checked = [name for name in texts if name in ours]
    assert checked, (model.__name__, list(ours))
    for name in checked:
        # The whole text, behind an apostrophe when a spreadsheet would run it.
        assert ours[name] == neutralised(texts[name]), (model.__name__, name, ours[name])
    for row in rows:
        for column, cell in row.items():
            assert not (isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES)), (
                column,
                cell,
            )
            # An empty cell stays empty: not the text "None".
            assert cell != "None", column


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("model", list(EXPORTED), ids=lambda m: m.__name__)
def test_admin_export_imports_back_unchanged(boss, world, model, fmt):
    """The apostrophe is the file's, not the record's: an export reads back as it was."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    obj = model._default_manager.get(slug=EXPORTED[model])
    before = hostile_text_fields(obj)
    content = admin_export(boss, model, fmt).content
    upload = SimpleUploadedFile(f"{model._meta.model_name}.{fmt}", content)
    preview = boss.post(
        admin_url(model, "import"),
        {"resource": "0", "format": FORMATS[fmt], "import_file": upload},
    )
    assert preview.status_code == HTTPStatus.OK
    assert "confirm_form" in preview.context, preview.content.decode()[:3000]
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    changed = [row for row in result.rows if row.import_type not in ("skip",)]
    assert not changed, [(row.import_type, row.diff) for row in changed]
    boss.post(admin_url(model, "process_import"), preview.context["confirm_form"].initial)
    obj.refresh_from_db()
    assert hostile_text_fields(obj) == before


# The API ----------------------------------------------------------------------------------

API = {
    "plans": (Plan, WORLD.plan, "title"),
    "projects": (Project, WORLD.project, "title"),
    "meetings": (Meeting, WORLD.meeting, "title"),
    "documents": (Document, WORLD.document, "title"),
    "indicators": (Indicator, WORLD.indicator, "name"),
    "people": (Person, WORLD.person, "name"),
    "organizations": (Organization, WORLD.organization, "name"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("resource", list(API))
def test_api_gives_hostile_text_exactly_as_stored(client, world, resource, lang):
    model, slug, field = API[resource]
    response = client.get(f"/api/v1/{resource}/{slug}/", {"lang": lang})
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    data = json.loads(response.content)
    obj = model._default_manager.get(slug=slug)
    assert data[field] == getattr(obj, f"{field}_{lang}")
    assert data[f"{field}_i18n"] == {code: getattr(obj, f"{field}_{code}") for code in LANGUAGES}


def test_api_source_and_lists_give_hostile_text_exactly(client, world):
    source = client.get(f"/api/v1/sources/{WORLD.source}/").json()
    assert source["title"] == hostile("source", "en")
    listed = client.get("/api/v1/projects/", {"search": WORD}).json()["results"]
    assert [p["title"] for p in listed] == [hostile("project", "en")]


def test_api_docs_still_work_with_hostile_records(client, world):
    for url in ("/api/docs/", "/api/schema/"):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        assert_no_markup(response.content, url)


def test_the_checks_see_markup_and_formulas():
    """The checks above can fail: they see raw markup, and a formula cell."""
    with pytest.raises(AssertionError):
        assert_no_markup(hostile("x", "en").encode(), "raw")
    with pytest.raises(AssertionError):
        assert_shown_escaped("<p>" + hostile("x", "en") + "</p>", hostile("x", "en"), "raw")
    assert neutralised(hostile("x", "en")).startswith("'=")
    assert all(hostile("x", lang).startswith(FORMULA_PREFIXES) for lang in LANGUAGES)
