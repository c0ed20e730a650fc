"""people/ knows nothing of projects: no import (the import contracts of pyproject.toml), and
no code or template of people names a relation projects adds to people's records."""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]


def projects_relations() -> set[str]:
    """The names by which people's records reach projects' (`participations`,
    `documents_signed`, `project_links`, …), and projects' model names."""
    names = set()
    for model in apps.get_app_config("people").get_models():
        for field in model._meta.get_fields():
            if field.related_model and field.related_model._meta.app_label == "projects":
                names.add(field.name)
    names |= {model.__name__ for model in apps.get_app_config("projects").get_models()}
    return names


def people_files() -> list[Path]:
    code = [p for p in (ROOT / "people").rglob("*.py") if "migrations" not in p.parts]
    return code + sorted((ROOT / "templates" / "people").rglob("*.html"))


def test_the_relations_looked_for_are_those_projects_adds():
    names = projects_relations()
    assert {"participations", "documents_signed", "project_links", "meetings"} <= names
    assert {"Meeting", "MeetingParticipant", "Document"} <= names


def test_people_code_and_templates_name_no_projects_relation():
    names = "|".join(sorted(projects_relations(), key=len, reverse=True))
    # Used as a relation: `.name`, `"name`, `'name`, `name__…`, or a model's name in code.
    used = re.compile(rf"(?:[.\"']({names})\b)|\b({names})__|\b({names})\.objects\b")
    found = []
    for path in people_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if used.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_the_check_finds_a_projects_relation(tmp_path):
    """The pattern above catches what people's pages used to read."""
    names = "|".join(sorted(projects_relations(), key=len, reverse=True))
    used = re.compile(rf"(?:[.\"']({names})\b)|\b({names})__|\b({names})\.objects\b")
    for line in (
        "{% with participations=person.participations.all %}",
        'models.Prefetch("documents_signed", queryset=...)',
        '.select_related("position").order_by("meetings__start")',
        'Meeting.objects.order_by("pk")',
    ):
        assert used.search(line), line
