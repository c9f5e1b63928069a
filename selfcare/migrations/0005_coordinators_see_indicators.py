from django.db import migrations

from selfcare.roles import COORDINATOR, ensure_roles


def forwards(apps, schema_editor):
    ensure_roles(
        apps.get_model("auth", "Group"),
        apps.get_model("auth", "Permission"),
        apps.get_model("contenttypes", "ContentType"),
        roles={COORDINATOR: [("portal", "dailycount", "view_indicators")]},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("selfcare", "0004_roles_and_counselling_defaults"),
        ("portal", "0004_indicator_permission"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
