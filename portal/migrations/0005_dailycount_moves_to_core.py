# DailyCount now belongs to core (core 0001; the table is unchanged). Its content type
# follows it, so that the groups and users that may see the indicators keep that permission.

from django.conf import settings
from django.db import migrations


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    old = ContentType.objects.filter(app_label="portal", model="dailycount").first()
    if old is None:  # a new database: Django makes core's content type after migrating
        return
    new = ContentType.objects.filter(app_label="core", model="dailycount").first()
    if new is not None:  # made early by a migration granting roles: fold it into the old one
        for permission in Permission.objects.filter(content_type=new):
            kept = Permission.objects.filter(content_type=old, codename=permission.codename).first()
            if kept is None:
                permission.content_type = old
                permission.save()
                continue
            for group in Group.objects.filter(permissions=permission):
                group.permissions.add(kept)
            for user in User.objects.filter(user_permissions=permission):
                user.user_permissions.add(kept)
            permission.delete()
        new.delete()
    old.app_label = "core"
    old.save()


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
