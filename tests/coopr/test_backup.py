"""Backup and restore (coopr/backup.py, `manage.py backup` and `restore`).

A restore into an empty database gives back every API response byte for byte, and every row
as stored (history, versions, timestamps, users, tokens, the admin's log); what it refuses it
refuses whole, writing nothing. The commands run their own transactions, so these tests run
in real ones (`transaction=True`) and empty the database the way a new one is empty: `flush`,
after which `migrate`'s handlers create content types, permissions and roles again.
"""

from __future__ import annotations

import difflib
import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation
from rest_framework.authtoken.models import Token

from coopr import backup
from coopr.api.throttling import AnonRateThrottle, UserRateThrottle
from coopr.models import Source
from coopr.services import record_save
from people.models import Organization, Person
from projects.models import Meeting, Project
from tests.coopr.factories import SourceFactory

API = "/api/v1/"
LANGUAGES = ("en", "ru", "ja")
# Each list read whole, in numbered and in keyset pages of 3 (so that most lists have
# several), and in another order.
LIST_QUERIES = ("", "&page_size=3", "&cursor=&page_size=3", "&ordering=-updated")
# What a client reads besides the body (Last-Modified is the time of the last write, which
# the restore itself is).
HEADERS = ("Content-Type", "Content-Language", "ETag")
PASSWORD = "a-long-test-password"

in_transactions = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_throttling(monkeypatch):
    """Reading every response twice takes more requests than a minute's rate allows."""
    for throttle in (AnonRateThrottle, UserRateThrottle):
        monkeypatch.setattr(throttle, "allow_request", lambda self, request, view: True)


@pytest.fixture
def record(real_data):
    """The real data set and what a running site adds to it: edits (history with who made
    them; one made in Russian, which modeltranslation stores differently), a link between
    records added later, a staff member with a token in the Editors role and in a group of
    their own, an entry in the admin's log.
    """
    editor = get_user_model().objects.create_user(
        username="editor", email="editor@example.org", password=PASSWORD, is_staff=True
    )
    reviewers = Group.objects.create(name="Reviewers")
    reviewers.permissions.set(Permission.objects.filter(codename__in=["view_project"]))
    editor.groups.add(Group.objects.get(name="Editors"), reviewers)
    token = Token.objects.create(user=editor)
    project = Project.objects.order_by("pk").first()
    project.summary_ru = "Ассоциация японских и российских университетов."
    record_save(instance=project, user=editor, reason="Russian summary")
    with translation.override("ru"):
        project.title_ru = "Японско-российская ассоциация университетов"
        record_save(instance=project, user=editor, reason="Russian title")
    person = Person.objects.order_by("pk").first()
    person.biography_en = "Edited after the data set was loaded."
    record_save(instance=person, user=editor)
    # A link added later, to the first meeting: its row's id is out of the meetings' order.
    meeting = Meeting.objects.order_by("pk").first()
    meeting.organizations.add(Organization.objects.exclude(meetings=meeting).order_by("pk").last())
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Project),
        object_id=str(project.pk),
        object_repr=str(project),
        action_flag=CHANGE,
        change_message="Changed summary.",
    )
    return SimpleNamespace(editor=editor, token=token.key, project=project)


# What is compared ------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status: int
    headers: tuple[tuple[str, str | None], ...]
    body: bytes


def relative(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def api_answers(client) -> dict[str, Answer]:
    """Every API response: the root, every page of every list in every language (numbered
    and keyset pages, two orders), and every record's detail in every language."""
    answers: dict[str, Answer] = {}

    def get(url: str) -> dict:
        response = client.get(url)
        answers[url] = Answer(
            response.status_code,
            tuple((name, response.get(name)) for name in HEADERS),
            response.content,
        )
        assert response.status_code == 200, f"GET {url} → {response.status_code}"
        return response.json()

    # The API's root names every list (and the version that answers, and the downloads).
    # (The change feed is not among them: a restore adds its "reset" entry, see below.)
    skipped = {"version", "downloads", "changes"}
    lists = {name: url for name, url in get(API).items() if name not in skipped}
    assert len(lists) == 11
    details = []
    for address in lists.values():
        for language in LANGUAGES:
            for query in LIST_QUERIES:
                url = f"{relative(address)}?lang={language}{query}"
                while url:
                    page = get(url)
                    details.extend(relative(item["url"]) for item in page["results"])
                    url = page["next"] and relative(page["next"])
    for url in dict.fromkeys(details):
        for language in LANGUAGES:
            get(f"{url}?lang={language}")
    return answers


def pretty(body: bytes) -> list[str]:
    try:
        return json.dumps(json.loads(body), indent=1, ensure_ascii=False).splitlines()
    except ValueError:
        return body.decode("utf-8", "replace").splitlines()


def assert_same_answers(before: dict[str, Answer], after: dict[str, Answer]) -> None:
    assert list(after) == list(before), "the restored record does not have the same pages"
    for url, answer in before.items():
        if after[url] != answer:
            diff = "\n".join(
                difflib.unified_diff(
                    pretty(answer.body), pretty(after[url].body), "before", "after", lineterm=""
                )
            )
            pytest.fail(
                f"GET {url} differs after the restore.\nHeaders before: {answer.headers}\n"
                f"Headers after:  {after[url].headers}\n{diff}",
                pytrace=False,
            )


def stored() -> dict[str, list]:
    """Every row of every table a backup should hold, as the database stores it, with the ids
    that belong to the database (content types, permissions, groups) given by natural key."""
    User = get_user_model()
    quote = connection.ops.quote_name
    content_types = {ct.pk: ct.natural_key() for ct in ContentType.objects.all()}
    tables: dict[str, list] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if (
            meta.proxy
            or meta.app_label in {"contenttypes", "sessions", "axes"}
            or (meta.app_label == "auth" and (meta.auto_created or model is not User))
        ):
            continue  # made by migrate, not records, or compared by natural key below
        fields = model._meta.concrete_fields
        columns = ", ".join(quote(field.column) for field in fields)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM {quote(model._meta.db_table)} "
                f"ORDER BY {quote(model._meta.pk.column)}"
            )
            rows = cursor.fetchall()
        tables[model._meta.label] = [
            tuple(
                content_types[value] if field.related_model is ContentType else value
                for field, value in zip(fields, row, strict=True)
            )
            for row in rows
        ]
    tables["auth.Group"] = sorted(
        (group.name, sorted(p.natural_key() for p in group.permissions.all()))
        for group in Group.objects.all()
    )
    tables["auth.User groups and permissions"] = sorted(
        (
            user.username,
            sorted(group.name for group in user.groups.all()),
            sorted(p.natural_key() for p in user.user_permissions.all()),
        )
        for user in get_user_model().objects.all()
    )
    return tables


def assert_same_rows(before: dict[str, list], after: dict[str, list]) -> None:
    assert list(after) == list(before)
    for name, rows in before.items():
        if name == "coopr.Change":
            # A restore is a bulk write: the change feed keeps its entries and gets one more,
            # "reset" (read the lists again).
            assert after[name][:-1] == rows, f"{name}: the rows differ after the restore"
            assert after[name][-1][2] == "reset"
            continue
        assert after[name] == rows, f"{name}: the rows differ after the restore"


def record_rows() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in backup.backed_up_models()
        if model is not Group
    }


def empty_database() -> None:
    """As a new, migrated database is: content types, permissions and roles, no records."""
    call_command("flush", interactive=False, verbosity=0)
    assert not any(record_rows().values())


def restore(path: Path, **options) -> str:
    out = io.StringIO()
    call_command("restore", str(path), stdout=out, **options)
    return out.getvalue()


def round_trip(tmp_path: Path, name: str = "coopr.json") -> Path:
    path = tmp_path / name
    call_command("backup", str(path), verbosity=0)
    empty_database()
    restore(path, verbosity=0)
    return path


# The round trip ---------------------------------------------------------------------------


@in_transactions
def test_a_restore_gives_back_every_api_response_byte_for_byte(record, client, tmp_path):
    before = api_answers(client)
    assert len(before) > 300  # every list, page and detail, in three languages
    rows = stored()

    round_trip(tmp_path)

    assert_same_answers(before, api_answers(client))
    assert_same_rows(rows, stored())


@in_transactions
def test_a_restore_adds_no_history_and_keeps_versions_and_times(record, tmp_path):
    project = Project.objects.get(pk=record.project.pk)
    history = list(project.history.values_list("history_id", "history_date", "history_user"))
    assert len(history) == 3

    round_trip(tmp_path)

    restored = Project.objects.get(pk=project.pk)
    assert (restored.version, restored.created, restored.updated) == (
        project.version,
        project.created,
        project.updated,
    )
    assert (
        list(restored.history.values_list("history_id", "history_date", "history_user")) == history
    )


@in_transactions
def test_after_a_restore_the_token_writes_and_the_password_checks(record, client, tmp_path):
    round_trip(tmp_path)

    editor = get_user_model().objects.get(username="editor")
    assert editor.check_password(PASSWORD)
    response = client.patch(
        f"{API}projects/{record.project.slug}/",
        {"progress": 40},
        content_type="application/json",
        headers={"Authorization": f"Token {record.token}", "If-Match": "*"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["progress"] == 40
    # The write went in through the Editors role, restored by name, and is in the history.
    assert Project.objects.get(pk=record.project.pk).history.first().history_user == editor


@in_transactions
def test_a_record_added_after_a_restore_gets_a_new_id(record, tmp_path):
    """The ids restored are taken: PostgreSQL's sequences must have moved past them."""
    last = Source.objects.order_by("pk").last()
    last_history = Source.history.order_by("history_id").last()

    round_trip(tmp_path)

    added = SourceFactory()
    assert added.pk > last.pk
    assert added.history.get().history_id > last_history.history_id


@in_transactions
def test_a_gzipped_backup_round_trips(record, tmp_path):
    rows = stored()
    path = tmp_path / "coopr.json.gz"
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    summary = out.getvalue().splitlines()
    total = sum(int(line.rsplit(": ", 1)[1]) for line in summary[:-1])
    assert f"  projects.HistoricalProject: {len(rows['projects.HistoricalProject'])}" in summary
    assert summary[-1].startswith(f"Backed up {total} rows of ")
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    assert json.loads(gzip.decompress(path.read_bytes()))["format"] == "coopr-backup"
    empty_database()

    assert restore(path).splitlines()[-1].startswith(f"Restored {total} rows of ")
    assert_same_rows(rows, stored())


@in_transactions
def test_a_backup_goes_through_standard_output_and_comes_back_through_standard_input(record):
    rows = stored()
    out = io.StringIO()
    call_command("backup", "-", stdout=out, verbosity=0)
    empty_database()

    restore(Path("-"), stdin=io.BytesIO(gzip.compress(out.getvalue().encode())), verbosity=0)

    assert_same_rows(rows, stored())


@in_transactions
def test_the_commands_are_quiet_at_verbosity_0(tmp_path):
    SourceFactory()
    out = io.StringIO()
    call_command("backup", str(tmp_path / "b.json"), stdout=out, verbosity=0)
    empty_database()
    call_command("restore", str(tmp_path / "b.json"), stdout=out, verbosity=0)
    assert out.getvalue() == ""
    assert Source.objects.count() == 1


# What a backup holds ----------------------------------------------------------------------


def test_every_model_of_the_record_is_backed_up():
    """A new model in coopr, people or projects is in backups without anyone listing it."""
    backed_up = {model._meta.label for model in backup.backed_up_models()}
    for label in ("coopr", "people", "projects"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            assert model._meta.label in backed_up
    for label in ("auth.User", "auth.Group", "authtoken.Token", "admin.LogEntry"):
        assert label in backed_up
    assert "projects.HistoricalProject" in backed_up
    # Made by migrate (or not records): referred to by natural key, or left out.
    for model in backup.backed_up_models():
        assert model._meta.app_label not in {"contenttypes", "sessions", "axes"}
        assert model is not Permission
        assert not model._meta.proxy


def test_users_come_before_the_history_that_names_them():
    order = [model._meta.label for model in backup.backed_up_models()]
    assert order.index("auth.User") < order.index("projects.HistoricalProject")
    assert order.index("auth.Group") < order.index("auth.User")


# What a restore refuses -------------------------------------------------------------------


def rewrite_header(path: Path, **changes) -> None:
    """Change the backup's header (its first line), keeping the objects."""
    first, rest = path.read_text(encoding="utf-8").split("\n", 1)
    header = json.loads(first[:-1] + "}")
    header.update(changes)
    path.write_text(json.dumps(header)[:-1] + ",\n" + rest, encoding="utf-8")


@pytest.fixture
def small_backup(tmp_path) -> Path:
    """A backup of a few records, and the database emptied."""
    SourceFactory.create_batch(3)
    path = tmp_path / "small.json"
    call_command("backup", str(path), verbosity=0)
    empty_database()
    return path


@in_transactions
def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('[{"model": "coopr.source", "pk": 1, "fields": {}}]')
    with pytest.raises(CommandError, match="Not a coopr backup"):
        restore(path)
    assert not any(record_rows().values())


@in_transactions
def test_a_backup_of_an_unknown_version_is_refused(small_backup):
    rewrite_header(small_backup, version=2)
    with pytest.raises(CommandError, match="version 2: this coopr reads 1"):
        restore(small_backup)
    assert not any(record_rows().values())


@in_transactions
def test_a_backup_made_at_a_migration_not_applied_here_is_refused(small_backup):
    header = json.loads(small_backup.read_text(encoding="utf-8").split("\n", 1)[0][:-1] + "}")
    rewrite_header(small_backup, migrations={**header["migrations"], "coopr": "0099_later"})
    with pytest.raises(CommandError, match=r"not applied: coopr\.0099_later\. "):
        restore(small_backup)
    assert not any(record_rows().values())


@in_transactions
def test_a_database_that_holds_records_is_refused_and_kept(tmp_path):
    SourceFactory.create_batch(2)
    path = tmp_path / "b.json"
    call_command("backup", str(path), verbosity=0)
    Source.objects.order_by("pk").first().delete()
    rows = stored()
    with pytest.raises(CommandError, match=r"already holds records: coopr\.Source \(1\)"):
        restore(path)
    assert stored() == rows


@in_transactions
def test_a_backup_cut_short_writes_nothing(small_backup):
    """The rows before the cut were saved; the transaction undoes them."""
    lines = small_backup.read_text(encoding="utf-8").splitlines(keepends=True)
    small_backup.write_text("".join(lines[:-3]), encoding="utf-8")
    with pytest.raises(CommandError, match="cut short"):
        restore(small_backup)
    assert not any(record_rows().values())


@in_transactions
def test_a_backup_with_a_row_missing_writes_nothing(small_backup):
    lines = small_backup.read_text(encoding="utf-8").splitlines(keepends=True)
    source = next(i for i, line in enumerate(lines) if '"model": "coopr.source"' in line)
    del lines[source]
    small_backup.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(CommandError, match=r"do not add up.*coopr\.Source \(2 of 3\)"):
        restore(small_backup)
    assert not any(record_rows().values())
