"""The bulk downloads: a Frictionless Data Package and JSON Lines of the whole record, built off
the request path, never stale, offered by a page and by the API in three languages."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from decimal import Decimal
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopr import downloads
from coopr.downloads.building import JSON_LINES, PACKAGE, UNDECIDED, root
from coopr.downloads.tables import tables
from coopr.registry import auto_links, record_types
from people.models import Person
from projects.models import Project
from tests.coopr.factories import SourceFactory
from tests.projects.factories import ProjectFactory, ProjectPersonFactory

FRICTIONLESS = str(Path(sys.executable).with_name("frictionless"))


@pytest.fixture(autouse=True)
def downloads_root(settings, tmp_path):
    """Each test builds into a directory of its own."""
    settings.DOWNLOADS_ROOT = str(tmp_path / "downloads")
    settings.DATA_LICENSE = ""
    return Path(settings.DOWNLOADS_ROOT)


def built() -> dict:
    manifest = downloads.build()
    assert manifest is not None
    return manifest


def package_path(manifest: dict) -> Path:
    return root() / manifest["version"] / PACKAGE


def read_package(manifest: dict) -> tuple[dict, dict[str, list[dict[str, str]]]]:
    with zipfile.ZipFile(package_path(manifest)) as package:
        descriptor = json.loads(package.read("datapackage.json"))
        tables_ = {
            resource["name"]: list(
                csv.DictReader(io.TextIOWrapper(package.open(resource["path"]), encoding="utf-8"))
            )
            for resource in descriptor["resources"]
        }
    return descriptor, tables_


def frictionless_validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [FRICTIONLESS, "validate", "--json", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=path.parent,
    )


# The package -----------------------------------------------------------------------------------


def test_frictionless_validate_passes_on_the_built_package(real_data):
    """`frictionless validate` (the CLI, as a user runs it) finds the package valid: fields,
    types, required values, enums, primary keys and foreign keys across the tables."""
    manifest = built()
    result = frictionless_validate(package_path(manifest))
    report = json.loads(result.stdout)
    assert report["valid"] is True, result.stdout[:3000]
    assert result.returncode == 0
    checked = {task["name"]: task["stats"].get("rows", 0) for task in report["tasks"]}
    assert checked == manifest["rows"]
    assert checked["projects"] == Project.objects.count() > 0


def test_frictionless_validate_fails_on_a_dangling_foreign_key(real_data, tmp_path):
    """The check above can fail: the same package with one project pointing at a plan item
    that does not exist is refused."""
    manifest = built()
    broken = tmp_path / "broken.zip"
    with (
        zipfile.ZipFile(package_path(manifest)) as package,
        zipfile.ZipFile(broken, "w") as out,
    ):
        for name in package.namelist():
            content = package.read(name).decode()
            if name == "projects.csv":
                lines = content.split("\r\n")
                header = lines[0].split(",")
                cells = next(csv.reader([lines[1]]))
                cells[header.index("plan_item_id")] = "987654321"
                buffer = io.StringIO()
                csv.writer(buffer).writerow(cells)
                lines[1] = buffer.getvalue().rstrip("\r\n")
                content = "\r\n".join(lines)
            out.writestr(name, content)
    result = frictionless_validate(broken)
    report = json.loads(result.stdout)
    assert report["valid"] is False
    errors = [e["type"] for task in report["tasks"] for e in task["errors"]]
    assert errors == ["foreign-key"]


def test_the_package_has_a_table_per_record_type_and_link_table_from_the_registry(real_data):
    """Read from the registry and the models' _meta: every registered type and every
    many-to-many link table without a model of its own is a resource, with its keys."""
    descriptor, _rows = read_package(built())
    names = [resource["name"] for resource in descriptor["resources"]]
    models = [table.model for table in tables()]
    assert len(names) == len(set(names)) == len(models)
    for record_type in record_types():
        assert record_type.model in models
        for m2m in auto_links(record_type):
            assert m2m.remote_field.through in models
    by_name = {resource["name"]: resource for resource in descriptor["resources"]}
    assert by_name["projects"]["schema"]["primaryKey"] == ["id"]
    assert by_name["projects"]["schema"]["foreignKeys"] == [
        {"fields": ["plan_item_id"], "reference": {"resource": "plan-items", "fields": ["id"]}}
    ]
    assert by_name["documents-signatories"]["schema"]["foreignKeys"] == [
        {"fields": ["document_id"], "reference": {"resource": "documents", "fields": ["id"]}},
        {"fields": ["person_id"], "reference": {"resource": "people", "fields": ["id"]}},
    ]
    fields = {f["name"]: f for f in by_name["projects"]["schema"]["fields"]}
    assert {"title_en", "title_ru", "title_ja", "summary_ja"} <= set(fields)
    assert "title" not in fields  # only repeats one of the languages
    assert fields["start"]["type"] == "date"
    assert fields["progress"]["type"] == "integer"
    assert "completed" in fields["status"]["constraints"]["enum"]


def test_translated_fields_are_in_all_three_languages(real_data):
    _descriptor, rows = read_package(built())
    abe = Person.objects.get(slug="shinzo-abe")
    (row,) = [row for row in rows["people"] if row["slug"] == "shinzo-abe"]
    assert (row["name_en"], row["name_ru"], row["name_ja"]) == (
        "Shinzo Abe",
        "Синдзо Абэ",
        "安倍晋三",
    )
    assert abe.name_ru == "Синдзо Абэ"


def test_the_licence_is_undecided_unless_data_license_is_set(real_data, settings):
    descriptor, _rows = read_package(built())
    assert "licenses" not in descriptor
    assert UNDECIDED in descriptor["description"]
    sources = {source.get("path") for source in descriptor["sources"]}
    assert len(descriptor["sources"]) == len(real_data_sources()) > 0
    assert sources >= {url for url in real_data_sources() if url}

    settings.DATA_LICENSE = "CC-BY-4.0 https://creativecommons.org/licenses/by/4.0/"
    descriptor, _rows = read_package(downloads.build(force=True))
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    assert UNDECIDED not in descriptor["description"]


def real_data_sources() -> list[str]:
    from coopr.models import Source

    return list(Source.objects.values_list("url", flat=True))


def test_the_csvs_load_into_sqlite_with_their_keys(real_data, tmp_path):
    """Tables made from datapackage.json alone (PRIMARY KEY, FOREIGN KEY), loaded with foreign
    keys on: every reference is found."""
    descriptor, rows = read_package(built())
    types = {"integer": "INTEGER", "number": "NUMERIC", "boolean": "INTEGER"}
    database = sqlite3.connect(tmp_path / "record.sqlite3")
    database.execute("PRAGMA foreign_keys = ON")
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        columns = [f'"{f["name"]}" {types.get(f["type"], "TEXT")}' for f in schema["fields"]]
        columns.append("PRIMARY KEY ({})".format(", ".join(schema["primaryKey"])))
        for key in schema.get("foreignKeys", []):
            target = key["reference"]["resource"] or resource["name"]
            columns.append(
                'FOREIGN KEY ("{}") REFERENCES "{}" ({})'.format(
                    '", "'.join(key["fields"]), target, ", ".join(key["reference"]["fields"])
                )
            )
        database.execute('CREATE TABLE "{}" ({})'.format(resource["name"], ", ".join(columns)))
    with database:  # one transaction: references are checked at its end
        database.execute("PRAGMA defer_foreign_keys = ON")
        for resource in descriptor["resources"]:
            names = [f["name"] for f in resource["schema"]["fields"]]
            database.executemany(
                'INSERT INTO "{}" VALUES ({})'.format(
                    resource["name"], ", ".join("?" * len(names))
                ),
                [
                    [row[n] if row[n] != "" else None for n in names]
                    for row in rows[resource["name"]]
                ],
            )
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    assert database.execute('SELECT count(*) FROM "projects"').fetchone()[0] == (
        Project.objects.count()
    )
    joined = database.execute(
        'SELECT count(*) FROM "projects" p JOIN "plan-items" i ON p.plan_item_id = i.id '
        'JOIN "plans" pl ON i.plan_id = pl.id'
    ).fetchone()[0]
    assert joined == Project.objects.count()


def test_json_lines_round_trip_to_the_same_rows_as_the_csvs(real_data):
    """Each table's JSON Lines file holds the CSV's rows, with JSON types (numbers, null)."""
    manifest = built()
    _descriptor, csv_rows = read_package(manifest)
    with zipfile.ZipFile(root() / manifest["version"] / JSON_LINES) as lines:
        assert sorted(lines.namelist()) == sorted(f"{name}.jsonl" for name in csv_rows)
        for name, rows in csv_rows.items():
            objects = [json.loads(line) for line in lines.read(f"{name}.jsonl").splitlines()]
            assert len(objects) == len(rows), name
            for obj, row in zip(objects, rows, strict=True):
                assert list(obj) == list(row), name
                for key, value in obj.items():
                    assert same(value, row[key]), (name, key, value, row[key])
    project = Project.objects.order_by("pk").first()
    with zipfile.ZipFile(root() / manifest["version"] / JSON_LINES) as lines:
        first = json.loads(lines.read("projects.jsonl").splitlines()[0])
    assert first["id"] == project.pk
    assert first["title_ru"] == project.title_ru
    assert first["plan_item_id"] == project.plan_item_id


def same(value, cell: str) -> bool:
    """A JSON value and the CSV cell of the same column and row say the same thing."""
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == str(value).lower()
    if isinstance(value, int | float):
        return Decimal(str(value)) == Decimal(cell)
    return value == cell


# Never stale -----------------------------------------------------------------------------------


def test_a_change_to_a_record_invalidates_the_download(
    real_data, client, django_capture_on_commit_callbacks
):
    manifest = built()
    old = f"/downloads/{manifest['version']}/{PACKAGE}"
    assert client.get(old).status_code == HTTPStatus.OK

    project = Project.objects.order_by("pk").first()
    project.summary_en = "Changed."
    with django_capture_on_commit_callbacks(execute=True):
        project.save()

    assert downloads.current() is None
    assert client.get(old).status_code == HTTPStatus.NOT_FOUND
    page = client.get("/en/downloads/").content.decode()
    assert "a new build of the downloads is on its way" in page
    assert old not in page
    api = client.get("/api/v1/downloads/").json()
    assert api == {"ready": False, "version": None, "built": None, "licenses": [], "files": []}

    again = built()
    assert again["version"] != manifest["version"]
    _descriptor, rows = read_package(again)
    assert {"Changed."} == {r["summary_en"] for r in rows["projects"] if r["id"] == str(project.pk)}
    assert client.get(f"/downloads/{again['version']}/{PACKAGE}").status_code == HTTPStatus.OK
    assert client.get(old).status_code == HTTPStatus.NOT_FOUND


def test_a_link_change_invalidates_the_download(real_data, django_capture_on_commit_callbacks):
    built()
    document = real_document()
    with django_capture_on_commit_callbacks(execute=True):
        document.projects.add(Project.objects.order_by("pk").first())
    assert downloads.current() is None


def real_document():
    from projects.models import Document

    return Document.objects.order_by("pk").first()


def test_seed_synthetic_invalidates_the_download(real_data, django_capture_on_commit_callbacks):
    """bulk_create sends no signals: the command says so itself."""
    built()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_synthetic", projects=2, verbosity=0)
    assert downloads.current() is None


@pytest.mark.django_db(transaction=True)
def test_a_write_rebuilds_the_download_in_the_background(settings):
    """After DOWNLOADS_DEBOUNCE seconds without a further write, the writing process rebuilds
    the downloads in a thread of its own (here on committed rows, in a real transaction)."""
    settings.DOWNLOADS_DEBOUNCE = 0.2
    first = built()
    source = SourceFactory()  # committed at once: no transaction around it
    assert downloads.current() is None
    deadline = time.monotonic() + 60
    while downloads.current() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    rebuilt = downloads.current()
    assert rebuilt is not None
    assert rebuilt["version"] != first["version"]
    assert rebuilt["rows"]["sources"] == first["rows"]["sources"] + 1 == 1
    assert source.pk


def test_a_build_of_unchanged_data_is_not_redone(real_data):
    first = built()
    assert built() == first


def test_build_downloads_command(real_data, capsys):
    call_command("build_downloads")
    manifest = downloads.current()
    assert manifest is not None
    out = capsys.readouterr().out
    assert f"Downloads {manifest['version']} built" in out
    assert (root() / manifest["version"] / PACKAGE).exists()


def test_the_build_runs_a_fixed_number_of_queries_per_table(real_data):
    """One query per table for its rows and one for its version (fingerprint), one for the
    sources, one for the content types: the same with 50 more projects and their people."""
    tables_ = tables()

    def count() -> int:
        shutil.rmtree(root(), ignore_errors=True)
        with CaptureQueriesContext(connection) as queries:
            built()
        return len([q for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]])

    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    few = count()
    ProjectPersonFactory.create_batch(50, project=ProjectFactory())
    ProjectFactory.create_batch(50)
    ContentType.objects.clear_cache()
    assert count() == few == 2 * len(tables_) + 2


# The page and the API -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading", "api_link"),
    [
        ("en", "Download the whole record", "The same, for programs (API)"),
        ("ru", "Скачать все данные", "То же для программ (API)"),
        ("ja", "全データのダウンロード", "プログラム向け（API）"),
    ],
)
def test_the_page_offers_each_file_with_its_date_size_and_checksum(
    real_data, client, language, heading, api_link
):
    manifest = built()
    response = client.get(f"/{language}/downloads/")
    assert response.status_code == HTTPStatus.OK
    assert response["Cache-Control"] == "no-cache"
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f'<a href="/{language}/downloads/">{heading}</a>' in html  # the footer's link
    assert f'<a href="/api/v1/downloads/">{api_link}</a>' in html
    for name, info in manifest["files"].items():
        assert f'href="/downloads/{manifest["version"]}/{name}"' in html
        assert f'<code class="checksum">{info["sha256"]}</code>' in html
        assert f"{info['size']}" in html
    assert "2026" in html or manifest["built"][:4] in html


@pytest.mark.parametrize("language", ["en", "ru", "ja"])
def test_the_api_link_says_when_size_and_checksum(real_data, client, language):
    manifest = built()
    root_links = client.get("/api/v1/", HTTP_ACCEPT_LANGUAGE=language).json()
    assert root_links["downloads"] == "http://testserver/api/v1/downloads/"
    response = client.get(root_links["downloads"], HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == HTTPStatus.OK
    version = manifest["version"]
    assert response.json() == {
        "ready": True,
        "version": version,
        "built": manifest["built"],
        "licenses": [],
        "files": [
            {
                "name": name,
                "format": {PACKAGE: "datapackage", JSON_LINES: "jsonl"}[name],
                "url": f"http://testserver/downloads/{version}/{name}",
                "size": manifest["files"][name]["size"],
                "sha256": manifest["files"][name]["sha256"],
            }
            for name in (PACKAGE, JSON_LINES)
        ],
    }


def test_a_file_is_served_with_its_checksum_as_etag_and_unknown_names_are_404(real_data, client):
    manifest = built()
    version = manifest["version"]
    response = client.get(f"/downloads/{version}/{JSON_LINES}")
    assert response.status_code == HTTPStatus.OK
    body = b"".join(response.streaming_content)
    assert len(body) == manifest["files"][JSON_LINES]["size"]
    assert response["ETag"] == f'"{manifest["files"][JSON_LINES]["sha256"]}"'
    assert client.get(f"/downloads/{version}/manifest.json").status_code == HTTPStatus.NOT_FOUND
    assert client.get(f"/downloads/{version}/..%2Fcurrent.json").status_code == (
        HTTPStatus.NOT_FOUND
    )


def test_the_page_before_any_build_says_one_is_on_its_way(db, client):
    html = client.get("/en/downloads/").content.decode()
    assert "a new build of the downloads is on its way" in html
    assert "/downloads/" in html
