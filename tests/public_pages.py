"""Every type of public page, with one real address for each, for the site-wide quality tests.

The HTML validity test (tests/coopr/test_html_valid.py) and the browser test
(tests/browser/test_public_site.py) visit each page type in each language from this one list,
so a new page type is checked everywhere by adding it here. Addresses are built from the real
data set (`load_seed`) with the route names and the records' slugs; nothing here assumes what
a page shows, only which record or query it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from coopr.models import Source
from people.models import Organization, Person
from projects.models import Document, Indicator, JointBody, Meeting, PlanItem, Project, Theme

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)

# The records the detail pages show: rich ones, with people, citations and figures.
PLAN = "eight-point-cooperation-plan"
PLAN_ITEM = 8
PROJECT = "japan-russia-university-association"
MEETING = "osaka-symposium-2018-03-24"
DOCUMENT = "memorandum-university-association-2016"
INDICATOR = "projects-under-item-8-reported"
PERSON = "olga-golodets"
ORGANIZATION = "meti"
SOURCE = "tass-2018-03-24"
BODY = "intergovernmental-commission-trade-economic"
THEME = "student-exchange"
SEARCH_HIT = "Golodets"
# No record holds this word in any language.
SEARCH_MISS = "Zyxwvutsrq"


@dataclass(frozen=True)
class PageType:
    """A kind of public page and how to find a real example of it (called in a language)."""

    key: str
    locate: Callable[[], str]
    status: int = HTTPStatus.OK
    # False for the feeds: not HTML, checked by their own tests.
    html: bool = True


@dataclass(frozen=True)
class PublicPage:
    """One page type's address in one language."""

    key: str
    lang: str
    url: str
    status: int
    html: bool

    @property
    def id(self) -> str:
        return f"{self.lang}-{self.key}"


def _with_query(route: str, **params: str) -> str:
    return f"{reverse(route)}?{urlencode(params)}"


def _plan_item() -> PlanItem:
    return PlanItem.objects.select_related("plan").get(plan__slug=PLAN, number=PLAN_ITEM)


def _filtered_projects() -> str:
    """The projects list searched for a word of one project's title (every list has `?q=`)."""
    with translation.override("en"):
        word = Project.objects.get(slug=PROJECT).title.split()[-1]
    return _with_query("project-list", q=word)


def _not_found() -> str:
    return f"{reverse('home')}no-such-page/"


PAGE_TYPES: tuple[PageType, ...] = (
    PageType("home", lambda: reverse("home")),
    PageType("plan-list", lambda: reverse("plan-list")),
    PageType("plan-detail", lambda: _plan_item().plan.get_absolute_url()),
    PageType("plan-item-detail", lambda: _plan_item().get_absolute_url()),
    PageType("project-list", lambda: reverse("project-list")),
    PageType("project-list-filtered", _filtered_projects),
    PageType("project-detail", lambda: Project.objects.get(slug=PROJECT).get_absolute_url()),
    PageType("meeting-list", lambda: reverse("meeting-list")),
    PageType("meeting-detail", lambda: Meeting.objects.get(slug=MEETING).get_absolute_url()),
    PageType("document-list", lambda: reverse("document-list")),
    PageType("document-detail", lambda: Document.objects.get(slug=DOCUMENT).get_absolute_url()),
    PageType("indicator-list", lambda: reverse("indicator-list")),
    PageType("indicator-detail", lambda: Indicator.objects.get(slug=INDICATOR).get_absolute_url()),
    PageType("person-list", lambda: reverse("person-list")),
    PageType("person-detail", lambda: Person.objects.get(slug=PERSON).get_absolute_url()),
    PageType("organization-list", lambda: reverse("organization-list")),
    PageType(
        "organization-detail",
        lambda: Organization.objects.get(slug=ORGANIZATION).get_absolute_url(),
    ),
    PageType("body-list", lambda: reverse("body-list")),
    PageType("body-detail", lambda: JointBody.objects.get(slug=BODY).get_absolute_url()),
    PageType("theme-list", lambda: reverse("theme-list")),
    PageType("theme-detail", lambda: Theme.objects.get(slug=THEME).get_absolute_url()),
    PageType("source-list", lambda: reverse("source-list")),
    PageType("source-detail", lambda: Source.objects.get(slug=SOURCE).get_absolute_url()),
    PageType("search-results", lambda: _with_query("search", q=SEARCH_HIT)),
    PageType("search-no-results", lambda: _with_query("search", q=SEARCH_MISS)),
    PageType("downloads", lambda: reverse("downloads")),
    PageType("not-found", _not_found, status=HTTPStatus.NOT_FOUND),
    PageType("changes-feed", lambda: reverse("changes-feed"), html=False),
    PageType("meeting-calendar", lambda: reverse("meeting-calendar"), html=False),
)

HTML_PAGE_KEYS: tuple[str, ...] = tuple(t.key for t in PAGE_TYPES if t.html)


def public_pages(lang: str) -> list[PublicPage]:
    """Every page type's address in `lang`, found in the database (load the data set first)."""
    with translation.override(lang):
        return [
            PublicPage(key=t.key, lang=lang, url=t.locate(), status=t.status, html=t.html)
            for t in PAGE_TYPES
        ]


def html_pages() -> dict[str, PublicPage]:
    """The HTML pages of every type in every language, by id ("ru-project-detail")."""
    return {page.id: page for lang in LANGUAGES for page in public_pages(lang) if page.html}


def html_page_ids() -> list[str]:
    """The ids `html_pages()` returns, known without a database (for parametrizing tests)."""
    return [f"{lang}-{key}" for lang in LANGUAGES for key in HTML_PAGE_KEYS]
