# DailyCount now belongs to core (core 0001; the table is unchanged). Its content type
# follows it, so that the groups and users that may see the indicators keep that permission.

from django.conf import settings
from django.db import migrations

from core.contenttypes import move_content_types


def forwards(apps, schema_editor):
    move_content_types(apps, "portal", "core", ["dailycount"])


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="portal", model="dailycount").exists():
        ContentType.objects.filter(app_label="core", model="dailycount").update(
            app_label="portal"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_indicator_permission"),
        ("core", "0001_initial"),
        # The last migration that grants a permission on the counters under portal's name.
        ("selfcare", "0005_coordinators_see_indicators"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DailyCount")],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
