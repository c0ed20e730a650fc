"""Create the Editors and Viewers roles (see coopr/roles.py)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from coopr.roles import sync_roles

    sync_roles(apps, create_missing_permissions=True)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Viewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("coopr", "0002_citation_version_historicalcitation_version_and_more"),
        ("people", "0002_historicalorganization_version_and_more"),
        ("projects", "0002_document_version_historicaldocument_version_and_more"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
