"""Build the bulk downloads of the whole record (data package and JSON Lines), if stale."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from coopr import downloads


class Command(BaseCommand):
    help = (
        "Build the downloads of the whole record into DOWNLOADS_ROOT when the data has changed "
        "since the current build (--force: anyway); --every N: again every N seconds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Build even if current.")
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            metavar="SECONDS",
            help="Keep running: look for changes and rebuild every SECONDS.",
        )

    def handle(self, *args, force: bool, every: float, **options) -> None:
        while True:
            started = time.monotonic()
            manifest = downloads.build(force=force)
            seconds = time.monotonic() - started
            if manifest is None:
                self.stdout.write(f"The record changed while building ({seconds:.1f} s): again.")
                continue
            sizes = ", ".join(
                f"{name} {info['size']:,} bytes" for name, info in manifest["files"].items()
            )
            self.stdout.write(
                f"Downloads {manifest['version']} built {manifest['built']} "
                f"({sum(manifest['rows'].values()):,} rows; {sizes}); {seconds:.1f} s"
            )
            if not every:
                return
            force = False
            close_old_connections()
            time.sleep(every)
