"""An index for the meetings page's default order (PostgreSQL only).

Past meetings newest first, then by English title and id; upcoming ones soonest first
(projects.views.meetings.UpcomingThenPast): each part is a walk of this index, where one ORDER
BY on whether a meeting is upcoming sorted every meeting (134 ms for 50,000 meetings). Plain SQL
as in 0005: SQLite takes no NULLS LAST in an index, and the models stay the same on every
database.
"""

from django.db import migrations

INDEXES = {
    "meeting_start_title_idx": ("projects_meeting", '"start" DESC NULLS LAST, "title_en", "id"'),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for name, (table, columns) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} ({columns})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("projects", "0009_project_title_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
