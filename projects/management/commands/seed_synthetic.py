"""Load a synthetic data set of N projects (and people, meetings, … in proportion), or remove it.

    manage.py seed_synthetic --projects 100000          # generate (refused if one is loaded)
    manage.py seed_synthetic --reset --projects 100000  # replace the synthetic data set
    manage.py seed_synthetic --reset                    # remove it, and nothing else

The synthetic records live in plans of their own and their slugs start with "synthetic-";
the real data set is never read from or written to. See projects/synthetic/.
"""

from __future__ import annotations

import argparse
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from tqdm import tqdm

from coopr.cache import mark_changed
from coopr.downloads import record_changed
from projects.synthetic import (
    SYNTHETIC_PREFIX,
    Counts,
    SyntheticDataError,
    generate,
    label,
    remove_synthetic,
)


def at_least_one(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 up, not {value!r}")
    return number


SCALED = {  # option -> its default, as said in --help
    "plans": f"one per {10_000:,} projects",
    "people": "20 % of the projects",
    "organizations": "5 %",
    "meetings": "50 %",
    "documents": "10 %",
    "sources": "10 %",
    "indicators": "1 %",
}


class Command(BaseCommand):
    help = (
        f"Generate a synthetic data set (slugs starting with “{SYNTHETIC_PREFIX}”) for load "
        "and search testing, or remove it with --reset. The real data set is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=at_least_one, help="How many projects to generate.")
        for name, default in SCALED.items():
            parser.add_argument(
                f"--{name}",
                type=at_least_one,
                help=f"How many {name} (default: {default.replace('%', '%%')}).",
            )
        parser.add_argument(
            "--seed", type=int, default=0, help="Random seed: the same seed, the same data."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the synthetic data set first (alone: only remove it).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, projects, seed, reset, no_progress, verbosity, **options):
        given = {name: options[name] for name in SCALED}
        if projects is None:
            if not reset:
                raise CommandError("Give --projects N to generate, or --reset to remove.")
            if any(value is not None for value in given.values()):
                raise CommandError("Counts need --projects.")
        counts = Counts.scaled(projects, **given) if projects else None
        quiet = no_progress or verbosity == 0
        started = time.monotonic()
        removed = created = None
        with (
            tqdm(
                total=counts.total() if counts else None,
                unit=" records",
                file=sys.stderr,
                disable=quiet,
                dynamic_ncols=True,
            ) as bar,
            transaction.atomic(),
            translation.override("en"),
        ):
            try:
                if reset:
                    removed = remove_synthetic(lambda what: bar.set_description(f"removing {what}"))
                if counts:
                    bar.set_description("generating")
                    created = generate(counts, seed=seed, progress=bar.update)
            except SyntheticDataError as error:
                raise CommandError(str(error)) from error
        # bulk_create and raw deletes send no signals: move the record's last change on.
        mark_changed()
        record_changed()  # and the downloads of the whole record are stale
        if verbosity:
            self.summary(removed, created, time.monotonic() - started)

    def summary(self, removed, created, seconds: float) -> None:
        if removed is not None:
            rows = sum(removed.values())
            self.stdout.write(f"Removed {rows:,} synthetic rows:")
            for name, count in removed.items():
                if count:
                    self.stdout.write(f"  {name}: {count:,}")
        if created is not None:
            self.stdout.write(f"Created {sum(created.values()):,} synthetic rows:")
            for model, count in created.items():
                self.stdout.write(f"  {label(model)}: {count:,}")
        self.stdout.write(self.style.SUCCESS(f"Done in {seconds:.1f} s."))
