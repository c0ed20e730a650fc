"""Site-wide search on PostgreSQL: the pg_trgm extension and GIN trigram indexes.

The search (coopr/text_search.py) matches names and titles with ILIKE '%word%' (substrings, which
is how Japanese is found) and with the word-similarity operator `%>` (misspellings); a GIN
index with gin_trgm_ops serves both. Only PostgreSQL has them: on SQLite this migration does
nothing. The indexes are plain SQL rather than model Meta.indexes so that the models, and
`makemigrations --check`, stay the same on every database.

Columns are listed as they are now (translated fields in en, ru, ja), so that this migration
does the same thing whenever it runs.
"""

from django.db import migrations

LANGUAGES = ("en", "ru", "ja")


def _translated(*names):
    return [f"{name}_{code}" for name in names for code in LANGUAGES]


# table -> the columns searched first (names, titles, aliases).
COLUMNS = {
    "people_person": [*_translated("name"), "sort_name", "other_names"],
    "people_organization": [*_translated("name", "short_name"), "other_names"],
    "projects_plan": _translated("title"),
    "projects_planitem": _translated("title"),
    "projects_project": _translated("title"),
    "projects_meeting": _translated("title"),
    "projects_document": _translated("title"),
    "projects_indicator": _translated("name"),
    "coopr_source": ["title", "publisher"],
}


def _index_name(table, column):
    return f"{table}_{column}_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, cols in COLUMNS.items():
        for column in cols:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(_index_name(table, column))} "
                f"ON {quote(table)} USING gin ({quote(column)} gin_trgm_ops)"
            )


def drop(apps, schema_editor):
    # The extension stays: something else may use it, and it costs nothing unused.
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table, cols in COLUMNS.items():
        for column in cols:
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(_index_name(table, column))}")


class Migration(migrations.Migration):
    dependencies = [
        ("coopr", "0004_labels"),
        ("people", "0003_labels"),
        ("projects", "0003_labels"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
