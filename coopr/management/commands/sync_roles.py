"""Give the Editors and Viewers groups exactly their permissions again (after new models)."""

from django.core.management.base import BaseCommand

from coopr.roles import sync_roles


class Command(BaseCommand):
    help = "Create or update the Editors and Viewers roles (see coopr/roles.py)."

    def handle(self, *args, **options) -> None:
        sync_roles()
        self.stdout.write("Roles are up to date: Editors, Viewers.")
