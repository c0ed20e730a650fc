"""Site-wide search on PostgreSQL without reading every row: stored vectors, more trigrams.

The search (coopr/search.py) keeps a record when its full-text vector matches the query, or
when every word is a substring of one of its columns (or, on names, a similar spelling). Two
things made PostgreSQL read every row for that (seconds at 100,000 projects):

- the vector was computed from the columns on every row of every search. Each searched
  table now has it stored, `search_vector`, a generated column (names and titles weighted A,
  longer text B, the 'simple' configuration: every language alike, as before) with a GIN index;
- longer text (summaries, descriptions, …) was matched with ILIKE '%word%' without an index:
  each such column now has a GIN trigram index, as names and titles have had since 0005.

And one cost: PostgreSQL's planner takes pg_trgm's word-similarity operator (`%>`, the
misspelling match) for as cheap as `=`, so on a table of a few thousand rows it read every row
and worked the similarity out for each (670 ms for 10,000 documents) rather than read the
indexes (19 ms). Its function is given its real cost. Changing it needs the function's owner
(the superuser who created pg_trgm); without that right the step is left out and searches are
slower, not wrong. A restore recreates the extension with the default: run `migrate coopr
0006 && migrate` again, or the ALTER FUNCTION below.

Only PostgreSQL has them: on SQLite this migration does nothing. Plain SQL rather than model
fields, as in 0005 and 0006, so that the models (and `makemigrations --check`) stay the same on
every database; Django never reads or writes the generated column itself.

Columns are listed as they are now (translated fields in en, ru, ja), so that this migration
does the same thing whenever it runs.
"""

from django.db import DatabaseError, migrations, transaction

LANGUAGES = ("en", "ru", "ja")
VECTOR = "search_vector"


def _translated(*names):
    return [f"{name}_{code}" for name in names for code in LANGUAGES]


# table -> (names and titles: weight A, longer text: weight B), as coopr.search.KINDS has them.
COLUMNS = {
    "projects_plan": (_translated("title"), _translated("description", "proposed_place")),
    "projects_planitem": (_translated("title"), _translated("description")),
    "projects_project": (_translated("title"), _translated("summary")),
    "people_person": ([*_translated("name"), "sort_name", "other_names"], _translated("biography")),
    "people_organization": (
        [*_translated("name", "short_name"), "other_names"],
        _translated("description"),
    ),
    "projects_meeting": (_translated("title"), _translated("description", "outcomes", "city")),
    "projects_document": (_translated("title"), _translated("summary", "place")),
    "projects_indicator": (_translated("name"), _translated("description", "unit")),
    "coopr_source": (["title", "publisher"], ["notes"]),
}


def _vector(quote, columns, weight):
    text = " || ' ' || ".join(f"COALESCE({quote(column)}, '')" for column in columns)
    return f"setweight(to_tsvector('simple'::regconfig, {text}), '{weight}')"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table, (names, texts) in COLUMNS.items():
        vector = f"{_vector(quote, names, 'A')} || {_vector(quote, texts, 'B')}"
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} ADD COLUMN IF NOT EXISTS {quote(VECTOR)} tsvector "
            f"GENERATED ALWAYS AS ({vector}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(f'{table}_{VECTOR}')} "
            f"ON {quote(table)} USING gin ({quote(VECTOR)})"
        )
        for column in texts:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(f'{table}_{column}_trgm')} "
                f"ON {quote(table)} USING gin ({quote(column)} gin_trgm_ops)"
            )
    _set_cost(schema_editor, 1000)


SIMILARITY = "word_similarity_commutator_op(text, text)"


def _set_cost(schema_editor, cost: int) -> None:
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute(f"ALTER FUNCTION {SIMILARITY} COST {cost}")
    except DatabaseError:
        pass  # not the function's owner: slower searches, same results


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    _set_cost(schema_editor, 1)
    for table, (_names, texts) in COLUMNS.items():
        for column in texts:
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(f'{table}_{column}_trgm')}")
        # Dropping the column drops its index.
        schema_editor.execute(f"ALTER TABLE {quote(table)} DROP COLUMN IF EXISTS {quote(VECTOR)}")


class Migration(migrations.Migration):
    dependencies = [
        ("coopr", "0006_newest_first_indexes"),
        ("people", "0004_ordering_indexes"),
        ("projects", "0004_ordering_indexes"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
