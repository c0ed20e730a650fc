"""The API's `?search=` on PostgreSQL in one stored, lower-cased column per table.

`?search=hydrogen` asked, per word, `title_en ILIKE '%hydrogen%' OR title_ru ILIKE … OR slug
ILIKE …` (coopr.lookups): five trigram indexes for projects, about 10 ms of planning per
request, and where PostgreSQL walks the list's order to find the first page it lower-cased
five columns of every row it passed (1,500 rows, 27 ms at 100,000 projects). Each table an
API list searches now stores those columns once more, lower-cased and joined by a line break
(a word never holds one, so no word is found across two columns), with a GIN trigram index:
`api_search LIKE lower('%hydrogen%')` is what ILIKE on each column was (PostgreSQL's ILIKE
lower-cases both sides), for one column.

Only PostgreSQL has it: on SQLite this migration does nothing and the search reads the
columns themselves. Columns are listed as the API's lists search them now (their viewsets'
`search_fields`), so that this migration does the same thing whenever it runs;
tests/api/test_search_column.py checks that every list's fields are the column's.
"""

from django.db import migrations

COLUMN = "api_search"

TABLES = {
    "projects_plan": ("title_en", "title_ru", "title_ja", "slug"),
    "projects_planitem": ("title_en", "title_ru", "title_ja"),
    "projects_project": ("title_en", "title_ru", "title_ja", "summary_en", "slug"),
    "projects_meeting": ("title_en", "title_ru", "title_ja", "city_en", "city_ru", "city_ja", "slug"),
    "projects_document": ("title_en", "title_ru", "title_ja", "slug"),
    "projects_indicator": ("name_en", "name_ru", "name_ja", "slug"),
    "projects_theme": ("name_en", "name_ru", "name_ja", "slug"),
    "projects_jointbody": ("name_en", "name_ru", "name_ja", "slug"),
    "people_organization": ("name_en", "name_ru", "name_ja", "short_name_en", "other_names", "slug"),
    "people_person": ("name_en", "name_ru", "name_ja", "sort_name", "other_names", "slug"),
    "coopr_source": ("title", "publisher", "slug"),
}


def _expression(quote, columns) -> str:
    # `||` on text, not concat_ws(): a generated column needs an immutable expression.
    joined = " || E'\\n' || ".join(f"COALESCE({quote(column)}, '')" for column in columns)
    return f"lower({joined})"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table, columns in TABLES.items():
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} ADD COLUMN IF NOT EXISTS {quote(COLUMN)} text "
            f"GENERATED ALWAYS AS ({_expression(quote, columns)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(f'{table}_{COLUMN}_trgm')} "
            f"ON {quote(table)} USING gin ({quote(COLUMN)} gin_trgm_ops)"
        )
        # The planner's estimate of a pattern's matches needs no more than the search
        # columns' (coopr 0012).
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(COLUMN)} SET STATISTICS 50"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table in TABLES:
        # Dropping a column drops its index.
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} DROP COLUMN IF EXISTS {quote(COLUMN)}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("coopr", "0012_search_statistics"),
        ("people", "0004_ordering_indexes"),
        ("projects", "0012_home_meeting_upcoming_indexes"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
