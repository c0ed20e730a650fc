"""Locked installs: uv.lock matches pyproject.toml, and uv itself comes from it, hashed."""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
UV = Path(sys.executable).parent / "uv"
sys.path.insert(0, str(BASE_DIR / "tools"))

from uv_requirement import uv_requirement  # noqa: E402


def lock_check(project: Path, offline: bool = True) -> subprocess.CompletedProcess:
    """`uv lock --check`: it compares the lock with pyproject.toml.

    A lock that matches needs no network. A changed pyproject.toml makes uv resolve again,
    which needs the package index (PyPI, reachable here and in CI): offline it would fail for
    a package not in uv's cache, which is not the failure this checks.
    """
    return subprocess.run(
        [UV, "lock", "--check", *(["--offline"] if offline else []), "--project", project],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_lock_matches_pyproject():
    result = lock_check(BASE_DIR)
    assert result.returncode == 0, result.stderr


def test_a_dependency_added_without_relocking_fails_the_check(tmp_path):
    shutil.copy(BASE_DIR / "uv.lock", tmp_path / "uv.lock")
    (tmp_path / "README.md").write_text("")
    pyproject = (BASE_DIR / "pyproject.toml").read_text()
    (tmp_path / "pyproject.toml").write_text(pyproject)
    assert lock_check(tmp_path).returncode == 0  # the copy as such passes
    added = pyproject.replace("dependencies = [\n", 'dependencies = [\n    "six>=1.16",\n', 1)
    assert added != pyproject
    (tmp_path / "pyproject.toml").write_text(added)
    result = lock_check(tmp_path, offline=False)
    assert result.returncode != 0
    assert "`uv.lock` needs to be updated" in result.stderr


def test_uv_is_bootstrapped_from_the_lock_pinned_and_hashed():
    lock = tomllib.loads((BASE_DIR / "uv.lock").read_text())
    (locked,) = (p for p in lock["package"] if p["name"] == "uv")
    requirement = uv_requirement(BASE_DIR / "uv.lock")
    assert requirement.startswith(f"uv=={locked['version']} ")
    hashes = re.findall(r"--hash=sha256:[0-9a-f]{64}", requirement)
    assert len(hashes) == len(locked["wheels"]) + 1
    # The installer that runs the tests is that one.
    version = subprocess.run([UV, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.split()[1] == locked["version"]
