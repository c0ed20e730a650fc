"""/api/docs/ (Swagger UI) in a real browser: it says its language, axe-core (bundled with
axe-playwright-python, injected from its local file) finds no violation of any of its rules
(WCAG 2.0-2.2 A and AA, contrast and target size among them, and its best practices), and
every control is a target of 24 by 24 px at least: as the page first shows, and with an
operation opened for trying out. No console error, no failed request.

Swagger UI's own markup and colours fall short of that; coopr/static/coopr/css/api-docs.css
and coopr/static/coopr/js/api-docs.js make up for it.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.test_public_site import _axe_report

# Every rule axe-core has: Lighthouse's accessibility audit runs a subset of them.
AXE_OPTIONS = {"resultTypes": ["violations"]}
TARGET_PX = 24  # WCAG 2.2's 2.5.8 Target Size (Minimum)

# Controls smaller than the target size, but for links inside running text (which 2.5.8
# exempts).
SMALL_TARGETS = """(size) => [...document.querySelectorAll(
    'a[href], button, select, input, textarea, summary, [role=button], [tabindex]'
  )]
  .filter((e) => e.tabIndex >= 0 && e.getClientRects().length)
  .filter((e) => getComputedStyle(e).visibility !== 'hidden')
  .filter((e) => !(e.tagName === 'A' && e.closest('p, li, .markdown')))
  .map((e) => [e, e.getBoundingClientRect()])
  .filter(([e, box]) => box.width < size || box.height < size)
  .map(([e, box]) => `${Math.round(box.width)}x${Math.round(box.height)} px: `
    + e.outerHTML.slice(0, 120))"""


def problems_of(page: Page) -> list[str]:
    found = _axe_report(Axe().run(page, options=AXE_OPTIONS).response["violations"])
    return found + [f"small target {t}" for t in page.evaluate(SMALL_TARGETS, TARGET_PX)]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_api_docs_say_their_language_and_pass_axe(live_server, browser, lang):
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, extra_http_headers={"Accept-Language": lang}
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.append(f"{r.request.method} {r.url}: {r.status}"),
    )
    try:
        response = page.goto(f"{live_server.url}/api/docs/")
        assert response is not None and response.status == 200
        expect(page.locator("html")).to_have_attribute("lang", lang)
        operations = page.locator(".opblock-summary-control")
        expect(operations.first).to_be_visible(timeout=30_000)
        problems += problems_of(page)

        operations.first.click()
        page.locator(".try-out__btn").first.click()
        expect(page.locator(".btn.execute").first).to_be_visible()
        problems += problems_of(page)
        assert problems == [], "\n".join(problems)
    finally:
        context.close()
