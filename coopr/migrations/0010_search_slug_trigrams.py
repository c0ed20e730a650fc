"""The API's `?search=` on PostgreSQL without reading every row: trigram indexes on slugs.

The API lists search their names and titles and their slug (`search_fields`), as
`slug ILIKE '%word%' OR title_en ILIKE …`. The names and titles have trigram indexes (0005,
0007), the slugs had none, and an OR is served by indexes only when each of its terms is:
so a word found nowhere read the whole table (500 ms at 100,000 projects) and a common one
read the table in list order until a page was full. With these, each search reads the
indexes and then only the rows that match.

Only PostgreSQL has them: on SQLite this migration does nothing (plain SQL, as in 0005).
"""

from django.db import migrations

# The tables whose API list searches `slug`.
TABLES = (
    "projects_plan",
    "projects_project",
    "projects_meeting",
    "projects_document",
    "projects_indicator",
    "projects_theme",
    "projects_jointbody",
    "people_person",
    "people_organization",
    "coopr_source",
)


def _index_name(table):
    return f"{table}_slug_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table in TABLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(_index_name(table))} "
            f"ON {quote(table)} USING gin ({quote('slug')} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(_index_name(table))}")


class Migration(migrations.Migration):
    dependencies = [("coopr", "0009_search_text")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
