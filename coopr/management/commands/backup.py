"""Write the whole record to one versioned JSON file (see coopr/backup/ for the format)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError

from coopr import backup


class Command(BaseCommand):
    help = (
        "Back up every record, with its history, users, groups, API tokens and the admin's "
        "log, to PATH (gzip when it ends in .gz; - for standard output). Restore it with "
        "`manage.py restore PATH` into an empty, migrated database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write (.json or .json.gz), or -.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to back up.")

    def handle(self, *args, path: str, database: str, verbosity: int, **options) -> None:
        try:
            counts = backup.write_file(path, using=database, stdout=options.get("stdout"))
        except (backup.BackupError, OSError, DatabaseError) as error:
            raise CommandError(f"No backup written: {error}") from error
        if verbosity:
            # With `-` the backup itself is on standard output: the summary goes to stderr.
            out = self.stderr if path == "-" else self.stdout
            where = "standard output" if path == "-" else path
            for name, rows in counts.items():
                if rows:
                    out.write(f"  {name}: {rows}", style_func=str)
            total = sum(counts.values())
            models = sum(1 for rows in counts.values() if rows)
            out.write(f"Backed up {total} rows of {models} models to {where}.", style_func=str)
