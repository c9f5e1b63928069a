from django.db import migrations

from core.roles import COORDINATOR, ensure_roles


def forwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    ensure_roles(
        apps.get_model("auth", "Group"),
        apps.get_model("auth", "Permission"),
        apps.get_model("contenttypes", "ContentType"),
        roles={COORDINATOR: [("portal", "dailycount", "view_indicators")]},
    )
    # Made before Django's own permission pass when the database is new: give it its name.
    Permission.objects.filter(content_type__app_label="portal", codename="view_indicators").update(
        name="Can see the usage indicators"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("selfcare", "0004_roles_and_counselling_defaults"),
        ("portal", "0004_indicator_permission"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
