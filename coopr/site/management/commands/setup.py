"""`manage.py setup`: what a server runs before it serves (the container's start command).

Migrates the database, then loads the real data set if the database holds no plan yet: once,
on the first start, and never again (a record the editors deleted is not brought back).
On PostgreSQL it holds an advisory lock meanwhile, so that several web containers starting
at once (`docker compose up --scale web=3`) do it one after the other.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

# Any fixed number, the same in every process: pg_advisory_lock(bigint).
LOCK_ID = 0x636F6F7072  # "coopr"


@contextmanager
def setup_lock():
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_ID])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])


class Command(BaseCommand):
    help = "Migrate, and load the real data set into a database that has no plan yet."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        with setup_lock():
            call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
            from projects.models import Plan

            if Plan.objects.exists():
                if verbosity:
                    self.stdout.write(
                        "The database holds data already: the data set is not loaded again."
                    )
                return
            call_command("load_seed", verbosity=verbosity, stdout=self.stdout)
