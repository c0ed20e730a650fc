"""`uicontains`: case-insensitive "contains" for every script, on SQLite too.

PostgreSQL's `icontains` (UPPER … LIKE UPPER …) folds Cyrillic and other scripts; SQLite's
LIKE folds ASCII letters only, so "голодец" would not find "Голодец". On SQLite this lookup
compares case-folded text (Python's str.casefold, registered on each connection). On
PostgreSQL it is `column ILIKE '%…%'`, which folds the same scripts and which the trigram
indexes (migrations coopr 0005 and 0007) serve: `UPPER(column)` is not indexed, so
`icontains` reads every row.
"""

from __future__ import annotations

from django.db.backends.signals import connection_created
from django.db.models import CharField, TextField
from django.db.models.lookups import IContains


def _fold(value):
    return value.casefold() if isinstance(value, str) else value


def register_fold(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("coopr_fold", 1, _fold, deterministic=True)


connection_created.connect(register_fold, dispatch_uid="coopr.lookups.fold")


@CharField.register_lookup
@TextField.register_lookup
class UnicodeIContains(IContains):
    lookup_name = "uicontains"

    def as_sql(self, compiler, connection):
        # Elsewhere it is exactly `icontains`: the backend's operators and casts are keyed by
        # that name, so compile under it.
        self.lookup_name = "icontains"
        try:
            return super().as_sql(compiler, connection)
        finally:
            del self.lookup_name

    def as_postgresql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} ILIKE {rhs_sql}", [*lhs_params, *rhs_params]

    def as_sqlite(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return (
            f"coopr_fold({lhs_sql}) LIKE coopr_fold({rhs_sql}) ESCAPE '\\'",
            [*lhs_params, *rhs_params],
        )
