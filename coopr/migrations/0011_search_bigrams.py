"""Site-wide search on PostgreSQL for Japanese words of one or two characters: a stored
vector of every pair of characters in the Japanese text.

Japanese has no spaces and many of its words are two characters long (水素, hydrogen; 協力,
cooperation). A trigram index (0005, 0009) serves ILIKE '%word%' only for words of three
characters or more: for '%水素%' it has nothing to look up and reads the whole index (a
second for one search page at 100,000 projects). Each searched table now stores
`search_bigrams`, the pairs of characters of each word of its Japanese columns (and its
aliases) and each word's last character, with a GIN index: a two-character word is one
lexeme, a one-character word a prefix.

The pairs come from `coopr_bigrams(text)`, an immutable SQL function (a generated column needs
one). Only PostgreSQL has them: on SQLite this migration does nothing.
"""

from django.db import migrations

VECTOR = "search_bigrams"
FUNCTION = "coopr_bigrams"

# table -> the columns that hold Japanese: the searched columns in Japanese, and aliases.
COLUMNS = {
    "projects_plan": ["title_ja", "description_ja", "proposed_place_ja"],
    "projects_planitem": ["title_ja", "description_ja"],
    "projects_project": ["title_ja", "summary_ja"],
    "projects_theme": ["name_ja", "description_ja"],
    "people_person": ["name_ja", "other_names", "biography_ja"],
    "people_organization": ["name_ja", "short_name_ja", "other_names", "description_ja"],
    "projects_meeting": ["title_ja", "description_ja", "outcomes_ja", "city_ja"],
    "projects_jointbody": ["name_ja", "description_ja"],
    "projects_document": ["title_ja", "summary_ja", "place_ja"],
    "projects_indicator": ["name_ja", "description_ja", "unit_ja"],
    "coopr_source": ["title", "publisher", "notes"],
}

CREATE_FUNCTION = rf"""
CREATE OR REPLACE FUNCTION {FUNCTION}(value text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT COALESCE(array_to_tsvector(array_agg(DISTINCT substr(word, i, 2))), ''::tsvector)
  FROM regexp_split_to_table(lower(value), '\s+') AS word,
       generate_series(1, char_length(word)) AS i
$$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute(CREATE_FUNCTION)
    for table, columns in COLUMNS.items():
        text = " || ' ' || ".join(f"COALESCE({quote(column)}, '')" for column in columns)
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} ADD COLUMN IF NOT EXISTS {quote(VECTOR)} tsvector "
            f"GENERATED ALWAYS AS ({FUNCTION}({text})) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(f'{table}_{VECTOR}')} "
            f"ON {quote(table)} USING gin ({quote(VECTOR)})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table in COLUMNS:
        schema_editor.execute(f"ALTER TABLE {quote(table)} DROP COLUMN IF EXISTS {quote(VECTOR)}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(text)")


class Migration(migrations.Migration):
    dependencies = [("coopr", "0010_search_slug_trigrams")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
