"""The schema as third-party tools read it: linters pass it, generators make clients from it.

- Redocly CLI with its recommended rules (redocly.yaml) and Spectral with `spectral:oas`
  (.spectral.yaml): no error.
- openapi-typescript makes types from it without a warning, and `tsc --noEmit` (strict)
  type-checks them.
- openapi-python-client makes a Python client without a warning; imported from a temporary
  directory, it pages through every project anonymously against a live server.

The JavaScript tools come from package-lock.json (`make node`: `npm ci`). Without them these
tests fail, saying how to install them; they never skip.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from projects.models import Project
from tests.api.conftest import generated_schema

ROOT = Path(settings.BASE_DIR)
NODE_BIN = ROOT / "node_modules" / ".bin"
PYTHON_BIN = Path(sys.executable).parent
# Enough for a loaded machine; a tool that hangs fails instead of blocking the run.
TIMEOUT_S = 300


def node_tool(name: str) -> str:
    tool = NODE_BIN / name
    if not tool.is_file():
        pytest.fail(
            f"{tool} is missing: install the JavaScript tools with `make node` (npm ci).",
            pytrace=False,
        )
    return str(tool)


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess:
    # NO_COLOR: plain messages to compare; PATH: the tools a generator calls (ruff) are ours.
    env = {**os.environ, "NO_COLOR": "1", "PATH": f"{PYTHON_BIN}:{os.environ['PATH']}"}
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
    )


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory) -> Path:
    """The schema as /api/schema/ serves it, in a file (JSON, which is YAML too)."""
    path = tmp_path_factory.mktemp("schema") / "openapi.json"
    path.write_text(json.dumps(generated_schema()), encoding="utf-8")
    return path


def test_redocly_recommended_rules_find_no_error(schema_file):
    result = run(
        node_tool("redocly"),
        "lint",
        "--config",
        str(ROOT / "redocly.yaml"),
        "--format",
        "json",
        str(schema_file),
        cwd=schema_file.parent,
    )
    report = json.loads(result.stdout)
    errors = [
        f"{problem['ruleId']}: {problem['message']}"
        for problem in report["problems"]
        if problem["severity"] == "error"
    ]
    assert errors == []
    assert report["totals"]["errors"] == 0
    assert result.returncode == 0, result.stderr[-2000:]


def test_spectral_oas_rules_find_no_error(schema_file):
    result = run(
        node_tool("spectral"),
        "lint",
        "--ruleset",
        str(ROOT / ".spectral.yaml"),
        "--format",
        "json",
        "--fail-severity",
        "error",
        str(schema_file),
        cwd=schema_file.parent,
    )
    problems = json.loads(result.stdout or "[]")
    # Spectral's severities: 0 error, 1 warning, 2 information, 3 hint.
    errors = [f"{p['code']}: {p['message']} at {p['path']}" for p in problems if p["severity"] == 0]
    assert errors == []
    assert result.returncode == 0, result.stderr[-2000:]


TSCONFIG = {
    "compilerOptions": {
        "strict": True,
        "noEmit": True,
        "noUncheckedIndexedAccess": True,
        "target": "es2022",
        "module": "esnext",
        "moduleResolution": "bundler",
    },
    "files": ["openapi.d.ts", "use.ts"],
}

# Types used as a client would use them: a nullable reference is `X | null`, a field every
# response carries is not optional.
USE_TYPES = """
import type { components } from "./openapi";
type Participant = components["schemas"]["Participant"];
type Project = components["schemas"]["Project"];
type Page = components["schemas"]["PaginatedProjectSummaryList"];
export const representing = (p: Participant): string | null => p.representing?.slug ?? null;
export const version = (p: Project): number => p.version;
export const titles = (page: Page): string[] => page.results.map((project) => project.title);
"""


def test_openapi_typescript_types_come_without_warnings_and_type_check(schema_file, tmp_path):
    result = run(
        node_tool("openapi-typescript"),
        str(schema_file),
        "--output",
        str(tmp_path / "openapi.d.ts"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warn" in line.lower()]
    assert warnings == []
    (tmp_path / "use.ts").write_text(USE_TYPES, encoding="utf-8")
    (tmp_path / "tsconfig.json").write_text(json.dumps(TSCONFIG), encoding="utf-8")
    checked = run(node_tool("tsc"), "--project", str(tmp_path / "tsconfig.json"), cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.fixture
def python_client(schema_file, tmp_path, monkeypatch):
    """The package openapi-python-client generates (`coopr_client`), importable."""
    result = run(
        str(PYTHON_BIN / "openapi-python-client"),
        "generate",
        "--path",
        str(schema_file),
        "--output-path",
        str(tmp_path / "coopr_client"),
        "--meta",
        "none",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # It says "Warning(s) encountered while generating" (and what) when anything is amiss.
    assert "warning" not in (result.stdout + result.stderr).lower(), result.stdout
    monkeypatch.syspath_prepend(str(tmp_path))
    yield importlib.import_module("coopr_client")
    for name in [name for name in sys.modules if name.split(".")[0] == "coopr_client"]:
        del sys.modules[name]


@pytest.mark.django_db(transaction=True)
def test_generated_python_client_pages_through_projects_anonymously(
    python_client, live_server, real_data
):
    from coopr_client.api.projects import projects_list  # type: ignore[import-not-found]
    from coopr_client.models import PaginatedProjectSummaryList  # type: ignore[import-not-found]

    # openapi-python-client asks for an AuthenticatedClient wherever an operation lists a
    # credential scheme, even beside `{}` (none needed); reading works without one.
    client = python_client.Client(base_url=live_server.url, raise_on_unexpected_status=True)
    slugs, page_number, pages = [], 1, 0
    while page_number:
        page = projects_list.sync(client=client, page=page_number, page_size=5, lang="en")
        assert isinstance(page, PaginatedProjectSummaryList)
        assert page.count == Project.objects.count()
        slugs += [project.slug for project in page.results]
        pages += 1
        page_number = page_number + 1 if page.next_ else 0
    expected = sorted(Project.objects.values_list("slug", flat=True))
    assert sorted(slugs) == expected  # each once
    assert pages == -(-len(expected) // 5) > 1
