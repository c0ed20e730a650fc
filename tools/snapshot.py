"""Render every page type and API response in three languages into a directory, so that a
refactoring can be shown to change nothing a user sees (compare two runs with `diff -r`).

    DATABASE_URL=sqlite:////tmp/snap.sqlite3 .venv/bin/python tools/snapshot.py OUT_DIR

The database must hold the real data set (`manage.py migrate && manage.py load_seed`); the
same database must be used for both runs. Uses the test settings (no response cache).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

import logging  # noqa: E402

from django.conf import settings  # noqa: E402

settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
logging.disable(logging.CRITICAL)

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

LANGUAGES = ("en", "ru", "ja")
# Per-request values that differ on every run: masked so that two runs compare equal.
VOLATILE = [
    (re.compile(rb'csrfmiddlewaretoken" value="[^"]+"'), b'csrfmiddlewaretoken" value="X"'),
    (re.compile(rb'nonce="[^"]+"'), b'nonce="X"'),
    (re.compile(rb"'nonce-[^']+'"), b"'nonce-X'"),
    (re.compile(rb"DTSTAMP:[0-9TZ]+"), b"DTSTAMP:X"),
]


def page_paths(models) -> list[str]:
    Source, Person, Organization, Plan, PlanItem, Project, Meeting, Document, Indicator = models
    paths = [
        "",
        "search/",
        "search/?q=energy",
        "search/?q=Russia&kind=project",
        "search/?q=Абэ",
        "search/?q=安倍",
        "changes.atom",
        "sources/",
        "sources/?page=2",
        "people/",
        "people/?sort=-name",
        "people/?q=a",
        "organizations/",
        "plans/",
        "projects/",
        "projects/?status=completed",
        "projects/?sort=-title&page=2",
        "meetings/",
        "meetings/?when=past",
        "meetings.ics",
        "documents/",
        "indicators/",
    ]
    paths += [f"sources/{o.slug}/" for o in Source.objects.order_by("pk")]
    paths += [f"people/{o.slug}/" for o in Person.objects.order_by("pk")]
    paths += [f"organizations/{o.slug}/" for o in Organization.objects.order_by("pk")]
    paths += [f"plans/{o.slug}/" for o in Plan.objects.order_by("pk")]
    paths += [
        f"plans/{o.plan.slug}/items/{o.number}/"
        for o in PlanItem.objects.select_related("plan").order_by("pk")
    ]
    paths += [f"projects/{o.slug}/" for o in Project.objects.order_by("pk")]
    paths += [f"meetings/{o.slug}/" for o in Meeting.objects.order_by("pk")]
    paths += [f"documents/{o.slug}/" for o in Document.objects.order_by("pk")]
    paths += [f"indicators/{o.slug}/" for o in Indicator.objects.order_by("pk")]
    return paths


def api_paths(models) -> list[str]:
    Source, Person, Organization, Plan, PlanItem, Project, Meeting, Document, Indicator = models
    paths = []
    for resource, model, key in (
        ("sources", Source, "slug"),
        ("people", Person, "slug"),
        ("organizations", Organization, "slug"),
        ("plans", Plan, "slug"),
        ("plan-items", PlanItem, "pk"),
        ("projects", Project, "slug"),
        ("meetings", Meeting, "slug"),
        ("documents", Document, "slug"),
        ("indicators", Indicator, "slug"),
    ):
        paths.append(f"/api/v1/{resource}/")
        paths.append(f"/api/v1/{resource}/?page_size=5")
        paths += [f"/api/v1/{resource}/{getattr(o, key)}/" for o in model.objects.order_by("pk")]
    paths += ["/api/v1/projects/?status=completed", "/api/v1/people/?search=abe"]
    return paths


def main(out: Path) -> None:
    from coopr.models import Source
    from people.models import Organization, Person
    from projects.models import Document, Indicator, Meeting, Plan, PlanItem, Project

    models = (Source, Person, Organization, Plan, PlanItem, Project, Meeting, Document, Indicator)
    client = Client()
    out.mkdir(parents=True, exist_ok=True)
    counts = []
    jobs = [(f"/{lang}/{p}", lang, {}) for lang in LANGUAGES for p in page_paths(models)]
    jobs += [
        (p + ("&" if "?" in p else "?") + f"lang={lang}", lang, {})
        for lang in LANGUAGES
        for p in api_paths(models)
    ]
    jobs += [("/api/schema/", "en", {}), ("/api/schema/?format=json", "en", {})]
    for url, _lang, headers in jobs:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **headers)
        body = response.content
        for pattern, replacement in VOLATILE:
            body = pattern.sub(replacement, body)
        name = quote(url.strip("/"), safe="").replace("%", "_") or "root"
        head = f"{response.status_code} {response.get('Content-Type')}\n".encode()
        (out / name).write_bytes(head + body)
        counts.append(f"{len(queries)}\t{url}")
    (out.parent / (out.name + ".queries")).write_text("\n".join(counts) + "\n")
    print(f"{len(jobs)} responses written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
