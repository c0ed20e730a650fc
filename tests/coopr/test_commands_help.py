"""Every management command of the project answers `--help` (argparse reads `%` in a help text
as a format: a bare one crashes the help)."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import get_commands, load_command_class

PROJECT_APPS = ("coopr", "coopr.site", "people", "projects")
OURS = sorted(name for name, app in get_commands().items() if app in PROJECT_APPS)


def test_the_project_has_its_commands():
    assert {"load_seed", "seed_synthetic", "backup", "restore", "setup"} <= set(OURS)


@pytest.mark.parametrize("name", OURS)
def test_every_command_answers_help(name, capsys):
    command = load_command_class(get_commands()[name], name)
    parser = command.create_parser("manage.py", name)
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: manage.py {name}")
    assert command.help.split()[0] in out


def test_seed_synthetic_help_shows_its_proportions():
    """As a user runs it: `manage.py seed_synthetic --help`, in a process of its own."""
    done = subprocess.run(
        [sys.executable, "manage.py", "seed_synthetic", "--help"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "SECRET_KEY": "help-only", "COOPR_ENV_FILE": "/dev/null"},
    )
    assert done.returncode == 0, done.stderr
    help_text = " ".join(done.stdout.split())
    assert "(default: 20 % of the projects)" in help_text
    assert "(default: 50 %)" in help_text
    assert "(default: one per 10,000 projects)" in help_text
