"""An editor works in the admin through a real browser: log in, change, save, read history."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from projects.models import Project, Status
from tests.browser.conftest import EDITOR_PASSWORD
from tests.conftest import load_real_data

SLUG = "labour-efficiency-business-missions"
SCREENSHOT = "/tmp/admin_history.png"


def test_editor_changes_project_status_and_sees_it_in_history(live_server, page, browser_editor):
    # A live-server test runs on a transactional database: load the data set here.
    load_real_data()
    project = Project.objects.get(slug=SLUG)
    assert project.status != Status.IN_PROGRESS
    versions_before = project.history.count()

    page.goto(f"{live_server.url}{reverse('admin:login')}")
    page.get_by_label("Username").fill(browser_editor.username)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text(browser_editor.username)

    change_url = reverse("admin:projects_project_change", args=[project.pk])
    page.goto(f"{live_server.url}{change_url}")
    expect(page).to_have_title(re.compile(r"Change project"))
    page.locator("select#id_status").select_option(label="in progress")
    # save_on_top puts a second row of buttons above the form; either saves.
    page.get_by_role("button", name="Save", exact=True).last.click()

    page.wait_for_url(f"{live_server.url}{reverse('admin:projects_project_changelist')}*")
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    expect(page.locator(".messagelist .success")).to_contain_text(project.title)

    project.refresh_from_db()
    assert project.status == Status.IN_PROGRESS
    assert project.history.count() == versions_before + 1

    # The change page links to the history page.
    page.goto(f"{live_server.url}{change_url}")
    page.get_by_role("link", name="History").click()
    page.wait_for_url(
        f"{live_server.url}{reverse('admin:projects_project_history', args=[project.pk])}"
    )
    history = page.locator("table#change-history")
    expect(history).to_be_visible()
    # Newest first: the editor's change, with the field it changed.
    latest = history.locator("tbody tr").first
    expect(latest).to_contain_text("Changed")
    expect(latest).to_contain_text(browser_editor.username)
    expect(history.locator("thead th", has_text="Changes")).to_be_visible()
    changed_status = latest.locator("li", has_text=re.compile(r"^\s*status:", re.I))
    expect(changed_status).to_contain_text(Status.IN_PROGRESS.value)
    expect(history.locator("tbody tr")).to_have_count(versions_before + 1)

    page.screenshot(path=SCREENSHOT, full_page=True)
    assert page.console_errors == []
    assert page.failed_requests == []
