"""Import and export in the admin, end to end: CSV and XLSX, preview, all or nothing, roles."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import tablib
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX

from people.models import Organization, Person
from projects.models import Document, Meeting, Plan, PlanItem, Project

FORMATS = {"csv": "0", "xlsx": "1"}  # the choices' order in the admin forms
MODELS = [Project, Person, Organization, Meeting, Document]
BOOKKEEPING = {"id", "created", "updated"}


def url(model, view: str) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


def export(client, model, fmt: str):
    """Export every row through the admin's export form, all columns ticked as shown."""
    form = client.get(url(model, "export")).context["form"]
    data = {"format": FORMATS[fmt], "resource": "0"}
    for name, field in form.fields.items():
        if getattr(field, "is_selectable_field", False) and field.initial:
            data[name] = "on"
    return client.post(url(model, "export"), data)


def read(content: bytes, fmt: str) -> tablib.Dataset:
    if fmt == "csv":
        return CSV(encoding="utf-8-sig").create_dataset(content)
    return XLSX().create_dataset(content)


def to_file(rows: list[dict], fmt: str) -> bytes:
    dataset = tablib.Dataset(headers=list(rows[0]))
    for row in rows:
        dataset.append(list(row.values()))
    if fmt == "csv":
        return dataset.export("csv").encode()
    return dataset.export("xlsx")


def upload(client, model, content: bytes, fmt: str):
    """The first step: upload a file; the admin answers with a preview or the errors."""
    upload = SimpleUploadedFile(f"{model._meta.model_name}.{fmt}", content)
    return client.post(
        url(model, "import"), {"resource": "0", "format": FORMATS[fmt], "import_file": upload}
    )


def confirm(client, model, preview):
    """The second step: confirm the import shown in the preview."""
    return client.post(url(model, "process_import"), preview.context["confirm_form"].initial)


def snapshot(model) -> dict:
    """Every stored value of every row, its many-to-many links, and its history."""
    rows = {}
    for obj in model._default_manager.order_by("pk"):
        values = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
        for field in model._meta.many_to_many:
            values[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
        rows[obj.pk] = values
    return {"rows": rows, "history": model.history.count(), "log": LogEntry.objects.count()}


def problems(response) -> str:
    """The plain-words list of what went wrong, as the import page shows it."""
    html = response.content.decode()
    start = html.index('class="errorlist import-problems"')
    return html[start : html.index("</ul>", start)]


@pytest.fixture
def editor(client, editor_user):
    client.force_login(editor_user)
    return client


@pytest.fixture
def viewer(client, viewer_user):
    client.force_login(viewer_user)
    return client


# The admin shows the buttons ---------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_shows_import_and_export_to_editors(editor, real_data, model):
    html = editor.get(url(model, "changelist")).content.decode()
    assert f"href='{url(model, 'import')}' class=\"import_link\"" in html
    assert f'href="{url(model, "export")}?" class="export_link"' in html


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_shows_only_export_to_viewers(viewer, real_data, model):
    html = viewer.get(url(model, "changelist")).content.decode()
    assert url(model, "import") not in html and "import_link" not in html
    assert f'href="{url(model, "export")}?" class="export_link"' in html


# Export ------------------------------------------------------------------------------------


def rows_by_slug(dataset: tablib.Dataset) -> dict[str, dict]:
    return {row["slug"]: row for row in dataset.dict}


@pytest.mark.parametrize("fmt", FORMATS)
def test_people_export_holds_each_language_in_its_own_column(editor, real_data, fmt):
    response = export(editor, Person, fmt)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    dataset = read(response.content, fmt)
    assert dataset.headers == [
        "slug",
        "name_en",
        "name_ru",
        "name_ja",
        "sort_name",
        "other_names",
        "country",
        "biography_en",
        "biography_ru",
        "biography_ja",
        "version",
    ]
    people = rows_by_slug(dataset)
    assert len(people) == Person.objects.count() == 8
    assert people["hiroshige-seko"]["name_ja"] == "世耕弘成"
    assert people["hiroshige-seko"]["name_en"] == "Hiroshige Seko"
    assert people["olga-golodets"]["name_ru"] == "Ольга Голодец"
    assert people["olga-golodets"]["country"] == "RU"


def test_csv_export_is_utf8_with_a_byte_order_mark_for_spreadsheet_programs(editor, real_data):
    content = export(editor, Person, "csv").content
    assert content.startswith("\ufeff".encode())
    assert "Ольга Голодец" in content.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_names_links_by_slug_and_dates_with_their_precision(editor, real_data, fmt):
    def cell_date(value):
        # XLSX keeps a date as a date cell (read back as a datetime); CSV writes it ISO.
        return value.date().isoformat() if isinstance(value, dt.datetime) else value

    projects = rows_by_slug(read(export(editor, Project, fmt).content, fmt))
    assert len(projects) == Project.objects.count()
    project = projects["labour-efficiency-business-missions"]
    assert project["plan_item"] == "eight-point-cooperation-plan/5"
    assert cell_date(project["start"]) == "2018-02-01"
    assert project["start_precision"] == "month"
    assert project["end_precision"] == "day"
    assert project["end"] in ("", None)

    organizations = rows_by_slug(read(export(editor, Organization, fmt).content, fmt))
    assert len(organizations) == Organization.objects.count()
    assert organizations["meti"]["parent"] == "government-of-japan"

    meetings = rows_by_slug(read(export(editor, Meeting, fmt).content, fmt))
    assert len(meetings) == Meeting.objects.count()
    mission = meetings["business-mission-labour-efficiency-2018-02"]
    assert mission["plan_items"] == "eight-point-cooperation-plan/5"
    assert mission["projects"] == "labour-efficiency-business-missions"
    assert mission["organizations"] == "mitsubishi-electric, toyota-motor"
    assert cell_date(mission["start"]) == "2018-02-01"
    assert mission["start_precision"] == "month"

    documents = rows_by_slug(read(export(editor, Document, fmt).content, fmt))
    assert len(documents) == Document.objects.count()
    memorandum = documents["memorandum-university-association-2016"]
    assert memorandum["meeting"] == "december-2016-summit"
    assert memorandum["projects"] == "japan-russia-university-association"
    assert memorandum["plan_items"] == "eight-point-cooperation-plan/8"
    assert memorandum["signed_on_precision"] == "month"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_export_leaves_out_bookkeeping_and_untranslated_mirror_columns(editor, real_data, model):
    headers = set(read(export(editor, model, "csv").content, "csv").headers)
    assert not headers & BOOKKEEPING
    assert not headers & {"name", "title", "summary", "description", "city", "place"}
    mirror = "name" if model in (Person, Organization) else "title"
    assert {f"{mirror}_en", f"{mirror}_ru", f"{mirror}_ja"} <= headers
    assert "slug" in headers
    assert "version" in headers  # read back as a check, never written


# Round trip --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_importing_an_export_changes_nothing(editor, real_data, model, fmt):
    before = snapshot(model)
    content = export(editor, model, fmt).content

    preview = upload(editor, model, content, fmt)
    assert preview.status_code == 200
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    count = model.objects.count()
    assert result.totals == {
        "new": 0,
        "update": 0,
        "delete": 0,
        "skip": count,
        "error": 0,
        "invalid": 0,
    }
    assert "Skipped" in preview.content.decode()

    done = confirm(editor, model, preview)
    assert done.status_code == 302
    assert done["Location"] == url(model, "changelist")
    message = [str(m) for m in done.wsgi_request._messages]
    assert message == [
        f"Import finished: 0 new, 0 updated, 0 deleted and {count} skipped "
        f"{model._meta.verbose_name_plural}."
    ]
    assert snapshot(model) == before


# All or nothing, with the errors in plain words --------------------------------------------


def project_row(slug: str, **values) -> dict:
    row = {
        "slug": slug,
        "plan_item": "eight-point-cooperation-plan/8",
        "title_en": f"Project {slug}",
        "title_ru": "",
        "title_ja": "",
        "status": "proposed",
        "start": "2019-04-01",
        "start_precision": "month",
        "progress": "",
    }
    row.update(values)
    return row


BAD_THIRD_ROWS = {
    "progress over 100": (
        {"progress": "150"},
        "progress",
        "Ensure this value is less than or equal to 100.",
    ),
    "unknown plan item": (
        {"plan_item": "eight-point-cooperation-plan/99"},
        "plan_item",
        "There is no plan item “eight-point-cooperation-plan/99”.",
    ),
    "plan item without a number": (
        {"plan_item": "eight-point-cooperation-plan"},
        "plan_item",
        "Write a plan item as &lt;plan slug&gt;/&lt;number&gt;",
    ),
    "date not in ISO form": (
        {"start": "01/04/2019"},
        "start",
        "Enter a date as YYYY-MM-DD, e.g. 2016-05-06, not “01/04/2019”.",
    ),
    "unknown status": (
        {"status": "finished"},
        "status",
        "Value &#x27;finished&#x27; is not a valid choice.",
    ),
    "progress not a number": (
        {"progress": "half"},
        "progress",
        "Enter a whole number, not “half”.",
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("bad", BAD_THIRD_ROWS, ids=str)
def test_a_bad_third_row_writes_nothing_and_is_named_with_its_column(editor, real_data, bad, fmt):
    values, column, message = BAD_THIRD_ROWS[bad]
    existing = Project.objects.get(slug="cross-years-2018")
    rows = [
        # A valid change to an existing project, and a valid new project ...
        project_row(existing.slug, plan_item="eight-point-cooperation-plan/8", progress="40"),
        project_row("new-valid-project"),
        # ... then the bad row.
        project_row("new-bad-project", **values),
    ]
    before = snapshot(Project)

    response = upload(editor, Project, to_file(rows, fmt), fmt)

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    listed = problems(response)
    assert f"Row 3 (line 4 of the file), column “{column}”: {message}" in listed
    assert "Row 1" not in listed and "Row 2" not in listed
    assert "Nothing was imported" in response.content.decode()
    assert snapshot(Project) == before
    assert not Project.objects.filter(slug__in=["new-valid-project", "new-bad-project"]).exists()


def test_a_row_that_turns_bad_between_preview_and_confirmation_writes_nothing(editor, real_data):
    """The confirmation is all or nothing too, not only the preview."""
    plan = Plan.objects.get(slug="eight-point-cooperation-plan")
    item = PlanItem.objects.create(plan=plan, number=9, title_en="A ninth item")
    rows = [
        project_row("first-new-project"),
        project_row("second-new-project"),
        project_row("third-new-project", plan_item="eight-point-cooperation-plan/9"),
    ]
    preview = upload(editor, Project, to_file(rows, "csv"), "csv")
    assert preview.context["result"].totals["new"] == 3
    before = snapshot(Project)
    item.delete()  # Someone removes the plan item before the editor confirms.

    response = confirm(editor, Project, preview)

    assert response.status_code == 200
    assert (
        "Row 3 (line 4 of the file), column “plan_item”: "
        "There is no plan item “eight-point-cooperation-plan/9”." in problems(response)
    )
    assert "Nothing was imported" in response.content.decode()
    assert snapshot(Project) == before
    assert not Project.objects.filter(slug__endswith="-new-project").exists()


def test_unknown_links_in_a_many_to_many_column_are_a_row_error(editor, real_data):
    rows = [
        {"slug": "sochi-summit-2016-05-06", "projects": "cross-years-2018, no-such-project"},
    ]
    before = snapshot(Meeting)
    response = upload(editor, Meeting, to_file(rows, "csv"), "csv")
    assert (
        "Row 1 (line 2 of the file), column “projects”: "
        "There is no project with the slug “no-such-project”." in problems(response)
    )
    assert snapshot(Meeting) == before


def test_a_missing_english_name_is_reported_on_the_name_en_column(editor, real_data):
    rows = [{"slug": "someone-new", "name_en": "", "name_ru": "Кто-то", "sort_name": "X"}]
    response = upload(editor, Person, to_file(rows, "csv"), "csv")
    listed = problems(response)
    assert "Row 1 (line 2 of the file), column “name_en”: This field cannot be blank." in listed
    assert "column “name”" not in listed


def test_a_column_the_import_does_not_know_is_refused(editor, real_data):
    rows = [{"slug": "hiroshige-seko", "name": "Seko", "created": "2018-01-01"}]
    before = snapshot(Person)
    response = upload(editor, Person, to_file(rows, "csv"), "csv")
    assert "confirm_form" not in response.context
    assert "The file has columns this import does not know: name, created." in problems(response)
    assert snapshot(Person) == before


# Preview, then confirm ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_new_rows_are_previewed_then_created_with_history_naming_the_editor(
    editor, editor_user, real_data, fmt
):
    rows = [
        {
            "slug": "taro-kono",
            "name_en": "Taro Kono",
            "name_ru": "Таро Коно",
            "name_ja": "河野太郎",
            "sort_name": "Kono, Taro",
            "country": "JP",
        },
        {
            "slug": "sergey-lavrov",
            "name_en": "Sergey Lavrov",
            "name_ru": "Сергей Лавров",
            "name_ja": "",
            "sort_name": "Lavrov, Sergey",
            "country": "RU",
        },
    ]
    before = snapshot(Person)

    preview = upload(editor, Person, to_file(rows, fmt), fmt)

    assert preview.context["result"].totals["new"] == 2
    assert "confirm_form" in preview.context
    assert "河野太郎" in preview.content.decode()
    assert snapshot(Person) == before  # the preview wrote nothing

    done = confirm(editor, Person, preview)

    assert done.status_code == 302
    kono = Person.objects.get(slug="taro-kono")
    assert (kono.name_en, kono.name_ru, kono.name_ja, kono.country) == (
        "Taro Kono",
        "Таро Коно",
        "河野太郎",
        "JP",
    )
    assert Person.objects.get(slug="sergey-lavrov").name_ru == "Сергей Лавров"
    for slug in ("taro-kono", "sergey-lavrov"):
        history = Person.history.filter(slug=slug)
        assert history.count() == 1
        record = history.get()
        assert record.history_type == "+"
        assert record.history_user == editor_user
        assert record.history_change_reason == "import"
    assert LogEntry.objects.filter(user=editor_user).count() == 2


def test_an_imported_change_is_saved_through_the_services(editor, editor_user, real_data):
    seko = Person.objects.get(slug="hiroshige-seko")
    version = seko.version
    meeting = Meeting.objects.get(slug="sochi-summit-2016-05-06")
    rows_people = [{"slug": "hiroshige-seko", "name_ru": "Хироси Сэко"}]
    rows_meetings = [
        {"slug": meeting.slug, "projects": "cross-years-2018, student-exchange-expansion"}
    ]

    preview = upload(editor, Person, to_file(rows_people, "csv"), "csv")
    assert preview.context["result"].totals["update"] == 1
    assert confirm(editor, Person, preview).status_code == 302
    preview = upload(editor, Meeting, to_file(rows_meetings, "csv"), "csv")
    assert preview.context["result"].totals["update"] == 1
    assert confirm(editor, Meeting, preview).status_code == 302

    seko.refresh_from_db()
    assert seko.name_ru == "Хироси Сэко"
    assert seko.name_ja == "世耕弘成"  # columns not in the file are left alone
    assert seko.version > version
    latest = seko.history.first()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "~",
        editor_user,
        "import",
    )
    assert sorted(meeting.projects.values_list("slug", flat=True)) == [
        "cross-years-2018",
        "student-exchange-expansion",
    ]


def test_new_organizations_may_name_a_parent_listed_above_them(editor, real_data):
    rows = [
        {"slug": "new-ministry", "name_en": "A new ministry", "kind": "ministry", "parent": ""},
        {"slug": "new-agency", "name_en": "Its agency", "kind": "agency", "parent": "new-ministry"},
    ]
    preview = upload(editor, Organization, to_file(rows, "xlsx"), "xlsx")
    assert confirm(editor, Organization, preview).status_code == 302
    assert Organization.objects.get(slug="new-agency").parent.slug == "new-ministry"


# Who may do what ---------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_viewers_cannot_import(viewer, real_data, model):
    assert viewer.get(url(model, "import")).status_code == 403
    content = to_file([{"slug": "x"}], "csv")
    assert upload(viewer, model, content, "csv").status_code == 403
    response = viewer.post(
        url(model, "process_import"),
        {"import_file_name": "x", "original_file_name": "x.csv", "format": "0", "resource": "0"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_viewers_can_export(viewer, real_data, model, fmt):
    response = export(viewer, model, fmt)
    assert response.status_code == 200
    assert len(read(response.content, fmt)) == model.objects.count()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_editors_can_open_the_import_page(editor, real_data, model):
    response = editor.get(url(model, "import"))
    assert response.status_code == 200
    assert "slug" in response.context["fields_list"][0][1]


def test_the_export_file_opens_as_a_spreadsheet(editor, real_data):
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(export(editor, Person, "xlsx").content))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]][:4] == ["slug", "name_en", "name_ru", "name_ja"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_exported_before_a_colleagues_edit_cannot_undo_it(editor, real_data, fmt):
    """Export, a colleague edits, the old file comes back: refused, the edit survives."""
    from coopr.services import record_save

    exported = read(export(editor, Person, fmt).content, fmt)
    golodets = Person.objects.get(slug="olga-golodets")
    golodets.biography_en = "A colleague's edit."
    record_save(instance=golodets)

    rows = [dict(zip(exported.headers, row, strict=True)) for row in exported]
    for row in rows:
        if row["slug"] == "olga-golodets":
            row["sort_name"] = "Golodets, O."
    before = snapshot(Person)
    response = upload(editor, Person, to_file(rows, fmt), fmt)
    assert "confirm_form" not in response.context
    listed = problems(response)
    assert "column “version”: This record has changed since the file was exported" in listed
    assert snapshot(Person) == before
    golodets.refresh_from_db()
    assert golodets.biography_en == "A colleague's edit."
    assert golodets.sort_name == "Golodets, Olga"
