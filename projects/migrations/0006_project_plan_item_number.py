"""The plan item's number on each project (its sort key), filled from the items, and the index
for the API's default order: item number, English title, id (issue 15)."""

from django.db import migrations, models


def fill(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    PlanItem = apps.get_model("projects", "PlanItem")
    number = models.Subquery(
        PlanItem.objects.filter(pk=models.OuterRef("plan_item_id")).values("number")[:1]
    )
    Project.objects.update(plan_item_number=number)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_ordering_indexes"),
        ("projects", "0005_meeting_timing_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalproject",
            name="plan_item_number",
            field=models.PositiveSmallIntegerField(
                default=0, editable=False, verbose_name="plan item number"
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="plan_item_number",
            field=models.PositiveSmallIntegerField(
                default=0, editable=False, verbose_name="plan item number"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                fields=["plan_item_number", "title_en", "id"], name="project_number_title_idx"
            ),
        ),
    ]
