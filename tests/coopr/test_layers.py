"""coopr's floors, one way: the import contracts of pyproject.toml hold, and name every module.

The ground floor (every module of coopr but coopr.site) imports no app; people imports
neither projects nor the top floor; no app imports the top floor (coopr.site).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["contracts"]


def test_the_ground_floor_contract_names_every_module_of_coopr_but_the_top_floor():
    ground = next(c for c in contracts() if "ground floor" in c["name"])
    on_disk = {
        f"coopr.{path.stem if path.is_file() else path.name}"
        for path in (ROOT / "coopr").iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert set(ground["source_modules"]) == on_disk - {"coopr.site"}
    assert set(ground["forbidden_modules"]) == {"people", "projects", "coopr.site"}


def test_the_import_contracts_hold():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0
