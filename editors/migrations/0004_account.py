from django.db import migrations

from editors.roles import COORDINATOR, ensure_governance


def forwards(apps, schema_editor):
    """Coordinators lose Django's user permissions (with them, Wagtail's user form let a
    coordinator make anyone a superuser) and get the narrow account screen's instead."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators = Group.objects.filter(name=COORDINATOR).first()
    if coordinators is not None:
        coordinators.permissions.remove(
            *Permission.objects.filter(content_type__app_label="auth", content_type__model="user")
        )
    ensure_governance(apps)
    for action in ("add", "change", "view"):
        Permission.objects.filter(
            content_type__app_label="editors", codename=f"{action}_account"
        ).update(name=f"Can {action} account")


class Migration(migrations.Migration):
    dependencies = [
        ("editors", "0003_editor_log_entry"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="Account",
            fields=[],
            options={
                "verbose_name": "account",
                "verbose_name_plural": "accounts",
                "proxy": True,
                "default_permissions": ("add", "change", "view"),
                "indexes": [],
                "constraints": [],
            },
            bases=("auth.user",),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
