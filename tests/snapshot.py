"""A data set loaded once per test process, then put back by its rows.

`load_seed` writes a data set through the write services (validation, history, the change
feed): more than a second for the small one. Every test module that shares a data set
(tests/conftest.py) needs the same rows, so the first load in a process is read back, table by
table, as the rows it added; later modules insert those rows as they are, ids included, in a
few milliseconds. What a test then sees is what the first load wrote: the same rows, the same
history and change feed, the same times.

Rows are put back only onto the database they were taken from: the same rows in every table
before the load (a test in a real transaction empties the tables, and the content types made
again after it get new ids), else the data set is loaded again and taken anew. A load that
changed or removed rows that were there before is not taken (it is loaded each time).
tests/test_real_data.py checks that the rows put back read back the same.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection

Rows = dict[str, tuple[list[str], list[tuple]]]


def generated(cursor, table: str) -> set[str]:
    """The table's generated columns (computed by the database: not written)."""
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "AND table_schema = current_schema() AND is_generated = 'ALWAYS'",
            [table],
        )
        return {name for (name,) in cursor.fetchall()}
    cursor.execute(f"PRAGMA table_xinfo({connection.ops.quote_name(table)})")
    return {row[1] for row in cursor.fetchall() if row[6] in (2, 3)}  # hidden: generated


def read_all() -> Rows:
    """Every table's columns and rows, on the default database (generated columns left out)."""
    found: Rows = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            skip = generated(cursor, table)
            cursor.execute(f"SELECT * FROM {quote(table)} LIMIT 0")
            names = [column[0] for column in cursor.description if column[0] not in skip]
            cursor.execute(f"SELECT {', '.join(map(quote, names))} FROM {quote(table)}")
            # (JSON comes as its text on both databases: Django reads jsonb as a string.)
            found[table] = (names, cursor.fetchall())
    return found


def _key(row: tuple) -> str:
    return repr(row)


def fingerprint(rows: Rows) -> str:
    """What the database holds, as one digest."""
    digest = hashlib.md5(usedforsecurity=False)
    for table in sorted(rows):
        digest.update(table.encode())
        for key in sorted(_key(row) for row in rows[table][1]):
            digest.update(key.encode())
    return digest.hexdigest()


@dataclass
class Snapshot:
    base: str  # the fingerprint of the database the rows were added to
    added: Rows  # per table, the rows the load added

    @classmethod
    def take(cls, load: Callable[[], None], before: Rows) -> Snapshot | None:
        """Run `load()` on the database holding `before` and keep the rows it added; None
        when it also changed or removed rows that were there (putting back would not do the
        same)."""
        load()
        after = read_all()
        added: Rows = {}
        for table, (columns, rows) in after.items():
            old = Counter(_key(row) for row in before.get(table, ([], []))[1])
            new = []
            for row in rows:
                key = _key(row)
                if old[key]:
                    old[key] -= 1
                else:
                    new.append(row)
            if +old:  # a row that was there is gone or changed
                return None
            if new:
                added[table] = (columns, new)
        return cls(fingerprint(before), added)

    def put_back(self) -> None:
        """Insert the rows as they were (in the caller's transaction; foreign keys are
        checked at commit), then move the tables' id sequences past them (PostgreSQL)."""
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table, (columns, rows) in self.added.items():
                names = ", ".join(quote(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)
            models = [
                model
                for model in apps.get_models(include_auto_created=True)
                if model._meta.db_table in self.added
            ]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


# Taken data sets, by loader (tests/conftest.py: the small and the full data set).
TAKEN: dict[Callable[[], None], Snapshot | None] = {}


def load_once(load: Callable[[], None]) -> None:
    """`load()`, or the rows it added last time when the database is as it was then."""
    before = read_all()
    snapshot = TAKEN.get(load)
    if snapshot is not None and snapshot.base == fingerprint(before):
        snapshot.put_back()
    else:
        TAKEN[load] = Snapshot.take(load, before)
