"""Restore a backup written by `manage.py backup` into an empty, migrated database."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError

from coopr import backup


class Command(BaseCommand):
    help = (
        "Restore a backup (PATH, or - for standard input; gzip or not) into an empty, "
        "migrated database, all or nothing. Refuses a file of an unknown format or version, "
        "one made at migrations this database has not applied, and a database that already "
        "holds records."
    )

    # call_command("restore", "-", stdin=...) reads the backup from a stream of bytes.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file (.json or .json.gz), or -.")
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="The database to restore into."
        )

    def handle(self, *args, path: str, database: str, verbosity: int, **options) -> None:
        try:
            with backup.open_file(path, stdin=options.get("stdin")) as stream:
                header, objects = backup.read(stream)
                loaded = backup.load(header, objects, using=database)
        except (
            backup.BackupError,
            DeserializationError,
            DatabaseError,
            ObjectDoesNotExist,
            ValidationError,
        ) as error:
            raise CommandError(f"Nothing restored: {error}") from error
        except (OSError, EOFError, UnicodeDecodeError) as error:  # unreadable, cut short
            raise CommandError(f"Nothing restored: the file cannot be read: {error}") from error
        if verbosity:
            for name, rows in loaded.items():
                self.stdout.write(f"  {name}: {rows}")
            where = "standard input" if path == "-" else path
            self.stdout.write(
                f"Restored {loaded.total()} rows of {len(loaded)} models from {where} "
                f"(a backup made {header['created']} with Django {header['django']})."
            )
