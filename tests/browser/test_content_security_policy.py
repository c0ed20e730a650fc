"""The Content-Security-Policy breaks nothing: the API docs and the admin work under it.

Chromium reports every script or style the policy refuses as a console error; the pages
below must load with none, and do what they are for.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from projects.models import Project
from tests.conftest import load_real_data

PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def admin_user(transactional_db):
    load_real_data()
    return get_user_model().objects.create_superuser(
        username="csp-admin", email="csp@example.org", password=PASSWORD
    )


def test_swagger_ui_draws_every_operation_under_the_policy(live_server, page):
    page.goto(f"{live_server.url}/api/docs/")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 20
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any(path.startswith("/api/v1/projects/") for path in paths), paths
    assert page.console_errors == []
    assert page.failed_requests == []


def test_admin_pages_work_under_the_policy(live_server, page, admin_user):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    project = Project.objects.order_by("pk").first()
    addresses = [
        "/admin/",
        "/admin/projects/project/",
        f"/admin/projects/project/{project.pk}/change/",
        f"/admin/projects/project/{project.pk}/history/",
        "/admin/projects/project/export/",
        "/admin/projects/project/import/",
        "/admin/axes/accessattempt/",
        "/admin/people/person/add/",
    ]
    for address in addresses:
        page.goto(live_server.url + address)
        page.locator("#content").wait_for()
        assert page.console_errors == [], address
        assert page.failed_requests == [], address
    # The admin's own scripts run: the change form's date shortcuts and the inline rows.
    page.goto(f"{live_server.url}/admin/projects/project/{project.pk}/change/")
    assert page.locator(".add-row a").count() > 0
    assert page.console_errors == []
