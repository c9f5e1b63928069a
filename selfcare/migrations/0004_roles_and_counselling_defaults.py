from django.contrib.auth.management import create_permissions
from django.db import migrations

from selfcare.roles import ensure_counselling_defaults, ensure_roles


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(
        apps.get_model("auth", "Group"),
        apps.get_model("auth", "Permission"),
        apps.get_model("contenttypes", "ContentType"),
    )
    ensure_counselling_defaults(
        apps.get_model("selfcare", "CounsellingMunicipality"),
        apps.get_model("catalogue", "Municipality"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("selfcare", "0003_professional_tools"),
        ("catalogue", "0009_lahella_activities"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
