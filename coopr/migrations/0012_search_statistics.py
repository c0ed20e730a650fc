"""Site-wide search on PostgreSQL: plan its queries in a quarter of the time.

To estimate how many rows `search_names %> 'word'` (a similar spelling) or `search_text ILIKE
'%word%'` finds, the planner works the operator out on every value of the column's histogram
(pg_trgm's word similarity on 50 names, ILIKE on 100 texts of some 400 characters): 2 ms and
1 ms a query, eleven queries a search page, 18 ms of PostgreSQL's time a page against 22 ms
running them. With fewer than 10 values in the histogram it uses its fixed estimates instead.

Those estimates are all these columns need: a search finds its candidates with a LIMIT on each
index scan (coopr/site/search/postgresql.py), so a common word costs no more than a rare one
whatever the planner expects, and an underestimate only makes it keep to the indexes. Nothing
else reads the stored columns (the list pages and the API search the fields themselves).

Only PostgreSQL has the columns: on SQLite this migration does nothing.
"""

from django.db import migrations

NAMES, TEXT = "search_names", "search_text"
# Fewer values than the 10 from which PostgreSQL works an operator out on the histogram.
TARGET = 5

# The tables of migration coopr 0009.
TABLES = (
    "projects_plan",
    "projects_planitem",
    "projects_project",
    "projects_theme",
    "people_person",
    "people_organization",
    "projects_meeting",
    "projects_jointbody",
    "projects_document",
    "projects_indicator",
    "coopr_source",
)


def _set(schema_editor, names: int, text: int) -> None:
    quote = schema_editor.quote_name
    for table in TABLES:
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} "
            f"ALTER COLUMN {quote(NAMES)} SET STATISTICS {names}, "
            f"ALTER COLUMN {quote(TEXT)} SET STATISTICS {text}"
        )
        # The histograms gathered with the old targets stay until the next ANALYZE.
        schema_editor.execute(f"ANALYZE {quote(table)} ({quote(NAMES)}, {quote(TEXT)})")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _set(schema_editor, TARGET, TARGET)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _set(schema_editor, 50, -1)  # as 0009 left them (-1: the server's default)


class Migration(migrations.Migration):
    dependencies = [("coopr", "0011_search_bigrams")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
