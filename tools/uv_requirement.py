"""Print the pinned, hashed requirement for uv itself, read from uv.lock.

uv installs everything else from the lock; this is how uv gets there first (the bootstrap in
`make venv` and in the Dockerfile): `pip install --require-hashes -r <(python
tools/uv_requirement.py)`. Standard library only: it runs before anything is installed.
"""

import sys
import tomllib
from pathlib import Path


def uv_requirement(lock_path: Path) -> str:
    lock = tomllib.loads(lock_path.read_text())
    (package,) = (p for p in lock["package"] if p["name"] == "uv")
    artifacts = [*package.get("wheels", []), package["sdist"]]
    hashes = " ".join(f"--hash={artifact['hash']}" for artifact in artifacts)
    return f"uv=={package['version']} {hashes}"


if __name__ == "__main__":
    lock_file = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "uv.lock"
    print(uv_requirement(lock_file))
