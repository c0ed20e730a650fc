"""Create the first admin account on a fresh install, and say how to log in."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

USERNAME_KEY = "COOPR_ADMIN_USERNAME"
PASSWORD_KEY = "COOPR_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = (
        "If no superuser exists, create 'admin' with a random password, store it in the "
        "local env file (git-ignored) and show it once. Otherwise only say how to log in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")
        parser.add_argument(
            "--setup",
            action="store_true",
            help="Run `manage.py setup` first (migrate; load the data set when none is there), "
            "in the same process: `make run` starts a second sooner.",
        )

    def handle(self, *args, username: str, url: str, setup: bool = False, **options) -> None:
        if setup:
            call_command("setup", verbosity=options.get("verbosity", 1), stdout=self.stdout)
        users = get_user_model()
        env_file = Path(settings.ENV_FILE)
        if users.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                f"Admin: log in at {url} with your account "
                f"(the first one's password is {PASSWORD_KEY} in {env_file.name})."
            )
            return
        password = secrets.token_urlsafe(16)
        users.objects.create_superuser(username=username, email="", password=password)
        with env_file.open("a", encoding="utf-8") as handle:
            handle.write(f"{USERNAME_KEY}={username}\n{PASSWORD_KEY}={password}\n")
        env_file.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the admin account. Log in at {url}\n"
                f"  username: {username}\n  password: {password}\n"
                f"(shown once; also kept in {env_file.name}, which git ignores)"
            )
        )
