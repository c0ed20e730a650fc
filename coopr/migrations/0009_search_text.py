"""Site-wide search on PostgreSQL in one column per table, not one per language and field.

The search page asked, for every word, "is it in title_en, or title_ru, or title_ja, or
summary_en, …" (up to 16 columns, each with its own trigram index). PostgreSQL planned each
of those ORs (about 10 ms of planning per kind of record, eleven kinds a page), read every
index, and ranked with the same ORs again. Each searched table now stores its searched text
twice over, generated from the columns:

- `search_names`: the names and titles (every language, aliases), what a query is ranked
  against first and what a misspelt word may match;
- `search_text`: those and the longer text (descriptions, summaries, notes).

Columns are joined by a line break: a query word never holds one (words are split on white
space), so no word is found across two columns. Each has a GIN trigram index, which serves
ILIKE '%word%' and the word-similarity operator `%>`.

Only PostgreSQL has them: on SQLite this migration does nothing, and the search there reads
the columns themselves (plain SQL, as in 0005 and 0007, so the models stay the same on every
database). Columns are listed as they are now, as the registry's `Search` has them (translated
fields in en, ru, ja), so that this migration does the same thing whenever it runs.
"""

from django.db import migrations

LANGUAGES = ("en", "ru", "ja")
NAMES, TEXT = "search_names", "search_text"


def _translated(*names):
    return [f"{name}_{code}" for name in names for code in LANGUAGES]


# table -> (names and titles, longer text)
COLUMNS = {
    "projects_plan": (_translated("title"), _translated("description", "proposed_place")),
    "projects_planitem": (_translated("title"), _translated("description")),
    "projects_project": (_translated("title"), _translated("summary")),
    "projects_theme": (_translated("name"), _translated("description")),
    "people_person": ([*_translated("name"), "sort_name", "other_names"], _translated("biography")),
    "people_organization": (
        [*_translated("name", "short_name"), "other_names"],
        _translated("description"),
    ),
    "projects_meeting": (_translated("title"), _translated("description", "outcomes", "city")),
    "projects_jointbody": (_translated("name"), _translated("description")),
    "projects_document": (_translated("title"), _translated("summary", "place")),
    "projects_indicator": (_translated("name"), _translated("description", "unit")),
    "coopr_source": (["title", "publisher"], ["notes"]),
}


def _joined(quote, columns):
    # `||` on text, not concat_ws(): a generated column needs an immutable expression.
    return " || E'\\n' || ".join(f"COALESCE({quote(column)}, '')" for column in columns)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table, (names, texts) in COLUMNS.items():
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} "
            f"ADD COLUMN IF NOT EXISTS {quote(NAMES)} text "
            f"GENERATED ALWAYS AS ({_joined(quote, names)}) STORED, "
            f"ADD COLUMN IF NOT EXISTS {quote(TEXT)} text "
            f"GENERATED ALWAYS AS ({_joined(quote, [*names, *texts])}) STORED"
        )
        # The planner estimates the misspelling match (`%>`) by working out the word
        # similarity of each value in the column's statistics: 7 ms per query at the default
        # 100 values of three languages' names, under 2 ms at 50.
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(NAMES)} SET STATISTICS 50"
        )
        for column in (NAMES, TEXT):
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(f'{table}_{column}_trgm')} "
                f"ON {quote(table)} USING gin ({quote(column)} gin_trgm_ops)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table in COLUMNS:
        # Dropping a column drops its index.
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} DROP COLUMN IF EXISTS {quote(NAMES)}, "
            f"DROP COLUMN IF EXISTS {quote(TEXT)}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("coopr", "0008_change_feed"),
        ("people", "0004_ordering_indexes"),
        ("projects", "0011_bodies_themes_search"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
