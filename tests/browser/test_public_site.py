"""The public site in a real browser: every page type in English, Russian and Japanese loads
without console errors or failed requests, passes axe-core's WCAG 2.1 A/AA rules and needs no
sideways scrolling on a 360 px wide phone; switching language, searching from the header and
filtering the projects list work by clicking and typing.

The pages come from tests/public_pages.py, so a new page type is checked here by adding it
there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.db import connection
from django.test.utils import modify_settings
from django.utils import translation
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from people.models import Person
from projects.models import PlanItem, Project
from tests.conftest import load_real_data
from tests.public_pages import (
    LANGUAGES,
    MEETING,
    PERSON,
    PLAN,
    SEARCH_HIT,
    PublicPage,
    html_page_ids,
    html_pages,
)

# The data set is loaded once for the module (see `site`); the mark makes pytest-django
# create the test database.
pytestmark = pytest.mark.django_db

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PHONE = {"width": 360, "height": 740}
# Browsers round layout to whole pixels; one is rounding, two is a real overflow.
SCROLL_TOLERANCE_PX = 1
# The plan item the filter test picks: it has one project on record; item 8 has the others.
FILTER_ITEM = 5
FILTER_ITEM_PROJECT = "labour-efficiency-business-missions"
OTHER_ITEM_PROJECT = "cross-years-2018"


@dataclass(frozen=True)
class Site:
    url: str
    pages: dict[str, PublicPage]
    # Addresses of records the interaction tests look for, by language.
    person_urls: dict[str, str]
    project_urls: dict[str, str]
    filter_item_title: str

    def address(self, page_id: str) -> str:
        return self.url + self.pages[page_id].url


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker) -> Iterator[Site]:
    """A live server with the real data set, shared by every test of the module.

    pytest-django's `live_server` fixture makes each test that uses it run on a transactional
    database, emptied after the test: the data set (two seconds to load) would be loaded for
    each of the ~70 tests. Here the same server class runs for the module, the data set is
    loaded and committed once, the tests only read it, and at the end the database is put back
    as it was (emptied, then refilled with what it held before, such as the role groups that
    migrations create), so later tests see no difference.
    """
    with django_db_blocker.unblock():
        before = connection.creation.serialize_db_to_string()
    server = None
    try:
        with django_db_blocker.unblock():
            load_real_data()
            server = LiveServer("localhost")
            site = _describe_site(server.url)
            # Once Playwright's sync API runs, code runs in its greenlet, where Django opens
            # a connection of its own: close this one, or PostgreSQL will not drop the test
            # database while it is open.
            connection.close()
        with modify_settings(ALLOWED_HOSTS={"append": urlsplit(server.url).hostname}):
            yield site
    finally:
        if server is not None:
            server.stop()
        with django_db_blocker.unblock():
            # As Django's serialized rollback does: no post-migrate rows (the copy has them),
            # and sequences left where they are, so new rows do not reuse the copy's ids.
            call_command(
                "flush",
                interactive=False,
                verbosity=0,
                inhibit_post_migrate=True,
                reset_sequences=False,
            )
            connection.creation.deserialize_db_from_string(before)
            connection.close()


def _describe_site(url: str) -> Site:
    pages = html_pages()
    person = Person.objects.get(slug=PERSON)
    projects = Project.objects.in_bulk([FILTER_ITEM_PROJECT, OTHER_ITEM_PROJECT], field_name="slug")
    person_urls, project_urls = {}, {}
    for lang in LANGUAGES:
        with translation.override(lang):
            person_urls[lang] = person.get_absolute_url()
            for slug, project in projects.items():
                project_urls[f"{lang}-{slug}"] = project.get_absolute_url()
    with translation.override("en"):
        item_title = PlanItem.objects.get(plan__slug=PLAN, number=FILTER_ITEM).title
    return Site(url, pages, person_urls, project_urls, item_title)


def _unexpected_problems(page: Page, target: PublicPage, address: str) -> list[str]:
    """Console errors and failed requests, but for the page's own expected error status
    (the 404 page is meant to answer 404, and Chromium logs that as a console error)."""
    problems = [f"console: {error}" for error in page.console_errors]
    problems += [f"request: {failure}" for failure in page.failed_requests]
    if target.status >= 400:
        problems = [
            problem
            for problem in problems
            if not (address in problem and str(int(target.status)) in problem)
        ]
    return problems


def _axe_report(violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(
            f"axe {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            snippet = re.sub(r"\s+", " ", node["html"])[:200]
            lines.append(f"    {target}: {snippet}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:400]}")
    return lines


@pytest.mark.parametrize("page_id", html_page_ids())
def test_page_loads_cleanly_passes_axe_and_fits_a_phone(site, page, page_id):
    target = site.pages[page_id]
    address = site.address(page_id)
    response = page.goto(address)
    assert response is not None
    assert response.status == target.status, address
    expect(page.locator("html")).to_have_attribute("lang", target.lang)

    problems = _unexpected_problems(page, target, address)
    problems += _axe_report(Axe().run(page, options=AXE_OPTIONS).response["violations"])
    # The same page on a phone: the layout follows the new width without a reload.
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"] + SCROLL_TOLERANCE_PX:
        problems.append(f"layout: {width}px wide on a {PHONE['width']}px screen")
    assert problems == [], f"{address}:\n" + "\n".join(problems)


def test_language_switcher_shows_the_same_page_in_russian(site, page):
    page.goto(site.address("en-meeting-detail"))
    switcher = page.locator("header form").filter(has=page.get_by_label("Language"))
    switcher.get_by_label("Language").select_option(label="Русский")
    switcher.get_by_role("button").click()

    russian = site.address("ru-meeting-detail")
    assert urlsplit(russian).path.startswith("/ru/") and MEETING in russian
    page.wait_for_url(russian)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    # The switcher now shows the language the page is in.
    expect(page.locator("header select").first).to_have_value("ru")
    assert page.console_errors == [] and page.failed_requests == []


def test_search_from_the_header_finds_golodets(site, page):
    page.goto(site.address("en-home"))
    box = page.locator("header").get_by_role("searchbox")
    box.fill(SEARCH_HIT)
    box.press("Enter")

    page.wait_for_url(re.compile(rf"/en/search/\?q={SEARCH_HIT}$"))
    result = page.locator(f'main a[href="{site.person_urls["en"]}"]')
    expect(result.first).to_be_visible()
    expect(result.first).to_contain_text("Golodets")
    assert page.console_errors == [] and page.failed_requests == []


def test_filtering_projects_by_plan_item_narrows_the_list(site, page):
    page.goto(site.address("en-project-list"))
    main = page.locator("main")
    kept = main.locator(f'a[href="{site.project_urls["en-" + FILTER_ITEM_PROJECT]}"]')
    dropped = main.locator(f'a[href="{site.project_urls["en-" + OTHER_ITEM_PROJECT]}"]')
    expect(kept.first).to_be_visible()
    expect(dropped.first).to_be_visible()

    # The plan item filter is the select that offers item 5 by its title.
    form = main.locator("form").filter(has=page.get_by_role("button", name="Apply"))
    select = form.locator("select").filter(
        has=page.locator("option", has_text=site.filter_item_title)
    )
    expect(select).to_have_count(1)
    option = select.locator("option", has_text=site.filter_item_title)
    value = option.get_attribute("value")
    name = select.get_attribute("name")
    select.select_option(value)
    form.get_by_role("button", name="Apply").click()

    page.wait_for_url(re.compile(rf"[?&]{re.escape(name)}={re.escape(value)}(&|$)"))
    expect(kept.first).to_be_visible()
    expect(dropped).to_have_count(0)
    assert page.console_errors == [] and page.failed_requests == []


@pytest.mark.parametrize("page_id", ["en-home", "en-project-list", "ru-home", "ja-project-list"])
def test_phone_wide_screen_needs_no_sideways_scrolling(site, page, page_id, tmp_path):
    page.set_viewport_size(PHONE)
    page.goto(site.address(page_id))
    page.screenshot(path=tmp_path / f"{page_id}-360.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + SCROLL_TOLERANCE_PX, (
        f"{page_id} is {width}px wide at {PHONE['width']}px (screenshot in {tmp_path})"
    )
    assert page.console_errors == [] and page.failed_requests == []
