"""Site-wide search on PostgreSQL for joint bodies and themes (added in 0008), as coopr's
0005 and 0007 give the other searched tables: a stored `search_vector` (names weighted A,
descriptions B, the 'simple' configuration) with a GIN index, and GIN trigram indexes on the
names and descriptions. The search reads `search_vector` on every searched table, so without
it the search page failed on PostgreSQL once these types were searched.

Only PostgreSQL has them: on SQLite this migration does nothing (plain SQL, as in coopr 0005
and 0007, so the models stay the same on every database).
"""

from django.db import migrations

LANGUAGES = ("en", "ru", "ja")
VECTOR = "search_vector"

# table -> (names: weight A, longer text: weight B), as the registry's Search has them.
COLUMNS = {
    "projects_theme": (["name"], ["description"]),
    "projects_jointbody": (["name"], ["description"]),
}


def _translated(names):
    return [f"{name}_{code}" for name in names for code in LANGUAGES]


def _vector(quote, columns, weight):
    text = " || ' ' || ".join(f"COALESCE({quote(column)}, '')" for column in columns)
    return f"setweight(to_tsvector('simple'::regconfig, {text}), '{weight}')"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table, (names, texts) in COLUMNS.items():
        names, texts = _translated(names), _translated(texts)
        vector = f"{_vector(quote, names, 'A')} || {_vector(quote, texts, 'B')}"
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} ADD COLUMN IF NOT EXISTS {quote(VECTOR)} tsvector "
            f"GENERATED ALWAYS AS ({vector}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(f'{table}_{VECTOR}')} "
            f"ON {quote(table)} USING gin ({quote(VECTOR)})"
        )
        for column in (*names, *texts):
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(f'{table}_{column}_trgm')} "
                f"ON {quote(table)} USING gin ({quote(column)} gin_trgm_ops)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table, (names, texts) in COLUMNS.items():
        for column in _translated(names) + _translated(texts):
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(f'{table}_{column}_trgm')}")
        # Dropping the column drops its index.
        schema_editor.execute(f"ALTER TABLE {quote(table)} DROP COLUMN IF EXISTS {quote(VECTOR)}")


class Migration(migrations.Migration):
    dependencies = [
        ("coopr", "0007_search_vectors"),
        ("projects", "0010_meeting_start_title_index"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
