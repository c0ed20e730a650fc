"""Fixtures for the browser tests: Debian's Chromium, driven by Playwright's sync API.

Playwright's own browsers are never downloaded (no `playwright install`): the tests launch
/usr/bin/chromium (`apt-get install chromium`). Without it they fail; they never skip.
Each test gets a fresh browser context, so no cookie or session leaks from one test to the
next, and a page that records every console error and failed request, so a test can assert
that none happened.

Pages are served by pytest-django's `live_server`; a test that uses it runs on a
transactional database, so the rows it writes are visible to the server's threads.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import Browser, Page, sync_playwright

EDITED_APPS = ("coopr", "people", "projects")
BROWSER_TESTS = Path(__file__).parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium calls Google's servers, which this network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
# Long enough for a loaded machine, short enough that a missing element fails quickly.
TIMEOUT_MS = 15_000


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests run after all others (in pytest-django's order among themselves).

    Once the session's browser has started, Playwright's event loop runs in the main thread
    until the end, and Django then keeps database connections per context instead of per
    thread: a test run after that point would not use the connection opened before it.
    """
    items.sort(key=lambda item: item.path.is_relative_to(BROWSER_TESTS))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(as root: apt-get update && apt-get install -y chromium).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a new context. Records problems in `page.console_errors` (console errors and
    uncaught exceptions) and `page.failed_requests` (network failures and HTTP 4xx/5xx)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.console_errors = []
    page.failed_requests = []

    def on_console(message):
        url = message.location.get("url", "")
        # Chromium asks every site for /favicon.ico on its own; the pages do not ask for it.
        if message.type == "error" and urlsplit(url).path != "/favicon.ico":
            page.console_errors.append(f"{message.text} ({url})" if url else message.text)

    def on_response(response):
        if response.status >= 400:
            page.failed_requests.append(
                f"{response.request.method} {response.url}: HTTP {response.status}"
            )

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.console_errors.append(f"uncaught: {error}"))
    page.on(
        "requestfailed",
        lambda request: page.failed_requests.append(
            f"{request.method} {request.url}: {request.failure}"
        ),
    )
    page.on("response", on_response)
    yield page
    context.close()


EDITOR_PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def browser_editor(transactional_db):
    """A staff member in a group that may view, add and change every record (not delete).

    Made here rather than taken from the shared fixtures: a live-server test runs on a
    transactional database, which is emptied after each test, so rows that migrations wrote
    (such as role groups) are gone for every such test but the first.
    """
    editors = Group.objects.create(name="browser editors")
    editors.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=EDITED_APPS, codename__regex=r"^(view|add|change)_"
        )
    )
    editor = get_user_model().objects.create_user(
        username="editor",
        email="editor@example.org",
        password=EDITOR_PASSWORD,
        is_staff=True,
    )
    editor.groups.add(editors)
    return editor
